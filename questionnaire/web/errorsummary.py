"""The GOV.UK error pattern's data: one (link target, message) per problem on a page, for the summary at the
top that takes focus. Forms built with WTForms and the hand-read question pages give the same shape."""

from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField

from ..assess.forms import EntryInput
from ..domain.layout import Page

Item = tuple[str, str]  # ("#field-id", "message")


def form_items(form: FlaskForm | None) -> list[Item]:
    """Every field error of a WTForms form; a choice list links to its first option."""
    if form is None:
        return []
    items = []
    for field in form:
        if field.name == "csrf_token" or not field.errors:
            continue
        target = f"{field.id}-0" if isinstance(field, RadioField | SelectMultipleField) else field.id
        items.extend((f"#{target}", f"{field.label.text}: {error}") for error in field.errors)
    return items


def page_items(page: Page, inputs: Mapping[str, EntryInput]) -> list[Item]:
    """A question page's problems, each named by its question number, linking to the input to fix."""
    items = []
    for number, entry in enumerate(page.entries, 1):
        shown = inputs.get(entry.field_name)
        if shown is None:
            continue
        for what in ("level", "reason", "note"):
            target = f"{entry.field_name}-level-0" if what == "level" else f"{entry.field_name}-{what}"
            items.extend((f"#{target}", f"Question {number}: {message}") for message in shown.errors.get(what, []))
        if shown.theirs is not None:
            items.append(
                (f"#q-{entry.field_name}", f"Question {number}: someone else saved a newer answer; yours was not saved")
            )
    return items
