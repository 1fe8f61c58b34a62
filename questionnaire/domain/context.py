"""Loading what a request about one assessment needs, through the one access check."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort

from ..banks import Bank
from ..models import LINK_ANSWER, Assessment, Link
from . import access
from .estimate import Estimate, estimate
from .layout import Questionnaire, QuestionPage, build
from .operations import AssessmentRef, LinkRef, find_respondent_ref
from .registry import registry


@dataclass(frozen=True)
class Context:
    assessment: Assessment | AssessmentRef
    questionnaire: Questionnaire
    respondent: Link | LinkRef | None = None  # the link that opened it; None when its consultant looks

    @property
    def banks(self) -> tuple[Bank, ...]:
        """The banks as assessed: for a transition, reduced to the new and broadened clauses."""
        return self.questionnaire.banks

    @property
    def transition(self) -> bool:
        return self.assessment.kind == "transition"

    @property
    def can_answer(self) -> bool:
        return self.respondent is not None and self.respondent.access == LINK_ANSWER

    @property
    def layout_key(self) -> tuple[str, ...]:
        return self.assessment.layout_key


def load(token: str, need: access.Need = "answer") -> Context:
    """404 for any token that may not do `need` here, whatever the reason: no hint the assessment exists."""
    respondent = access.by_token(token, need)
    return for_assessment(respondent.assessment, respondent)


def load_light(token: str, need: access.Need = "answer") -> Context:
    """The same check, reading plain rows instead of models: for the busiest pages (questions, results)."""
    respondent = find_respondent_ref(token)
    if respondent is None or not access.permits(
        access.Principal(link=respondent),  # type: ignore[arg-type]
        None,
        respondent.assessment_id,
        need,
    ):
        abort(404)
    assessment = respondent.assessment
    return Context(assessment, questionnaire_for(assessment.bank_ids, assessment.kind), respondent)


def for_assessment(assessment: Assessment, respondent: Link | None = None) -> Context:
    """An assessment the access check has already let through: by a link, or by its consultant."""
    return Context(assessment, questionnaire_for(assessment.bank_ids, assessment.kind), respondent)


def questionnaire_for(bank_ids: list[str], kind: str = "full") -> Questionnaire:
    reg = registry()

    def make() -> Questionnaire:
        banks = tuple(reg.get(bank_id) for bank_id in bank_ids)
        if any(bank is None for bank in banks):
            abort(503, description="A standard this assessment uses cannot be loaded right now. Your answers are safe.")
        return build(banks, reg.harmonized, kind)  # type: ignore[arg-type]

    return reg.derived(("layout", kind, *bank_ids), make)


def page_or_404(context: Context, page_id: str) -> QuestionPage:
    page = context.questionnaire.page(page_id)
    if page is None:
        abort(404)
    return page


def estimate_for(bank_ids: list[str], kind: str = "full") -> Estimate:
    """Time to answer, computed once per layout from its words and questions."""
    return registry().derived(("estimate", kind, *bank_ids), lambda: estimate(questionnaire_for(bank_ids, kind)))
