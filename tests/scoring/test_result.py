"""Scores: readiness on clauses 4-10, the SoA score apart, unanswered not assessed; documented information."""

from __future__ import annotations

import pytest

from questionnaire.banks import Bank
from questionnaire.scoring import AnswerValue, document_status, score

from .conftest import everything, levels


def test_target_level_is_full_readiness(audit_bank: Bank) -> None:
    assert score(audit_bank, everything(3)).score == 1
    assert score(audit_bank, everything(4)).score == 1  # beyond the target adds nothing to readiness
    assert score(audit_bank, everything(4)).requirements.mean_level == 4


def test_readiness_is_a_weighted_share_of_the_target(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"4.3-a": 3, "6.1-b": 1, "6.1-a": 0}))
    # (3 * 3/3 + 2 * 1/3 + 1 * 0) / (3 + 2 + 1): unanswered questions are left out, not counted as zero
    assert result.score == pytest.approx((3 + 2 / 3) / 6)
    assert result.requirements.answered == 3 and result.overall.total == 8
    assert result.sections[2].score is None  # section 9 not assessed


def test_annex_controls_score_apart_and_exclusions_drop_out(audit_bank: Bank) -> None:
    result = score(audit_bank, {**everything(3), **levels({"A.1-a": 0, "A.2-a": "na"})})
    assert result.score == 1
    assert result.soa_score == 0
    assert result.controls and result.controls.not_applicable == 1


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        (AnswerValue(), "not assessed"),
        (AnswerValue(level=0), "missing"),
        (AnswerValue(level=2), "partial"),
        (AnswerValue(level=3), "in place"),
        (AnswerValue(not_applicable=True, reason="r"), "not applicable"),
    ],
)
def test_documented_information_status(answer: AnswerValue, status: str) -> None:
    assert document_status(answer) == status


def test_documents_listed_with_level(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"4.3-a": 2}))
    assert [(d.item.question.id, d.status, d.level) for d in result.documents] == [
        ("4.3-a", "partial", 2),
        ("9.2-a", "not assessed", None),
    ]
