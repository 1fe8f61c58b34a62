"""Every cell of the grading table, the systemic escalation and the action-plan order."""

from __future__ import annotations

import pytest

from questionnaire.banks import Bank
from questionnaire.scoring import Finding, action_plan, grade, score

from .conftest import key, levels

TABLE = {
    # kind: grades for levels 0, 1, 2 (3 and 4 give no finding)
    "gate": ("blocker", "blocker", "minor"),
    "mandatory": ("major", "minor", "minor"),
    "practice": ("ofi", "ofi", "ofi"),
    "control": ("minor", "minor", "ofi"),
}


@pytest.mark.parametrize("kind", TABLE)
@pytest.mark.parametrize("level", [0, 1, 2, 3, 4])
def test_grading_table(kind: str, level: int) -> None:
    expected = TABLE[kind][level] if level < 3 else None
    assert grade(kind, level) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "expected"), [("gate", "blocker"), ("mandatory", "major"), ("practice", "ofi"), ("control", "minor")]
)
def test_systemic_escalates_only_a_mandatory_level_one(kind: str, expected: str) -> None:
    assert grade(kind, 1, systemic=True) == expected  # type: ignore[arg-type]
    assert grade("mandatory", 2, systemic=True) == "minor"


def test_unanswered_and_excluded_questions_are_never_findings(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"A.1-a": "na"}))
    assert result.findings == []
    assert len(result.unanswered) == 7


def test_one_weak_requirement_in_a_clause_is_minor(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"6.1-a": 1, "6.1-b": 2, "6.1-c": 3}))
    # both worth 2 (weight 1 x distance 2, weight 2 x distance 1): bank order breaks the tie
    assert [(f.item.key, f.grade, f.systemic) for f in result.findings] == [
        (key("6.1-a"), "minor", False),
        (key("6.1-b"), "minor", False),
    ]


def test_three_weak_requirements_in_one_clause_are_systemic_majors(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"6.1-a": 1, "6.1-b": 0, "6.1-c": 1, "6.1-d": 0}))
    graded = {f.item.question.id: (f.grade, f.systemic) for f in result.findings}
    assert graded == {
        "6.1-a": ("major", True),
        "6.1-b": ("major", False),  # a 0 is major on its own
        "6.1-c": ("major", True),
        "6.1-d": ("ofi", False),  # good practice never escalates and does not count towards the three
    }


def test_two_weak_requirements_do_not_escalate(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"6.1-a": 1, "6.1-b": 1, "6.1-c": 3, "6.1-d": 0}))
    assert [f.grade for f in result.graded("minor")] == ["minor", "minor"]
    assert result.graded("major") == []


def test_controls_kept_in_the_soa(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"A.1-a": 0, "A.2-a": 2}))
    assert [(f.item.question.id, f.grade) for f in result.findings] == [("A.1-a", "minor"), ("A.2-a", "ofi")]


def test_action_plan_order(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"9.2-a": 0, "4.3-a": 1, "6.1-b": 0, "6.1-a": 2, "6.1-c": 2, "6.1-d": 0}))
    assert [(f.item.question.id, f.grade) for f in result.findings] == [
        ("4.3-a", "blocker"),  # stage 1 blockers before stage 2 blockers
        ("9.2-a", "blocker"),
        ("6.1-b", "major"),
        ("6.1-a", "minor"),  # weight 1 x distance 1, bank order breaks the tie
        ("6.1-c", "minor"),
        ("6.1-d", "ofi"),
    ]
    assert result.findings[0].label == "Blocks stage 1"
    assert result.findings[2].label == "Likely major nonconformity"


def test_priority_is_weight_times_distance(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"6.1-a": 2, "6.1-b": 2}))
    by_id = {f.item.question.id: f for f in result.findings}
    assert by_id["6.1-b"].priority == 2 * 1 and by_id["6.1-a"].priority == 1
    assert [f.item.question.id for f in action_plan(list(reversed(result.findings)))] == ["6.1-b", "6.1-a"]
    assert isinstance(result.findings[0], Finding)
