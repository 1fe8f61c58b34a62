"""Invitations: a link issued to a person with an address goes to them by e-mail, with the consultant's note.

The consultant always gets the message too, to copy or to open in their own mail program: with no MAIL_URL that
is how it reaches the person; with one it is a spare. A message goes out in the consultant's name only once their
own address is confirmed (see domain.accounts_mail), so nobody can send invitations as someone they are not.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from .. import mail
from ..extensions import db
from ..mail.addresses import address_problem, clean_address
from ..mail.compose import compose, external_url, mailto
from ..models import LINK_ANSWER, LINK_READ, Assessment, Consultant, Link, MailRecord
from . import links
from .branding import sender_of
from .inputs import text_problem as control_problem
from .registry import registry

MAX_PEOPLE = 100
NAME_MAX = 120
NOTE_MAX = 1000
HELD_NO_ADDRESS = "no address"
HELD_UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    email: str | None


@dataclass(frozen=True)
class Invitation:
    """A link just issued or renewed: its private URL (shown once), the message, and whether it was sent."""

    link: Link
    url: str
    message: mail.Message
    record: MailRecord | None
    held: str | None  # why it was not sent: HELD_NO_ADDRESS or HELD_UNCONFIRMED

    @property
    def copy_text(self) -> str:
        """The text part without the "sent by Preaudit" signature: the consultant sends this one themselves."""
        return self.message.text.split("\n-- \n")[0].rstrip() + "\n"

    @property
    def mailto(self) -> str:
        return mailto(replace(self.message, text=self.copy_text))


def may_send_as(consultant: Consultant) -> bool:
    """Mail goes out in a consultant's name (and with their Reply-To) only once their address is confirmed."""
    return consultant.email_confirmed_at is not None


def standards_of(assessment: Assessment) -> str:
    names = [bank.name for bank_id in assessment.bank_ids if (bank := registry().get(bank_id)) is not None]
    return " + ".join(names) or "certification"


def invite(
    assessment: Assessment,
    consultant: Consultant,
    person: Person,
    access: str = LINK_ANSWER,
    expires_on: date | None = None,
    note: str | None = None,
    estimate: str | None = None,
) -> Invitation:
    """Issue a link to one person and, when they have an address, queue their invitation."""
    link, token = links.issue(assessment, person.name, person.role, access, expires_on)
    link.email = person.email
    return deliver(link, token, consultant, note, estimate)


def resend(
    link: Link, consultant: Consultant, email: str | None, note: str | None = None, estimate: str | None = None
) -> Invitation:
    """A new link for the same person and answers (only the hash of the old one was kept), sent again."""
    token = links.regenerate(link)
    link.email = email
    return deliver(link, token, consultant, note, estimate)


def deliver(link: Link, token: str, consultant: Consultant, note: str | None, estimate: str | None) -> Invitation:
    read_only = link.access == LINK_READ
    url = external_url("assess.results" if read_only else "assess.overview", token=token)
    assessment = link.assessment
    client = assessment.organisation.name
    message = compose(
        "invitation",
        to=link.email or "",
        to_name=link.name,
        subject=f"{client}: {'the results of' if read_only else 'your questions for'} the {standards_of(assessment)} "
        "audit rehearsal",
        sender=sender_of(consultant),
        client=client,
        standards=standards_of(assessment),
        role=link.role,
        note=(note or "").strip() or None,
        url=url,
        read_only=read_only,
        expires_on=link.expires_on,
        due_on=assessment.due_on,
        estimate=estimate,
    )
    held = HELD_NO_ADDRESS if not link.email else None if may_send_as(consultant) else HELD_UNCONFIRMED
    record = None
    if held is None:
        record = mail.send(message, "invitation", consultant_id=consultant.id, link_id=link.id)
    return Invitation(link, url, message, record, held)


@dataclass(frozen=True)
class LineProblem:
    line: int
    text: str
    problem: str


