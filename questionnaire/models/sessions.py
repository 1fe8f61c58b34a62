"""Consultants' sign-in sessions, kept on the server so that signing out ends them everywhere."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .core import utcnow


class ConsultantSession(db.Model):
    """One signed-in browser. The cookie holds a random key; only its hash is here, so a leaked table signs no one in.

    Deleting the row ends the session: the cookie then opens nothing, even if it was copied.
    """

    __tablename__ = "consultant_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("consultant.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
