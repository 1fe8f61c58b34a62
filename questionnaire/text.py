"""Text users type or upload, checked by the one input policy (domain/inputs.py) on every form field.

PostgreSQL cannot store NUL at all and SQLite stores it silently; no control character other than tab and line
breaks belongs in a note or a justification, and none at all in a name, so every field is checked alike.
"""

from __future__ import annotations

from wtforms import Field, ValidationError
from wtforms.form import BaseForm

from .domain.inputs import REFUSED, text_problem

CONTROL = REFUSED


def control_problem(text: str) -> str | None:
    """A message naming the first refused character of multi-line text, or None when the text is clean."""
    return text_problem(text, multiline=True)


class NoControlCharacters:
    """WTForms validator for the policy; `multiline=False` for names and other one-line fields."""

    def __init__(self, multiline: bool = True) -> None:
        self.multiline = multiline

    def __call__(self, form: BaseForm, field: Field) -> None:
        if isinstance(field.data, str) and (problem := text_problem(field.data, self.multiline)):
            raise ValidationError(problem)
