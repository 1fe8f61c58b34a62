"""Domain writes and reads for assessments. Views call these; these never commit (the view does, once)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, insert, or_, select, update
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import LINK_ANSWER, Answer, Assessment, AssessmentStandard, Organisation, Respondent, hash_token, utcnow
from ..scoring import AnswerValue

TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token() -> str:
    """256 random bits, URL-safe: unguessable, and only its hash is stored."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def start_assessment(
    organisation: str,
    sector: str | None,
    headcount: int | None,
    bank_ids: list[str],
    scope: str | None = None,
    kind: str = "full",
) -> tuple[Respondent, str]:
    org = Organisation(name=organisation.strip(), sector=(sector or "").strip() or None, headcount=headcount)
    assessment = Assessment(
        organisation=org,
        scope=(scope or "").strip() or None,
        kind=kind,
        standards=[AssessmentStandard(bank_id=bank_id, position=i) for i, bank_id in enumerate(bank_ids)],
    )
    token = new_token()
    respondent = Respondent(assessment=assessment, token_hash=hash_token(token))
    db.session.add(respondent)
    return respondent, token


def find_respondent(token: str) -> Respondent | None:
    """The respondent, its assessment, organisation and standards in one query; None for any bad token."""
    if not TOKEN_PATTERN.match(token):
        return None
    statement = (
        select(Respondent)
        .where(Respondent.token_hash == hash_token(token))
        .options(
            joinedload(Respondent.assessment).joinedload(Assessment.organisation),
            joinedload(Respondent.assessment).joinedload(Assessment.standards),
        )
    )
    return db.session.scalars(statement).unique().one_or_none()


def _value(answer: Answer) -> AnswerValue:
    return AnswerValue(answer.level, answer.not_applicable, answer.reason, answer.note)


def answers_of(respondent: Respondent) -> dict[str, AnswerValue]:
    rows = db.session.scalars(select(Answer).where(Answer.respondent_id == respondent.id))
    return {row.question_key: _value(row) for row in rows}


def save_answers(respondent: Respondent, values: Mapping[str, AnswerValue]) -> int:
    """Upsert this respondent's answers: one read, then at most one bulk INSERT and one bulk UPDATE."""
    if not values:
        return 0
    statement = select(Answer).where(Answer.respondent_id == respondent.id, Answer.question_key.in_(list(values)))
    existing = {row.question_key: row for row in db.session.scalars(statement)}
    inserts, updates = [], []
    for key, value in values.items():
        fields = {
            "level": value.level,
            "not_applicable": value.not_applicable,
            "reason": value.reason,
            "note": value.note,
        }
        row = existing.get(key)
        if row is None:
            inserts.append({"respondent_id": respondent.id, "question_key": key, **fields})
        elif _value(row) != value:
            updates.append({"id": row.id, "updated_at": utcnow(), **fields})
    if inserts:
        db.session.execute(insert(Answer), inserts)
    if updates:
        db.session.execute(update(Answer), updates)
    if inserts or updates:
        respondent.assessment.updated_at = utcnow()
    return len(inserts) + len(updates)


@dataclass(frozen=True)
class RespondentSummary:
    id: int
    name: str | None
    role: str | None
    answered: int
    last_activity: datetime | None


def respondent_summaries(assessment: Assessment) -> list[RespondentSummary]:
    """Who answered how much, and when last: for the report's cover and the consultant's dashboard."""
    return respondent_summaries_of([assessment.id])[assessment.id]


def respondent_summaries_of(assessment_ids: list[int]) -> dict[int, list[RespondentSummary]]:
    """The same for many assessments in one statement. Read-only links answer nothing and are left out."""
    answered = func.count(case((or_(Answer.level.is_not(None), Answer.not_applicable), Answer.id)))
    statement = (
        select(Respondent.assessment_id, Respondent.id, Respondent.name, Respondent.role, answered)
        .add_columns(func.max(Answer.updated_at))
        .outerjoin(Answer, Answer.respondent_id == Respondent.id)
        .where(Respondent.assessment_id.in_(assessment_ids), Respondent.access == LINK_ANSWER)
        .group_by(Respondent.assessment_id, Respondent.id, Respondent.name, Respondent.role)
        .order_by(Respondent.id)
    )
    summaries: dict[int, list[RespondentSummary]] = {assessment_id: [] for assessment_id in assessment_ids}
    for assessment_id, *fields in db.session.execute(statement):
        summaries[assessment_id].append(RespondentSummary(*fields))
    return summaries
