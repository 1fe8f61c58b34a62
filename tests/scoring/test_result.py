"""Scores: readiness on clauses 4-10, the SoA score apart, unanswered not assessed; documented information."""

from __future__ import annotations

import pytest

from questionnaire.banks import Bank
from questionnaire.scoring import AnswerValue, document_status, score

from .conftest import everything, key, levels


def test_target_level_is_full_readiness(audit_bank: Bank) -> None:
    assert score(audit_bank, everything(3)).score == 1
    assert score(audit_bank, everything(4)).score == 1  # beyond the target adds nothing to readiness
    assert score(audit_bank, everything(4)).requirements.mean_level == 4


def test_readiness_is_a_weighted_share_of_the_target(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"4.3-a": 3, "6.1-b": 1, "6.1-a": 0}))
    # (3 * 3/3 + 2 * 1/3 + 1 * 0) / (3 + 2 + 1): unanswered questions are left out, not counted as zero
    assert result.score == pytest.approx((3 + 2 / 3) / 6)
    assert result.requirements.answered == 3 and result.overall.total == 14
    assert result.sections[3].score is None  # section 9 not assessed


def test_annex_controls_score_apart_and_exclusions_drop_out(audit_bank: Bank) -> None:
    result = score(audit_bank, {**everything(3), **levels({"A.1-a": 0, "A.2-a": "na"})})
    assert result.score == 1
    assert result.soa_score == 0
    assert result.controls and result.controls.not_applicable == 1


@pytest.mark.parametrize(
    ("answer", "document", "record"),
    [
        (AnswerValue(), "not assessed", "not assessed"),
        (AnswerValue(level=0), "missing", "missing"),
        (AnswerValue(level=1), "partial", "missing"),  # a record planned or kept ad hoc is not there to show
        (AnswerValue(level=2), "partial", "partial"),
        (AnswerValue(level=3), "in place", "in place"),
        (AnswerValue(not_applicable=True, reason="r"), "not applicable", "not applicable"),
    ],
)
def test_documented_information_status(answer: AnswerValue, document: str, record: str) -> None:
    assert document_status(answer, "document") == document
    assert document_status(answer, "record") == record


def test_documents_listed_with_level(audit_bank: Bank) -> None:
    result = score(audit_bank, levels({"4.3-a": 2, "7.1-b": 1}))
    assert [(d.item.question.id, d.status, d.level) for d in result.documents] == [
        ("4.3-a", "partial", 2),
        ("7.1-b", "missing", 1),
        ("9.2-a", "not assessed", None),
        ("9.3.3-a", "not assessed", None),
    ]


def test_an_excluded_clause_is_excluded_with_its_reason_never_not_assessed(audit_bank: Bank) -> None:
    result = score(audit_bank, {**everything(3), **levels({"A.2-a": "na", "A.1-a": 0})})
    annex = result.sections[-1]
    excluded = annex.clauses[1]
    assert excluded.excluded and excluded.excluded_reason == "Not in our scope." and excluded.score is None
    assert not annex.clauses[0].excluded and not annex.excluded
    assert key("A.2-a") in result.excluded and [f.ref for f in result.findings] == ["A.1"]


def test_excluded_documents_are_not_on_the_checklist(audit_bank: Bank) -> None:
    data = audit_bank.model_dump()
    data["sections"][2]["clauses"][0]["questions"][1]["allow_na"] = True  # 7.1-b, the narrow record
    bank = Bank.model_validate(data)
    result = score(bank, {**everything(3), **levels({"7.1-b": "na"})})
    assert "7.1-b" not in [d.item.question.id for d in result.documents]
