"""Sign up (a confirmation message to the address), sign in (throttled per address and per account), sign out
(here or everywhere), change password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from ..domain import accounts, accounts_mail, sessions, throttle
from ..extensions import db
from ..models import Consultant
from .blueprint import bp
from .forms import ConfirmForm, PasswordForm, SignInForm, SignUpForm

SIGNED_UP = (
    "Thank you: we have sent a message to that address. If this address is new here, its account is ready: sign in "
    "with it below, and open the message to confirm the address, so that Preaudit can send invitations in your name. "
    "If it already had an account, nothing about that account changed: sign in with its password."
)


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
    """A fresh session on sign-in: the old cookie's contents (and its form token) go, a new server-side key comes."""
    session.clear()
    sessions.begin(user)
    db.session.commit()
    login_user(user)


def refused(template: str, form: FlaskForm, refusal: throttle.Refusal) -> ResponseReturnValue:
    """The form again with why it was not even tried, as a 429 with Retry-After."""
    html = render_template(template, form=form, error_items=[(f"#{form.email.id}", refusal.message)])
    return html, 429, {"Retry-After": str(refusal.retry_after)}


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> ResponseReturnValue:
    form = SignUpForm()
    if request.method == "POST" and (refusal := throttle.address_refusal(throttle.SIGN_UP, request.remote_addr)):
        return refused("consult/signup.html", form, refusal)
    if form.validate_on_submit():
        try:
            result = accounts.sign_up(form.email.data, form.name.data, form.password.data)
            db.session.flush()
            if result.outcome == "created":
                accounts_mail.send_confirmation(result.consultant)
            else:
                accounts_mail.address_taken(result.consultant)  # its holder hears of it; the page says the same
            db.session.commit()
        except accounts.AccountError as exc:
            getattr(form, exc.field).errors = [str(exc)]
        except IntegrityError:
            db.session.rollback()  # the same address signed up at the same instant: it is taken, answer alike
        else:
            flash(SIGNED_UP, "success")
            return redirect(url_for(".signin"))
    return render_template("consult/signup.html", form=form), 400 if form.errors else 200


@bp.route("/signin", methods=["GET", "POST"])
def signin() -> ResponseReturnValue:
    form = SignInForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    elif refusal := throttle.address_refusal(throttle.SIGN_IN, request.remote_addr):
        return refused("consult/signin.html", form, refusal)
    if form.validate_on_submit():
        if refusal := throttle.reserve_sign_in(form.email.data):
            return refused("consult/signin.html", form, refusal)
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            throttle.sign_in_succeeded(form.email.data)
            start_session(user)  # commits, with a hash upgraded to the current parameters if it was outdated
            return redirect(safe_next(form.next.data) or url_for(".dashboard"))
        form.password.errors = ["The email address or the password is not right."]
    return render_template("consult/signin.html", form=form), 400 if form.errors else 200


@bp.post("/signout")
def signout() -> Response:
    if ConfirmForm().validate_on_submit():
        sessions.end(session.get("_user_id"))
        db.session.commit()
        logout_user()
        session.clear()
        flash("You are signed out.", "success")
    return redirect(url_for("pages.home"))


@bp.post("/signout-everywhere")
@login_required
def signout_everywhere() -> Response:
    if ConfirmForm().validate_on_submit():
        ended = sessions.end_all(current_user)
        db.session.commit()
        logout_user()
        session.clear()
        flash(f"Signed out everywhere: {ended} session{'s' if ended != 1 else ''} ended, this one included.", "success")
        return redirect(url_for(".signin"))
    return redirect(url_for(".account"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> ResponseReturnValue:
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current.data, form.password.data)  # ends every session
        except accounts.AccountError as exc:
            getattr(form, exc.field).errors = [str(exc)]
        else:
            start_session(current_user._get_current_object())  # commits; this browser gets a new session
            flash("Password changed. Every other browser signed in to this account is signed out.", "success")
            return redirect(url_for(".dashboard"))
    return render_template("consult/password.html", form=form), 400 if form.errors else 200
