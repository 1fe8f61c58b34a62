"""Form pieces every blueprint uses: the level choices, "not applicable", checkbox lists and the text rule."""

from __future__ import annotations

from wtforms import Field, SelectChoice, SelectMultipleField, ValidationError
from wtforms.form import BaseForm
from wtforms.widgets import CheckboxInput, ListWidget

from ..domain.text import control_problem

LEVELS: list[SelectChoice] = [
    SelectChoice("0", "Not in place"),
    SelectChoice("1", "Planned or ad hoc"),
    SelectChoice("2", "Partly implemented"),
    SelectChoice("3", "Implemented, with its records"),
    SelectChoice("4", "Effective: measured, reviewed, improved over cycles"),
]
LEVEL_VALUES = frozenset(choice.value for choice in LEVELS)
NA = "na"  # the value "not applicable" is posted as


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class NoControlCharacters:
    """WTForms validator for the rule of domain/text.py: no control characters."""

    def __call__(self, form: BaseForm, field: Field) -> None:
        if isinstance(field.data, str) and (problem := control_problem(field.data)):
            raise ValidationError(problem)
