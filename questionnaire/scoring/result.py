"""A bank and answers in, one `Result` out: scores, findings, documents and the verdict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..banks import Bank, Clause, Item, Section, items
from .answers import TARGET_LEVEL, UNANSWERED, AnswerValue
from .findings import SYSTEMIC_COUNT, Finding, action_plan, grade, is_weak_requirement, kind_of
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

    @property
    def score(self) -> float | None:
        return self.tally.score


@dataclass(frozen=True)
class SectionResult:
    section: Section
    tally: Tally
    clauses: list[ClauseResult]

    @property
    def score(self) -> float | None:
        return self.tally.score


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
    hs_scores: dict[str, float | None] = field(default_factory=dict)

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


def document_status(answer: AnswerValue) -> DocumentState:
    """Level 3 means implemented with the records it produces, so the document or record exists."""
    if answer.not_applicable:
        return "not applicable"
    if answer.level is None:
        return "not assessed"
    return "in place" if answer.level >= TARGET_LEVEL else "partial" if answer.level > 0 else "missing"


def score(bank: Bank, answers: Mapping[str, AnswerValue]) -> Result:
    measure: Measure = "readiness" if bank.certifiable else "maturity"
    every = list(items(bank))
    values = {item.key: answers.get(item.key, UNANSWERED) for item in every}
    overall, requirements = Tally(measure), Tally(measure)
    has_controls = any(section.kind == "controls" for section in bank.sections)
    controls = Tally(measure) if has_controls else None
    sections = {s.id: Tally(measure) for s in bank.sections}
    clauses = {c.id: Tally(measure) for s in bank.sections for c in s.clauses}
    hs: dict[str, Tally] = {}
    for item in every:
        answer, weight = values[item.key], item.question.weight
        scope = controls if item.section.kind == "controls" else requirements
        hs_clause = item.clause.hs_clause
        hs_tally = hs.setdefault(hs_clause.split(".")[0], Tally(measure)) if hs_clause else None
        for tally in (overall, scope, sections[item.section.id], clauses[item.clause.id], hs_tally):
            if tally is not None:
                tally.add(weight, answer)
    findings = _findings(every, values)
    unanswered = [item for item in every if not values[item.key].answered]
    verdict = decide(findings, unanswered, _applicable_mandatory(every, values)) if bank.certifiable else None
    return Result(
        bank=bank,
        overall=overall,
        requirements=requirements,
        controls=controls,
        sections=[
            SectionResult(s, sections[s.id], [ClauseResult(c, clauses[c.id]) for c in s.clauses]) for s in bank.sections
        ],
        findings=action_plan(findings),
        unanswered=unanswered,
        documents=[
            DocumentStatus(item, document_status(values[item.key]), values[item.key].level)
            for item in every
            if item.question.documented_info
        ],
        verdict=verdict,
        hs_scores={key: tally.score for key, tally in hs.items()},
    )


def _findings(every: list[Item], values: dict[str, AnswerValue]) -> list[Finding]:
    weak_per_clause: dict[str, int] = {}
    for item in every:
        if is_weak_requirement(item, values[item.key].level):
            weak_per_clause[item.clause.id] = weak_per_clause.get(item.clause.id, 0) + 1
    findings = []
    for item in every:
        answer = values[item.key]
        if answer.level is None:  # unanswered or not applicable: not assessed, never a finding
            continue
        systemic = weak_per_clause.get(item.clause.id, 0) >= SYSTEMIC_COUNT
        found = grade(kind_of(item), answer.level, systemic)
        if found:
            escalated = found == "major" and answer.level > 0
            findings.append(Finding(item, answer.level, found, answer.note, escalated))
    return findings


def _applicable_mandatory(every: list[Item], values: dict[str, AnswerValue]) -> int:
    return sum(1 for item in every if kind_of(item) in ("gate", "mandatory") and not values[item.key].not_applicable)
