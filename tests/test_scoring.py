"""Scoring rules with hand-computed expectations, on a three-question bank (tests/data/banks/demo-2024.yaml).

4.1-a weight 2, mandatory, a document · 4.1-b weight 1 · 8.1-a weight 3, mandatory, may be N/A.
"""

from __future__ import annotations

import pytest

from questionnaire.banks import Bank, load_registry
from questionnaire.scoring import AnswerValue, action_plan, score, severity

from .conftest import DATA

A, B, C = "demo-2024/4.1-a", "demo-2024/4.1-b", "demo-2024/8.1-a"


@pytest.fixture(scope="module")
def bank() -> Bank:
    registry = load_registry(DATA / "banks")
    assert not registry.problems
    return registry.banks["demo-2024"]


def level(n: int) -> AnswerValue:
    return AnswerValue(level=n)


NA = AnswerValue(not_applicable=True, reason="We do not design anything.")


def test_weighted_mean_over_applicable_questions(bank: Bank) -> None:
    result = score(bank, {A: level(4), B: level(2), C: NA})
    # clause 4.1: (2 * 4/4 + 1 * 2/4) / (2 + 1) = 2.5 / 3
    assert result.score == pytest.approx(2.5 / 3)
    assert result.sections[0].score == pytest.approx(2.5 / 3)
    assert result.sections[1].score is None  # every question of section 8 is N/A
    assert result.sections[1].clauses[0].tally.applicable == 0
    assert result.tally.answered == 3 and result.tally.applicable == 2


def test_ready_needs_no_blocker_and_the_threshold(bank: Bank) -> None:
    ready = score(bank, {A: level(4), B: level(2), C: NA})
    assert ready.verdict.ready is True
    assert [gap.severity for gap in ready.gaps] == ["ofi"]
    below_threshold = score(bank, {A: level(3), B: level(0), C: level(3)})
    # (2 * .75 + 0 + 3 * .75) / 6 = 0.625 < 0.75, no blocker
    assert below_threshold.score == pytest.approx(0.625)
    assert below_threshold.blockers == []
    assert below_threshold.verdict.ready is False
    assert below_threshold.verdict.score_ok is False


def test_mixed_levels_and_weights(bank: Bank) -> None:
    result = score(bank, {A: level(3), B: level(0), C: level(2)})
    # (2 * 3/4 + 1 * 0 + 3 * 2/4) / 6 = 3 / 6
    assert result.score == pytest.approx(0.5)
    assert [(g.item.key, g.severity) for g in result.gaps] == [(C, "major"), (B, "minor")]
    assert [g.item.key for g in result.blockers] == [C]
    assert result.verdict.ready is False


def test_empty_assessment_scores_zero_and_blocks_on_every_mandatory_question(bank: Bank) -> None:
    result = score(bank, {})
    assert result.score == 0
    assert result.tally.answered == 0 and not result.complete
    # majors first, then weight x distance to level 3: C (3 * 3 = 9) before A (2 * 3 = 6)
    assert [g.item.key for g in result.gaps] == [C, A, B]
    assert [g.severity for g in result.gaps] == ["major", "major", "minor"]
    assert all(gap.level is None and not gap.answered for gap in result.gaps)
    assert result.verdict.ready is False


def test_all_not_applicable_gives_no_score_rather_than_zero(bank: Bank) -> None:
    only_na = bank.model_copy(update={"sections": bank.sections[1:]})
    result = score(only_na, {C: NA})
    assert result.score is None
    assert result.gaps == []
    assert result.verdict.ready is False  # nothing to show readiness with


def test_documented_information_checklist(bank: Bank) -> None:
    statuses = [d.status for d in score(bank, {A: level(1)}).documents]
    assert statuses == ["partial"]
    assert [d.status for d in score(bank, {A: level(3)}).documents] == ["in place"]
    assert [d.status for d in score(bank, {}).documents] == ["missing"]
    assert [d.item.question.documented_info.name for d in score(bank, {}).documents] == ["Context list"]


def test_severity_rules() -> None:
    assert severity(mandatory=True, level=2) == "major"
    assert severity(mandatory=True, level=3) is None
    assert severity(mandatory=False, level=1) == "minor"
    assert severity(mandatory=False, level=2) == "ofi"
    assert severity(mandatory=False, level=4) is None


def test_action_plan_orders_by_severity_then_priority(bank: Bank) -> None:
    gaps = score(bank, {A: level(2), B: level(1), C: level(0)}).gaps
    assert action_plan(reversed(gaps)) == gaps
    assert [round(g.priority, 1) for g in gaps] == [9.0, 2.0, 2.0]


def test_guideline_gets_a_profile_not_a_verdict(bank: Bank) -> None:
    guideline = bank.model_copy(update={"kind": "guideline"})
    guideline = guideline.model_copy(
        update={"certification": guideline.certification.model_copy(update={"certifiable": False})}
    )
    assert score(guideline, {A: level(4), B: level(4), C: level(4)}).verdict.ready is None
