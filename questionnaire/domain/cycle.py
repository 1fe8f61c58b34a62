"""The three-year certification cycle from the dates a consultant records, and the same as iCalendar. Pure.

ISO/IEC 17021-1: a certificate is valid for three years; surveillance audits come within 12 and 24 months
of the certification decision, and the recertification audit must be done (and decided) before the
certificate expires. Without a certificate date the cycle is counted from the stage 2 audit, and says so.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

VALIDITY_MONTHS = 36
SURVEILLANCE_MONTHS = (12, 24)
RECERTIFICATION_LEAD_MONTHS = 3  # leaves time for the decision before the certificate lapses
REMINDER_DAYS = 30


@dataclass(frozen=True)
class CycleEvent:
    key: str  # stable, for the calendar UID: importing the file again updates the events instead of doubling them
    title: str
    day: date
    description: str
    reminder: bool = False


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has fewer days (29 Feb -> 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cycle_events(stage1: date | None, stage2: date | None, certified: date | None) -> list[CycleEvent]:
    events = []
    if stage1:
        events.append(CycleEvent("stage1", "Stage 1 audit", stage1, "Documents, scope and readiness for stage 2."))
    if stage2:
        events.append(CycleEvent("stage2", "Stage 2 audit", stage2, "On site: implementation and effectiveness."))
    base = certified or stage2
    if base is None:
        return events
    counted = "the certificate date" if certified else "the stage 2 audit (record the certificate date to be exact)"
    if certified:
        events.append(CycleEvent("certified", "Certificate issued", certified, "Start of the three-year cycle."))
    for number, months in enumerate(SURVEILLANCE_MONTHS, start=1):
        events.append(
            CycleEvent(
                f"surveillance-{number}",
                f"Surveillance audit {number}",
                add_months(base, months),
                f"Due within {months} months of {counted}.",
                reminder=True,
            )
        )
    expiry = add_months(base, VALIDITY_MONTHS) - timedelta(days=1)
    events.append(
        CycleEvent(
            "recertification",
            "Recertification audit",
            add_months(base, VALIDITY_MONTHS - RECERTIFICATION_LEAD_MONTHS),
            f"Must be done and decided before the certificate expires on {expiry.isoformat()}.",
            reminder=True,
        )
    )
    events.append(CycleEvent("expiry", "Certificate expires", expiry, f"Three years after {counted}.", reminder=True))
    return events


def next_due(events: list[CycleEvent], today: date) -> CycleEvent | None:
    return next((event for event in sorted(events, key=lambda e: e.day) if event.day >= today), None)


def to_ics(events: list[CycleEvent], subject: str, uid_prefix: str, stamp: datetime) -> bytes:
    """All-day events with a reminder a month ahead; `subject` (client and standard) is escaped by icalendar."""
    from icalendar import Alarm, Calendar, Event  # imported when a calendar is asked for, not at start-up

    subject = " ".join(subject.split())  # one line: no line break of a client's name can start a new property
    cal = Calendar()
    cal.add("prodid", "-//Preaudit//Certification cycle//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Certification cycle: {subject}")
    for item in events:
        event = Event()
        event.add("uid", f"{uid_prefix}-{item.key}@preaudit")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", f"{item.title}: {subject}")
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        if item.reminder:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{item.title} in {REMINDER_DAYS} days: {subject}")
            alarm.add("trigger", timedelta(days=-REMINDER_DAYS))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
