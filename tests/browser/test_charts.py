"""Every chart as plotly drew it, at a desktop and a phone width: read from `_fullLayout` and `_fullData`.

The JSON a page embeds can be right while the drawing is wrong: below 560 px the radar's labels used to become
"4".."10", which plotly took for degrees, and every point sat in a sliver. So the tests read what plotly made of
each figure: the axis types, the tick labels it drew, the data in every trace, and that it fits its box.
"""

from __future__ import annotations

import re

import pytest

from .conftest import WIDTHS, shot

RESULTS_PAGES = {
    "results": "/a/{quality}/results",
    "results-security": "/a/{security}/results",
    "results-integrated": "/a/{integrated}/results",
    "results-guideline": "/a/{guideline}/results",
    "report": "/a/{quality}/report",
    "report-integrated": "/a/{integrated}/report",
}
CONSULTANT_PAGES = {
    "consult-dashboard": "/consult/",
    "consult-client": "/consult/clients/{client}",
    "consult-assessment": "/consult/assessments/{assessment}",
    "consult-results": "/consult/assessments/{assessment}/results",
}

DRAWN = """() => Array.from(document.querySelectorAll('.chart')).map(gd => {
  const layout = gd._fullLayout, data = gd._fullData;
  if (!layout || !data) { return {id: gd.id, drawn: false}; }
  const axes = {};
  for (const name of Object.keys(layout)) {
    if (/^[xy]axis\\d*$/.test(name)) {
      axes[name] = {type: layout[name].type, ticks: (layout[name]._vals || []).map(v => String(v.text))};
    }
  }
  if (layout.polar) {
    axes.angularaxis = {type: layout.polar.angularaxis.type,
      ticks: Array.from(gd.querySelectorAll('.angularaxistick text')).map(t => t.textContent)};
    axes.radialaxis = {type: layout.polar.radialaxis.type, ticks: []};
  }
  return {id: gd.id, drawn: true, width: layout.width, box: gd.clientWidth, axes: axes,
    traces: data.map(t => ({type: t.type, orientation: t.orientation || 'v',
      x: Array.from(t.x || []).map(String), y: Array.from(t.y || []).map(String),
      theta: Array.from(t.theta || []).map(String), r: Array.from(t.r || [])}))};
})"""


def check_chart(chart: dict) -> None:  # type: ignore[type-arg]
    """One drawn chart: typed axes, the labels it drew are the data's own, every trace has data, it fits."""
    name = chart["id"]
    assert chart["drawn"], f"{name} was not drawn"
    assert chart["width"] <= chart["box"] + 1, f"{name} is wider than its box"
    axes = chart["axes"]
    for trace in chart["traces"]:
        if trace["type"] == "scatterpolar":
            assert len(trace["r"]) >= 4 and len(trace["theta"]) == len(trace["r"]), name  # 3 axes at least, closed
            angular = axes["angularaxis"]
            assert angular["type"] == "category", f"{name}: the radar's angle must be a category axis"
            labels = list(dict.fromkeys(trace["theta"]))
            assert angular["ticks"] == labels, f"{name} drew {angular['ticks']} for sections {labels}"
            assert not any(re.fullmatch(r"-?\d+(\.\d+)?°", tick) for tick in angular["ticks"]), name
            assert axes["radialaxis"]["type"] == "linear", name
            continue
        assert trace["x"] and trace["y"], f"{name}: a trace without data"
        labels_on, numbers_on = ("yaxis", "xaxis") if trace["orientation"] == "h" else ("xaxis", "yaxis")
        categories = trace["y"] if labels_on == "yaxis" else trace["x"]
        assert axes[labels_on]["type"] == "category", f"{name}: {labels_on} holds names, not numbers"
        assert axes[numbers_on]["type"] == "linear", f"{name}: {numbers_on} holds numbers"
        drawn = axes[labels_on]["ticks"]
        assert drawn and set(drawn) <= set(categories), f"{name} drew {drawn} for {categories}"


def check_charts(tab, url: str, name: str, width: int) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    tab.wait_for_function("Array.from(document.querySelectorAll('.chart')).every(gd => gd._fullLayout)")
    shot(tab, f"charts-{name}-{width}")
    charts = tab.evaluate(DRAWN)
    for chart in charts:
        check_chart(chart)
    # no empty panels: every chart figure holds a drawn chart; what has nothing to draw is said in words
    assert tab.locator("figure.chart-figure").count() == len(charts)
    return charts


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", RESULTS_PAGES)
def test_results_and_report_charts_read_right(  # type: ignore[no-untyped-def]
    page, base_url: str, seeded: dict[str, str], name: str, width: int
) -> None:
    charts = check_charts(page, base_url + RESULTS_PAGES[name].format(**seeded), name, width)
    kinds = {re.sub(r"-.*", "", chart["id"]) for chart in charts}
    assert "radar" in kinds or name == "results-guideline"  # the guideline has few sections answered
    if "integrated" in name:
        assert "compare" in kinds


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CONSULTANT_PAGES)
def test_consultant_charts_read_right(  # type: ignore[no-untyped-def]
    consultant_page, base_url: str, consulting: dict[str, object], name: str, width: int
) -> None:
    charts = check_charts(consultant_page, base_url + CONSULTANT_PAGES[name].format(**consulting), name, width)
    assert charts, f"{name} shows no chart"


def test_the_radar_is_a_category_axis_at_phone_width(page, base_url: str, seeded: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """At 320 px the labels shrink to section ids; they stay in their own places around the circle."""
    charts = check_charts(page, base_url + RESULTS_PAGES["results-security"].format(**seeded), "radar-phone", 320)
    [radar] = [chart for chart in charts if chart["id"].startswith("radar-")]
    assert radar["axes"]["angularaxis"]["ticks"] == ["4", "5", "6", "7", "8", "9", "10", "A.5", "A.6", "A.7", "A.8"]


def test_a_chart_with_nothing_to_draw_is_said_in_words(page, base_url: str, seeded: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + f"/a/{seeded['empty']}/results")
    page.wait_for_load_state("networkidle")
    assert page.locator(".chart").count() == 0 and page.locator("figure.chart-figure").count() == 0
    words = page.locator(".chart-words")
    assert words.count() == 2 and "Nothing has been assessed yet." in words.first.inner_text()
    box = words.nth(1).bounding_box()
    assert box and box["height"] < 100  # a sentence, not a 350 px empty panel
