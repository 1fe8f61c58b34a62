"""Charts are built from the scoring result alone: the numbers drawn are the numbers computed."""

from __future__ import annotations

import pytest

from questionnaire import charts
from questionnaire.banks import Bank, load_registry
from questionnaire.scoring import AnswerValue, score

from .conftest import DATA


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_registry(DATA / "banks").banks["demo-2024"]


def test_radar_draws_each_scored_section_closed(bank: Bank) -> None:
    result = score(bank, {"demo-2024/4.1-a": AnswerValue(4), "demo-2024/8.1-a": AnswerValue(2)})
    trace = charts.radar(result).to_dict()["data"][0]
    # 4.1: (2 * 1 + 1 * 0) / 3 = 66.7 %; 8.1: 50 %; the first point repeats to close the shape
    assert list(trace["r"]) == [66.7, 50.0, 66.7]
    assert list(trace["theta"]) == ["4 Context", "8 Operation", "4 Context"]


def test_gap_bars_show_missing_share_and_mark_blockers(bank: Bank) -> None:
    result = score(
        bank, {"demo-2024/4.1-a": AnswerValue(4), "demo-2024/4.1-b": AnswerValue(4), "demo-2024/8.1-a": AnswerValue(1)}
    )
    trace = charts.gap_bars(result).to_dict()["data"][0]
    assert list(trace["y"]) == ["8.1 Design"]  # 4.1 is complete, so it is not a gap
    assert list(trace["x"]) == [75.0]
    assert list(trace["marker"]["color"]) == [charts.DANGER]


def test_not_applicable_sections_are_left_out(bank: Bank) -> None:
    result = score(bank, {"demo-2024/8.1-a": AnswerValue(not_applicable=True, reason="no design")})
    assert list(charts.radar(result).to_dict()["data"][0]["theta"]) == ["4 Context", "4 Context"]


def test_comparison_only_for_several_standards(bank: Bank) -> None:
    one = score(bank, {})
    assert "compare" not in charts.result_figures([one])
    figures = charts.result_figures([one, one])
    assert [f.id for f in figures["compare"]] == ["compare"]
    assert [f.id for f in figures["demo-2024"]] == ["radar-demo-2024", "gaps-demo-2024"]
    assert len(str(figures["demo-2024"][0].data["layout"]["template"])) < 100  # no bulky default template
