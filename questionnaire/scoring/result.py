"""A bank and answers in, one `Result` out: scores, findings, documents and the verdict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..banks import Bank, Clause, Item, Section, items
from .answers import TARGET_LEVEL, UNANSWERED, AnswerValue
from .findings import Finding, action_plan
from .requirements import requirement_findings
from .systemic import not_implemented, risk_treatment
from .tally import Measure, Tally
from .verdict import Verdict, decide

DocumentState = Literal["in place", "partial", "missing", "not assessed", "not applicable"]


@dataclass(frozen=True)
class DocumentStatus:
    item: Item
    status: DocumentState
    level: int | None = None


@dataclass(frozen=True)
class ClauseResult:
    clause: Clause
    tally: Tally
    reasons: tuple[str, ...] = ()  # why its questions were marked not applicable, each reason once

    @property
    def score(self) -> float | None:
        return self.tally.score

    @property
    def excluded(self) -> bool:
        return self.tally.excluded

    @property
    def excluded_reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class SectionResult:
    section: Section
    tally: Tally
    clauses: list[ClauseResult]

    @property
    def score(self) -> float | None:
        return self.tally.score

    @property
    def excluded(self) -> bool:
        return self.tally.excluded


@dataclass(frozen=True)
class Result:
    bank: Bank
    overall: Tally  # every question, for progress
    requirements: Tally  # clauses 4-10: the readiness score
    controls: Tally | None  # Annex A controls kept in the SoA: the SoA implementation score
    sections: list[SectionResult]
    findings: list[Finding]  # in action-plan order
    unanswered: list[Item]
    documents: list[DocumentStatus]
    verdict: Verdict | None  # None for a guideline: it gets a maturity profile, no verdict
    excluded: frozenset[str] = field(default_factory=frozenset)  # answer keys marked not applicable

    @property
    def score(self) -> float | None:
        return self.requirements.score

    @property
    def soa_score(self) -> float | None:
        return self.controls.score if self.controls else None

    @property
    def measure(self) -> Measure:
        return self.requirements.measure

    @property
    def complete(self) -> bool:
        return self.overall.complete

    def graded(self, grade_name: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.grade == grade_name]

    @property
    def requirement_sections(self) -> list[SectionResult]:
        """Clauses 4-10 (and a sector scheme's own requirements), without the Annex A themes."""
        return [s for s in self.sections if s.section.kind != "controls"]


def document_status(answer: AnswerValue, kind: str = "document") -> DocumentState:
    """Level 3 means implemented with the records it produces, so the document or record exists. A record
    planned or kept ad hoc (level 1) does not exist yet as a record to retain: it is missing, not partial."""
    if answer.not_applicable:
        return "not applicable"
    if answer.level is None:
        return "not assessed"
    if answer.level >= TARGET_LEVEL:
        return "in place"
    missing_below = 2 if kind == "record" else 1
    return "missing" if answer.level < missing_below else "partial"


def score(bank: Bank, answers: Mapping[str, AnswerValue]) -> Result:
    measure: Measure = "readiness" if bank.certifiable else "maturity"
    every = list(items(bank))
    values = {item.key: answers.get(item.key, UNANSWERED) for item in every}
    overall, requirements = Tally(measure), Tally(measure)
    has_controls = any(section.kind == "controls" for section in bank.sections)
    controls = Tally(measure) if has_controls else None
    sections = {s.id: Tally(measure) for s in bank.sections}
    clauses = {c.id: Tally(measure) for s in bank.sections for c in s.clauses}
    reasons: dict[str, dict[str, None]] = {}
    for item in every:
        answer, weight = values[item.key], item.question.weight
        scope = controls if item.section.kind == "controls" else requirements
        for tally in (overall, scope, sections[item.section.id], clauses[item.clause.id]):
            tally.add(weight, answer)
        if answer.not_applicable:
            reasons.setdefault(item.clause.id, {})[answer.reason] = None
    findings = _findings(bank, every, values)
    unanswered = [item for item in every if not values[item.key].answered]
    scheme = "sector_scheme" if bank.kind == "sector_scheme" else "certification"
    verdict = decide(findings, unanswered, scheme) if bank.certifiable else None
    return Result(
        bank=bank,
        overall=overall,
        requirements=requirements,
        controls=controls,
        sections=[
            SectionResult(
                s, sections[s.id], [ClauseResult(c, clauses[c.id], tuple(reasons.get(c.id, ()))) for c in s.clauses]
            )
            for s in bank.sections
        ],
        findings=action_plan(findings),
        unanswered=unanswered,
        documents=_documents(every, values),
        verdict=verdict,
        excluded=frozenset(item.key for item in every if values[item.key].not_applicable),
    )


def _documents(every: list[Item], values: dict[str, AnswerValue]) -> list[DocumentStatus]:
    """The documented information checklist; excluded questions are not on it."""
    return [
        DocumentStatus(item, document_status(values[item.key], info.kind), values[item.key].level)
        for item in every
        if (info := item.question.documented_info) and not values[item.key].not_applicable
    ]


def _findings(bank: Bank, every: list[Item], values: dict[str, AnswerValue]) -> list[Finding]:
    """One finding per requirement; for a certifiable standard, the system-level majors on top. The weak
    controls behind a risk-treatment major are its evidence, not minors of their own."""
    findings = requirement_findings(every, values)
    if not bank.certifiable:
        return findings
    system = [found for found in (risk_treatment(bank, every, values), not_implemented(bank, every, values)) if found]
    absorbed = {weak.item.clause.id for found in system if found.code == "risk_treatment" for weak in found.evidence}
    return [*system, *(f for f in findings if not (f.basis == "control" and f.clause and f.clause.id in absorbed))]
