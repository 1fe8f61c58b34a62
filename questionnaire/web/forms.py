"""Form pieces every blueprint uses: the level choices, "not applicable", checkbox lists and the text rule."""

from __future__ import annotations

from wtforms import Field, SelectChoice, SelectMultipleField, ValidationError
from wtforms.form import BaseForm
from wtforms.widgets import CheckboxInput, ListWidget

from ..domain.inputs import text_problem

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
    """WTForms validator for the input policy (domain/inputs.py); `multiline=False` for names and one-line fields."""

    def __init__(self, multiline: bool = True) -> None:
        self.multiline = multiline

    def __call__(self, form: BaseForm, field: Field) -> None:
        if isinstance(field.data, str) and (problem := text_problem(field.data, self.multiline)):
            raise ValidationError(problem)
