"""Forms of the evidence and action pages. Every POST carries a CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..domain.actions import NOTE_MAX, OWNER_MAX, STATUS_LABELS
from ..domain.filetypes import ACCEPTED
from ..web.forms import NoControlCharacters

FILE_HELP = f"{ACCEPTED}. The type is read from the file itself, not from its name."


class UploadForm(FlaskForm):
    target = SelectField("What is this file for?", validators=[InputRequired("Choose what the file is for.")])
    file = FileField("File", validators=[FileRequired("Choose a file to upload.")], description=FILE_HELP)


class ClosureForm(FlaskForm):
    file = FileField(
        "Evidence of closure", validators=[FileRequired("Choose a file to upload.")], description=FILE_HELP
    )


class HeldForm(FlaskForm):
    key = HiddenField(validators=[InputRequired()])
    held = HiddenField(validators=[InputRequired()])
    note = StringField("Where it is kept (optional)", validators=[Optional(), Length(max=300), NoControlCharacters()])


class TrackForm(FlaskForm):
    finding = HiddenField(validators=[InputRequired()])  # "bank id|clause id", or "all"


class ActionForm(FlaskForm):
    owner = StringField("Owner", validators=[Optional(), Length(max=OWNER_MAX), NoControlCharacters()])
    due_on = DateField("Due date", validators=[Optional()], description="Goes into the certification calendar.")
    status = RadioField(
        "Status", choices=[SelectChoice(k, v) for k, v in STATUS_LABELS.items()], validators=[InputRequired()]
    )
    note = TextAreaField("Note", validators=[Optional(), Length(max=NOTE_MAX), NoControlCharacters()])


class DeleteForm(FlaskForm):
    """A button and a CSRF token."""
