"""Reminders before a due date, and "my part is done" with the message it sends the consultant.

A periodic job (huey's periodic_task on the queue's one huey instance) looks every hour for respondents who have
not finished an assessment that is due: they get a reminder `remind_days` before the due date and one on the day.
Each is recorded (reminder_sent, unique per link, due date and kind) before its message is queued, and the message
leaves only when that record is committed, so a reminder goes once, however often and wherever the job runs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from huey import crontab
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from .. import mail
from ..extensions import db
from ..jobs import huey, job
from ..mail.compose import SITE, compose, external_url
from ..models import LINK_ANSWER, Assessment, Client, Consultant, Link, MailRecord, ReminderSent, utcnow
from . import dashboard
from .branding import sender_of
from .invitations import may_send_as, standards_of
from .registry import registry

BEFORE, ON_THE_DAY = "before", "due"


def reminder_kind(assessment: Assessment, today: date) -> str | None:
    """Which reminder is due today for this assessment, if any: "before" within remind_days, "due" on the day."""
    due = assessment.due_on
    if due is None or today > due:
        return None
    if today == due:
        return ON_THE_DAY
    return BEFORE if assessment.remind_days and today >= due - timedelta(days=assessment.remind_days) else None


def waiting_links(assessment: Assessment, today: date) -> list[Link]:
    """Respondents who have not said they are done, whose link still works and who have an address."""
    return [
        link
        for link in assessment.respondents
        if link.access == LINK_ANSWER and link.email and link.done_at is None and link.is_open(today)
    ]


def due_assessments(today: date) -> list[Assessment]:
    """Assessments with a due date within reach, of consultants whose address is confirmed (they send reminders)."""
    horizon = today + timedelta(days=60)
    statement = (
        select(Assessment)
        .join(Client, Client.id == Assessment.organisation_id)
        .join(Consultant, Consultant.id == Client.consultant_id)
        .where(Assessment.due_on >= today, Assessment.due_on <= horizon, Consultant.email_confirmed_at.is_not(None))
        .options(
            joinedload(Assessment.organisation).joinedload(Client.consultant), selectinload(Assessment.respondents)
        )
    )
    return list(db.session.scalars(statement).unique())


def send_due_reminders(today: date) -> int:
    """Record and queue every reminder due today that has not gone yet; the caller commits. Returns how many."""
    sent = 0
    for assessment in due_assessments(today):
        kind, due = reminder_kind(assessment, today), assessment.due_on
        if kind is None or due is None:
            continue
        people = waiting_links(assessment, today)
        done_before = already_sent([link.id for link in people], due, kind)
        row = dashboard.rows([assessment], registry())[0]
        answered = {summary.id: summary.answered for summary in row.respondents}
        for link in people:
            if link.id in done_before:
                continue
            db.session.add(ReminderSent(link_id=link.id, due_on=due, kind=kind))
            queue_reminder(assessment, due, link, today, answered.get(link.id, 0), row.questions)
            sent += 1
    return sent


def already_sent(link_ids: list[int], due_on: date, kind: str) -> set[int]:
    if not link_ids:
        return set()
    rows = select(ReminderSent.link_id).where(
        ReminderSent.link_id.in_(link_ids), ReminderSent.due_on == due_on, ReminderSent.kind == kind
    )
    return set(db.session.scalars(rows))


def invited_on(link: Link) -> datetime | None:
    return db.session.scalar(
        select(MailRecord.created_at)
        .where(MailRecord.link_id == link.id, MailRecord.kind == "invitation")
        .order_by(MailRecord.id.desc())
        .limit(1)
    )


def queue_reminder(assessment: Assessment, due: date, link: Link, today: date, answered: int, total: int) -> None:
    consultant = assessment.organisation.consultant
    if consultant is None:  # due_assessments() finds only consultants' assessments
        return
    days_left = (due - today).days
    client = assessment.organisation.name
    subject = f"Reminder: {client}, {'due today' if days_left == 0 else f'due on {due:%-d %B}'}"
    message = compose(
        "reminder",
        link.email or "",
        subject,
        sender_of(consultant),
        link.name,
        client=client,
        standards=standards_of(assessment),
        due_on=due,
        days_left=days_left,
        answered=answered,
        total=total,
        invited_on=invited_on(link),
    )
    mail.send(message, "reminder", consultant_id=consultant.id, link_id=link.id)


@job(retries=2, retry_delay=300)
def send_reminders() -> int:
    """The queue's task: today's reminders, committed (and so sent) together."""
    count = send_due_reminders(utcnow().date())
    db.session.commit()
    return count


@huey.periodic_task(crontab(minute="7"))
def reminders_every_hour() -> None:
    """Every hour: hand today's reminders to the queue (the task itself runs in the app's context)."""
    send_reminders()


# "My part is done" and what the consultant hears of it


def mark_done(link: Link) -> None:
    """The respondent says their part is done: no more reminders, and the consultant is told."""
    if link.done_at is not None:
        return
    link.done_at = utcnow()
    assessment = link.assessment
    consultant = assessment.organisation.consultant
    if consultant is None or not may_send_as(consultant):
        return
    row = dashboard.rows([assessment], registry())[0]
    summary = next((s for s in row.respondents if s.id == link.id), None)
    today = utcnow().date()
    waiting = [
        p.name or "the firm’s own link"
        for p in assessment.respondents
        if p.access == LINK_ANSWER and p.done_at is None and p.is_open(today)
    ]
    message = compose(
        "done",
        consultant.email,
        f"{link.name or 'A respondent'} has finished: {assessment.organisation.name}",
        SITE,
        consultant.name,
        who=link.name or "The firm’s own link",
        client=assessment.organisation.name,
        standards=standards_of(assessment),
        answered=summary.answered if summary else 0,
        total=row.questions,
        waiting=waiting,
        disagreements=row.disagreements,
        url=external_url("consult.assessment", assessment_id=assessment.public_id),
    )
    mail.send(message, "done", consultant_id=consultant.id)


def reopen(link: Link) -> None:
    """The respondent has more to add: reminders apply again."""
    link.done_at = None
