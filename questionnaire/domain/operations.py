"""Domain writes and reads for assessments. Views call these; these never commit (the view does, once)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import Connection, Table, bindparam, case, distinct, func, or_, select, update
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.dml import ReturningInsert

from ..extensions import db
from ..models import LINK_ANSWER, Answer, Assessment, AssessmentStandard, Client, Link, utcnow
from ..scoring import AnswerValue
from .tokens import hash_token, is_token, new_token

ANSWERS: Table = Answer.__table__  # type: ignore[assignment]
VALUE_COLUMNS = ("level", "not_applicable", "reason", "note")


def core() -> Connection:
    """The session's connection, in the session's transaction: plain SQL without the ORM's per-statement work."""
    return db.session.connection()


def start_assessment(
    organisation: str,
    sector: str | None,
    headcount: int | None,
    bank_ids: list[str],
    scope: str | None = None,
    kind: str = "full",
) -> tuple[Link, str]:
    org = Client(name=organisation.strip(), sector=(sector or "").strip() or None, headcount=headcount)
    assessment = Assessment(
        organisation=org,
        scope=(scope or "").strip() or None,
        kind=kind,
        standards=[AssessmentStandard(bank_id=bank_id, position=i) for i, bank_id in enumerate(bank_ids)],
    )
    token = new_token()
    respondent = Link(assessment=assessment, token_hash=hash_token(token))
    db.session.add(respondent)
    return respondent, token


def find_respondent(token: str) -> Link | None:
    """The respondent, its assessment, organisation and standards in one query; None for any bad token."""
    if not is_token(token):
        return None
    statement = (
        select(Link)
        .where(Link.token_hash == hash_token(token))
        .options(
            joinedload(Link.assessment).joinedload(Assessment.organisation),
            joinedload(Link.assessment).joinedload(Assessment.standards),
        )
    )
    return db.session.scalars(statement).unique().one_or_none()


@dataclass(frozen=True)
class OrganisationRef:
    name: str


@dataclass(frozen=True)
class AssessmentRef:
    id: int
    revision: int
    kind: str
    previous_id: int | None
    carried_from_id: int | None
    organisation: OrganisationRef
    bank_ids: list[str]

    @property
    def layout_key(self) -> tuple[str, ...]:
        return (self.kind, *self.bank_ids)


@dataclass(frozen=True)
class LinkRef:
    """What a question page needs of a respondent, read as plain rows; same attribute paths as the models."""

    id: int
    assessment: AssessmentRef
    name: str | None
    role: str | None
    access: str
    expires_on: date | None
    revoked_at: datetime | None

    @property
    def assessment_id(self) -> int:
        return self.assessment.id

    def is_open(self, today: date) -> bool:
        """The same rule as Link.is_open: revoked or expired links open nothing."""
        return self.revoked_at is None and (self.expires_on is None or today <= self.expires_on)


RESPONDENTS: Table = Link.__table__  # type: ignore[assignment]
ASSESSMENTS: Table = Assessment.__table__  # type: ignore[assignment]
ORGANISATIONS: Table = Client.__table__  # type: ignore[assignment]
STANDARDS: Table = AssessmentStandard.__table__  # type: ignore[assignment]
# built once: constructing a statement costs more than running it on a page this busy
RESPONDENT_BY_TOKEN = (
    select(
        RESPONDENTS.c.id,
        RESPONDENTS.c.name,
        RESPONDENTS.c.role,
        RESPONDENTS.c.access,
        RESPONDENTS.c.expires_on,
        RESPONDENTS.c.revoked_at,
        ASSESSMENTS.c.id,
        ASSESSMENTS.c.revision,
        ASSESSMENTS.c.kind,
        ASSESSMENTS.c.previous_id,
        ASSESSMENTS.c.carried_from_id,
        ORGANISATIONS.c.name,
        STANDARDS.c.bank_id,
    )
    .join(ASSESSMENTS, RESPONDENTS.c.assessment_id == ASSESSMENTS.c.id)
    .join(ORGANISATIONS, ASSESSMENTS.c.organisation_id == ORGANISATIONS.c.id)
    .join(STANDARDS, STANDARDS.c.assessment_id == ASSESSMENTS.c.id)
    .where(RESPONDENTS.c.token_hash == bindparam("token_hash"))
    .order_by(STANDARDS.c.position)
)
ANSWERS_OF = select(ANSWERS.c.question_key, *(ANSWERS.c[name] for name in VALUE_COLUMNS)).where(
    ANSWERS.c.respondent_id == bindparam("respondent_id")
)


def find_respondent_ref(token: str) -> LinkRef | None:
    """One query, one row per standard, no ORM objects: the question page's lookup."""
    if not is_token(token):
        return None
    rows = core().execute(RESPONDENT_BY_TOKEN, {"token_hash": hash_token(token)}).all()
    if not rows:
        return None
    (
        respondent_id,
        name,
        role,
        access,
        expires_on,
        revoked_at,
        assessment_id,
        revision,
        kind,
        previous,
        carried,
        org,
        _,
    ) = rows[0]
    organisation = OrganisationRef(org)
    banks = [row[-1] for row in rows]
    assessment = AssessmentRef(assessment_id, revision, kind, previous, carried, organisation, banks)
    return LinkRef(respondent_id, assessment, name, role, access, expires_on, revoked_at)


def answer_rows(respondent: Link | LinkRef) -> list[tuple]:  # type: ignore[type-arg]
    """(key, level, not_applicable, reason, note) of every answer: what a question page reads, as plain tuples."""
    return [tuple(row) for row in core().execute(ANSWERS_OF, {"respondent_id": respondent.id})]


