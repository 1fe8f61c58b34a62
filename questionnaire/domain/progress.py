"""How far a respondent has got: answered questions per page and overall."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..scoring import AnswerValue
from .layout import QuestionPage

if TYPE_CHECKING:
    from .context import Context


@dataclass(frozen=True)
class PageProgress:
    page: QuestionPage
    answered: int
    total: int

    @property
    def done(self) -> bool:
        return self.answered == self.total


@dataclass(frozen=True)
class Progress:
    pages: list[PageProgress]

    @property
    def answered(self) -> int:
        return sum(p.answered for p in self.pages)

    @property
    def total(self) -> int:
        return sum(p.total for p in self.pages)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    def first_open_page(self) -> QuestionPage:
        """Where 'continue' should take the user: the first page with unanswered questions."""
        return next((p.page for p in self.pages if not p.done), self.pages[0].page)


def progress(context: Context, answers: Mapping[str, AnswerValue]) -> Progress:
    return progress_of(context, {key for key, value in answers.items() if value.answered})


def progress_of(context: Context, answered: AbstractSet[str]) -> Progress:
    """From the keys of the answered questions alone: what a question page has at hand."""
    pages = []
    for page in context.questionnaire.pages:
        entries = page.entries
        pages.append(PageProgress(page, sum(1 for entry in entries if entry.key in answered), len(entries)))
    return Progress(pages)
