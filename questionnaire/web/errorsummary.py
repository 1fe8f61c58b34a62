"""The GOV.UK error pattern's data: one (link target, message) per problem on a page, for the summary at the
top that takes focus. Question pages (read without WTForms) make the same shape in assess/forms.py."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField

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
