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
    # a category axis whatever the labels, or plotly reads section ids such as "4" and "10" as degrees
    assert charts.radar(result)["layout"]["polar"]["angularaxis"]["type"] == "category"


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
    assert len(str(figures["compare"][0].data["layout"]["template"])) < 100  # no bulky default template
    assert figures["compare"][0].data["layout"]["xaxis"]["type"] == "category"


def test_comparison_uses_each_standards_own_section_scores(bank: Bank) -> None:
    """Clause 8 of the demo has no harmonized-structure clause: it is compared all the same, as its own chart
    shows it (a standard-specific clause that blocks must not read 100 % side by side)."""
    result = score(bank, {"demo-2024/4.1-a": AnswerValue(3), "demo-2024/8.1-a": AnswerValue(0)})
    trace = charts.comparison([result, result])["data"][0]
    assert list(trace["x"]) == ["Clause 4", "Clause 8"] and list(trace["y"]) == [100.0, 0.0]
    assert [s.score for s in result.sections] == [1.0, 0.0]


def test_every_chart_has_a_summary_and_its_data_table(bank: Bank) -> None:
    result = score(bank, {"demo-2024/4.1-a": AnswerValue(1), "demo-2024/8.1-a": AnswerValue(3)})
    radar, gaps = charts.result_figures([result])["demo-2024"]
    # two sections make a line, not a shape: said in words, with the table, and no radar drawn
    assert radar.description == "Readiness 33.3% in 4 Context and 100% in 8 Operation." and radar.data == {}
    assert radar.table.rows == (("4 Context", "33.3%", "1/2"), ("8 Operation", "100%", "1/1"))
    assert gaps.description.startswith("The largest gap is 4.1 Context clause, 66.7% short of the target level 3.")
    assert gaps.table.rows == (("4.1 Context clause", "66.7%"),)
    assert gaps.data["layout"]["yaxis"]["type"] == "category"


def test_paper_figures_have_a_fixed_width(bank: Bank) -> None:
    nothing = score(bank, {})
    figures = charts.report_figures([nothing, nothing])
    assert figures["compare"][0].data["layout"]["width"] == 680
    assert figures["demo-2024"][0].description == "Nothing has been assessed yet."
    assert figures["demo-2024"][1].description == "No gap to show yet: nothing has been assessed."


def test_nothing_to_draw_when_every_clause_is_at_target(bank: Bank) -> None:
    full = {f"demo-2024/{q}": AnswerValue(3) for q in ("4.1-a", "4.1-b", "8.1-a")}
    radar, gaps = charts.result_figures([score(bank, full)])["demo-2024"]
    assert gaps.data == {} and gaps.description == "No gap: every assessed clause is at the target level 3 or above."
    assert radar.description == "Readiness is 100% in every assessed section."


def test_a_guidelines_gaps_are_measured_against_the_target_of_its_plan(bank: Bank) -> None:
    """A guideline's profile is maturity (level / 4), but its plan aims at level 3: a clause at 3 is no gap."""
    data = bank.model_dump()
    data.update(kind="guideline")
    data["certification"]["certifiable"] = False
    for section in data["sections"]:
        for clause in section["clauses"]:
            for question in clause["questions"]:
                question.update(mandatory=False, gate=None, gate_level=2, core=False)
    guideline = Bank.model_validate(data)
    result = score(guideline, {"demo-2024/4.1-a": AnswerValue(3), "demo-2024/8.1-a": AnswerValue(2)})
    assert result.score is not None and result.score < 1  # maturity: 3 of 4 is not the top
    assert list(charts.gap_bars(result)["data"][0]["y"]) == ["8.1 Design"]
    assert list(charts.gap_bars(result)["data"][0]["x"]) == [33.3]


def test_every_figure_is_valid_plotly(bank: Bank) -> None:
    """The figures are plotly JSON written by hand for speed: plotly's own validator must accept them."""
    import plotly.graph_objects as go

    result = score(bank, {"demo-2024/4.1-a": AnswerValue(1), "demo-2024/8.1-a": AnswerValue(0)})
    for figures in (charts.result_figures([result, result]), charts.report_figures([result])):
        for figure in (f for group in figures.values() for f in group):
            go.Figure(figure.data)  # raises on any unknown property or wrong value
