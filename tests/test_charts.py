"""Charts are built from the scoring result alone: the numbers drawn are the numbers computed."""

from __future__ import annotations

import pytest

from questionnaire.banks import Bank, load_registry
from questionnaire.charts import results as charts
from questionnaire.scoring import AnswerValue, score

from .conftest import DATA


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_registry(DATA / "banks").banks["demo-2024"]


def test_radar_draws_each_scored_section_closed(bank: Bank) -> None:
    result = score(bank, {"demo-2024/4.1-a": AnswerValue(4), "demo-2024/8.1-a": AnswerValue(2)})
    trace = charts.radar(result)["data"][0]
    # readiness: 4.1 has only 4.1-a assessed (level 4 counts as the target, 100 %); 8.1 at level 2 is 2/3;
    # the first point repeats to close the shape
    assert list(trace["r"]) == [100.0, 66.7, 100.0]
    assert list(trace["theta"]) == ["4 Context", "8 Operation", "4 Context"]


def test_gap_bars_show_missing_share_and_mark_blockers(bank: Bank) -> None:
    result = score(
        bank, {"demo-2024/4.1-a": AnswerValue(4), "demo-2024/4.1-b": AnswerValue(4), "demo-2024/8.1-a": AnswerValue(1)}
    )
    trace = charts.gap_bars(result)["data"][0]
    assert list(trace["y"]) == ["8.1 Design"]  # 4.1 is complete, so it is not a gap
    assert list(trace["x"]) == [66.7]  # level 1 of the target 3 reached
    assert list(trace["marker"]["color"]) == [charts.WARN]  # a mandatory requirement at 1 is a likely minor
    worse = score(bank, {"demo-2024/8.1-a": AnswerValue(0)})
    assert list(charts.gap_bars(worse)["data"][0]["marker"]["color"]) == [charts.DANGER]  # likely major


def test_not_applicable_sections_are_left_out(bank: Bank) -> None:
    result = score(
        bank, {"demo-2024/4.1-a": AnswerValue(1), "demo-2024/8.1-a": AnswerValue(not_applicable=True, reason="x")}
    )
    assert list(charts.radar(result)["data"][0]["theta"]) == ["4 Context", "4 Context"]


def test_comparison_only_for_several_standards(bank: Bank) -> None:
    one = score(bank, {})
    assert "compare" not in charts.result_figures([one])
    figures = charts.result_figures([one, one])
    assert [f.id for f in figures["compare"]] == ["compare"]
    assert [f.id for f in figures["demo-2024"]] == ["radar-demo-2024", "gaps-demo-2024"]
    assert figures["compare"][0].table.columns == ("Clause", "Demo Standard 2024", "Demo Standard 2024")
    assert len(str(figures["demo-2024"][0].data["layout"]["template"])) < 100  # no bulky default template


def test_every_chart_has_a_summary_and_its_data_table(bank: Bank) -> None:
    result = score(bank, {"demo-2024/4.1-a": AnswerValue(1), "demo-2024/8.1-a": AnswerValue(3)})
    radar, gaps = charts.result_figures([result])["demo-2024"]
    assert radar.description == "Readiness ranges from 33.3% in 4 Context to 100% in 8 Operation."
    assert radar.table.rows == (("4 Context", "33.3%", "1/2"), ("8 Operation", "100%", "1/1"))
    assert gaps.description.startswith("The largest gap is 4.1 Context clause, 66.7% short of the target.")
    assert gaps.table.rows == (("4.1 Context clause", "66.7%"),)


def test_paper_figures_have_a_fixed_width(bank: Bank) -> None:
    figure = charts.report_figures([score(bank, {})])["demo-2024"][0]
    assert figure.data["layout"]["width"] == 680
    assert figure.description == "Nothing has been assessed yet."


def test_nothing_to_draw_when_every_clause_is_at_target(bank: Bank) -> None:
    full = {f"demo-2024/{q}": AnswerValue(3) for q in ("4.1-a", "4.1-b", "8.1-a")}
    radar, gaps = charts.result_figures([score(bank, full)])["demo-2024"]
    assert gaps.data == {} and gaps.description == "No assessed clause is below the target readiness."
    assert radar.description == "Readiness is 100% in every assessed section."


def test_every_figure_is_valid_plotly(bank: Bank) -> None:
    """The figures are plotly JSON written by hand for speed: plotly's own validator must accept them."""
    import plotly.graph_objects as go

    result = score(bank, {"demo-2024/4.1-a": AnswerValue(1), "demo-2024/8.1-a": AnswerValue(0)})
    for figures in (charts.result_figures([result, result]), charts.report_figures([result])):
        for figure in (f for group in figures.values() for f in group):
            go.Figure(figure.data)  # raises on any unknown property or wrong value
