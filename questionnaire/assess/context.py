"""Loading what a request about one assessment needs, with the access check built in."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app

from ..banks import Bank, BankRegistry
from ..models import Respondent
from .layout import Page, Questionnaire, build
from .operations import RespondentRef, find_respondent, find_respondent_ref


@dataclass(frozen=True)
class Context:
    respondent: Respondent | RespondentRef
    questionnaire: Questionnaire

    @property
    def banks(self) -> tuple[Bank, ...]:
        return self.questionnaire.banks

    @property
    def layout_key(self) -> tuple[str, ...]:
        return tuple(self.respondent.assessment.bank_ids)


def registry() -> BankRegistry:
    return current_app.extensions["banks"]


def load(token: str) -> Context:
    """404 for any token that does not open an assessment, whatever the reason: no hint it exists."""
    respondent = find_respondent(token)
    if respondent is None:
        abort(404)
    return Context(respondent, questionnaire_for(respondent.assessment.bank_ids))


def load_light(token: str) -> Context:
    """The same check, reading plain rows instead of models: for the question pages, the busiest of all."""
    respondent = find_respondent_ref(token)
    if respondent is None:
        abort(404)
    return Context(respondent, questionnaire_for(respondent.assessment.bank_ids))


def questionnaire_for(bank_ids: list[str]) -> Questionnaire:
    reg = registry()

    def make() -> Questionnaire:
        banks = tuple(reg.get(bank_id) for bank_id in bank_ids)
        if any(bank is None for bank in banks):
            abort(503, description="A standard this assessment uses cannot be loaded right now. Your answers are safe.")
        return build(banks, reg.harmonized)  # type: ignore[arg-type]

    return reg.derived(("layout", *bank_ids), make)


def page_or_404(context: Context, page_id: str) -> Page:
    page = context.questionnaire.page(page_id)
    if page is None:
        abort(404)
    return page
