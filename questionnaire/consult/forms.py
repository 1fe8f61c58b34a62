"""Forms of the consultant's pages. Every POST carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    Field,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from ..domain.credentials import PASSWORD_MAX, PASSWORD_MIN
from ..domain.inputs import EMAIL_MAX, NAME_MAX, ORGANISATION_MAX, SCOPE_MAX
from ..domain.invitations import NOTE_MAX as MESSAGE_MAX
from ..mail.addresses import address_problem, clean_address
from ..models import LINK_ANSWER, LINK_READ
from ..web.forms import MultiCheckboxField, NoControlCharacters

LENGTH_MESSAGE = f"Use at least {PASSWORD_MIN} characters (and at most {PASSWORD_MAX})."
STRENGTH_HELP = "Several unrelated words work well. Common passwords, your name and your e-mail address are refused."
one_line = NoControlCharacters(multiline=False)  # names, roles, e-mail addresses
plain_text = NoControlCharacters()  # notes, reasons, scopes: tabs and line breaks allowed


def an_address(_form: FlaskForm, field: Field) -> None:
    """An optional e-mail address, kept trimmed and with its domain lower-cased."""
    if field.data and field.data.strip():
        if (address := clean_address(field.data)) is None:
            raise ValidationError(address_problem(field.data))
        field.data = address
    else:
        field.data = None


def not_in_the_past(_form: FlaskForm, field: Field) -> None:
    """A link that expired the day it was made would be dead on arrival: the expiry is today or later."""
    if field.data and field.data < datetime.now(UTC).date():
        raise ValidationError("Give today or a later day: a link with an expiry in the past would not open at all.")


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


class ForgotForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired(), Length(max=254), plain_text])


class ResetForm(FlaskForm):
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=200, message=LENGTH_MESSAGE)],
        description=f"At least {PASSWORD_MIN} characters.",
    )
    confirm = PasswordField(
        "New password again", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )


class ProfileForm(FlaskForm):
    firm_name = StringField(
        "Your firm",
        validators=[Optional(), Length(max=120), plain_text],
        description="On report covers and in the invitations you send. Leave empty to show only your name.",
    )
    weekly_digest = BooleanField("Send me a weekly digest of open assessments (Mondays)")


class LogoForm(FlaskForm):
    logo = FileField(
        "Logo",
        validators=[FileRequired("Choose a PNG or JPEG file.")],
        description="PNG or JPEG, at most 200 KiB. It is redrawn at up to 600 × 200 pixels.",
    )


class EmailChangeForm(FlaskForm):
    email = EmailField("New email address", validators=[DataRequired(), Length(max=254), an_address])
    password = PasswordField("Your password", validators=[DataRequired(), Length(max=200)])


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
    name = StringField(
        "Name",
        validators=[Optional(), Length(max=120), plain_text],
        description="Optional, to tell assessments apart: “Gap analysis”, “Surveillance 2027”.",
    )
    standards = MultiCheckboxField("Standards", validators=[DataRequired(message="Choose at least one standard.")])


class PlanForm(FlaskForm):
    """An assessment's name, its due date and reminders, and whether it is a point of the client's trend."""

    name = StringField("Name", validators=[Optional(), Length(max=120), plain_text])
    due_on = DateField(
        "Answers due by",
        validators=[Optional()],
        description="Respondents with an address who are not done yet get a reminder before it and on the day.",
    )
    remind_days = IntegerField(
        "First reminder, days before",
        validators=[Optional(), NumberRange(min=0, max=30, message="Give a number of days from 0 to 30.")],
        default=3,
    )
    in_trends = BooleanField("Show it in the client’s chart of scores over time")


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
    email = EmailField(
        "E-mail address",
        validators=[Optional(), Length(max=254), an_address],
        description="Optional. With it, the link is sent to them with your message.",
    )
    expires_on = DateField(
        "Expires after",
        validators=[Optional(), not_in_the_past],
        description="Optional. The link stops working after this day.",
    )
    note = TextAreaField(
        "Your message",
        validators=[Optional(), Length(max=MESSAGE_MAX), plain_text],
        description="Optional. Added to the invitation, above the link.",
    )


class ExpiryForm(FlaskForm):
    expires_on = DateField("Expires after", validators=[Optional(), not_in_the_past])


class ResendForm(FlaskForm):
    """Regenerate a link (the old one stops working) and, with an address, send the new one."""

    email = EmailField(
        "E-mail address",
        validators=[Optional(), Length(max=254), an_address],
        description="Leave it empty to copy the new link yourself.",
    )
    note = TextAreaField(
        "Your message", validators=[Optional(), Length(max=MESSAGE_MAX), plain_text], description="Optional."
    )


class BulkForm(FlaskForm):
    people = TextAreaField(
        "People, one a line",
        validators=[Optional(), Length(max=60_000)],
        description="Name, role, e-mail, separated by commas (or semicolons, or tabs); the role may be left out. "
        "“Name <e-mail>” works too. A spreadsheet's columns pasted here come out right.",
    )
    file = FileField("Or a CSV file", description="UTF-8, the same three columns; a header line is skipped.")
    note = TextAreaField(
        "Your message",
        validators=[Optional(), Length(max=MESSAGE_MAX), plain_text],
        description="Optional. Added to every invitation, above the link.",
    )
    expires_on = DateField("Links expire after", validators=[Optional(), not_in_the_past])


class CycleForm(FlaskForm):
    stage1 = DateField("Stage 1 audit", validators=[Optional()])
    stage2 = DateField("Stage 2 audit", validators=[Optional()])
    certified = DateField("Certificate issued", validators=[Optional()])

    def validate_stage2(self, field: Field) -> None:
        if field.data and self.stage1.data and field.data < self.stage1.data:
            raise ValidationError("Stage 2 comes after stage 1: give a day on or after the stage 1 audit.")

    def validate_certified(self, field: Field) -> None:
        audits = [day for day in (self.stage1.data, self.stage2.data) if day]
        if field.data and audits and field.data < max(audits):
            raise ValidationError("The certificate is issued after the audits: give a day on or after the last one.")


class ImportForm(FlaskForm):
    file = FileField("Assessment export (JSON)", validators=[FileRequired("Choose the JSON file to import.")])


class AdoptForm(FlaskForm):
    link = StringField(
        "The firm's private link",
        validators=[DataRequired(), Length(max=500), one_line],
        description="Paste the whole link the firm was given when it started, or just the code at its end.",
    )
    client = SelectField("Attach to", description="Or make the firm a new client.")
    same_name = BooleanField("Yes, make a new client even though one of mine has that name")


class ConfirmForm(FlaskForm):
    """A button and a CSRF token: sign-out, revoke, regenerate, re-assess, delete."""


class DeleteAccountForm(FlaskForm):
    """Deleting the account is confirmed by its password, not by a click alone."""

    password = PasswordField("Your password", validators=[DataRequired(), Length(max=PASSWORD_MAX)])
