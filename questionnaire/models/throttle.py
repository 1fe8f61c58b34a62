"""Counters of attempts (sign-in, sign-up, reset) in the database, so every worker and host shares one count."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class AttemptCounter(db.Model):
    """One counter per (scope, key). The key is a hash of the address or e-mail address: no personal data here.

    For a window limit `count` counts attempts since `window_start`; for an account it counts failed sign-ins
    since the last success, `window_start` is the last failure, and `wait_until` the earliest next attempt.
    """

    __tablename__ = "attempt_counter"
    __table_args__ = (UniqueConstraint("scope", "key_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(40))
    key_hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime]
    wait_until: Mapped[datetime | None]
