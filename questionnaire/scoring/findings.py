"""Grading an answer the way a certification body grades what it finds (ISO/IEC 17021-1).

A major nonconformity is one that leaves the system unable to achieve its intended results; a lapse
is minor; several minors on one requirement add up to a major. Self-assessed answers can only ever
give *likely* findings. The grade depends on the answer and on what kind of question it answers:

| answer | gate          | other mandatory                       | good practice | Annex A control in the SoA |
|--------|---------------|---------------------------------------|---------------|----------------------------|
| 0      | stage blocker | likely major                          | OFI           | likely minor               |
| 1      | stage blocker | likely minor (major when systemic)    | OFI           | likely minor               |
| 2      | likely minor  | likely minor                          | OFI           | OFI                        |

An unanswered question is "not assessed", never a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..banks import Item
from .answers import TARGET_LEVEL

Kind = Literal["gate", "mandatory", "practice", "control"]
Grade = Literal["blocker", "major", "minor", "ofi"]
GRADE_RANK: dict[str, int] = {"blocker": 0, "major": 1, "minor": 2, "ofi": 3}
GRADE_LABELS: dict[str, str] = {
    "blocker": "Stage blocker",
    "major": "Likely major nonconformity",
    "minor": "Likely minor nonconformity",
    "ofi": "Opportunity for improvement",
}
# several weak mandatory answers in one clause read as a system that does not work there
SYSTEMIC_COUNT = 3


def kind_of(item: Item) -> Kind:
    if item.section.kind == "controls":
        return "control"
    if item.question.gate:
        return "gate"
    return "mandatory" if item.question.mandatory else "practice"


def grade(kind: Kind, level: int, systemic: bool = False) -> Grade | None:
    """The finding an auditor would likely raise for this answer, or None at the target level and above."""
    if level >= TARGET_LEVEL:
        return None
    if kind == "practice":
        return "ofi"
    if kind == "control":
        return "minor" if level <= 1 else "ofi"
    if kind == "gate":
        return "blocker" if level <= 1 else "minor"
    if level == 0 or (level == 1 and systemic):
        return "major"
    return "minor"


def is_weak_requirement(item: Item, level: int | None) -> bool:
    """Counts towards the systemic rule: a mandatory requirement (gates included) answered 0 or 1."""
    return level is not None and level <= 1 and kind_of(item) in ("gate", "mandatory")


@dataclass(frozen=True)
class Finding:
    item: Item
    level: int
    grade: Grade
    note: str = ""
    systemic: bool = False  # a major only because several requirements of its clause are weak

    @property
    def stage(self) -> str | None:
        """For a stage blocker: the stage it blocks."""
        return self.item.question.gate if self.grade == "blocker" else None

    @property
    def priority(self) -> float:
        """Weight times the distance to the target level: what closing this finding is worth."""
        return self.item.question.weight * (TARGET_LEVEL - self.level)

    @property
    def label(self) -> str:
        if self.grade == "blocker":
            return f"Blocks stage {self.stage[-1] if self.stage else ''}".strip()
        return GRADE_LABELS[self.grade]


def action_plan(findings: list[Finding]) -> list[Finding]:
    """Stage 1 blockers, stage 2 blockers, majors, minors, OFIs; then what closing each is worth; bank order last."""
    return sorted(findings, key=lambda f: (GRADE_RANK[f.grade], f.stage or "", -f.priority))
