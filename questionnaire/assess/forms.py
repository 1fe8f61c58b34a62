"""Forms: starting an assessment (Flask-WTF), and reading a questionnaire page's post.

A page has three inputs per question and up to a hundred questions. It is read and written without WTForms:
the template writes the inputs (render.py), `parse_page` reads them back with the same rules WTForms applied,
and CSRFProtect checks the token of every POST as it does for every other form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import IntegerField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..domain.inputs import NAME_MAX, NOTE_MAX, ORGANISATION_MAX, REASON_MAX, SCOPE_MAX, text_problem
from ..domain.layout import Entry, QuestionPage
from ..scoring import AnswerValue
from ..web.errorsummary import Item as ErrorItem
from ..web.forms import LEVEL_VALUES, NA, MultiCheckboxField, NoControlCharacters


class StartForm(FlaskForm):
    organisation = StringField(
        "Organisation name",
        validators=[DataRequired(), Length(max=ORGANISATION_MAX), NoControlCharacters(multiline=False)],
    )
    sector = StringField(
        "Sector",
        validators=[Optional(), Length(max=NAME_MAX), NoControlCharacters(multiline=False)],
        description="Optional, e.g. metalwork",
    )
    headcount = IntegerField(
        "Number of people",
        validators=[Optional(), NumberRange(min=1, max=1_000_000)],
        description="Optional. Everyone in scope, including part-time staff and contractors.",
    )
    scope = TextAreaField(
        "Scope of certification",
        validators=[Optional(), Length(max=SCOPE_MAX), NoControlCharacters()],
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
        validators=[Optional(), Length(max=300), NoControlCharacters(multiline=False)],
        description="Optional. Answers to requirements that did not change are carried over from it.",
    )


def na_label(page: QuestionPage) -> str:
    return "Excluded from the Statement of Applicability" if page.kind == "controls" else "Not applicable"


@dataclass
class EntryInput:
    """What one question shows: the chosen level ('', '0'-'4', 'na'), reason, note, and messages per input."""

    level: str = ""
    reason: str = ""
    note: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    theirs: AnswerValue | None = None  # a newer answer someone else saved, shown beside this one
    carried: bool = False  # last assessment's answer, filled in until this respondent saves the page

    def checked(self, value: str) -> str:
        return " checked" if self.level == value else ""

    @property
    def carried_mark(self) -> Markup:
        return CARRIED_MARK if self.carried else Markup("")

    @property
    def plain(self) -> bool:
        """Nothing but values: the page can show it from its pre-rendered skeleton."""
        return not self.errors and self.theirs is None


CARRIED_MARK = Markup(
    '<p class="carried-mark"><span class="tag tag-carried">Last time’s answer</span> '
    "It counts until you save this page: check it, change it if things have changed.</p>"
)
AnswerRow = tuple[str, int | None, bool, str, str]  # key, level, not applicable, reason, note


def read_rows(
    page: QuestionPage, rows: list[AnswerRow], renames: Mapping[str, str]
) -> tuple[dict[str, EntryInput], set[str]]:
    """A freshly opened page's inputs and the keys answered anywhere, straight from the answer rows."""
    by_key = {row[0]: row for row in rows}
    for old in [key for key in by_key if key in renames]:
        by_key.setdefault(renames[old], by_key[old])
    answered = {key for key, row in by_key.items() if row[2] or row[1] is not None}
    inputs = {}
    for entry in page.entries:
        if row := by_key.get(entry.key):
            _, level, not_applicable, reason, note = row
            inputs[entry.field_name] = EntryInput(
                NA if not_applicable else "" if level is None else str(level), reason, note
            )
    return inputs, answered


@dataclass(frozen=True)
class Parsed:
    values: dict[str, AnswerValue]
    errors: int
    inputs: dict[str, EntryInput]


def parse_page(page: QuestionPage, form: Mapping[str, str]) -> Parsed:
    """Valid answers are kept even when others on the page are wrong; each wrong one gets its message."""
    values: dict[str, AnswerValue] = {}
    inputs: dict[str, EntryInput] = {}
    errors = 0
    for entry in page.entries:
        shown = inputs[entry.field_name] = _read(form, entry.field_name)
        value = _parse_entry(shown, entry)
        if value is None:
            errors += 1
        elif value.answered or value.note:
            values[entry.key] = value
    return Parsed(values, errors, inputs)


def _read(form: Mapping[str, str], name: str) -> EntryInput:
    return EntryInput(form.get(f"{name}-level", ""), form.get(f"{name}-reason", ""), form.get(f"{name}-note", ""))


def _text_errors(shown: EntryInput) -> None:
    for name, text, limit in (("reason", shown.reason, REASON_MAX), ("note", shown.note, NOTE_MAX)):
        if len(text) > limit:
            shown.errors[name] = [f"Field cannot be longer than {limit} characters."]
        elif problem := text_problem(text):
            shown.errors[name] = [problem]


def _parse_entry(shown: EntryInput, entry: Entry) -> AnswerValue | None:
    _text_errors(shown)
    if shown.errors:
        return None
    raw, reason, note = shown.level.strip(), shown.reason.strip(), shown.note.strip()
    if raw == NA:
        if not entry.question.allow_na:
            shown.errors["level"] = ["This requirement cannot be marked not applicable: choose a level from 0 to 4."]
            return None
        if not reason:
            shown.errors["reason"] = ["Give the reason it does not apply; an auditor will ask for the justification."]
            return None
        return AnswerValue(None, True, reason, note)
    if raw == "":
        return AnswerValue(None, False, "", note)
    if raw not in LEVEL_VALUES:
        shown.errors["level"] = ["Choose one of the levels 0 to 4."]
        return None
    return AnswerValue(int(raw), False, "", note)


def read_revision(form: Mapping[str, str]) -> int | None:
    """The assessment revision the page was read at; None (no check) for a form that does not carry one."""
    raw = form.get("revision", "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def page_items(page: QuestionPage, inputs: Mapping[str, EntryInput]) -> list[ErrorItem]:
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
