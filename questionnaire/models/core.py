"""Database models. They never commit: the request (or a service function's caller) does, once."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


PUBLIC_ID_BYTES = 12  # 96 random bits, 16 URL-safe characters
PUBLIC_ID_LENGTH = 16


def new_public_id() -> str:
    """What a URL names an object by: random, so it tells nobody how many objects the site holds."""
    return secrets.token_urlsafe(PUBLIC_ID_BYTES)


class PublicIdMixin:
    """Objects that appear in URLs carry a random public id; the integer id stays internal (joins, foreign keys)."""

    public_id: Mapped[str] = mapped_column(String(22), unique=True, default=new_public_id)


LINK_ANSWER = "answer"  # a respondent's link: answer the assessment, see its results
LINK_READ = "read"  # a read-only results link, for a client's management


class Consultant(UserMixin, db.Model):
    """A consultant: owns client organisations, their assessments and the links sent for them."""

    __tablename__ = "consultant"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id, with its parameters and salt
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None until the consultant opens the confirmation message: until then the address gets no other mail
    email_confirmed_at: Mapped[datetime | None]
    firm_name: Mapped[str | None] = mapped_column(String(120))  # on the report cover, the PDF and the e-mails
    weekly_digest: Mapped[bool] = mapped_column(default=False, server_default="0")

    clients: Mapped[list[Client]] = relationship(back_populates="consultant")

    def get_id(self) -> str:
        """What the cookie keeps: the key of this browser's server-side session (set by domain/sessions.py)."""
        key = getattr(self, "session_key", None)
        if not key:
            raise RuntimeError("sign in through domain.sessions.begin(), which gives the browser a session key")
        return key


class Client(PublicIdMixin, db.Model):
    """A firm being assessed. With a consultant it is one of their clients; a firm that started alone has none.

    The table keeps its first name, `organisation` (the glossary in the README lists such names).
    """

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("consultant.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str | None] = mapped_column(String(120))
    headcount: Mapped[int | None]
    scope: Mapped[str | None] = mapped_column(Text)  # the client's usual scope; new assessments start from it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    consultant: Mapped[Consultant | None] = relationship(back_populates="clients")
    assessments: Mapped[list[Assessment]] = relationship(back_populates="organisation", order_by="Assessment.id")


class Assessment(PublicIdMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    # what the certificate would cover (sites, products, activities): the report's cover states it
    scope: Mapped[str | None] = mapped_column(Text)
    # "full" asks every requirement; "transition" only what a new edition added or broadened
    kind: Mapped[str] = mapped_column(String(20), default="full", server_default="full")
    # the assessment of the previous edition whose answers were copied into this one (a transition)
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id", ondelete="SET NULL"))
    # a re-assessment starts from the agreed answers of the one before it
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id", ondelete="SET NULL"))
    # the certification cycle: audit dates and the certificate date, as the consultant records them
    stage1_on: Mapped[date | None]
    stage2_on: Mapped[date | None]
    certified_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # bumped by every save that changes an answer; a page carries the revision it was read at
    revision: Mapped[int] = mapped_column(default=0, server_default="0")
    name: Mapped[str | None] = mapped_column(String(120))  # "Surveillance 2027", given by the consultant
    # how it came to be: "new", "reassessment", "imported" (a JSON file) or "adopted" (a firm's own, attached)
    origin: Mapped[str] = mapped_column(String(16), default="new", server_default="new")
    in_trends: Mapped[bool] = mapped_column(default=True, server_default="1")  # a point in the client's trend chart
    due_on: Mapped[date | None]  # answers wanted by this day: respondents get reminders before it
    remind_days: Mapped[int] = mapped_column(default=3, server_default="3")  # the first reminder, days before due_on

    organisation: Mapped[Client] = relationship(back_populates="assessments")
    standards: Mapped[list[AssessmentStandard]] = relationship(
        back_populates="assessment", order_by="AssessmentStandard.position", cascade="all, delete-orphan"
    )
    respondents: Mapped[list[Link]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="Link.id"
    )

    carried_from: Mapped[Assessment | None] = relationship(remote_side=[id], foreign_keys=[carried_from_id])

    @property
    def bank_ids(self) -> list[str]:
        return [standard.bank_id for standard in self.standards]

    @property
    def layout_key(self) -> tuple[str, ...]:
        """What the questionnaire's pages depend on: the kind and the standards, in order."""
        return (self.kind, *self.bank_ids)


class AssessmentStandard(db.Model):
    """One standard (bank id) assessed; several make an integrated assessment."""

    __table_args__ = (UniqueConstraint("assessment_id", "bank_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    bank_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)

    assessment: Mapped[Assessment] = relationship(back_populates="standards")


class Link(PublicIdMixin, db.Model):
    """A private link to one assessment: a respondent answering it, or (access "read") a read-only results link.

    The table keeps its first name, `respondent`; answers refer to it as `respondent_id`.

    Answers belong to a respondent. A revoked or expired link opens nothing, exactly like a wrong one.
    """

    __tablename__ = "respondent"
    __table_args__ = (CheckConstraint("access IN ('answer', 'read')", name="access_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(120))
    access: Mapped[str] = mapped_column(String(8), default=LINK_ANSWER, server_default=LINK_ANSWER)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_on: Mapped[date | None]  # the link works until the end of this day (UTC)
    revoked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    email: Mapped[str | None] = mapped_column(String(254))  # where invitations and reminders go
    done_at: Mapped[datetime | None]  # the respondent said their part is done: no more reminders

    def is_open(self, today: date) -> bool:
        return self.revoked_at is None and (self.expires_on is None or today <= self.expires_on)

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

    respondent: Mapped[Link] = relationship(back_populates="answers")


class AgreedAnswer(db.Model):
    """The answer a consultant records for a question after hearing the respondents; the score prefers it.

    `carried` marks an answer carried over from the previous assessment: it counts only until a respondent
    answers the question, and it becomes an agreed answer once the consultant confirms it.
    """

    __table_args__ = (
        UniqueConstraint("assessment_id", "question_key"),
        CheckConstraint("level IS NULL OR (level >= 0 AND level <= 4)", name="level_on_scale"),
        CheckConstraint("NOT (not_applicable AND level IS NOT NULL)", name="na_has_no_level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    question_key: Mapped[str] = mapped_column(String(160))
    level: Mapped[int | None]
    not_applicable: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    carried: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
