"""Database models. They never commit: the request (or a service function's caller) does, once."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def hash_token(token: str) -> str:
    """Tokens are stored hashed: a leaked database does not hand out working resume links."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str | None] = mapped_column(String(120))
    headcount: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    assessments: Mapped[list[Assessment]] = relationship(back_populates="organisation")


class Assessment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # bumped by every save that changes an answer; a page carries the revision it was read at
    revision: Mapped[int] = mapped_column(default=0, server_default="0")

    organisation: Mapped[Organisation] = relationship(back_populates="assessments")
    standards: Mapped[list[AssessmentStandard]] = relationship(
        back_populates="assessment", order_by="AssessmentStandard.position", cascade="all, delete-orphan"
    )
    respondents: Mapped[list[Respondent]] = relationship(back_populates="assessment", cascade="all, delete-orphan")

    @property
    def bank_ids(self) -> list[str]:
        return [standard.bank_id for standard in self.standards]


class AssessmentStandard(db.Model):
    """One standard (bank id) assessed; several make an integrated assessment."""

    __table_args__ = (UniqueConstraint("assessment_id", "bank_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    bank_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)

    assessment: Mapped[Assessment] = relationship(back_populates="standards")


class Respondent(db.Model):
    """Someone answering an assessment through a private link; answers belong to a respondent."""

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="respondents")
    answers: Mapped[list[Answer]] = relationship(back_populates="respondent", cascade="all, delete-orphan")


class Answer(db.Model):
    __table_args__ = (
        UniqueConstraint("respondent_id", "question_key"),
        CheckConstraint("level IS NULL OR (level >= 0 AND level <= 4)", name="level_on_scale"),
        CheckConstraint("NOT (not_applicable AND level IS NOT NULL)", name="na_has_no_level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("respondent.id", ondelete="CASCADE"))
    question_key: Mapped[str] = mapped_column(String(160))
    level: Mapped[int | None]
    not_applicable: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # the assessment revision this answer was written at: newer than a page's revision means someone else saved it
    revision: Mapped[int] = mapped_column(default=0, server_default="0")

    respondent: Mapped[Respondent] = relationship(back_populates="answers")
