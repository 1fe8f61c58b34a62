"""The grade table, one finding per requirement with its weak questions as evidence, and the action-plan order."""

from __future__ import annotations

import pytest

from questionnaire.banks import Bank, items
from questionnaire.scoring import Finding, action_plan, question_grade, score

from .conftest import key, levels

# question id: grades for levels 0, 1, 2 (3 and 4 give no finding)
TABLE = {
    "4.3-a": ("blocker", "blocker", "minor"),  # a gate: blocks at 0-1, a minor at 2
    "9.1-a": ("blocker", "blocker", "blocker"),  # a gate that must reach level 3
    "6.1-b": ("major", "minor", "minor"),  # weight 2: core
    "7.1-a": ("major", "minor", "minor"),  # weight 1, marked core
    "6.1-a": ("minor", "minor", "minor"),  # weight 1, not core: a missing narrow record is a lapse
    "6.1-d": ("ofi", "ofi", "ofi"),  # good practice
    "A.1-a": ("minor", "minor", "minor"),  # an Annex A control kept in the SoA
}


@pytest.mark.parametrize("question_id", TABLE)
@pytest.mark.parametrize("level", [0, 1, 2, 3, 4])
def test_grading_table(audit_bank: Bank, question_id: str, level: int) -> None:
    item = next(i for i in items(audit_bank) if i.question.id == question_id)
    found = question_grade(item, level)
    assert (found[0] if found else None) == (TABLE[question_id][level] if level < 3 else None)


def test_unanswered_and_excluded_questions_are_never_findings(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"A.1-a": "na"}))
    assert result.findings == []
    assert len(result.unanswered) == 13


def test_one_finding_per_requirement_with_its_weak_questions_as_evidence(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"6.1-a": 1, "6.1-b": 2, "6.1-c": 3, "6.1-d": 1}))
    [finding] = result.findings
    assert (finding.ref, finding.grade, finding.basis) == ("6.1", "minor", "requirement")
    # worst grade first, then the lower level: the question that sets the grade is where the finding links
    assert [(w.item.question.id, w.level) for w in finding.evidence] == [("6.1-a", 1), ("6.1-b", 2), ("6.1-d", 1)]
    assert finding.item and finding.item.key == key("6.1-a")


def test_a_core_question_at_zero_makes_its_requirement_major(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"6.1-a": 2, "6.1-b": 0}))
    assert [(f.ref, f.grade, f.basis, f.level) for f in result.findings] == [("6.1", "major", "core", 0)]


def test_three_weak_requirements_in_one_clause_are_one_systemic_major(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"6.1-a": 1, "6.1-b": 1, "6.1-c": 1, "6.1-d": 0}))
    [finding] = result.findings
    assert (finding.grade, finding.basis, finding.systemic) == ("major", "systemic", True)
    assert len(finding.evidence) == 4  # good practice is evidence too, but does not count towards the three


def test_two_weak_requirements_do_not_escalate(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"6.1-a": 1, "6.1-c": 1, "6.1-b": 3, "6.1-d": 0}))
    assert [(f.grade, len(f.evidence)) for f in result.findings] == [("minor", 3)]


def test_a_missing_process_is_one_finding(audit_bank: Bank) -> None:
    """No management review: the gate 9.3.1 at 0 carries its sister clauses 9.3.2 and 9.3.3 as evidence."""
    result = score(audit_bank, levels({"9.3.1-a": 0, "9.3.2-a": 0, "9.3.3-a": 1}))
    [finding] = result.findings
    assert (finding.grade, finding.stage, finding.refs) == ("blocker", "stage2", ("9.3.1", "9.3.2", "9.3.3"))
    assert finding.title == "Review"  # 9.3.1 "General" is named by what its sister clauses share
    assert [w.item.question.id for w in finding.evidence] == ["9.3.1-a", "9.3.2-a", "9.3.3-a"]


def test_a_partly_run_process_keeps_its_sister_findings_apart(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"9.3.1-a": 2, "9.3.2-a": 0}))
    assert [(f.ref, f.grade) for f in result.findings] == [("9.3.2", "major"), ("9.3.1", "minor")]


def test_controls_kept_in_the_soa_are_minors(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"A.1-a": 0, "A.2-a": 2}))
    assert [(f.ref, f.grade, f.basis) for f in result.findings] == [
        ("A.1", "minor", "control"),
        ("A.2", "minor", "control"),
    ]


def test_action_plan_order(audit_bank: Bank) -> None:
    result = score(
        audit_bank,
        levels({"9.2-a": 0, "4.3-a": 1, "7.1-a": 0, "6.1-b": 2, "6.1-a": 2, "7.1-b": 2, "6.1-d": 0, "A.1-a": 1}),
    )
    assert [(f.ref, f.grade) for f in result.findings] == [
        ("4.3", "blocker"),  # stage 1 blockers before stage 2 blockers
        ("9.2", "blocker"),
        ("7.1", "major"),
        ("6.1", "minor"),  # 6.1: 2 x 1 + 1 x 1 + 1 x 3 (its good practice at 0) = 6
        ("A.1", "minor"),  # 1 x 2
    ]
    assert result.findings[0].label == "Blocks stage 1"
    assert result.findings[2].label == "Likely major nonconformity"


def test_priority_is_weight_times_distance_summed_over_the_evidence(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"6.1-a": 2, "6.1-b": 1, "A.1-a": 2, "A.2-a": 0}))
    by_ref = {f.ref: f for f in result.findings}
    assert by_ref["6.1"].priority == 1 * 1 + 2 * 2 and by_ref["A.2"].priority == 3 and by_ref["A.1"].priority == 1
    assert [f.ref for f in action_plan(list(reversed(result.findings)))] == ["6.1", "A.2", "A.1"]
    assert isinstance(result.findings[0], Finding)
