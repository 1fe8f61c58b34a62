"""How long an assessment takes, computed from the questions themselves. Pure.

Reading runs at about 200 words a minute for this kind of text; deciding on a level and finding where the
evidence is takes about half a minute more per question. Both are conservative for a first pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Questionnaire, QuestionPage

WORDS_PER_MINUTE = 200
SECONDS_TO_DECIDE = 30
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Estimate:
    questions: int
    words: int

    @property
    def minutes(self) -> int:
        return round(self.words / WORDS_PER_MINUTE + self.questions * SECONDS_TO_DECIDE / 60)

    @property
    def text(self) -> str:
        """'about 2 hours', 'about 45 minutes': rounded the way people plan."""
        minutes = self.minutes
        if minutes < 55:
            return f"about {max(5, round(minutes / 5) * 5)} minutes"
        hours = round(minutes / 30) / 2
        return f"about {hours:g} hour{'s' if hours != 1 else ''}"


def _words(page: QuestionPage) -> int:
    count = 0
    for block in page.blocks:
        count += len(WORD.findall(block.summary))
        for entry in block.entries:
            count += sum(len(WORD.findall(text)) for text in (entry.text, entry.guidance, *entry.evidence))
    return count


def estimate(questionnaire: Questionnaire, pages: list[QuestionPage] | None = None) -> Estimate:
    chosen = questionnaire.pages if pages is None else pages
    return Estimate(sum(len(page.entries) for page in chosen), sum(_words(page) for page in chosen))
