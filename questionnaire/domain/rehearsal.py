"""What the audit rehearsal report shows beyond the scores: who an auditor would interview about what,
and the certification ahead. Pure: built from banks and scoring results, no Flask, no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
    "every answer was graded the way a certification body grades what it finds under ISO/IEC 17021-1: stage "
    "gates, likely major and minor nonconformities, opportunities for improvement. "
    "It is a self-assessment that rehearses the audit; it is not an audit and not a certificate."
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


def interview_plan(banks: Iterable[Bank]) -> list[InterviewGroup]:
    """Questions an auditor checks by interview, grouped by whom, then by section, shared questions once;
    samples come from the heaviest questions first."""
    grouped: dict[str, dict[str, list[Item]]] = {who: {} for who in INTERVIEWEES}
    seen: set[str] = set()
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


def combined_findings(results: list[Result]) -> dict[str, list[Shared]]:
    """Findings of every standard, each question once under its most severe grade, in action-plan order."""
    best: dict[str, Finding] = {}
    names: dict[str, list[str]] = {}
    for result in results:
        for finding in result.findings:
            key = finding.item.key
            names.setdefault(key, []).append(result.bank.name)
            if key not in best or GRADE_RANK[finding.grade] < GRADE_RANK[best[key].grade]:
                best[key] = finding
    ordered = action_plan(list(best.values()))
    grouped: dict[str, list[Shared]] = {grade: [] for grade in GRADE_RANK}
    for finding in ordered:
        grouped[finding.grade].append(Shared(finding, tuple(names[finding.item.key])))
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


@dataclass(frozen=True)
class CertificationAhead:
    bank: Bank
    audit: AuditEstimate | None


def certification_ahead(results: list[Result], headcount: int | None) -> list[CertificationAhead]:
    return [
        CertificationAhead(r.bank, estimate(r.bank.certification.audit_time, headcount))
        for r in results
        if r.bank.certifiable
    ]
