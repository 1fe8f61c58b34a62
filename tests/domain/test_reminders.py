"""Reminders go once before the due date and once on the day, to those not done; "my part is done" tells the
consultant; the weekly digest goes once a week. Through a real SMTP server."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Flask
from sqlalchemy import select

from questionnaire.domain import digest, reminders
from questionnaire.domain.tokens import TOKEN_ANYWHERE as TOKEN
from questionnaire.extensions import db
from questionnaire.jobs import huey
from questionnaire.models import Consultant, Link, ReminderSent

from ..conftest import csrf_from
from ..consult.helpers import add_assessment, add_client, issue, link_ids, post
from ..mailserver import SmtpServer
from .helpers import confirmed

BANK = "iso9001-2015"
TODAY = date(2027, 3, 1)


def world(app: Flask, smtp: SmtpServer):  # type: ignore[no-untyped-def]
    """Due on 4 March, first reminder 3 days before: Rita and Sam have addresses, Sam is done, Nadia has none,
    Gone's link is revoked."""
    owner = confirmed(app, firm="Northwind Consulting")
    assessment_id = add_assessment(owner, add_client(owner, "Acme Precision Ltd"), BANK)
    tokens = {}
    for name, email in (
        ("Rita", "rita@client.example"),
        ("Sam", "sam@client.example"),
        ("Nadia", ""),
        ("Gone", "g@x.example"),
    ):
        response = post(owner, f"/consult/assessments/{assessment_id}/links", {"name": name, "email": email})
        tokens[name] = response.text.split("/a/")[1][:43]
    ids = link_ids(app, assessment_id)
    post(owner, f"/consult/assessments/{assessment_id}/links/{ids[3]}/revoke")
    with app.app_context():
        from questionnaire.models import Assessment

        found = db.session.scalars(db.select(Assessment).where(Assessment.public_id == assessment_id)).one()
        found.due_on, found.remind_days = TODAY + timedelta(days=3), 3  # type: ignore[union-attr]
        db.session.scalars(db.select(Link).where(Link.public_id == ids[1])).one().done_at = datetime(2027, 2, 27)  # type: ignore[union-attr]
        db.session.commit()
    smtp.inbox.messages.clear()
    return owner, assessment_id, tokens


def run(app: Flask, day: date) -> int:
    with app.app_context():
        count = reminders.send_due_reminders(day)
        db.session.commit()
        return count


def test_a_reminder_goes_once_before_the_due_date_and_once_on_the_day(app: Flask, smtp: SmtpServer) -> None:
    _, _, tokens = world(app, smtp)
    assert run(app, TODAY - timedelta(days=1)) == 0  # four days ahead: not yet
    assert run(app, TODAY) == 1 and run(app, TODAY) == 0 and run(app, TODAY + timedelta(days=1)) == 0
    [before] = smtp.inbox.messages
    assert before.recipients == ["rita@client.example"]
    assert before.message["Subject"] == "Reminder: Acme Precision Ltd, due on 4 March"
    assert before.message["Reply-To"] == '"Ann Auditor, Northwind Consulting" <ann@example.com>'
    text = before.part("plain")
    assert "due in 3 days, on 4 March 2027" in text and "You have not answered any yet" in text
    assert tokens["Rita"] not in text and not TOKEN.search(text)  # no link in a reminder: only its hash is kept
    assert run(app, TODAY + timedelta(days=3)) == 1 and run(app, TODAY + timedelta(days=3)) == 0
    assert "due today" in smtp.inbox.messages[1].part("plain")
    assert run(app, TODAY + timedelta(days=4)) == 0  # past the due date
    with app.app_context():
        assert sorted(db.session.scalars(select(ReminderSent.kind))) == ["before", "due"]


