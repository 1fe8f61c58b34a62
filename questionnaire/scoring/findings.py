"""Findings as a certification body writes them (ISO/IEC 17021-1 3.12/3.13): one per requirement.

A requirement is a clause of the bank (an Annex A control is one requirement). Its questions below the target
level are the evidence listed under ONE finding, whose grade is the highest that applies:

| what the answers of the requirement show                        | grade                   |
|-----------------------------------------------------------------|-------------------------|
| a stage gate below its gate level (0-1, or 0-2 at gate_level 3) | stage blocker           |
| a core mandatory question at 0 (weight >= 2, or marked core)    | likely major            |
| 3 or more mandatory questions at 0-1 (systemic)                 | likely major            |
| any other mandatory question at 0-2, or a gate at 2             | likely minor            |
| an applicable Annex A control at 0-2 (the SoA claims it)        | likely minor            |
| good practice below 3                                           | opportunity (OFI)       |

Unanswered questions and exclusions (not applicable, left out of the SoA) are never findings.
Self-assessed answers only ever give *likely* findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..banks import Clause, Item, Question
from .answers import TARGET_LEVEL

Kind = Literal["gate", "mandatory", "practice", "control"]
Grade = Literal["blocker", "major", "minor", "ofi"]
# why a finding has its grade: the rule of the table above that applied, or a system-level rule (systemic.py)
Basis = Literal["gate", "core", "systemic", "requirement", "gate_partial", "control", "practice", "system"]
GRADE_RANK: dict[str, int] = {"blocker": 0, "major": 1, "minor": 2, "ofi": 3}
GRADE_LABELS: dict[str, str] = {
    "blocker": "Stage blocker",
    "major": "Likely major nonconformity",
    "minor": "Likely minor nonconformity",
    "ofi": "Opportunity for improvement",
}
GRADE_PLURALS: dict[str, str] = {
    "blocker": "stage blockers",
    "major": "likely major nonconformities",
    "minor": "likely minor nonconformities",
    "ofi": "opportunities for improvement",
}
# several weak mandatory answers in one requirement read as a process that does not work
SYSTEMIC_COUNT = 3
CORE_WEIGHT = 2


def kind_of(item: Item) -> Kind:
    if item.section.kind == "controls":
        return "control"
    if item.question.gate:
        return "gate"
    return "mandatory" if item.question.mandatory else "practice"


def is_core(question: Question) -> bool:
    """A requirement whose absence alone leaves the system unable to achieve its results."""
    return question.mandatory and (question.core or question.weight >= CORE_WEIGHT)


def blocks(item: Item, level: int) -> bool:
    """A gate below the level its stage needs (2 by default; 3 where the scheme's own rules say so)."""
    return item.question.gate is not None and level < item.question.gate_level


def question_grade(item: Item, level: int) -> tuple[Grade, Basis] | None:
    """What one answer alone would give, or None at the target level and above."""
    if level >= TARGET_LEVEL:
        return None
    kind = kind_of(item)
    if kind == "practice":
        return "ofi", "practice"
    if kind == "control":
        return "minor", "control"
    if blocks(item, level):
        return "blocker", "gate"
    if kind == "gate":
        return "minor", "gate_partial"
    if level == 0 and is_core(item.question):
        return "major", "core"
    return "minor", "requirement"


@dataclass(frozen=True)
class Weak:
    """One question below the target level: a piece of evidence under its requirement's finding."""

    item: Item
    level: int
    note: str = ""

    @property
    def priority(self) -> float:
        return self.item.question.weight * (TARGET_LEVEL - self.level)


@dataclass(frozen=True)
class Finding:
    """One requirement (or, for a system-level finding, the clauses it cites) with its weak questions."""

    grade: Grade
    basis: Basis
    clause: Clause | None  # the requirement; for a system-level finding, the first clause it cites
    evidence: tuple[Weak, ...]  # the requirement's own weak questions first, worst first
    stage: str | None = None  # for a stage blocker: "stage1" or "stage2"
    refs: tuple[str, ...] = ()  # clause ids cited
    title: str = ""  # the requirement's title, or the system-level finding's statement
    reason: str = ""  # for a system-level finding: the figures behind it, in words
    code: str = ""  # for a system-level finding: "risk_treatment" or "not_implemented"

    @property
    def item(self) -> Item | None:
        """The question that sets the grade: where the finding links to."""
        return self.evidence[0].item if self.evidence else None

    @property
    def level(self) -> int | None:
        return self.evidence[0].level if self.evidence else None

    @property
    def note(self) -> str:
        return self.evidence[0].note if self.evidence else ""

    @property
    def ref(self) -> str:
        return ", ".join(self.refs)

    @property
    def systemic(self) -> bool:
        """A major because several mandatory questions of the requirement are weak, not one of them alone."""
        return self.basis == "systemic"

    @property
    def priority(self) -> float:
        """Weight times the distance to the target level, summed over the evidence: what closing it is worth."""
        return sum(weak.priority for weak in self.evidence)

    @property
    def label(self) -> str:
        if self.grade == "blocker":
            return f"Blocks stage {self.stage[-1] if self.stage else ''}".strip()
        return GRADE_LABELS[self.grade]


Graded = tuple[Grade, Basis] | None


def requirement_grade(clause_weak: list[Weak], grades: list[Graded]) -> tuple[Grade, Basis, str | None]:
    """The highest grade the weak questions of one requirement give (`grades[i]` is question_grade of
    `clause_weak[i]`), with its basis and, for a blocker, its stage."""
    stages = sorted(
        w.item.question.gate or "" for w, g in zip(clause_weak, grades, strict=True) if g and g[0] == "blocker"
    )
    if stages:
        return "blocker", "gate", stages[0]
    grade, basis = min((g for g in grades if g), key=lambda found: GRADE_RANK[found[0]])
    weak_requirements = [w for w in clause_weak if w.level <= 1 and kind_of(w.item) in ("gate", "mandatory")]
    if GRADE_RANK[grade] > GRADE_RANK["major"] and len(weak_requirements) >= SYSTEMIC_COUNT:
        return "major", "systemic", None
    return grade, basis, None


def action_plan(findings: list[Finding]) -> list[Finding]:
    """Stage 1 blockers, stage 2 blockers, majors, minors, OFIs; within a grade a system-level finding first (it
    says what the others add up to), then what closing each is worth; bank order last."""
    return sorted(findings, key=lambda f: (GRADE_RANK[f.grade], f.stage or "", f.basis != "system", -f.priority))
