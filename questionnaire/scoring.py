"""Readiness scoring: a bank and answers in, plain results out. No Flask, no database, no I/O.

Every page, chart and export reads the `Result` built here, so each number is computed once.
Rules (DESIGN.md): question score = level / 4; clause, section and standard scores are weighted
means over applicable questions (an unanswered question counts as level 0, "not in place"; a
question marked not applicable is left out). A mandatory question below level 3 is a blocking gap
(likely major nonconformity); another question below 2 a likely minor nonconformity; below 3 an
opportunity for improvement. Ready only with no blocking gap and the score at the bank's threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .banks import Bank, Clause, Item, Section, items

TARGET_LEVEL = 3
MAX_LEVEL = 4
Severity = Literal["major", "minor", "ofi"]
SEVERITY_RANK: dict[str, int] = {"major": 0, "minor": 1, "ofi": 2}
SEVERITY_LABELS: dict[str, str] = {
    "major": "Blocking gap: likely major nonconformity",
    "minor": "Likely minor nonconformity",
    "ofi": "Opportunity for improvement",
}


@dataclass(frozen=True)
class AnswerValue:
    """What a respondent said about one question."""

    level: int | None = None
    not_applicable: bool = False
    reason: str = ""
    note: str = ""

    @property
    def answered(self) -> bool:
        return self.not_applicable or self.level is not None


UNANSWERED = AnswerValue()


@dataclass(frozen=True)
class Gap:
    item: Item
    level: int | None
    severity: Severity

    @property
    def answered(self) -> bool:
        return self.level is not None

    @property
    def priority(self) -> float:
        """Weight times the distance to the target level: what closing this gap is worth."""
        return self.item.question.weight * (TARGET_LEVEL - (self.level or 0))


@dataclass(frozen=True)
class DocumentStatus:
    item: Item
    status: Literal["in place", "partial", "missing", "not applicable"]


@dataclass
class Tally:
    """Running weighted sum for one scope (a clause, a section, the standard)."""

    weighted: float = 0.0
    weight: float = 0.0
    total: int = 0
    answered: int = 0
    applicable: int = 0

    def add(self, weight: float, answer: AnswerValue) -> None:
        self.total += 1
        self.answered += answer.answered
        if answer.not_applicable:
            return
        self.applicable += 1
        self.weight += weight
        self.weighted += weight * (answer.level or 0) / MAX_LEVEL

    @property
    def score(self) -> float | None:
        """None when nothing in scope applies (every question marked not applicable)."""
        return self.weighted / self.weight if self.weight else None


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
class Verdict:
    """`ready` is None for a standard that cannot be certified: it gets a maturity profile instead."""

    ready: bool | None
    score_ok: bool
    blockers: list[Gap]


@dataclass(frozen=True)
class Result:
    bank: Bank
    tally: Tally
    sections: list[SectionResult]
    gaps: list[Gap]
    documents: list[DocumentStatus]
    verdict: Verdict
    hs_scores: dict[str, float | None] = field(default_factory=dict)

    @property
    def score(self) -> float | None:
        return self.tally.score

    @property
    def blockers(self) -> list[Gap]:
        return self.verdict.blockers

    @property
    def complete(self) -> bool:
        return self.tally.answered == self.tally.total


def severity(mandatory: bool, level: int) -> Severity | None:
    if mandatory and level < TARGET_LEVEL:
        return "major"
    if level < 2:
        return "minor"
    if level < TARGET_LEVEL:
        return "ofi"
    return None


def document_status(answer: AnswerValue) -> Literal["in place", "partial", "missing", "not applicable"]:
    if answer.not_applicable:
        return "not applicable"
    level = answer.level or 0
    return "in place" if level >= TARGET_LEVEL else "partial" if level > 0 else "missing"


def action_plan(gaps: Iterable[Gap]) -> list[Gap]:
    """Most severe first, then the gaps whose closing is worth most; bank order breaks ties."""
    return sorted(gaps, key=lambda gap: (SEVERITY_RANK[gap.severity], -gap.priority))


def score(bank: Bank, answers: Mapping[str, AnswerValue]) -> Result:
    total = Tally()
    section_tallies: dict[str, Tally] = {s.id: Tally() for s in bank.sections}
    clause_tallies: dict[str, Tally] = {c.id: Tally() for s in bank.sections for c in s.clauses}
    hs_tallies: dict[str, Tally] = {}
    gaps: list[Gap] = []
    documents: list[DocumentStatus] = []
    for item in items(bank):
        answer = answers.get(item.key, UNANSWERED)
        hs_clause = item.clause.hs_clause
        hs_tally = hs_tallies.setdefault(hs_clause.split(".")[0], Tally()) if hs_clause else None
        for tally in (total, section_tallies[item.section.id], clause_tallies[item.clause.id], hs_tally):
            if tally is not None:
                tally.add(item.question.weight, answer)
        if item.question.documented_info:
            documents.append(DocumentStatus(item, document_status(answer)))
        found = None if answer.not_applicable else severity(item.question.mandatory, answer.level or 0)
        if found:
            gaps.append(Gap(item, answer.level, found))
    sections = [
        SectionResult(s, section_tallies[s.id], [ClauseResult(c, clause_tallies[c.id]) for c in s.clauses])
        for s in bank.sections
    ]
    return Result(
        bank=bank,
        tally=total,
        sections=sections,
        gaps=action_plan(gaps),
        documents=documents,
        verdict=_verdict(bank, total, gaps),
        hs_scores={key: tally.score for key, tally in hs_tallies.items()},
    )


def _verdict(bank: Bank, total: Tally, gaps: list[Gap]) -> Verdict:
    blockers = action_plan(gap for gap in gaps if gap.severity == "major")
    score_ok = (total.score or 0) >= 0.8  # interim: replaced by the staged verdict
    ready = (not blockers and score_ok) if bank.certifiable else None
    return Verdict(ready=ready, score_ok=score_ok, blockers=blockers)
