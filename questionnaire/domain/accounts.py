"""Consultant accounts: sign-up, sign-in, password change. Passwords are hashed with argon2id."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..models import Consultant
from . import credentials, sessions

if TYPE_CHECKING:
    from argon2 import PasswordHasher


def hasher() -> PasswordHasher:
    """argon2id with the library's recommended parameters, or PASSWORD_HASH_PARAMETERS (the test suite's cheap ones)."""
    parameters = current_app.config.get("PASSWORD_HASH_PARAMETERS") or {}
    return _hasher(tuple(sorted(parameters.items())))


@cache
def _hasher(parameters: tuple[tuple[str, int], ...]) -> PasswordHasher:
    from argon2 import PasswordHasher  # imported on first use: a slow import that only accounts need

    return PasswordHasher(**dict(parameters))


def _dummy_hash() -> str:
    """Verified when the email is unknown, so a wrong email costs as long as a wrong password."""
    return _dummy_hash_for(hasher())


@cache
def _dummy_hash_for(chosen: PasswordHasher) -> str:
    return chosen.hash("not a password of anyone")


class AccountError(ValueError):
    """A sign-up or password change the user can fix; the message says how, `field` names the form field."""

    def __init__(self, message: str, field: str = "password") -> None:
        super().__init__(message)
        self.field = field


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> Consultant | None:
    return db.session.scalars(
        select(Consultant).where(func.lower(Consultant.email) == normalise_email(email))
    ).one_or_none()


@dataclass(frozen=True)
class SignUp:
    """What a sign-up did: made an account ("created"), or nothing because the address has one ("taken").

    The page answers both alike; only the message sent to the address differs (see `sign_up_message`).
    """

    outcome: Literal["created", "taken"]
    consultant: Consultant
    email: str


def sign_up(email: str, name: str, password: str) -> SignUp:
    """Check the address and the password's strength (AccountError), then create the account if the address is free.

    The password is hashed either way, so a taken address answers in the same time as a free one.
    """
    try:
        address = credentials.normalise_address(email)
    except credentials.AddressRefused as exc:
        raise AccountError(str(exc), field="email") from exc
    if problem := credentials.password_problem(password, address, name):
        raise AccountError(problem)
    password_hash = hasher().hash(password)
    existing = find_by_email(address)
    if existing is not None:
        return SignUp("taken", existing, address)
    user = Consultant(email=address, name=name.strip(), password_hash=password_hash)
    db.session.add(user)
    return SignUp("created", user, address)


def sign_up_message(result: SignUp) -> str:
    """HOOK for the outbox (issue 18): which message the address gets after a sign-up attempt.

    "confirm-address": a new account, its owner confirms the address; "already-registered": someone tried to sign
    up with an address that has an account; its owner is told, and offered sign-in and a password reset.
    """
    return "confirm-address" if result.outcome == "created" else "already-registered"


def create_user(email: str, name: str, password: str) -> Consultant:
    """An account for tests and scripts; refuses a taken address outright (the sign-up page never says so)."""
    result = sign_up(email, name, password)
    if result.outcome == "taken":
        raise AccountError("An account with this email address already exists.", field="email")
    return result.consultant


def authenticate(email: str, password: str) -> Consultant | None:
    """The user when the password is right; None otherwise, with no hint which of the two was wrong."""
    user = find_by_email(email)
    if user is None:
        _verify(_dummy_hash(), password)
        return None
    if not _verify(user.password_hash, password):
        return None
    if hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hasher().hash(password)
    return user


def change_password(user: Consultant, current: str, new: str) -> None:
    """A new password (strong enough) ends every session of the account; the caller starts one for this browser."""
    if not _verify(user.password_hash, current):
        raise AccountError("The current password is not right.", field="current")
    if problem := credentials.password_problem(new, user.email, user.name):
        raise AccountError(problem)
    user.password_hash = hasher().hash(new)
    sessions.end_all(user)


def check_password(user: Consultant, password: str) -> bool:
    """Confirmation of a grave step (deleting the account) by the account's password."""
    return _verify(user.password_hash, password)


def load_user(session_key: str) -> Consultant | None:
    """Flask-Login's loader: the cookie's key must name a live server-side session (domain/sessions.py)."""
    return sessions.resume(session_key)


def _verify(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