def parse_people(text: str, taken: set[str] | None = None) -> tuple[list[Person], list[LineProblem]]:
    """A pasted or uploaded list: "name, role, e-mail" (CSV, with , ; or tab), "name, e-mail" or "Name <e-mail>",
    one person a line. Every line is checked; `taken` holds addresses that already have a link here."""
    people: list[Person] = []
    problems: list[LineProblem] = []
    seen: dict[str, int] = {}
    lines = [(number, line) for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1) if line.strip()]
    if lines and is_header(lines[0][1]):
        lines = lines[1:]
    if not lines:
        return [], [LineProblem(0, "", "The list is empty: give one person a line, as name, role, e-mail.")]
    if len(lines) > MAX_PEOPLE:
        return [], [LineProblem(0, "", f"The list has {len(lines)} people; send at most {MAX_PEOPLE} at a time.")]
    for number, line in lines:
        person, problem = parse_line(line)
        if person and person.email in seen:
            problem = f"{person.email} is already on line {seen[person.email]}."
        elif person and person.email in (taken or set()):
            problem = f"{person.email} already has a link to this assessment: use “Resend” in the table of links."
        if problem or person is None:
            problems.append(LineProblem(number, line.strip()[:200], problem or "This line cannot be read."))
            continue
        seen[person.email] = number  # type: ignore[index]
        people.append(person)
    return people, problems


def is_header(line: str) -> bool:
    fields = [field.strip().lower() for field in split_fields(line)]
    return bool(fields) and fields[0] == "name" and "mail" in fields[-1]


def split_fields(line: str) -> list[str]:
    delimiter = "\t" if "\t" in line else ";" if ";" in line and "," not in line else ","
    fields = next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), [])
    while fields and not fields[-1].strip():
        fields.pop()
    return [field.strip() for field in fields]


def parse_line(line: str) -> tuple[Person | None, str | None]:
    fields = split_fields(line)
    if len(fields) == 1 and "<" in fields[0] and fields[0].rstrip().endswith(">"):
        name, _, rest = fields[0].partition("<")
        fields = [name.strip(), rest.rstrip()[:-1]]
    if len(fields) > 3:
        return None, f"This line has {len(fields)} fields; give name, role, e-mail."
    if len(fields) < 2:
        return None, "Give a name and an e-mail address: name, role, e-mail."
    name, role, raw_email = fields[0], (fields[1] if len(fields) == 3 else ""), fields[-1]
    for text in (name, role, raw_email):
        if problem := control_problem(text):
            return None, problem
    email = clean_address(raw_email)
    if not name:
        return None, "The name is missing."
    if len(name) > NAME_MAX or len(role) > NAME_MAX:
        return None, f"A name or a role is longer than {NAME_MAX} characters."
    if email is None:
        return None, address_problem(raw_email)
    return Person(name, role or None, email), None


def addresses_with_links(assessment: Assessment) -> set[str]:
    """Addresses that already have a working respondent link to this assessment (a second one would split answers)."""
    rows = select(Link.email).where(
        Link.assessment_id == assessment.id, Link.email.is_not(None), Link.revoked_at.is_(None)
    )
    return {email for email in db.session.scalars(rows) if email}


def invite_many(
    assessment: Assessment,
    consultant: Consultant,
    people: list[Person],
    note: str | None = None,
    expires_on: date | None = None,
    estimate: str | None = None,
) -> list[Invitation]:
    """Every person gets a respondent link and an invitation, in the caller's one transaction: all or nothing."""
    return [invite(assessment, consultant, person, LINK_ANSWER, expires_on, note, estimate) for person in people]


def latest_mail(assessment: Assessment) -> dict[int, MailRecord]:
    """The last invitation of each link of this assessment: what the links table says about delivery."""
    rows = db.session.scalars(
        select(MailRecord)
        .join(Link, Link.id == MailRecord.link_id)
        .where(Link.assessment_id == assessment.id, MailRecord.kind == "invitation")
        .order_by(MailRecord.id)
    )
    return {row.link_id: row for row in rows if row.link_id is not None}
