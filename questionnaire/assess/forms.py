"""Forms: starting an assessment, and one generated form per questionnaire page."""

from __future__ import annotations

from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, RadioField, SelectChoice, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..scoring import AnswerValue
from .layout import Entry, Page

LEVELS: list[SelectChoice] = [
    SelectChoice("0", "Not in place"),
    SelectChoice("1", "Planned or ad hoc"),
    SelectChoice("2", "Partly implemented"),
    SelectChoice("3", "Implemented, with its records"),
    SelectChoice("4", "Effective: measured, reviewed, improved over cycles"),
]
NA = "na"
NOTE_MAX = 2000
REASON_MAX = 500
SCOPE_MAX = 1000


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StartForm(FlaskForm):
    organisation = StringField("Organisation name", validators=[DataRequired(), Length(max=200)])
    sector = StringField("Sector", validators=[Optional(), Length(max=120)], description="Optional, e.g. metalwork")
    headcount = IntegerField(
        "Number of people",
        validators=[Optional(), NumberRange(min=1, max=1_000_000)],
        description="Optional. Everyone in scope, including part-time staff and contractors.",
    )
    scope = TextAreaField(
        "Scope of certification",
        validators=[Optional(), Length(max=SCOPE_MAX)],
        description="Optional. The sites, products, services and activities the certificate would cover.",
    )
    standards = MultiCheckboxField("Standards", validators=[DataRequired(message="Choose at least one standard.")])
    kind = RadioField(
        "What to assess",
        choices=[
            SelectChoice("full", "Everything the standard requires: for a first certification"),
            SelectChoice("transition", "Only what changed since the previous edition: for firms certified to it"),
        ],
        default="full",
    )
    previous_link = StringField(
        "Private link of your assessment of the previous edition",
        validators=[Optional(), Length(max=300)],
        description="Optional. Answers to requirements that did not change are carried over from it.",
    )


def na_label(page: Page) -> str:
    return "Excluded from the Statement of Applicability" if page.kind == "controls" else "Not applicable"


def page_form_class(page: Page) -> type[FlaskForm]:
    """Three fields per question: level (radio), reason for N/A, note. Built once per page layout."""
    fields: dict[str, Field] = {}
    for entry in page.entries:
        choices = LEVELS + ([SelectChoice(NA, na_label(page))] if entry.question.allow_na else [])
        fields[f"{entry.field_name}-level"] = RadioField(entry.text, choices=choices, validate_choice=False)
        fields[f"{entry.field_name}-reason"] = StringField("Reason", validators=[Length(max=REASON_MAX)])
        fields[f"{entry.field_name}-note"] = TextAreaField("Note", validators=[Length(max=NOTE_MAX)])
    return type(f"PageForm_{page.id}", (FlaskForm,), fields)


@dataclass(frozen=True)
class Parsed:
    values: dict[str, AnswerValue]
    errors: int


def parse_page(form: FlaskForm, page: Page) -> Parsed:
    """Valid answers are kept even when others on the page are wrong; each wrong one gets its message."""
    values: dict[str, AnswerValue] = {}
    errors = 0
    for entry in page.entries:
        value = _parse_entry(form, entry)
        if value is None:
            errors += 1
        elif value.answered or value.note:
            values[entry.key] = value
    return Parsed(values, errors)


def _parse_entry(form: FlaskForm, entry: Entry) -> AnswerValue | None:
    level_field = form[f"{entry.field_name}-level"]
    reason_field = form[f"{entry.field_name}-reason"]
    note_field = form[f"{entry.field_name}-note"]
    if reason_field.errors or note_field.errors:
        return None
    raw = (level_field.data or "").strip()
    reason = (reason_field.data or "").strip()
    note = (note_field.data or "").strip()
    if raw == NA:
        if not entry.question.allow_na:
            level_field.errors = ["This requirement cannot be marked not applicable: choose a level from 0 to 4."]
            return None
        if not reason:
            reason_field.errors = ["Give the reason it does not apply; an auditor will ask for the justification."]
            return None
        return AnswerValue(None, True, reason, note)
    if raw == "":
        return AnswerValue(None, False, "", note)
    if raw not in {choice.value for choice in LEVELS}:
        level_field.errors = ["Choose one of the levels 0 to 4."]
        return None
    return AnswerValue(int(raw), False, "", note)


def fill_page(form: FlaskForm, page: Page, answers: dict[str, AnswerValue]) -> None:
    """Show saved answers on a freshly opened page."""
    for entry in page.entries:
        value = answers.get(entry.key)
        if value is None:
            continue
        level = NA if value.not_applicable else ("" if value.level is None else str(value.level))
        form[f"{entry.field_name}-level"].data = level
        form[f"{entry.field_name}-reason"].data = value.reason
        form[f"{entry.field_name}-note"].data = value.note
