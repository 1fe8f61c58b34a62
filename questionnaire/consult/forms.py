"""Forms of the consultant's pages. Every POST carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from ..domain.credentials import PASSWORD_MAX, PASSWORD_MIN
from ..domain.inputs import EMAIL_MAX, NAME_MAX, NOTE_MAX, ORGANISATION_MAX, REASON_MAX, SCOPE_MAX
from ..models import LINK_ANSWER, LINK_READ
from ..web.forms import LEVELS, NA, MultiCheckboxField, NoControlCharacters

LENGTH_MESSAGE = f"Use at least {PASSWORD_MIN} characters (and at most {PASSWORD_MAX})."
STRENGTH_HELP = "Several unrelated words work well. Common passwords, your name and your e-mail address are refused."
one_line = NoControlCharacters(multiline=False)  # names, roles, e-mail addresses
plain_text = NoControlCharacters()  # notes, reasons, scopes: tabs and line breaks allowed


class SignUpForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=NAME_MAX), one_line])
    email = EmailField("Email address", validators=[DataRequired(), Length(max=EMAIL_MAX), one_line])
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX, message=LENGTH_MESSAGE)],
        description=STRENGTH_HELP,
    )
    confirm = PasswordField("Password again", validators=[DataRequired(), EqualTo("password", "The passwords differ.")])


class SignInForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    next = HiddenField()


class PasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX, message=LENGTH_MESSAGE)],
        description=STRENGTH_HELP,
    )
    confirm = PasswordField(
        "New password again", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )


class ClientForm(FlaskForm):
    name = StringField("Client organisation", validators=[DataRequired(), Length(max=ORGANISATION_MAX), one_line])
    sector = StringField("Sector", validators=[Optional(), Length(max=NAME_MAX), one_line])
    headcount = IntegerField(
        "Number of people", validators=[Optional(), NumberRange(min=1, max=1_000_000)], description="Everyone in scope."
    )
    scope = TextAreaField(
        "Scope of certification",
        validators=[Optional(), Length(max=SCOPE_MAX), plain_text],
        description="Sites, products, services and activities the certificate would cover.",
    )


class AssessmentForm(FlaskForm):
    standards = MultiCheckboxField("Standards", validators=[DataRequired(message="Choose at least one standard.")])


class LinkForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=NAME_MAX), one_line])
    role = StringField(
        "Role",
        validators=[Optional(), Length(max=NAME_MAX), one_line],
        description="Quality manager, IT lead, site manager…",
    )
    access = RadioField(
        "Kind of link",
        choices=[
            SelectChoice(LINK_ANSWER, "Respondent: answers the questions"),
            SelectChoice(LINK_READ, "Read-only: sees results and report"),
        ],
        default=LINK_ANSWER,
    )
    expires_on = DateField(
        "Expires after", validators=[Optional()], description="Optional. The link stops working after this day."
    )


class ExpiryForm(FlaskForm):
    expires_on = DateField("Expires after", validators=[Optional()])


class AgreeForm(FlaskForm):
    key = HiddenField(validators=[DataRequired(), Length(max=160)])
    level = RadioField("Agreed answer", choices=[*LEVELS, SelectChoice(NA, "Not applicable")], validate_choice=True)
    reason = StringField("Reason, if not applicable", validators=[Length(max=REASON_MAX), plain_text])
    note = TextAreaField("Note", validators=[Length(max=NOTE_MAX), plain_text])


class CycleForm(FlaskForm):
    stage1 = DateField("Stage 1 audit", validators=[Optional()])
    stage2 = DateField("Stage 2 audit", validators=[Optional()])
    certified = DateField("Certificate issued", validators=[Optional()])


class ImportForm(FlaskForm):
    file = FileField("Assessment export (JSON)", validators=[FileRequired("Choose the JSON file to import.")])


class AdoptForm(FlaskForm):
    link = StringField(
        "The firm's private link",
        validators=[DataRequired(), Length(max=500), one_line],
        description="Paste the whole link the firm was given when it started, or just the code at its end.",
    )
    client = SelectField("Attach to", description="Or make the firm a new client.")


class ConfirmForm(FlaskForm):
    """A button and a CSRF token: sign-out, revoke, regenerate, re-assess, delete."""


class DeleteAccountForm(FlaskForm):
    """Deleting the account is confirmed by its password, not by a click alone."""

    password = PasswordField("Your password", validators=[DataRequired(), Length(max=PASSWORD_MAX)])
