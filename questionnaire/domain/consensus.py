"""Reading every answer of one or many assessments in one statement, and recording agreed answers."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sqlalchemy import Boolean, CompoundSelect, Integer, and_, bindparam, cast, delete, literal, null, select, union_all

from ..extensions import db
from ..models import LINK_ANSWER, AgreedAnswer, Answer, Assessment, Link, utcnow
from ..scoring import AnswerValue
from ..scoring.consensus import AnswerSets, effective
from .registry import registry


@cache
def _answers_of_assessments() -> CompoundSelect:
    """Built once: constructing this statement cost more than running it on a busy results page."""
    ids = bindparam("ids", expanding=True)
    given = (
        select(
            Link.assessment_id.label("assessment_id"),
            cast(Answer.respondent_id, Integer).label("respondent_id"),
            cast(literal(False), Boolean).label("carried"),
            Answer.question_key,
            Answer.level,
            Answer.not_applicable,
            Answer.reason,
            Answer.note,
        )
        .join(Link, Link.id == Answer.respondent_id)
        .where(and_(Link.assessment_id.in_(ids), Link.access == LINK_ANSWER))
    )
    agreed = select(
        AgreedAnswer.assessment_id,
        cast(null(), Integer),
        AgreedAnswer.carried,
        AgreedAnswer.question_key,
        AgreedAnswer.level,
        AgreedAnswer.not_applicable,
        AgreedAnswer.reason,
        AgreedAnswer.note,
    ).where(AgreedAnswer.assessment_id.in_(ids))
    return union_all(given, agreed)


def answer_sets(assessment_ids: Iterable[int]) -> dict[int, AnswerSets]:
    """Respondents' answers, agreed and carried answers of several assessments: one UNION ALL, no N+1."""
    ids = sorted(set(assessment_ids))
    sets = {assessment_id: AnswerSets() for assessment_id in ids}
    if not ids:
        return sets
    renames = registry().renames  # answers stored under a question's former id count for it
    retired = registry().retired  # answers to a question removed on purpose stay stored, read by nothing
    rows = db.session.connection().execute(_answers_of_assessments(), {"ids": ids})
    for assessment_id, respondent_id, carried, key, level, na, reason, note in rows:
        if key in retired:
            continue
        key = renames.get(key, key)
        value = AnswerValue(level, bool(na), reason, note)
        target = sets[assessment_id]
        if respondent_id is not None:
            target.by_respondent.setdefault(respondent_id, {})[key] = value
        elif carried:
            target.carried[key] = value
        else:
            target.agreed[key] = value
    return sets


def effective_answers(assessment: Assessment) -> dict[str, AnswerValue]:
    """The answers every score of this assessment is computed from (see scoring.consensus for the rule)."""
    return effective(answer_sets([assessment.id])[assessment.id])


def carried_answers(assessment: Assessment) -> dict[str, AnswerValue]:
    """Last assessment's answers still carried, to fill in a respondent's page; no query for a first assessment."""
    if assessment.previous_id is None:
        return {}
    rows = db.session.scalars(
        select(AgreedAnswer).where(AgreedAnswer.assessment_id == assessment.id, AgreedAnswer.carried.is_(True))
    )
    return {row.question_key: AnswerValue(row.level, row.not_applicable, row.reason, row.note) for row in rows}


def record_agreed(assessment: Assessment, key: str, value: AnswerValue | None) -> None:
    """Record (or with None, withdraw) the agreed answer to one question; the score prefers it from now on."""
    db.session.execute(
        delete(AgreedAnswer).where(AgreedAnswer.assessment_id == assessment.id, AgreedAnswer.question_key == key)
    )
    if value is not None and value.answered:
        db.session.add(agreed_row(assessment.id, key, value))
    assessment.updated_at = utcnow()


def agreed_row(assessment_id: int, key: str, value: AnswerValue, carried: bool = False) -> AgreedAnswer:
    return AgreedAnswer(
        assessment_id=assessment_id,
        question_key=key,
        level=value.level,
        not_applicable=value.not_applicable,
        reason=value.reason,
        note=value.note,
        carried=carried,
    )
