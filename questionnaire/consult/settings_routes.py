"""The consultant's account page: firm name and logo (branding), weekly digest, address and its confirmation."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from werkzeug.wrappers import Response

from ..domain import accounts, accounts_mail, branding, sessions
from ..extensions import db
from ..web.ratelimits import reset_limit
from .blueprint import bp
from .current import me
from .forms import ConfirmForm, EmailChangeForm, LogoForm, ProfileForm


def session_hours() -> dict[str, str]:
    """How long a session lasts idle and at most, in hours, as the account page states them."""
    keys = {"idle_hours": "SESSION_IDLE_TIMEOUT", "lifetime_hours": "SESSION_LIFETIME"}
    return {name: f"{int(current_app.config[key]) / 3600:g}" for name, key in keys.items()}


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> ResponseReturnValue:
    user = me()
    form = ProfileForm(obj=user if request.method == "GET" else None)
    if form.validate_on_submit():
        branding.set_firm_name(user, form.firm_name.data)
        user.weekly_digest = bool(form.weekly_digest.data)
        db.session.commit()
        flash("Account details saved.", "success")
        return redirect(url_for(".account"))
    html = render_template(
        "consult/account.html",
        form=form,
        logo_form=LogoForm(),
        email_form=EmailChangeForm(),
        confirm=ConfirmForm(),
        logo=branding.data_uri(branding.logo_of(user.id)),
        open_sessions=sessions.count(user),
        **session_hours(),
    )
    return html, 400 if form.errors else 200


@bp.post("/account/logo")
@login_required
def upload_logo() -> Response:
    form = LogoForm()
    if not form.validate_on_submit():
        flash(" ".join(form.logo.errors) or "Choose a PNG or JPEG file.", "error")
        return redirect(url_for(".account", _anchor="logo"))
    try:
        branding.set_logo(me(), form.logo.data.read())
    except branding.LogoRefused as exc:
        flash(f"The logo was not changed: {exc}", "error")
    else:
        db.session.commit()
        flash("Logo saved. It shows on your reports and in your invitations.", "success")
    return redirect(url_for(".account", _anchor="logo"))


@bp.post("/account/logo/remove")
@login_required
def remove_logo() -> Response:
    if ConfirmForm().validate_on_submit():
        branding.remove_logo(me())
        db.session.commit()
        flash("Logo removed.", "success")
    return redirect(url_for(".account", _anchor="logo"))


@bp.post("/account/email")
@login_required
@reset_limit
def change_email() -> Response:
    form = EmailChangeForm()
    user = me()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
    elif not accounts.check_password(user, form.password.data):
        flash("The address was not changed: the password is not right.", "error")
    else:
        try:
            accounts_mail.request_email_change(user, form.email.data)
        except accounts_mail.AddressError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(
                f"A message to confirm {form.email.data} is on its way. The account keeps {user.email} until you "
                "open it.",
                "success",
            )
    return redirect(url_for(".account", _anchor="email"))


@bp.post("/account/confirm")
@login_required
@reset_limit
def resend_confirmation() -> Response:
    user = me()
    if ConfirmForm().validate_on_submit() and user.email_confirmed_at is None:
        accounts_mail.send_confirmation(user)
        db.session.commit()
        flash(f"A new confirmation message is on its way to {user.email}.", "success")
    return redirect(url_for(".account", _anchor="email"))
