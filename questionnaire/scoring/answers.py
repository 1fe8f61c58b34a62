"""What a respondent said about one question: the input of every score."""

from __future__ import annotations

from dataclasses import dataclass

TARGET_LEVEL = 3
MAX_LEVEL = 4


@dataclass(frozen=True)
class AnswerValue:
    level: int | None = None
    not_applicable: bool = False
    reason: str = ""
    note: str = ""

    @property
    def answered(self) -> bool:
        return self.not_applicable or self.level is not None


UNANSWERED = AnswerValue()
