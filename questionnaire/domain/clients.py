"""A consultant's clients and their assessments: create, change, delete, adopt, re-assess, certification dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select

from ..extensions import db
from ..models import Assessment, AssessmentStandard, Client, Consultant, utcnow
from ..scoring.consensus import effective
from .consensus import agreed_row, answer_sets


@dataclass(frozen=True)
class ClientFields:
    name: str
    sector: str | None = None
    headcount: int | None = None
    scope: str | None = None


def _clean(text: str | None) -> str | None:
    return (text or "").strip() or None


def create_client(user: Consultant, fields: ClientFields) -> Client:
    client = Client(consultant=user)
    update_client(client, fields)
    db.session.add(client)
    return client


def update_client(client: Client, fields: ClientFields) -> None:
    client.name = fields.name.strip()
    client.sector = _clean(fields.sector)
    client.headcount = fields.headcount
    client.scope = _clean(fields.scope)


def clients_of(user: Consultant) -> list[Client]:
    return list(
        db.session.scalars(
            select(Client).where(Client.consultant_id == user.id).order_by(func.lower(Client.name), Client.id)
        )
    )


def delete_client(client: Client) -> None:
    """The client, its assessments, links, answers and agreed answers (the database cascades)."""
    db.session.execute(delete(Client).where(Client.id == client.id))


def new_assessment(client: Client, bank_ids: list[str], scope: str | None = None) -> Assessment:
    assessment = Assessment(
        organisation=client,
        scope=_clean(scope) or client.scope,
        standards=[AssessmentStandard(bank_id=bank_id, position=i) for i, bank_id in enumerate(bank_ids)],
    )
    db.session.add(assessment)
    return assessment


def delete_assessment(assessment: Assessment) -> None:
    db.session.execute(delete(Assessment).where(Assessment.id == assessment.id))


def reassess(previous: Assessment) -> Assessment:
    """Monitoring and maintenance: the same client and standards, starting from last time's effective answers.

    They are carried as answers that count until a respondent answers again (see scoring.consensus); the
    certification dates carry over too, since the certificate's cycle goes on.
    """
    answers = effective(answer_sets([previous.id])[previous.id])
    assessment = new_assessment(previous.organisation, previous.bank_ids, previous.scope)
    assessment.previous_id, assessment.origin = previous.id, "reassessment"
    assessment.stage1_on, assessment.stage2_on = previous.stage1_on, previous.stage2_on
    assessment.certified_on = previous.certified_on
    db.session.flush()
    db.session.add_all(
        agreed_row(assessment.id, key, value, carried=True) for key, value in answers.items() if value.answered
    )
    return assessment


class AdoptError(ValueError):
    """The link cannot be attached; the message says why."""


def adopt(assessment: Assessment, user: Consultant, client: Client | None) -> Client:
    """Attach a firm's self-started assessment to one of the consultant's clients (or make the firm one).

    The firm's resume link keeps working; the consultant can revoke it like any other link.
    """
    owner = assessment.organisation.consultant_id
    if owner == user.id:
        raise AdoptError("This assessment is already one of yours.")
    if owner is not None:
        raise AdoptError("This assessment is managed by another consultant, so it cannot be attached here.")
    firm = assessment.organisation
    assessment.origin, assessment.in_trends = "adopted", False  # answered before the consultant came: not a trend point
    if client is None:
        firm.consultant = user
        firm.scope = firm.scope or assessment.scope
        return firm
    assessment.organisation = client
    db.session.flush()
    if not db.session.scalar(select(func.count(Assessment.id)).where(Assessment.organisation_id == firm.id)):
        db.session.delete(firm)  # the firm's own record held nothing else
    return client


def same_name(user: Consultant, name: str) -> Client | None:
    """One of the consultant's clients already called this (case and spaces aside): adopting would make a twin."""
    wanted = " ".join(name.split()).lower()
    return next((c for c in clients_of(user) if " ".join(c.name.split()).lower() == wanted), None)


def set_plan(assessment: Assessment, name: str | None, due_on: date | None, remind_days: int, in_trends: bool) -> None:
    """Name, due date and reminders, and whether the assessment is a point of the client's trend chart."""
    assessment.name = _clean(name)
    assessment.due_on, assessment.remind_days, assessment.in_trends = due_on, remind_days, in_trends


def set_cycle(assessment: Assessment, stage1: date | None, stage2: date | None, certified: date | None) -> None:
    assessment.stage1_on, assessment.stage2_on, assessment.certified_on = stage1, stage2, certified
    assessment.updated_at = utcnow()


def latest_first(client: Client) -> list[Assessment]:
    return sorted(client.assessments, key=lambda a: (a.created_at, a.id), reverse=True)
