"""The staged verdict: would a certification body's stage 1, then stage 2, find the firm ready?

Stage 1 checks the system is designed and documented (stage 1 gates); stage 2 checks it has run and
conforms (stage 2 gates, no likely major, not so many likely minors that the failure is systemic).
Unanswered gates cap the verdict (nothing is claimed unseen) and every unanswered mandatory question
makes it provisional; unanswered questions are never findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..banks import Item
from .findings import Finding, kind_of

Stage = Literal[0, 1, 2]
ReasonCode = Literal[
    "stage1_blocker", "stage1_unanswered", "stage2_blocker", "stage2_unanswered", "major", "too_many_minors"
]
MIN_MINOR_LIMIT = 3
MINOR_SHARE = 0.10


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    findings: tuple[Finding, ...] = ()
    unanswered: tuple[Item, ...] = ()

    @property
    def stage(self) -> int:
        return 1 if self.code.startswith("stage1") else 2

    @property
    def count(self) -> int:
        return len(self.findings) + len(self.unanswered)


@dataclass(frozen=True)
class Verdict:
    stage: Stage  # the furthest stage the firm looks ready for: 0 none, 1 stage 1, 2 stage 2
    minors: int
    minor_limit: int
    unanswered_mandatory: int
    reasons: tuple[Reason, ...]

    @property
    def provisional(self) -> bool:
        return self.unanswered_mandatory > 0

    @property
    def headline(self) -> str:
        if self.stage == 0:
            return "Not ready for stage 1"
        if self.stage == 1:
            return "Ready for stage 1, not yet for stage 2"
        if self.minors:
            plural = "s" if self.minors != 1 else ""
            return f"Ready for stage 2: expect {self.minors} likely minor finding{plural}"
        return "Ready for stage 2"

    @property
    def transition_headline(self) -> str:
        """For a certified firm moving to a new edition: the changed requirements are checked at a
        surveillance or recertification audit, not in two stages."""
        if self.stage < 2:
            return "Not yet ready for the transition audit"
        if self.minors:
            plural = "s" if self.minors != 1 else ""
            return f"Ready for the transition audit: expect {self.minors} likely minor finding{plural}"
        return "Ready for the transition audit"

    @property
    def code(self) -> str:
        """A stable name for styling and tests: not-ready, stage1, stage2-minors, stage2."""
        return ("not-ready", "stage1", "stage2-minors" if self.minors else "stage2")[self.stage]


def minor_limit(applicable_mandatory: int) -> int:
    """More likely minors than this read as a systemic failure: max(3, 10 % of applicable mandatory questions)."""
    return max(MIN_MINOR_LIMIT, int(MINOR_SHARE * applicable_mandatory))


def decide(findings: Sequence[Finding], unanswered: Sequence[Item], applicable_mandatory: int) -> Verdict:
    gates_unanswered = {
        stage: tuple(item for item in unanswered if item.question.gate == stage) for stage in ("stage1", "stage2")
    }
    blockers = {stage: tuple(f for f in findings if f.stage == stage) for stage in ("stage1", "stage2")}
    majors = tuple(f for f in findings if f.grade == "major")
    minors = tuple(f for f in findings if f.grade == "minor")
    limit = minor_limit(applicable_mandatory)
    stage1 = _reasons(("stage1_blocker", blockers["stage1"]), ("stage1_unanswered", gates_unanswered["stage1"]))
    stage2 = _reasons(
        ("stage2_blocker", blockers["stage2"]),
        ("major", majors),
        ("too_many_minors", minors if len(minors) > limit else ()),
        ("stage2_unanswered", gates_unanswered["stage2"]),
    )
    stage: Stage = 0 if stage1 else 1 if stage2 else 2
    unanswered_mandatory = sum(1 for item in unanswered if kind_of(item) in ("gate", "mandatory"))
    return Verdict(stage, len(minors), limit, unanswered_mandatory, stage1 + stage2)


def _reasons(*pairs: tuple[ReasonCode, tuple]) -> tuple[Reason, ...]:
    reasons = []
    for code, things in pairs:
        if not things:
            continue
        if code.endswith("unanswered"):
            reasons.append(Reason(code, unanswered=things))
        else:
            reasons.append(Reason(code, findings=things))
    return tuple(reasons)
