"""Sign up (with a confirmation message), sign in (rate-limited), sign out and change password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from ..domain import accounts_mail
from ..extensions import db
from ..limits import sign_in_limit
from ..models import Consultant
from ..service import accounts
from . import bp
from .forms import ConfirmForm, PasswordForm, SignInForm, SignUpForm

Page = Response | str | tuple[str, int]


def safe_next(target: str | None) -> str | None:
    """A `next` URL is followed only when it is a path on this site: no scheme, no host, no //host or \\ trick."""
    target = (target or "").strip()
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def start_session(user: Consultant) -> None:
    """A fresh session on sign-in, so a session fixed before it cannot ride on it."""
    session.clear()
    login_user(user)


@bp.route("/signup", methods=["GET", "POST"])
@sign_in_limit
def signup() -> Page:
    form = SignUpForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(form.email.data, form.name.data, form.password.data)
        except accounts.AddressTaken as exc:
            accounts_mail.address_taken(exc.holder)  # the one place an attempt on a taken address is handled
            db.session.commit()
            form.email.errors = [str(exc)]
        else:
            db.session.flush()
            accounts_mail.send_confirmation(user)
            db.session.commit()
            start_session(user)
            flash(
                "Your consultant account is ready. Add your first client. A message to confirm your address is on its "
                "way: open it, so that Preaudit can send invitations in your name.",
                "success",
            )
            return redirect(url_for(".dashboard"))
    return render_template("consult/signup.html", form=form), 400 if form.errors else 200


@bp.route("/signin", methods=["GET", "POST"])
@sign_in_limit
def signin() -> Page:
    form = SignInForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            db.session.commit()  # a hash with outdated parameters was just upgraded
            start_session(user)
            return redirect(safe_next(form.next.data) or url_for(".dashboard"))
        form.password.errors = ["The email address or the password is not right."]
    return render_template("consult/signin.html", form=form), 400 if form.errors else 200


@bp.post("/signout")
def signout() -> Response:
    if ConfirmForm().validate_on_submit():
        logout_user()
        session.clear()
        flash("You are signed out.", "success")
    return redirect(url_for("pages.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> Page:
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current.data, form.password.data)
        except accounts.AccountError as exc:
            form.current.errors = [str(exc)]
        else:
            db.session.commit()
            start_session(current_user._get_current_object())  # the new stamp: every other session ends
            flash("Password changed. Other browsers signed in to this account are signed out.", "success")
            return redirect(url_for(".dashboard"))
    return render_template("consult/password.html", form=form), 400 if form.errors else 200
