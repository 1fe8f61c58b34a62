"""The staged verdict: gates, majors, minors that never block by their number, answers still missing."""

from __future__ import annotations

import pytest

from questionnaire.banks import Bank
from questionnaire.scoring import score

from .conftest import KEYS, everything, levels


def test_all_at_target_is_ready_for_stage_2(audit_bank: Bank) -> None:
    verdict = score(audit_bank, everything(3)).verdict
    assert verdict and verdict.headline == "Ready for stage 2"
    assert verdict.stage == 2 and not verdict.provisional and verdict.reasons == ()


def test_all_zero_is_not_ready_for_stage_1(audit_bank: Bank) -> None:
    verdict = score(audit_bank, everything(0)).verdict
    assert verdict and verdict.headline == "Not ready for stage 1"
    assert [r.code for r in verdict.reasons] == ["stage1_blocker", "stage2_blocker", "major"]
    assert [f.ref for f in verdict.reasons[0].findings] == ["4.3"]


def test_all_two_is_not_ready_for_stage_2_because_the_system_is_not_implemented(audit_bank: Bank) -> None:
    result = score(audit_bank, everything(2))
    # 9.1-a must reach level 3: at 2 it still blocks stage 2
    assert [(f.ref, f.grade) for f in result.graded("blocker")] == [("9.1", "blocker")]
    assert result.verdict and result.verdict.headline == "Ready for stage 1, not yet for stage 2"
    [system] = [f for f in result.findings if f.basis == "system"]
    assert system.code == "not_implemented" and "8 of the 8" in system.reason


def test_minors_never_block_by_their_number(audit_bank: Bank) -> None:
    """Six minors (one a missing narrow record): each needs a corrective-action plan, none blocks certification."""
    weak = {"6.1-a": 2, "7.1-b": 0, "9.3.1-a": 2, "9.3.3-a": 1, "A.1-a": 1, "A.2-a": 0}
    result = score(audit_bank, {**everything(3), **levels(weak)})
    assert result.verdict and result.verdict.stage == 2 and result.verdict.code == "stage2-minors"
    assert result.verdict.headline == "Ready for stage 2: expect 6 likely minor findings"
    assert len(result.graded("minor")) == 6 and result.graded("major") == []


def test_stage_2_gate_below_its_level_holds_back_stage_2_only(audit_bank: Bank) -> None:
    for answers in (levels({"9.2-a": 1}), levels({"9.1-a": 2})):
        verdict = score(audit_bank, {**everything(3), **answers}).verdict
        assert verdict and verdict.headline == "Ready for stage 1, not yet for stage 2"
        assert [r.code for r in verdict.reasons] == ["stage2_blocker"]


def test_a_likely_major_holds_back_stage_2(audit_bank: Bank) -> None:
    verdict = score(audit_bank, {**everything(3), **levels({"6.1-b": 0})}).verdict
    assert verdict and verdict.stage == 1 and [r.code for r in verdict.reasons] == ["major"]


def test_unanswered_questions_make_the_verdict_provisional_never_findings(audit_bank: Bank) -> None:
    answered = {k: v for k, v in everything(3).items() if not k.endswith(("6.1-a", "6.1-d"))}
    result = score(audit_bank, answered)
    assert result.findings == []
    assert result.verdict and result.verdict.provisional and result.verdict.unanswered_mandatory == 1
    assert result.verdict.headline == "Ready for stage 2"  # nothing unseen is claimed: no gate is unanswered


def test_unanswered_gates_leave_the_verdict_undecided(audit_bank: Bank) -> None:
    nothing = score(audit_bank, {}).verdict
    assert nothing and nothing.stage is None and nothing.code == "undecided"
    assert nothing.headline == "Not enough answers yet to judge" and not nothing.provisional
    assert nothing.unanswered_gates == 4 and nothing.unanswered_mandatory == 11
    assert [r.code for r in nothing.reasons] == ["stage1_unanswered", "stage2_unanswered"]
    no_audit_yet = score(audit_bank, {k: v for k, v in everything(3).items() if "9.2" not in k}).verdict
    assert no_audit_yet and no_audit_yet.headline == "Not enough answers yet to judge"
    assert [r.code for r in no_audit_yet.reasons] == ["stage2_unanswered"]


def test_what_cannot_change_is_said_while_gates_are_unanswered(audit_bank: Bank) -> None:
    """A stage 1 blocker, or once stage 1 is clear a stage 2 blocker or a requirement's major, stays whatever the
    other answers turn out to be."""
    assert score(audit_bank, levels({"4.3-a": 0})).verdict.headline == "Not ready for stage 1"  # type: ignore[union-attr]
    stage1_clear = levels({"4.3-a": 3, "6.1-b": 0})
    assert score(audit_bank, stage1_clear).verdict.headline == "Ready for stage 1, not yet for stage 2"  # type: ignore[union-attr]


def test_a_transition_and_a_sector_scheme_say_who_audits(audit_bank: Bank) -> None:
    verdict = score(audit_bank, {**everything(3), **levels({"6.1-a": 2})}).verdict
    assert verdict and verdict.transition_headline == "Ready for the transition audit: expect 1 likely minor finding"
    sector = audit_bank.model_copy(update={"kind": "sector_scheme"})
    assert score(sector, everything(3)).verdict.headline == "Ready for the acquirer's assessment"  # type: ignore[union-attr]
    assert "stage" not in score(sector, everything(0)).verdict.headline  # type: ignore[union-attr]


def test_a_guideline_gets_no_verdict(audit_bank: Bank) -> None:
    data = audit_bank.model_dump()
    data["kind"] = "guideline"
    data["certification"]["certifiable"] = False
    for section in data["sections"]:
        for clause in section["clauses"]:
            for question in clause["questions"]:
                question.update(mandatory=False, gate=None, gate_level=2, core=False)
    guideline = Bank.model_validate(data)
    result = score(guideline, levels(dict.fromkeys(KEYS[:6], 2)))
    assert result.verdict is None and result.measure == "maturity"
    assert result.score == 0.5  # maturity is level / 4
    assert result.requirements.target_share == pytest.approx(2 / 3)  # its plan aims at level 3, and so do its gaps
    assert {f.grade for f in result.findings} == {"ofi"}
    assert sorted(f.ref for f in result.findings) == ["4.3", "6.1", "7.1"]  # one per clause
