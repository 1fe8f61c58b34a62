"""The staged verdict: would a certification body's stage 1, then stage 2, find the firm ready?

Stage 1 checks the system is designed and documented (stage 1 gates); stage 2 checks it has run and conforms
(stage 2 gates, no likely major). Minors never block by their number: each needs a corrective-action plan.
A verdict is only given where the answers can carry it: while a gate it depends on is unanswered the headline
is "Not enough answers yet to judge", and while other mandatory questions are unanswered it is provisional.
A stage 1 blocker, a stage 2 blocker or a requirement's major stays whatever else is answered, so those are
said at once; the system-level majors (systemic.py) are shares of what was assessed, so they wait for the gates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..banks import Item
from .findings import Finding, kind_of

Stage = Literal[0, 1, 2]
Scheme = Literal["certification", "sector_scheme"]
ReasonCode = Literal["stage1_blocker", "stage1_unanswered", "stage2_blocker", "major", "stage2_unanswered"]


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
    stage: Stage | None  # the furthest stage the firm looks ready for; None while the gates cannot tell
    minors: int
    unanswered_gates: int
    unanswered_mandatory: int  # gates included
    reasons: tuple[Reason, ...]
    scheme: Scheme = "certification"

    @property
    def decided(self) -> bool:
        return self.stage is not None

    @property
    def provisional(self) -> bool:
        return self.decided and self.unanswered_mandatory > 0

    @property
    def headline(self) -> str:
        if self.stage is None:
            return "Not enough answers yet to judge"
        if self.scheme == "sector_scheme":
            return self._sector_headline()
        if self.stage == 0:
            return "Not ready for stage 1"
        if self.stage == 1:
            return "Ready for stage 1, not yet for stage 2"
        return "Ready for stage 2" + self._expect()

    @property
    def transition_headline(self) -> str:
        """For a certified firm moving to a new edition: the changed requirements are checked at a
        surveillance or recertification audit, not in two stages."""
        if self.stage is None:
            return "Not enough answers yet to judge"
        if self.stage < 2:
            return "Not yet ready for the transition audit"
        return "Ready for the transition audit" + self._expect()

    def _sector_headline(self) -> str:
        """A sector scheme such as AQAP 2110 is assessed by the acquirer's quality assurance, not in two stages."""
        if self.stage == 0:
            return "Not ready for the acquirer's assessment: the system is not yet designed"
        if self.stage == 1:
            return "System designed, not yet ready for the acquirer's assessment"
        return "Ready for the acquirer's assessment" + self._expect()

    def _expect(self) -> str:
        if not self.minors:
            return ""
        return f": expect {self.minors} likely minor finding{'s' if self.minors != 1 else ''}"

    @property
    def code(self) -> str:
        """A stable name for styling and tests: undecided, not-ready, stage1, stage2-minors, stage2."""
        if self.stage is None:
            return "undecided"
        return ("not-ready", "stage1", "stage2-minors" if self.minors else "stage2")[self.stage]


def decide(findings: Sequence[Finding], unanswered: Sequence[Item], scheme: Scheme = "certification") -> Verdict:
    gates = {stage: tuple(i for i in unanswered if i.question.gate == stage) for stage in ("stage1", "stage2")}
    blockers = {stage: tuple(f for f in findings if f.stage == stage) for stage in ("stage1", "stage2")}
    majors = tuple(f for f in findings if f.grade == "major")
    requirement_majors = [f for f in majors if f.basis != "system"]
    stage: Stage | None
    if blockers["stage1"]:
        stage = 0
    elif gates["stage1"]:
        stage = None
    elif blockers["stage2"] or requirement_majors:
        stage = 1
    elif gates["stage2"]:
        stage = None
    else:
        stage = 1 if majors else 2
    reasons = _reasons(
        ("stage1_blocker", blockers["stage1"]),
        ("stage1_unanswered", gates["stage1"]),
        ("stage2_blocker", blockers["stage2"]),
        ("major", majors),
        ("stage2_unanswered", gates["stage2"]),
    )
    minors = sum(1 for f in findings if f.grade == "minor")
    unanswered_mandatory = sum(1 for item in unanswered if kind_of(item) in ("gate", "mandatory"))
    return Verdict(stage, minors, len(gates["stage1"]) + len(gates["stage2"]), unanswered_mandatory, reasons, scheme)


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
