from __future__ import annotations

from pathlib import Path

import pytest

from questionnaire.banks import Bank
from questionnaire.banks.loader import validate
from questionnaire.scoring import AnswerValue

GRADING = Path(__file__).resolve().parents[1] / "data" / "grading" / "audit-2025.yaml"
KEYS = [
    "4.3-a",
    "6.1-a",
    "6.1-b",
    "6.1-c",
    "6.1-d",
    "7.1-a",
    "7.1-b",
    "9.1-a",
    "9.2-a",
    "9.3.1-a",
    "9.3.2-a",
    "9.3.3-a",
    "A.1-a",
    "A.2-a",
]


@pytest.fixture(scope="session")
def audit_bank() -> Bank:
    """Gates 4.3-a (stage 1), 9.1-a (stage 2, must reach level 3), 9.2-a and 9.3.1-a (stage 2); three mandatory
    questions in 6.1 (6.1-b weighs 2) and one good practice; in 7.1 a core question of weight 1 and a narrow
    record; management review in three sub-clauses 9.3.1-9.3.3; two Annex controls."""
    return validate(Bank, GRADING)


def key(question_id: str) -> str:
    return f"audit-2025/{question_id}"


def levels(mapping: dict[str, int | str]) -> dict[str, AnswerValue]:
    """{'6.1-a': 2, 'A.1-a': 'na'} -> answers; 'na' is an exclusion with a reason."""
    out = {}
    for question_id, value in mapping.items():
        if value == "na":
            out[key(question_id)] = AnswerValue(not_applicable=True, reason="Not in our scope.")
        else:
            out[key(question_id)] = AnswerValue(level=int(value))
    return out


def everything(level: int) -> dict[str, AnswerValue]:
    return levels(dict.fromkeys(KEYS, level))
