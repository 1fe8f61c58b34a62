"""Evidence files, documents marked as held, and the actions that close findings. The bytes live in the storage
(domain/storage.py) under their SHA-256; these rows say what each file is, for which assessment and question."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .core import PublicIdMixin, utcnow

ACTION_STATUSES = ("open", "in_progress", "done", "verified")


class EvidenceBlob(db.Model):
    """One stored file, by content: several evidence rows (of any assessment) may share it; it goes when none does."""

    __tablename__ = "evidence_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Evidence(PublicIdMixin, db.Model):
    """A file attached to a question (a documented-information item is a question) or to an action's closure."""

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint("(question_key IS NULL) <> (action_id IS NULL)", name="one_target"),
        CheckConstraint("size >= 0", name="size_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_blob.sha256"), index=True)
    name: Mapped[str] = mapped_column(String(160))  # sanitised; never a path
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(100))  # what libmagic found in the bytes, from our allow-list
    question_key: Mapped[str | None] = mapped_column(String(160))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("finding_action.id", ondelete="CASCADE"), index=True)
    # the link that uploaded it (a link may delete only its own files); None for the consultant or an import
    link_id: Mapped[int | None] = mapped_column(ForeignKey("respondent.id", ondelete="SET NULL"))
    uploaded_by: Mapped[str] = mapped_column(String(160))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    action: Mapped[FindingAction | None] = relationship(back_populates="evidence")


class DocumentMark(db.Model):
    """A mandatory document or record the firm holds but did not upload (confidential, kept in its own system)."""

    __tablename__ = "document_mark"
    __table_args__ = (UniqueConstraint("assessment_id", "question_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    question_key: Mapped[str] = mapped_column(String(160))
    note: Mapped[str] = mapped_column(Text, default="")
    marked_by: Mapped[str] = mapped_column(String(160))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FindingAction(PublicIdMixin, db.Model):
    """The work that closes one finding. Keyed by the requirement (bank, clause), not by a question, so it outlives
    a change of answers: when the finding goes away it shows as closed instead of disappearing."""

    __tablename__ = "finding_action"
    __table_args__ = (
        UniqueConstraint("assessment_id", "bank_id", "clause_id"),
        CheckConstraint("status IN ('open', 'in_progress', 'done', 'verified')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    bank_id: Mapped[str] = mapped_column(String(64))
    clause_id: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))  # the requirement as it read when tracked: readable if banks change
    owner: Mapped[str | None] = mapped_column(String(120))
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(12), default="open", server_default="open")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    evidence: Mapped[list[Evidence]] = relationship(back_populates="action", order_by="Evidence.id")
