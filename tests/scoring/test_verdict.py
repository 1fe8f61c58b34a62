"""The staged verdict: gates, majors, systemic minors, provisional verdicts and the guideline profile."""

from __future__ import annotations

from questionnaire.banks import Bank
from questionnaire.scoring import minor_limit, score

from .conftest import KEYS, everything, levels


def test_all_at_target_is_ready_for_stage_2(audit_bank: Bank) -> None:
    verdict = score(audit_bank, everything(3)).verdict
    assert verdict and verdict.headline == "Ready for stage 2"
    assert verdict.stage == 2 and not verdict.provisional and verdict.reasons == ()


def test_all_zero_is_not_ready_for_stage_1(audit_bank: Bank) -> None:
    verdict = score(audit_bank, everything(0)).verdict
    assert verdict and verdict.headline == "Not ready for stage 1"
    assert [r.code for r in verdict.reasons] == ["stage1_blocker", "stage2_blocker", "major"]
    assert [f.item.question.id for f in verdict.reasons[0].findings] == ["4.3-a"]


def test_all_two_has_no_major_and_systemic_minors_block_stage_2(audit_bank: Bank) -> None:
    result = score(audit_bank, everything(2))
    assert result.graded("major") == [] and result.graded("blocker") == []
    # minors: 4.3-a, 6.1-a, 6.1-b, 6.1-c, 9.2-a (gates and requirements at 2) = 5 > max(3, 10 % of 5)
    assert result.verdict and result.verdict.minors == 5 and result.verdict.minor_limit == 3
    assert result.verdict.headline == "Ready for stage 1, not yet for stage 2"
    assert [r.code for r in result.verdict.reasons] == ["too_many_minors"]


def test_a_few_minors_are_expected_at_stage_2(audit_bank: Bank) -> None:
    verdict = score(audit_bank, {**everything(3), **levels({"6.1-a": 2, "A.1-a": 1})}).verdict
    assert verdict and verdict.stage == 2 and verdict.code == "stage2-minors"
    assert verdict.headline == "Ready for stage 2: expect 2 likely minor findings"


def test_stage_2_gate_below_two_holds_back_stage_2_only(audit_bank: Bank) -> None:
    verdict = score(audit_bank, {**everything(3), **levels({"9.2-a": 1})}).verdict
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


def test_unanswered_gates_cap_the_verdict(audit_bank: Bank) -> None:
    nothing = score(audit_bank, {}).verdict
    assert nothing and nothing.stage == 0 and nothing.provisional and nothing.unanswered_mandatory == 5
    assert [r.code for r in nothing.reasons] == ["stage1_unanswered", "stage2_unanswered"]
    no_audit_yet = score(audit_bank, {k: v for k, v in everything(3).items() if "9.2" not in k}).verdict
    assert no_audit_yet and no_audit_yet.stage == 1
    assert [r.code for r in no_audit_yet.reasons] == ["stage2_unanswered"]


def test_minor_limit_is_ten_percent_with_a_floor_of_three() -> None:
    assert [minor_limit(n) for n in (0, 6, 39, 40, 94)] == [3, 3, 3, 4, 9]


def test_a_guideline_gets_no_verdict(audit_bank: Bank) -> None:
    data = audit_bank.model_dump()
    data["kind"] = "guideline"
    data["certification"]["certifiable"] = False
    for section in data["sections"]:
        for clause in section["clauses"]:
            for question in clause["questions"]:
                question.update(mandatory=False, gate=None)
    guideline = Bank.model_validate(data)
    result = score(guideline, levels(dict.fromkeys(KEYS[:6], 2)))
    assert result.verdict is None and result.measure == "maturity"
    assert result.score == 0.5  # maturity is level / 4
    assert {f.grade for f in result.findings} == {"ofi"}