def test_the_periodic_job_sends_them_hourly_through_the_queue(app: Flask, smtp: SmtpServer) -> None:
    world(app, smtp)
    periodic = {task.__name__ for task in huey._registry._periodic_tasks}  # type: ignore[attr-defined]
    assert {"reminders_every_hour", "digests_every_monday"} <= periodic
    assert reminders.reminders_every_hour.task_class().validate_datetime(datetime(2027, 3, 1, 9, 7))
    assert not reminders.reminders_every_hour.task_class().validate_datetime(datetime(2027, 3, 1, 9, 8))
    with app.app_context():
        reminders.send_reminders.call_local()  # what the periodic task enqueues, run here (today's date)
    assert smtp.inbox.messages == []  # today is not within three days of 4 March 2027


def test_my_part_is_done_tells_the_consultant_once(app: Flask, smtp: SmtpServer) -> None:
    owner, assessment_id, tokens = world(app, smtp)
    respondent = app.test_client()
    overview = respondent.get(f"/a/{tokens['Rita']}")
    assert "My part is done" in overview.text and "Tells Ann Auditor you have finished" in overview.text
    done = respondent.post(f"/a/{tokens['Rita']}/done", data={"csrf_token": csrf_from(overview.text), "action": "done"})
    assert done.status_code == 302
    [told] = smtp.inbox.messages
    assert told.recipients == ["ann@example.com"] and told.message["Subject"] == "Rita has finished: Acme Precision Ltd"
    text = told.part("plain")
    assert "Rita has marked their part" in text and "Still answering: Nadia." in text  # revoked: not waited for
    again = respondent.get(f"/a/{tokens['Rita']}")
    assert "Your part is done" in again.text
    respondent.post(f"/a/{tokens['Rita']}/done", data={"csrf_token": csrf_from(again.text), "action": "done"})
    assert len(smtp.inbox.messages) == 1
    assert "Done</span>" in owner.get(f"/consult/assessments/{assessment_id}").text
    assert run(app, TODAY) == 0  # done: no reminder
    reopened = respondent.post(
        f"/a/{tokens['Rita']}/done", data={"csrf_token": csrf_from(again.text), "action": "reopen"}
    )
    assert reopened.status_code == 302 and run(app, TODAY) == 1


def test_the_weekly_digest_goes_once_a_week_to_those_who_asked(app: Flask, smtp: SmtpServer) -> None:
    world(app, smtp)
    monday = date(2027, 3, 1)
    with app.app_context():
        assert digest.send_digests(monday) == 0  # not asked for
        user = db.session.scalars(select(Consultant)).one()
        user.weekly_digest = True
        db.session.commit()
        assert digest.send_digests(monday) == 1 and digest.send_digests(monday + timedelta(days=2)) == 0
        db.session.commit()
        assert digest.send_digests(monday + timedelta(days=7)) == 1
        db.session.commit()
    assert digest.digests_every_monday.task_class().validate_datetime(datetime(2027, 3, 1, 6, 30))
    [first, _] = smtp.inbox.messages
    text = first.part("plain")
    assert first.message["Subject"] == "Your week in Preaudit: 1 open assessment"
    assert "1 of 3 respondents done; still answering: Rita, Nadia" in text and "(due 4 Mar 2027)" in text


def test_an_unconfirmed_consultant_hears_nothing_but_the_confirmation(app: Flask, smtp: SmtpServer) -> None:
    from ..consult.helpers import consultant

    owner = consultant(app, "new@example.com", "New Consultant")
    [confirmation] = smtp.inbox.messages
    assert confirmation.message["Subject"] == "Confirm your address for Preaudit"
    assessment_id = add_assessment(owner, add_client(owner), BANK)
    token = issue(owner, assessment_id, "Rita")
    respondent = app.test_client()
    html = respondent.get(f"/a/{token}").text
    respondent.post(f"/a/{token}/done", data={"csrf_token": csrf_from(html), "action": "done"})
    with app.app_context():
        user = db.session.scalars(select(Consultant)).one()
        user.weekly_digest = True
        db.session.commit()
        assert digest.send_digests(TODAY) == 0
    assert len(smtp.inbox.messages) == 1
