"""One answer per question from several respondents, an agreed answer and last time's answers. Pure.

The rule, stated on every page that shows merged answers (CONSENSUS_RULE):
1. an answer the consultant recorded as agreed counts, whatever the respondents said;
2. otherwise the respondents' answers are merged: the lowest level anyone gave counts, because an auditor
   samples the weakest evidence; "not applicable" counts only when everyone who answered said so;
3. otherwise an answer carried over from the previous assessment counts, until someone answers again.
Where respondents differ by two levels or more (or some say "not applicable" and others give a level) the
question is a disagreement: the consultant sees the answers side by side and records the agreed one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .answers import AnswerValue

CONSENSUS_RULE = (
    "Until you record the agreed answer, the lowest level any respondent gave counts (an auditor samples the "
    "weakest evidence); “not applicable” counts only when everyone who answered said so."
)
DISAGREEMENT_SPREAD = 2


@dataclass(frozen=True)
class AnswerSets:
    """Everything said about one assessment's questions, by whom."""

    by_respondent: dict[int, dict[str, AnswerValue]] = field(default_factory=dict)
    agreed: dict[str, AnswerValue] = field(default_factory=dict)
    carried: dict[str, AnswerValue] = field(default_factory=dict)

    def given(self, key: str) -> list[tuple[int, AnswerValue]]:
        """(respondent id, answer) for every respondent who said something about this question, in order."""
        return [(rid, answers[key]) for rid, answers in sorted(self.by_respondent.items()) if key in answers]


def merge(values: Iterable[AnswerValue]) -> AnswerValue | None:
    """The respondents' answers to one question merged by the rule above; None when nobody said anything."""
    values = list(values)
    answered = [value for value in values if value.answered]
    if not answered:
        return values[-1] if values else None  # only notes so far: keep the last, it scores nothing
    levels = [value for value in answered if value.level is not None]
    if not levels:
        return answered[-1]  # all said not applicable: the last reason given stands
    return min(levels, key=lambda value: value.level)  # type: ignore[arg-type, return-value]


def effective(sets: AnswerSets) -> dict[str, AnswerValue]:
    """The answers the score uses: agreed, else the respondents' merged answer, else carried over."""
    keys = set(sets.agreed) | set(sets.carried)
    for answers in sets.by_respondent.values():
        keys.update(answers)
    result: dict[str, AnswerValue] = {}
    for key in sorted(keys):
        merged = merge(value for _, value in sets.given(key))
        if merged is not None and not merged.answered and key in sets.carried:
            merged = None  # a note alone does not replace last time's answer
        chosen = sets.agreed.get(key) or merged or sets.carried.get(key)
        if chosen is not None:
            result[key] = chosen
    return result


def is_disagreement(values: list[AnswerValue]) -> bool:
    values = [value for value in values if value.answered]
    levels = [value.level for value in values if value.level is not None]
    says_na = any(value.not_applicable for value in values)
    if says_na and levels:
        return True
    return len(levels) > 1 and max(levels) - min(levels) >= DISAGREEMENT_SPREAD


def disagreements(sets: AnswerSets, keys: Iterable[str]) -> list[str]:
    """The questions (in the given order) where respondents differ by two levels or more."""
    return [key for key in keys if is_disagreement([value for _, value in sets.given(key)])]
