"""Weighted running sums for one scope: a clause, a section, the requirements, the Annex A controls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .answers import MAX_LEVEL, TARGET_LEVEL, AnswerValue

Measure = Literal["readiness", "maturity"]


@dataclass
class Tally:
    """Readiness is the weighted share of the target level reached (level 3 counts fully, 4 adds nothing);
    maturity, for guidelines, the weighted mean level out of 4. Only answered, applicable questions count:
    an unanswered question is not assessed, so it neither lowers nor raises the figure."""

    measure: Measure = "readiness"
    weighted: float = 0.0
    weighted_target: float = 0.0  # the share of the target level reached, whatever the measure
    weighted_level: float = 0.0
    weight: float = 0.0
    total: int = 0
    answered: int = 0
    not_applicable: int = 0

    def add(self, weight: float, answer: AnswerValue) -> None:
        """Called for every question in four scopes on every results page: kept to plain arithmetic."""
        self.total += 1
        if answer.not_applicable:
            self.answered += 1
            self.not_applicable += 1
            return
        level = answer.level
        if level is None:
            return
        self.answered += 1
        self.weight += weight
        self.weighted_level += weight * level
        reached = weight * (level if level < TARGET_LEVEL else TARGET_LEVEL) / TARGET_LEVEL
        self.weighted_target += reached
        self.weighted += reached if self.measure == "readiness" else weight * level / MAX_LEVEL

    @property
    def score(self) -> float | None:
        """None when nothing in scope was assessed (unanswered or all not applicable)."""
        return self.weighted / self.weight if self.weight else None

    @property
    def target_share(self) -> float | None:
        """The share of the target level reached: what a plan aiming at level 3 measures gaps against, also for
        a guideline whose profile is shown as maturity."""
        return self.weighted_target / self.weight if self.weight else None

    @property
    def excluded(self) -> bool:
        """Everything in scope was marked not applicable (or left out of the SoA)."""
        return self.total > 0 and self.not_applicable == self.total

    @property
    def mean_level(self) -> float | None:
        return self.weighted_level / self.weight if self.weight else None

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def complete(self) -> bool:
        return self.answered == self.total
