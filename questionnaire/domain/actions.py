"""Actions: the work that closes a finding, with an owner, a due date, a status, a note and evidence of closure.

An action is keyed by its requirement (assessment, bank id, clause id): one finding per requirement, its weak
questions as the evidence behind it. The finding's grade is read from the scoring result every time; when the
answers reach the target and the finding goes, the action stays and reads "finding closed".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from ..banks import Clause, Item
from ..extensions import db
from ..models import ACTION_STATUSES, Assessment, FindingAction
from ..scoring import GRADE_LABELS, GRADE_RANK, Finding, Result

STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "done": "Done", "verified": "Verified"}
OPEN = ("open", "in_progress")
OWNER_MAX = 120
NOTE_MAX = 4000


@dataclass(frozen=True)
class Requirement:
    """One finding per requirement (a clause of a bank; an Annex A control is one), worst grade first."""

    bank_id: str
    bank_name: str
    clause: Clause
    grade: str
    label: str
    items: tuple[Item, ...]  # the weak questions: the evidence of the finding
    also: tuple[str, ...] = ()  # other standards a shared requirement counts for

    @property
    def key(self) -> tuple[str, str]:
        return (self.bank_id, self.clause.id)

    @property
    def title(self) -> str:
        return f"{self.bank_name} {self.clause.id} {self.clause.title}"


def requirement_findings(results: Iterable[Result]) -> list[Requirement]:
    """The action plan, one entry per requirement, in its order (scoring writes one finding per requirement; a
    system-level finding sits on the first clause it cites). A requirement shared by integrated standards (the
    same harmonized questions) is listed once, under the first standard, with the others in `also`."""
    grouped: dict[tuple[str, str], tuple[Result, Clause, list[Finding]]] = {}
    for result in results:
        for finding in result.findings:
            clause = finding.clause or (finding.item.clause if finding.item else None)
            if clause is not None and finding.evidence:
                grouped.setdefault((result.bank.id, clause.id), (result, clause, []))[2].append(finding)
    found: list[Requirement] = []
    shared: dict[frozenset[str], int] = {}
    for (bank_id, _), (result, clause, findings) in grouped.items():
        worst = min(findings, key=lambda f: GRADE_RANK[f.grade])
        items = tuple({weak.item.key: weak.item for f in findings for weak in f.evidence}.values())
        keys = frozenset(item.key for item in items)
        if all(key.startswith("hs-") for key in keys) and keys in shared:
            first = found[shared[keys]]
            found[shared[keys]] = replace(first, also=(*first.also, result.bank.name))
            continue
        shared.setdefault(keys, len(found))
        label = worst.label if worst.grade == "blocker" else GRADE_LABELS[worst.grade]
        found.append(Requirement(bank_id, result.bank.name, clause, worst.grade, label, items))
    return sorted(found, key=lambda r: GRADE_RANK[r.grade])


@dataclass(frozen=True)
class ActionView:
    """An action as pages show it: its finding now (None once the finding has gone) and whether it is late."""

    action: FindingAction
    finding: Requirement | None
    today: date

    @property
    def overdue(self) -> bool:
        due = self.action.due_on
        return due is not None and due < self.today and self.action.status in OPEN

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.action.status]

    @property
    def closed(self) -> bool:
        return self.action.status in ("done", "verified")

    @property
    def reanswer(self) -> bool:
        """Closed with evidence while the finding still stands: the answers should now be raised."""
        return self.closed and bool(self.action.evidence) and self.finding is not None


def actions_of(assessment_id: int) -> list[FindingAction]:
    statement = (
        select(FindingAction)
        .where(FindingAction.assessment_id == assessment_id)
        .options(selectinload(FindingAction.evidence))
        .order_by(FindingAction.id)
    )
    return list(db.session.scalars(statement))


def find(assessment_id: int, public_id: str) -> FindingAction | None:
    statement = select(FindingAction).where(
        FindingAction.assessment_id == assessment_id, FindingAction.public_id == public_id
    )
    return db.session.scalar(statement)


def views(actions: list[FindingAction], findings: list[Requirement], today: date) -> list[ActionView]:
    """Overdue first, then open by due date, then done, then verified."""
    by_key = {finding.key: finding for finding in findings}
    shown = [ActionView(a, by_key.get((a.bank_id, a.clause_id)), today) for a in actions]
    order = {status: rank for rank, status in enumerate(ACTION_STATUSES)}
    return sorted(
        shown,
        key=lambda v: (not v.overdue, order[v.action.status] // 2, v.action.due_on or date.max, v.action.id),
    )


def track(assessment_id: int, finding: Requirement) -> FindingAction:
    """The action for this finding, made if it does not exist yet."""
    statement = select(FindingAction).where(
        FindingAction.assessment_id == assessment_id,
        FindingAction.bank_id == finding.bank_id,
        FindingAction.clause_id == finding.clause.id,
    )
    existing = db.session.scalar(statement)
    if existing is not None:
        return existing
    action = FindingAction(
        assessment_id=assessment_id,
        bank_id=finding.bank_id,
        clause_id=finding.clause.id,
        title=finding.title[:300],
        note="",
    )
    db.session.add(action)
    db.session.flush()
    return action


def untracked(findings: list[Requirement], actions: list[FindingAction]) -> list[Requirement]:
    keys = {(a.bank_id, a.clause_id) for a in actions}
    return [finding for finding in findings if finding.key not in keys]


def may_verify(assessment: Assessment, by_consultant: bool) -> bool:
    """The consultant verifies; a firm working alone has no one else to, so it may."""
    return by_consultant or assessment.organisation.consultant_id is None


def update(action: FindingAction, owner: str | None, due_on: date | None, status: str, note: str) -> None:
    if status not in ACTION_STATUSES:
        raise ValueError(f"unknown status {status!r}")
    action.owner = (owner or "").strip()[:OWNER_MAX] or None
    action.due_on = due_on
    action.status = status
    action.note = (note or "").strip()[:NOTE_MAX]


@dataclass(frozen=True)
class Counts:
    open: int = 0
    overdue: int = 0
    done: int = 0
    verified: int = 0

    @property
    def total(self) -> int:
        return self.open + self.done + self.verified


def counts(assessment_ids: list[int], today: date) -> dict[int, Counts]:
    """Open (with how many overdue), done and verified actions per assessment, in one query."""
    return _counts(FindingAction.assessment_id, assessment_ids, today)


def counts_per_client(client_ids: list[int], today: date) -> dict[int, Counts]:
    """The same per client, over all its assessments: the consultant's dashboard."""
    return _counts(Assessment.organisation_id, client_ids, today)


