"""What was sent: every e-mail's delivery state, and the reminders and digests already sent (so each goes once)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .core import utcnow

MAIL_KINDS = ("invitation", "reminder", "reset", "confirm", "email-change", "address-taken", "done", "digest")
MAIL_STATES = ("queued", "sent", "outbox", "failed")


class MailRecord(db.Model):
    """One e-mail and how its delivery went. Its body is not kept: an invitation holds a link's secret token."""

    __tablename__ = "mail"
    __table_args__ = (CheckConstraint("status IN ('queued', 'sent', 'outbox', 'failed')", name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(250))
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("consultant.id", ondelete="CASCADE"), index=True)
    link_id: Mapped[int | None] = mapped_column(ForeignKey("respondent.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)  # the last delivery problem, as the mail server put it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class ReminderSent(db.Model):
    """A reminder that went to one respondent for one due date: the unique key makes it go once, however often
    the periodic job runs and on however many hosts."""

    __tablename__ = "reminder_sent"
    __table_args__ = (UniqueConstraint("link_id", "due_on", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("respondent.id", ondelete="CASCADE"))
    due_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(8))  # "before" (N days ahead) or "due" (on the day)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class DigestSent(db.Model):
    """A consultant's weekly digest for one ISO week, recorded so a second run of the job sends nothing."""

    __tablename__ = "digest_sent"
    __table_args__ = (UniqueConstraint("consultant_id", "week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("consultant.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))  # "2027-W05"
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
