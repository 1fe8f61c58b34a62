"""Where the buttons of the results page and the report lead, for whoever is looking at them.

A respondent's link leads back into the questionnaire; a read-only link leads nowhere it could write;
a consultant's view leads back to the consultant's pages. One template serves all three.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for

from ..banks import Item
from ..domain.context import Context


@dataclass(frozen=True)
class Nav:
    results: str
    report: str
    pdf: str
    back: str | None = None  # the overview, or the consultant's assessment page
    back_label: str = "← Back to the assessment"
    answer: Callable[[str], str] | None = None  # page id -> that questionnaire page
    question: Callable[[Item], str | None] | None = None  # a finding -> its question on its page
    soa_page: Callable[[str], str] | None = None
    soa_csv: Callable[[str], str] | None = None

    @property
    def identity(self) -> tuple[object, ...]:
        """Everything the links drawn with this Nav depend on: equal identities draw equal links."""
        sample = "~"
        return (
            self.results,
            self.report,
            self.pdf,
            self.back,
            self.back_label,
            self.answer(sample) if self.answer else None,
            self.question is not None,
            self.soa_page(sample) if self.soa_page else None,
            self.soa_csv(sample) if self.soa_csv else None,
        )


def for_link(context: Context, token: str) -> Nav:
    read_only = not context.can_answer
    return Nav(
        results=url_for("assess.results", token=token),
        report=url_for("reports.report_page", token=token),
        pdf=url_for("reports.report_pdf", token=token),
        back=None if read_only else url_for("assess.overview", token=token),
        answer=None if read_only else lambda page_id: url_for("assess.page", token=token, page_id=page_id),
        question=None if read_only else question_link(context, token),
        soa_page=None if read_only else lambda bank_id: url_for("reports.soa_page", token=token, bank_id=bank_id),
        soa_csv=lambda bank_id: url_for("reports.soa_csv", token=token, bank_id=bank_id),
    )


def for_consultant(context: Context) -> Nav:
    assessment_id = context.assessment.public_id  # type: ignore[union-attr]  # consultants see full models
    return Nav(
        results=url_for("consult.results", assessment_id=assessment_id),
        report=url_for("consult.report_page", assessment_id=assessment_id),
        pdf=url_for("consult.report_pdf", assessment_id=assessment_id),
        back=url_for("consult.assessment", assessment_id=assessment_id),
        back_label="← Back to the assessment dashboard",
    )


def question_link(context: Context, token: str) -> Callable[[Item], str | None]:
    """Results and findings link back to the question behind them, on its page."""

    pages: dict[str, str] = {}  # page id -> its URL, built once per request: a results page links dozens of times

    def link(item: Item) -> str | None:
        place = context.questionnaire.locate(item.key)
        if place is None:
            return None
        page_id, field_name = place
        if page_id not in pages:
            pages[page_id] = url_for("assess.page", token=token, page_id=page_id)
        return f"{pages[page_id]}#q-{field_name}"

    return link
