"""What the audit rehearsal report shows beyond the scores: who an auditor would interview about what,
and the certification ahead. Pure: built from banks and scoring results, no Flask, no database."""

from __future__ import annotations

from dataclasses import dataclass

from ..audit_time import AuditEstimate, estimate
from ..banks import Bank, Clause, Item, items
from ..scoring import Result

INTERVIEWEES: dict[str, str] = {
    "top_management": "Top management",
    "process_owner": "Process owners",
    "internal_auditor": "The internal auditor",
    "staff": "Staff on site",
}
SAMPLES_PER_CLAUSE = 3
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
    clause: Clause
    questions: tuple[Item, ...]
    samples: tuple[str, ...]


@dataclass(frozen=True)
class InterviewGroup:
    who: str
    label: str
    topics: tuple[InterviewTopic, ...]


def interview_plan(bank: Bank) -> list[InterviewGroup]:
    """Questions an auditor checks by interview, grouped by whom, then by clause, with what will be sampled."""
    grouped: dict[str, dict[str, list[Item]]] = {who: {} for who in INTERVIEWEES}
    for item in items(bank):
        if "interview" in item.question.audit_methods:
            grouped[interviewee(item)].setdefault(item.clause.id, []).append(item)
    plan = []
    for who, clauses in grouped.items():
        topics = tuple(_topic(found) for found in clauses.values())
        if topics:
            plan.append(InterviewGroup(who, INTERVIEWEES[who], topics))
    return plan


def _topic(found: list[Item]) -> InterviewTopic:
    samples: list[str] = []
    for item in found:
        samples.extend(e for e in item.question.evidence if e not in samples)
    return InterviewTopic(found[0].clause, tuple(found), tuple(samples[:SAMPLES_PER_CLAUSE]))


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
