"""Consultant account extras: single-use tokens sent by e-mail, and the firm's logo."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .core import utcnow

PURPOSE_RESET = "reset"  # sets a new password
PURPOSE_CONFIRM = "confirm"  # confirms that `email` reaches the consultant (after sign-up, or a change of address)


class AccountToken(db.Model):
    """A password-reset or address-confirmation token. Only its SHA-256 hash is stored; it works once, until
    `expires_at`."""

    __tablename__ = "account_token"
    __table_args__ = (CheckConstraint("purpose IN ('reset', 'confirm')", name="purpose_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("consultant.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))  # the address the message went to (confirm: the one to confirm)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class FirmLogo(db.Model):
    """The consultant's logo, re-encoded as PNG by Pillow (never the uploaded bytes), for covers and e-mails.

    Kept in the database, not on disk, so every host serves the same logo."""

    __tablename__ = "firm_logo"

    consultant_id: Mapped[int] = mapped_column(ForeignKey("consultant.id", ondelete="CASCADE"), primary_key=True)
    png: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
