"""Accounts by e-mail: password reset, address confirmation after sign-up, a change of address re-confirmed.

Tokens are 256 random bits; only their SHA-256 hash is stored; each works once, until it expires. A reset is
asked for with an address and always gets the same answer, whether or not an account has that address.
An unconfirmed address gets no mail but its confirmation (and a reset, which proves the address as well).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update

from .. import mail
from ..extensions import db
from ..mail.compose import SITE, compose, external_url
from ..models import PURPOSE_CONFIRM, PURPOSE_RESET, AccountToken, Consultant, MailRecord, utcnow
from . import accounts, credentials, sessions, tokens
from .tokens import hash_token, is_token

RESETS_PER_HOUR = 3  # per account, whatever the number of client addresses asking
NOTICES_PER_HOUR = 1  # "someone tried to sign up with your address", per account


def new_token(user: Consultant, purpose: str, email: str, lifetime: timedelta) -> str:
    """A single-use token of this purpose for the account, kept hashed like every link's token."""
    token = tokens.new_token()
    db.session.add(
        AccountToken(
            consultant_id=user.id,
            purpose=purpose,
            token_hash=hash_token(token),
            email=email,
            expires_at=utcnow() + lifetime,
        )
    )
    return token


def valid_token(token: str, purpose: str, now: datetime | None = None) -> AccountToken | None:
    """The unused, unexpired token of this purpose; None for anything else, without saying which."""
    if not is_token(token):
        return None
    row = db.session.scalars(
        select(AccountToken).where(AccountToken.token_hash == hash_token(token), AccountToken.purpose == purpose)
    ).one_or_none()
    if row is None or row.used_at is not None or row.expires_at <= (now or utcnow()):
        return None
    return row


def spend_all(user: Consultant, purpose: str) -> None:
    """Every open token of this purpose stops working: one reset or confirmation ends the others too."""
    db.session.execute(
        update(AccountToken)
        .where(AccountToken.consultant_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None))
        .values(used_at=utcnow())
    )


def in_the_last_hour(created: Any, condition: Any) -> int:
    """How many rows matching `condition` were made in the last hour (by their `created` column)."""
    return db.session.scalar(select(func.count()).where(condition, created > utcnow() - timedelta(hours=1))) or 0


def request_reset(email: str) -> None:
    """Send a reset link if an account has this address; do nothing visible otherwise (the page says the same)."""
    user = accounts.find_by_email(email)
    if user is None:
        return
    asked = in_the_last_hour(
        AccountToken.created_at,
        (AccountToken.consultant_id == user.id) & (AccountToken.purpose == PURPOSE_RESET),
    )
    if asked >= RESETS_PER_HOUR:
        return
    hours = int(current_app.config["RESET_TOKEN_HOURS"])
    token = new_token(user, PURPOSE_RESET, user.email, timedelta(hours=hours))
    url = external_url("consult.reset_password", token=token)
    message = compose("reset", user.email, "Set a new Preaudit password", SITE, user.name, url=url, hours=hours)
    mail.send(message, "reset", consultant_id=user.id)


def reset_password(token: str, password: str) -> Consultant | None:
    """Set the new password with a valid reset token, which is then spent; None when the token does not work."""
    row = valid_token(token, PURPOSE_RESET)
    if row is None:
        return None
    user = db.session.get(Consultant, row.consultant_id)
    if user is None:
        return None
    if problem := credentials.password_problem(password, user.email, user.name):
        raise accounts.AccountError(problem)  # the same strength rule as sign-up and a password change
    user.password_hash = accounts.hasher().hash(password)
    if user.email_confirmed_at is None and row.email == user.email:
        user.email_confirmed_at = utcnow()  # the reset message reached this address: that confirms it
    after_password_reset(user)
    return user


def after_password_reset(user: Consultant) -> None:
    """Everything a completed reset undoes, in one place: every other reset link stops working, every session of
    the account ends and the sign-in lock that wrong passwords may have set is lifted."""
    spend_all(user, PURPOSE_RESET)
    sessions.password_reset_done(user)


def send_confirmation(user: Consultant, email: str | None = None) -> None:
    """The confirmation message: after sign-up (to the account's address) or for a new address (`email`)."""
    target = email or user.email
    days = int(current_app.config["CONFIRM_TOKEN_DAYS"])
    token = new_token(user, PURPOSE_CONFIRM, target, timedelta(days=days))
    url = external_url("consult.confirm_email", token=token)
    subject = "Confirm your new address for Preaudit" if email else "Confirm your address for Preaudit"
    values = {"url": url, "days": days, "change": email is not None, "old_email": user.email}
    mail.send(compose("confirm", target, subject, SITE, user.name, **values), "confirm", consultant_id=user.id)


class AddressError(ValueError):
    """The address cannot be confirmed or changed to; the message says why."""


def confirm_address(token: str) -> Consultant | None:
    """Confirm the address a token was sent to; for a change of address, the account moves to it now."""
    row = valid_token(token, PURPOSE_CONFIRM)
    if row is None:
        return None
    user = db.session.get(Consultant, row.consultant_id)
    if user is None:
        return None
    if row.email != user.email:
        holder = accounts.find_by_email(row.email)
        if holder is not None and holder.id != user.id:
            raise AddressError("That address now belongs to another account, so this one keeps its address.")
        user.email = row.email
    user.email_confirmed_at = utcnow()
    spend_all(user, PURPOSE_CONFIRM)
    return user


def request_email_change(user: Consultant, new_email: str) -> None:
    """Confirm the new address from its own mailbox; tell the old one. Nothing changes until it is confirmed."""
    new_email = accounts.normalise_email(new_email)
    if new_email == user.email:
        raise AddressError("That is already the address of this account.")
    if accounts.find_by_email(new_email) is not None:
        return  # the same answer as for a free address: no one learns which addresses have accounts
    send_confirmation(user, new_email)
    if user.email_confirmed_at is not None:
        url = external_url("consult.password")
        message = compose("email_change", user.email, "Your Preaudit address is changing", SITE, user.name,
                          new_email=new_email, url=url)  # fmt: skip
        mail.send(message, "email-change", consultant_id=user.id)


def address_taken(holder: Consultant) -> None:
    """Someone signed up with an address that has an account: its holder hears of it (once an hour at most)."""
    if holder.email_confirmed_at is None:
        return
    sent = in_the_last_hour(
        MailRecord.created_at, (MailRecord.consultant_id == holder.id) & (MailRecord.kind == "address-taken")
    )
    if sent >= NOTICES_PER_HOUR:
        return
    url = external_url("consult.forgot_password")
    message = compose("address_taken", holder.email, "Someone tried to sign up with your address", SITE, holder.name,
                      url=url)  # fmt: skip
    mail.send(message, "address-taken", consultant_id=holder.id)
