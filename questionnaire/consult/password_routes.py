"""Forgotten passwords and address confirmation: the links that arrive by e-mail land here."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..domain import accounts, accounts_mail
from ..extensions import db
from ..models import PURPOSE_CONFIRM, PURPOSE_RESET
from ..web.ratelimits import reset_limit
from .blueprint import bp
from .forms import ConfirmForm, ForgotForm, ResetForm


@bp.route("/forgot", methods=["GET", "POST"])
@reset_limit
def forgot_password() -> ResponseReturnValue:
    form = ForgotForm()
    if form.validate_on_submit():
        accounts_mail.request_reset(form.email.data)
        db.session.commit()
        return render_template("consult/reset_sent.html", email=form.email.data.strip())
    return render_template("consult/forgot.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@reset_limit
def reset_password(token: str) -> ResponseReturnValue:
    if accounts_mail.valid_token(token, PURPOSE_RESET) is None:
        return render_template("consult/token_spent.html", purpose=PURPOSE_RESET), 400
    form = ResetForm()
    if form.validate_on_submit():
        try:
            accounts_mail.reset_password(token, form.password.data)
        except accounts.AccountError as exc:
            form.password.errors = [str(exc)]
            return render_template("consult/reset.html", form=form), 400
        db.session.commit()
        flash(
            "Your new password is set, and every browser signed in with the old one is signed out. Sign in.", "success"
        )
        return redirect(url_for(".signin"))
    return render_template("consult/reset.html", form=form), 400 if form.errors else 200


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@reset_limit
def confirm_email(token: str) -> ResponseReturnValue:
    """A page with a button, not a GET that confirms: mail scanners open links, and a form carries its CSRF token."""
    row = accounts_mail.valid_token(token, PURPOSE_CONFIRM)
    if row is None:
        return render_template("consult/token_spent.html", purpose=PURPOSE_CONFIRM), 400
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            user = accounts_mail.confirm_address(token)
        except accounts_mail.AddressError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(f"Address confirmed: {user.email if user else row.email}.", "success")
        return redirect(url_for(".account" if current_user.is_authenticated else ".signin"))
    return render_template("consult/confirm_email.html", form=form, email=row.email)