def _counts(group, ids: list[int], today: date) -> dict[int, Counts]:  # type: ignore[no-untyped-def]
    is_open = FindingAction.status.in_(OPEN)
    late = is_open & (FindingAction.due_on < today)
    statement = (
        select(
            group,
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((late, 1), else_=0)),
            func.sum(case((FindingAction.status == "done", 1), else_=0)),
            func.sum(case((FindingAction.status == "verified", 1), else_=0)),
        )
        .join(Assessment, Assessment.id == FindingAction.assessment_id)
        .where(group.in_(ids))
        .group_by(group)
    )
    found = {key: Counts(*(int(n or 0) for n in numbers)) for key, *numbers in db.session.execute(statement)}
    return {key: found.get(key, Counts()) for key in ids}


@dataclass(frozen=True)
class Due:
    """An action's due date as a calendar entry (reports/cycle.py turns it into an event)."""

    key: str
    title: str
    day: date
    description: str


def due_dates(assessment_id: int) -> list[Due]:
    """Due dates of the actions not yet done, for the certification calendar."""
    statement = select(FindingAction).where(
        FindingAction.assessment_id == assessment_id, FindingAction.due_on.is_not(None), FindingAction.status.in_(OPEN)
    )
    return [
        Due(
            f"action-{action.public_id}",
            f"Action due: {action.title}",
            action.due_on,  # type: ignore[arg-type]
            f"Owner: {action.owner or 'not named'}. Status: {STATUS_LABELS[action.status]}. {action.note}".strip(),
        )
        for action in db.session.scalars(statement.order_by(FindingAction.due_on, FindingAction.id))
    ]