def with_renames(answers: dict[str, AnswerValue], renames: Mapping[str, str] | None) -> dict[str, AnswerValue]:
    """Answers stored under a question's former id count for the question, unless it has its own answer."""
    for old in [key for key in answers if renames and key in renames]:
        answers.setdefault(renames[old], answers[old])  # type: ignore[index]
    return answers


def answers_of(respondent: Link | LinkRef, renames: Mapping[str, str] | None = None) -> dict[str, AnswerValue]:
    rows = core().execute(ANSWERS_OF, {"respondent_id": respondent.id})
    return with_renames({key: AnswerValue(*values) for key, *values in rows}, renames)


def answer_keys_in_use() -> list[tuple[str, int, int]]:
    """(question key, answers, assessments) for every key stored, for `flask banks check --db`."""
    statement = (
        select(ANSWERS.c.question_key, func.count(), func.count(distinct(RESPONDENTS.c.assessment_id)))
        .join(RESPONDENTS, RESPONDENTS.c.id == ANSWERS.c.respondent_id)
        .group_by(ANSWERS.c.question_key)
        .order_by(ANSWERS.c.question_key)
    )
    return [(key, answers, assessments) for key, answers, assessments in db.session.execute(statement)]


@dataclass(frozen=True)
class Saved:
    """What a save did: answers written, the assessment's revision after it, and answers it did not overwrite."""

    written: int
    revision: int
    # question key -> the answer someone else saved after the page was read; the posted answer was not saved
    conflicts: dict[str, AnswerValue]


def save_answers(respondent: Link, values: Mapping[str, AnswerValue], read_revision: int | None = None) -> Saved:
    """Write the changed answers with one upsert, never over answers saved after `read_revision`.

    Safe against a concurrent save of the same page (a double-submitted form, two people on one link): the
    upsert cannot fail on the unique constraint, and the revision guard in it keeps whichever answers were
    saved since the page was read, reporting them as conflicts. Without a revision, the last save wins.
    """
    assessment = respondent.assessment
    stored = _stored(respondent.id, values)
    changed = {key: value for key, value in values.items() if key not in stored or stored[key][0] != value}
    if not changed:
        return Saved(0, assessment.revision, {})
    newer = read_revision is not None
    conflicts = {key: stored[key][0] for key in changed if key in stored and newer and stored[key][1] > read_revision}
    pending = {key: value for key, value in changed.items() if key not in conflicts}
    revision = _bump_revision(assessment.id)
    written = _upsert(respondent.id, pending, revision, read_revision) if pending else set()
    if missed := set(pending) - written:  # saved by someone else between our read and our write
        stored = _stored(respondent.id, missed)
        conflicts.update((key, value) for key, (value, _) in stored.items() if value != pending[key])
    return Saved(len(written), revision, conflicts)


def _stored(respondent_id: int, keys: Iterable[str]) -> dict[str, tuple[AnswerValue, int]]:
    columns = [ANSWERS.c.question_key, *(ANSWERS.c[name] for name in VALUE_COLUMNS), ANSWERS.c.revision]
    statement = select(*columns).where(ANSWERS.c.respondent_id == respondent_id, ANSWERS.c.question_key.in_(keys))
    return {key: (AnswerValue(*values), revision) for key, *values, revision in core().execute(statement)}


def _bump_revision(assessment_id: int) -> int:
    """Also locks the assessment row on PostgreSQL, so saves of one assessment queue instead of interleaving."""
    table = Assessment.__table__
    statement = (
        update(table)
        .where(table.c.id == assessment_id)
        .values(revision=table.c.revision + 1, updated_at=utcnow())
        .returning(table.c.revision)
    )
    return core().execute(statement).scalar_one()


def _upsert(
    respondent_id: int, values: Mapping[str, AnswerValue], revision: int, read_revision: int | None
) -> set[str]:
    """INSERT ... ON CONFLICT DO UPDATE on SQLite and PostgreSQL alike; returns the keys actually written."""
    now = utcnow()
    rows = [
        {"respondent_id": respondent_id, "question_key": key, "revision": revision, "updated_at": now}
        | {name: getattr(value, name) for name in VALUE_COLUMNS}
        | ({} if read_revision is None else {"read_revision": read_revision})
        for key, value in values.items()
    ]
    statement = _upsert_statement(db.session.get_bind().dialect.name, read_revision is not None)
    return set(core().execute(statement, rows).scalars())


@cache
def _upsert_statement(dialect: str, guarded: bool) -> ReturningInsert[tuple[str]]:
    """Built once and run with many rows (executemany), so SQLAlchemy compiles it once, not on every save."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(ANSWERS)
    statement = statement.on_conflict_do_update(
        index_elements=[ANSWERS.c.respondent_id, ANSWERS.c.question_key],
        set_={name: statement.excluded[name] for name in (*VALUE_COLUMNS, "revision", "updated_at")},
        where=ANSWERS.c.revision <= bindparam("read_revision") if guarded else None,
    )
    return statement.returning(ANSWERS.c.question_key)


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
        select(Link.assessment_id, Link.id, Link.name, Link.role, answered)
        .add_columns(func.max(Answer.updated_at))
        .outerjoin(Answer, Answer.respondent_id == Link.id)
        .where(Link.assessment_id.in_(assessment_ids), Link.access == LINK_ANSWER)
        .group_by(Link.assessment_id, Link.id, Link.name, Link.role)
        .order_by(Link.id)
    )
    summaries: dict[int, list[RespondentSummary]] = {assessment_id: [] for assessment_id in assessment_ids}
    for assessment_id, *fields in db.session.execute(statement):
        summaries[assessment_id].append(RespondentSummary(*fields))
    return summaries
