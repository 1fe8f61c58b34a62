"""The consultant's weekly digest: per open assessment, who has finished, who is still answering, what to settle.

Sent on Mondays by a periodic job to consultants who asked for it and whose address is confirmed; recorded per
ISO week (digest_sent), so it goes once a week however often the job runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from huey import crontab
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from .. import mail
from ..extensions import db
from ..jobs import huey, job
from ..mail.compose import SITE, compose, external_url
from ..models import LINK_ANSWER, Assessment, Client, Consultant, DigestSent, utcnow
from . import dashboard
from .invitations import standards_of
from .registry import registry


@dataclass(frozen=True)
class DigestItem:
    title: str
    url: str
    due_on: date | None
    people: int
    done: int
    waiting: list[str]
    disagreements: int


def digest_items(consultant: Consultant, today: date) -> list[DigestItem]:
    """Assessments still open: a respondent link that works and whose holder has not finished."""
    statement = (
        select(Assessment)
        .join(Client, Client.id == Assessment.organisation_id)
        .where(Client.consultant_id == consultant.id)
        .options(joinedload(Assessment.organisation), selectinload(Assessment.respondents))
        .order_by(Assessment.due_on.is_(None), Assessment.due_on, Assessment.id)
    )
    candidates = [
        a
        for a in db.session.scalars(statement).unique()
        if any(p.access == LINK_ANSWER and p.is_open(today) and p.done_at is None for p in a.respondents)
    ]
    rows = {row.assessment.id: row for row in dashboard.rows(candidates, registry())}
    items = []
    for assessment in candidates:
        people = [p for p in assessment.respondents if p.access == LINK_ANSWER and p.is_open(today)]
        items.append(
            DigestItem(
                title=f"{assessment.organisation.name} · {assessment.name or standards_of(assessment)}",
                url=external_url("consult.assessment", assessment_id=assessment.public_id),
                due_on=assessment.due_on,
                people=len(people),
                done=sum(1 for p in people if p.done_at is not None),
                waiting=[p.name or "the firm’s own link" for p in people if p.done_at is None],
                disagreements=rows[assessment.id].disagreements,
            )
        )
    return items


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def send_digests(today: date) -> int:
    """Every consultant who asked for it and whose address is confirmed: this week's digest, once. Caller commits."""
    week = iso_week(today)
    done = set(db.session.scalars(select(DigestSent.consultant_id).where(DigestSent.week == week)))
    wanting = db.session.scalars(
        select(Consultant).where(Consultant.weekly_digest.is_(True), Consultant.email_confirmed_at.is_not(None))
    )
    sent = 0
    for consultant in wanting:
        if consultant.id in done or not (items := digest_items(consultant, today)):
            continue
        db.session.add(DigestSent(consultant_id=consultant.id, week=week))
        message = compose(
            "digest",
            consultant.email,
            f"Your week in Preaudit: {len(items)} open assessment{'' if len(items) == 1 else 's'}",
            SITE,
            consultant.name,
            items=items,
            settings_url=external_url("consult.account"),
        )
        mail.send(message, "digest", consultant_id=consultant.id)
        sent += 1
    return sent


@job(retries=2, retry_delay=600)
def send_weekly_digests() -> int:
    count = send_digests(utcnow().date())
    db.session.commit()
    return count


@huey.periodic_task(crontab(day_of_week="1", hour="6", minute="30"))
def digests_every_monday() -> None:
    """Mondays, 06:30 UTC."""
    send_weekly_digests()
