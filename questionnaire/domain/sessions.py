"""Consultants' sessions kept on the server: the cookie holds a random key, this table says whether it still works.

Signing out deletes the row, so a copied cookie opens nothing afterwards. A password change or reset ends every
session of the account; "sign out everywhere" does the same on request. A session also ends after
SESSION_LIFETIME seconds, or after SESSION_IDLE_TIMEOUT seconds without a request.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from ..extensions import db
from ..models import Consultant, ConsultantSession, utcnow
from . import throttle
from .tokens import hash_token

KEY_BYTES = 32
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
TOUCH_EVERY = timedelta(seconds=60)  # last_seen_at is written at most once a minute per session


def begin(user: Consultant, now: datetime | None = None) -> str:
    """A new session for this browser; its key goes in the cookie (Flask-Login stores `user.get_id()`)."""
    now = now or utcnow()
    key = secrets.token_urlsafe(KEY_BYTES)
    db.session.add(ConsultantSession(consultant_id=user.id, key_hash=hash_token(key), created_at=now, last_seen_at=now))
    _purge_expired(user.id, now)
    user.session_key = key  # type: ignore[attr-defined]
    return key


def resume(key: str, now: datetime | None = None) -> Consultant | None:
    """The consultant whose live session has this key, or None: unknown, ended, too old or idle too long."""
    if not KEY_PATTERN.match(key):
        return None
    now = now or utcnow()
    statement = (
        select(ConsultantSession, Consultant)
        .join(Consultant, Consultant.id == ConsultantSession.consultant_id)
        .where(ConsultantSession.key_hash == hash_token(key))
    )
    found = db.session.execute(statement).one_or_none()
    if found is None:
        return None
    record, user = found
    if _expired(record, now):
        _on_own_connection(delete(ConsultantSession).where(ConsultantSession.id == record.id))
        return None
    if now - record.last_seen_at >= TOUCH_EVERY:
        _on_own_connection(update(ConsultantSession).where(ConsultantSession.id == record.id).values(last_seen_at=now))
    user.session_key = key  # type: ignore[attr-defined]
    return user


def end(key: str | None) -> None:
    """Sign-out: this session stops working, wherever its cookie is."""
    if key:
        db.session.execute(delete(ConsultantSession).where(ConsultantSession.key_hash == hash_token(key)))


def end_all(user: Consultant) -> int:
    """Every session of the account ends (sign out everywhere, a new password); how many there were."""
    result = db.session.execute(delete(ConsultantSession).where(ConsultantSession.consultant_id == user.id))
    return result.rowcount or 0  # type: ignore[attr-defined]


def count(user: Consultant) -> int:
    """Sessions of the account still open (for the account page)."""
    now = utcnow()
    rows = db.session.scalars(select(ConsultantSession).where(ConsultantSession.consultant_id == user.id))
    return sum(1 for record in rows if not _expired(record, now))


def password_reset_done(user: Consultant) -> None:
    """HOOK for the password-reset e-mail (issue 18): call when a reset link sets a new password.

    Ends every session of the account and lifts the sign-in lock that wrong passwords may have set.
    The caller commits, and then starts a session for the browser that reset the password if it wants one.
    """
    end_all(user)
    throttle.lift_sign_in_lock(user)


def _expired(record: ConsultantSession, now: datetime) -> bool:
    lifetime = timedelta(seconds=int(current_app.config["SESSION_LIFETIME"]))
    idle = timedelta(seconds=int(current_app.config["SESSION_IDLE_TIMEOUT"]))
    return now - record.created_at >= lifetime or now - record.last_seen_at >= idle


def _purge_expired(user_id: int, now: datetime) -> None:
    """Rows of this account's sessions that can no longer work are removed when it signs in again."""
    lifetime = timedelta(seconds=int(current_app.config["SESSION_LIFETIME"]))
    idle = timedelta(seconds=int(current_app.config["SESSION_IDLE_TIMEOUT"]))
    db.session.execute(
        delete(ConsultantSession).where(
            ConsultantSession.consultant_id == user_id,
            (ConsultantSession.created_at <= now - lifetime) | (ConsultantSession.last_seen_at <= now - idle),
        )
    )


def _on_own_connection(statement) -> None:  # type: ignore[no-untyped-def]
    """Written and committed at once, apart from the request's transaction (a GET never commits)."""
    with db.engine.begin() as connection:
        connection.execute(statement)
