"""Consultant accounts: sign-up, sign-in, password change. Passwords are hashed with argon2id."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ..extensions import db
from ..models import Consultant

if TYPE_CHECKING:
    from argon2 import PasswordHasher


@cache
def hasher() -> PasswordHasher:
    """argon2id with the library's current recommended parameters; argon2 is imported on first use."""
    from argon2 import PasswordHasher

    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified when the email is unknown, so a wrong email costs as long as a wrong password."""
    return hasher().hash("not a password of anyone")


class AccountError(ValueError):
    """A sign-up or password change the user can fix; the message says how."""


class AddressTaken(AccountError):
    """Sign-up with an address that already has an account; `holder` is that account (to tell its owner)."""

    def __init__(self, holder: Consultant) -> None:
        super().__init__("An account with this email address already exists. Sign in instead.")
        self.holder = holder


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> Consultant | None:
    return db.session.scalars(
        select(Consultant).where(func.lower(Consultant.email) == normalise_email(email))
    ).one_or_none()


def create_user(email: str, name: str, password: str) -> Consultant:
    if (holder := find_by_email(email)) is not None:
        raise AddressTaken(holder)
    user = Consultant(email=normalise_email(email), name=name.strip(), password_hash=hasher().hash(password))
    db.session.add(user)
    return user


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
    if not _verify(user.password_hash, current):
        raise AccountError("The current password is not right.")
    user.password_hash = hasher().hash(new)


def password_matches(user: Consultant, password: str) -> bool:
    """For changes that need the password again (a new e-mail address)."""
    return _verify(user.password_hash, password)


def load_user(session_id: str) -> Consultant | None:
    """Flask-Login's loader: the id must come with the stamp of the current password hash."""
    user_id, _, stamp = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(Consultant, int(user_id))
    return user if user is not None and user.get_id() == session_id and stamp else None


def _verify(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
