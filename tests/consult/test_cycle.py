"""The certification cycle: dates in, surveillance at 12 and 24 months, recertification before expiry, as ICS."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask import Flask
from icalendar import Calendar

from questionnaire.domain.cycle import add_months, cycle_events, next_due, to_ics

from .helpers import add_assessment, add_client, consultant, post


def by_key(events):  # type: ignore[no-untyped-def]
    return {event.key: event.day for event in events}


def test_months_are_added_like_a_calendar() -> None:
    assert add_months(date(2026, 3, 15), 12) == date(2027, 3, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_the_cycle_runs_from_the_certificate_date() -> None:
    days = by_key(cycle_events(date(2026, 1, 12), date(2026, 2, 23), date(2026, 3, 15)))
    assert days == {
        "stage1": date(2026, 1, 12),
        "stage2": date(2026, 2, 23),
        "certified": date(2026, 3, 15),
        "surveillance-1": date(2027, 3, 15),
        "surveillance-2": date(2028, 3, 15),
        "recertification": date(2028, 12, 15),
        "expiry": date(2029, 3, 14),
    }
    assert days["recertification"] < days["expiry"]


def test_without_a_certificate_date_the_stage_2_audit_counts_and_says_so() -> None:
    events = cycle_events(None, date(2026, 2, 23), None)
    assert by_key(events)["surveillance-1"] == date(2027, 2, 23)
    assert "record the certificate date" in events[1].description
    assert cycle_events(date(2026, 1, 12), None, None)[0].key == "stage1"  # stage 1 alone: no cycle yet
    assert len(cycle_events(date(2026, 1, 12), None, None)) == 1


def test_what_is_due_next() -> None:
    events = cycle_events(None, None, date(2026, 3, 15))
    assert next_due(events, date(2026, 6, 1)).key == "surveillance-1"  # type: ignore[union-attr]
    assert next_due(events, date(2027, 3, 16)).key == "surveillance-2"  # type: ignore[union-attr]
    assert next_due(events, date(2030, 1, 1)) is None


def test_ics_has_every_date_a_year_apart_and_cannot_be_injected() -> None:
    events = cycle_events(date(2026, 1, 12), date(2026, 2, 23), date(2026, 3, 15))
    body = to_ics(
        events, "Acme, Ltd\r\nBEGIN:VEVENT\r\nSUMMARY:forged", "preaudit-assessment-7", datetime(2026, 1, 1, tzinfo=UTC)
    )
    calendar = Calendar.from_ical(body)
    found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == 7
    starts = {uid.split("-", 3)[3].split("@")[0]: e.decoded("dtstart") for uid, e in found.items()}
    assert starts["surveillance-2"] - starts["surveillance-1"] == timedelta(days=366)  # 2027-03-15 to 2028-03-15
    assert add_months(starts["surveillance-1"], 12) == starts["surveillance-2"]
    assert starts["expiry"] == date(2029, 3, 14)
    assert all(str(e["summary"]).endswith("Acme, Ltd BEGIN:VEVENT SUMMARY:forged") for e in found.values())
    assert body.split(b"\r\n").count(b"BEGIN:VEVENT") == 7  # the name's line breaks started no eighth event
    alarms = [a for e in found.values() for a in e.walk("VALARM")]
    assert {a.decoded("trigger") for a in alarms} == {timedelta(days=-30)}


def test_the_calendar_download_and_the_client_page(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner, "Acme & Sons")
    assessment_id = add_assessment(owner, client_id, "iso9001-2015")
    client_page = owner.get(f"/consult/clients/{client_id}").text
    assert "No audit dates recorded yet." in client_page
    certified = datetime.now(UTC).date() - timedelta(days=30)
    saved = post(owner, f"/consult/assessments/{assessment_id}/cycle", {"certified": certified.isoformat()})
    assert saved.status_code == 302
    response = owner.get(f"/consult/assessments/{assessment_id}/cycle.ics")
    assert response.mimetype == "text/calendar"
    assert response.headers["Content-Disposition"] == 'attachment; filename="certification-acme-sons.ics"'
    events = {str(e["uid"]): e for e in Calendar.from_ical(response.data).walk("VEVENT")}
    assert events[f"preaudit-assessment-{assessment_id}-surveillance-1@preaudit"].decoded("dtstart") == add_months(
        certified, 12
    )
    assert "ISO 9001:2015" in str(events[f"preaudit-assessment-{assessment_id}-expiry@preaudit"]["summary"])
    client_page = owner.get(f"/consult/clients/{client_id}").text
    due = add_months(certified, 12)
    assert f"<strong>Surveillance audit 1</strong> on {due.day} {due:%B %Y}" in client_page
    bad = post(owner, f"/consult/assessments/{assessment_id}/cycle", {"certified": "15/03/2026"})
    assert bad.status_code == 400
