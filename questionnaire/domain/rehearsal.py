"""What the audit rehearsal report shows beyond the scores: who an auditor would interview about what,
and the certification ahead. Pure: built from banks and scoring results, no Flask, no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from ..banks import Bank, Clause, Item, Section, items
from ..scoring import GRADE_RANK, DocumentStatus, Finding, Result, action_plan
from .audit_time import AuditEstimate, estimate

INTERVIEWEES: dict[str, str] = {
    "top_management": "Top management",
    "process_owner": "Process owners",
    "internal_auditor": "The internal auditor",
    "staff": "Staff on site",
    "worker_representatives": "Worker representatives",
    "anti_bribery_function": "The anti-bribery compliance function",
}
SAMPLES_PER_TOPIC = 4
METHOD_NOTE = (
    "Each question was answered by the organisation on a five-level scale (0 not in place to 4 effective), and "
    "the answers were graded the way a certification body writes what it finds under ISO/IEC 17021-1: one finding "
    "per requirement, with the weak answers as its evidence, graded stage blocker, likely major or minor "
    "nonconformity, or opportunity for improvement. "
    "It is a self-assessment that rehearses the audit; it is not an audit and not a certificate."
)
MATURITY_NOTE = (
    "Each question was answered by the organisation on a five-level scale (0 not in place to 4 effective). The "
    "profile is the weighted mean level out of 4; the improvement plan aims at level 3 (implemented, with the "
    "records it produces) and lists, clause by clause, the practices still below it. "
    "It is a self-assessment of how far the practice goes, written by the organisation itself."
)


def interviewee(item: Item) -> str:
    """Whom a stage 2 auditor would ask: the bank says so, or it follows from the clause."""
    if item.question.interviewee:
        return item.question.interviewee
    ref = item.clause.hs_clause or item.clause.id
    if ref == "9.2" or ref.startswith("9.2."):
        return "internal_auditor"
    if ref.split(".")[0] == "5" or ref == "9.3" or ref.startswith("9.3."):
        return "top_management"
    if any(ref == c or ref.startswith(c + ".") for c in ("7.2", "7.3", "7.4")):
        return "staff"
    return "process_owner"


@dataclass(frozen=True)
class InterviewTopic:
    """One section's questions for one interviewee, with what an auditor would sample."""

    section: Section
    clauses: tuple[Clause, ...]
    questions: int
    samples: tuple[str, ...]


@dataclass(frozen=True)
class InterviewGroup:
    who: str
    label: str
    topics: tuple[InterviewTopic, ...]


def interview_plan(banks: Iterable[Bank], excluded: frozenset[str] = frozenset()) -> list[InterviewGroup]:
    """Questions an auditor checks by interview, grouped by whom, then by section, shared questions once;
    samples come from the heaviest questions first. Excluded questions (not applicable, left out of the SoA)
    are not audited, so nobody is asked about them."""
    grouped: dict[str, dict[str, list[Item]]] = {who: {} for who in INTERVIEWEES}
    seen: set[str] = set(excluded)
    for bank in banks:
        for item in items(bank):
            if "interview" in item.question.audit_methods and item.key not in seen:
                seen.add(item.key)
                grouped[interviewee(item)].setdefault(f"{bank.id}/{item.section.id}", []).append(item)
    plan = []
    for who, sections in grouped.items():
        topics = tuple(_topic(found) for found in sections.values())
        if topics:
            plan.append(InterviewGroup(who, INTERVIEWEES[who], topics))
    return plan


def _topic(found: list[Item]) -> InterviewTopic:
    samples: list[str] = []
    for item in sorted(found, key=lambda i: -i.question.weight):
        samples.extend(e for e in item.question.evidence if e not in samples)
    clauses = tuple({item.clause.id: item.clause for item in found}.values())
    return InterviewTopic(found[0].section, clauses, len(found), tuple(samples[:SAMPLES_PER_TOPIC]))


@dataclass(frozen=True)
class Shared:
    """A finding or document once, with every standard it counts for (integrated assessments)."""

    finding: Finding
    banks: tuple[str, ...]


def _same(finding: Finding) -> tuple[object, ...]:
    """Standards raise the same finding when it rests on the same shared question (internal audit missing in
    9001 9.2 and in 14001 9.2.2), is the same system-level finding, or cites the same answers."""
    if finding.code:
        return ("system", finding.code)
    lead = finding.item
    if lead is not None and lead.question.hs_key:
        return ("shared", lead.key)
    return ("own", finding.refs, tuple(weak.item.key for weak in finding.evidence))


def _merge(best: Finding, other: Finding) -> Finding:
    """The most severe of the two, with the other's weak answers added to its evidence."""
    if GRADE_RANK[other.grade] < GRADE_RANK[best.grade]:
        best, other = other, best
    keys = {weak.item.key for weak in best.evidence}
    extra = tuple(weak for weak in other.evidence if weak.item.key not in keys)
    return replace(best, evidence=best.evidence + extra) if extra else best


def combined_findings(results: list[Result]) -> dict[str, list[Shared]]:
    """Findings of every standard, a finding shared by several standards once, under its most severe grade and
    with every standard's clause it cites, in action-plan order."""
    merged: dict[tuple[object, ...], Finding] = {}
    names: dict[tuple[object, ...], list[str]] = {}
    for result in results:
        for finding in result.findings:
            key = _same(finding)
            names.setdefault(key, []).append(f"{result.bank.name} {finding.ref}".strip())
            merged[key] = _merge(merged[key], finding) if key in merged else finding
    position = {id(finding): key for key, finding in merged.items()}
    grouped: dict[str, list[Shared]] = {grade: [] for grade in GRADE_RANK}
    for finding in action_plan(list(merged.values())):
        grouped[finding.grade].append(Shared(finding, tuple(names[position[id(finding)]])))
    return grouped


@dataclass(frozen=True)
class SharedDocument:
    document: DocumentStatus
    banks: tuple[str, ...]


def combined_documents(results: list[Result]) -> list[SharedDocument]:
    found: dict[str, DocumentStatus] = {}
    names: dict[str, list[str]] = {}
    for result in results:
        for document in result.documents:
            found.setdefault(document.item.key, document)
            names.setdefault(document.item.key, []).append(result.bank.name)
    return [SharedDocument(document, tuple(names[key])) for key, document in found.items()]


Route = Literal["certification", "transition", "sector_scheme"]


@dataclass(frozen=True)
class CertificationAhead:
    """What comes after the rehearsal: a two-stage certification with its audit days, the transition audit of a
    certified firm, or a sector scheme's own assessment."""

    bank: Bank
    audit: AuditEstimate | None
    route: Route = "certification"


def certification_ahead(
    results: list[Result], headcount: int | None, transition: bool = False
) -> list[CertificationAhead]:
    """No audit days where no public table applies: a sector scheme is assessed by the acquirer, contract by
    contract, and a transition is checked within a surveillance or recertification audit."""
    ahead = []
    for r in results:
        if not r.bank.certifiable:
            continue
        route: Route = (
            "transition" if transition else "sector_scheme" if r.bank.kind == "sector_scheme" else "certification"
        )
        audit = estimate(r.bank.certification.audit_time, headcount) if route == "certification" else None
        ahead.append(CertificationAhead(r.bank, audit, route))
    return ahead
