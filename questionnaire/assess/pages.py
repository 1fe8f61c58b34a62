"""A whole question page, rendered: by the page route, and again after a save that failed (recovery.py)."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from flask import render_template

from ..domain.context import Context
from ..domain.layout import QuestionPage
from ..domain.operations import answers_of
from ..domain.progress import progress_of
from ..domain.registry import registry
from ..web.errorsummary import Item
from .forms import EntryInput, na_label
from .render import questions_html


def render_page(
    context: Context,
    token: str,
    current: QuestionPage,
    inputs: Mapping[str, EntryInput],
    answered: AbstractSet[str],
    revision: int,
    problems: list[Item] | None = None,
) -> str:
    before, after = context.questionnaire.neighbours(current.id)
    label = na_label(current)
    questions = questions_html(
        context.layout_key, current, inputs, na_label=label, several_standards=len(context.banks) > 1
    )
    return render_template(
        "assess/page.html",
        context=context,
        token=token,
        page=current,
        questions=questions,
        revision=revision,
        before=before,
        after=after,
        position=context.questionnaire.pages.index(current) + 1,
        progress=progress_of(context, answered),
        error_items=problems or [],
    )


def answered_keys(context: Context) -> set[str]:
    answers = answers_of(context.respondent, registry().renames)  # type: ignore[arg-type]
    return {key for key, value in answers.items() if value.answered}
