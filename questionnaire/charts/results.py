"""Plotly figures built from scoring results. Pure: no Flask; pages embed the figure data as JSON.

Figures are written as plotly's own JSON (a dict of `data` traces and a `layout`) rather than through
plotly.graph_objects: building graph objects validates every property on every request, which was a third
of a results page's CPU. The tests pass every figure through plotly's validator instead, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..scoring import ClauseResult, Result

INK = "#1f2a37"
ACCENT = "#0f6e6e"
WARN = "#9c4512"
DANGER = "#b42318"
SERIES = ["#0f6e6e", "#7a4fb3", "#c2761b", "#2c6fbb", "#a23b72"]
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "color": INK, "size": 13}
MAX_GAP_BARS = 10
MIN_RADAR_AXES = 3  # fewer sections make a line, not a shape: they are said in words instead


@dataclass(frozen=True)
class ChartTable:
    """The numbers behind a chart, for people who cannot see it and for paper without a chart."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    description: str  # one sentence saying what the chart shows
    data: dict[str, Any]
    table: ChartTable


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _percent(value: float | None) -> float:
    return round(100 * (value or 0), 1)


def _layout(**extra: Any) -> dict[str, Any]:
    return {
        "template": "none",
        "font": FONT,
        "margin": {"l": 40, "r": 40, "t": 30, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }


def _measure(result: Result) -> str:
    """A guideline has no readiness for certification, only maturity."""
    return result.measure


Plotly = dict[str, Any]  # a plotly figure as JSON: {"data": [traces], "layout": {...}}


def radar(result: Result) -> Plotly:
    """Readiness per section (clauses 4-10, and control themes where the standard has them)."""
    sections = [s for s in result.sections if s.score is not None]
    labels = [_short(f"{s.section.id} {s.section.title}", 18) for s in sections]
    values = [_percent(s.score) for s in sections]
    trace = {
        "type": "scatterpolar",
        "r": [*values, values[0]] if values else [],
        "theta": [*labels, labels[0]] if labels else [],
        "fill": "toself",
        "line": {"color": ACCENT},
        "name": result.bank.name,
        "hovertemplate": "%{theta}: %{r}%<extra></extra>",
    }
    layout = _layout(
        # the angular axis is a category axis whatever the labels: section ids alone ("4", "10") would otherwise
        # be read as degrees and every point drawn in a sliver
        polar={
            "radialaxis": {"range": [0, 100], "ticksuffix": "%", "angle": 90, "tickfont": {"size": 10}},
            "angularaxis": {"type": "category", "direction": "clockwise", "rotation": 90},
        },
        showlegend=False,
        height=420,
        margin={"l": 110, "r": 110, "t": 40, "b": 40},
    )
    return {"data": [trace], "layout": layout}


def _gap(clause: ClauseResult) -> float | None:
    """The share of the target level (3) still missing: the same target the action plan aims at, also for a
    guideline whose profile is shown as maturity out of 4."""
    share = clause.tally.target_share
    return None if share is None else 1 - share


def _gap_clauses(result: Result) -> list[ClauseResult]:
    """The clauses furthest from the target, worst first."""
    clauses = [c for s in result.sections for c in s.clauses if (_gap(c) or 0) > 0]
    clauses.sort(key=lambda c: (-(_gap(c) or 0), c.clause.id))
    return clauses[:MAX_GAP_BARS]


def gap_bars(result: Result) -> Plotly:
    """The clauses furthest from the target: share of the target level still missing."""
    worst = _gap_clauses(result)[::-1]
    serious = [f for f in result.findings if f.grade in ("blocker", "major")]
    blocked = {ref for f in serious for ref in f.refs} | {w.item.clause.id for f in serious for w in f.evidence}
    trace = {
        "type": "bar",
        "x": [_percent(_gap(c)) for c in worst],
        "y": [_short(f"{c.clause.id} {c.clause.title}") for c in worst],
        "orientation": "h",
        "marker": {"color": [DANGER if c.clause.id in blocked else WARN for c in worst]},
        "hovertemplate": "%{y}: %{x}% missing<extra></extra>",
    }
    layout = _layout(
        xaxis={
            "type": "linear",
            "range": [0, 100],
            "ticksuffix": "%",
            "title": {"text": "Short of the target (level 3)"},
        },
        yaxis={"type": "category", "automargin": True},
        height=120 + 34 * max(len(worst), 1),
        margin={"l": 10, "r": 20, "t": 20, "b": 50},
    )
    return {"data": [trace], "layout": layout}


def compared_sections(results: list[Result]) -> list[str]:
    """Clauses 4-10 (and a sector scheme's own sections) in first-seen order across the standards."""
    seen: dict[str, None] = {}
    for result in results:
        for section in result.requirement_sections:
            seen.setdefault(section.section.id, None)
    return list(seen)


def section_score(result: Result, section_id: str) -> float | None:
    """The score each standard's own chart shows for that section: every clause of it, its own ones included."""
    return next((s.score for s in result.requirement_sections if s.section.id == section_id), None)


def comparison(results: list[Result]) -> Plotly:
    """Integrated assessments: each standard's score per clause 4-10, the same figures as its own radar."""
    sections = compared_sections(results)
    traces = [
        {
            "type": "bar",
            "name": result.bank.name,
            "x": [f"Clause {sid}" for sid in sections],
            "y": [_percent(section_score(result, sid)) for sid in sections],
            "marker": {"color": SERIES[i % len(SERIES)]},
            "hovertemplate": "%{x}: %{y}%<extra>" + result.bank.name + "</extra>",
        }
        for i, result in enumerate(results)
    ]
    layout = _layout(
        barmode="group",
        xaxis={"type": "category"},
        yaxis={"type": "linear", "range": [0, 100], "ticksuffix": "%"},
        height=380,
        legend={"orientation": "h"},
    )
    return {"data": traces, "layout": layout}


def _radar_figure(result: Result, paper: bool) -> Figure:
    bank_id, measure = result.bank.id, _measure(result)
    sections = [s for s in result.sections if s.score is not None]
    best = max(sections, key=lambda s: s.score or 0, default=None)
    worst = min(sections, key=lambda s: s.score or 0, default=None)
    if not best or not worst:
        summary = "Nothing has been assessed yet."
    elif best.score == worst.score:
        summary = f"{measure.capitalize()} is {_percent(best.score):g}% in every assessed section."
    elif len(sections) < MIN_RADAR_AXES:
        summary = (
            f"{measure.capitalize()} "
            + " and ".join(f"{_percent(s.score):g}% in {s.section.id} {s.section.title}" for s in sections)
            + "."
        )
    else:
        summary = (
            f"{measure.capitalize()} ranges from {_percent(worst.score):g}% in {worst.section.id} "
            f"{worst.section.title} to {_percent(best.score):g}% in {best.section.id} {best.section.title}."
        )
    return Figure(
        f"radar-{bank_id}",
        f"{measure.capitalize()} by section",
        summary,
        _sized(radar(result), paper) if len(sections) >= MIN_RADAR_AXES else {},
        ChartTable(
            ("Section", measure.capitalize(), "Answered"),
            tuple(
                (f"{s.section.id} {s.section.title}", _cell(s.score, s.excluded), f"{s.tally.answered}/{s.tally.total}")
                for s in result.sections
            ),
        ),
    )


def _gaps_figure(result: Result, paper: bool) -> Figure:
    bank_id = result.bank.id
    clauses = _gap_clauses(result)
    red = " Red bars are part of a stage blocker or a likely major finding." if result.bank.certifiable else ""
    if clauses:
        summary = (
            f"The largest gap is {clauses[0].clause.id} {clauses[0].clause.title}, "
            f"{_percent(_gap(clauses[0])):g}% short of the target level 3.{red}"
        )
    elif any(c.score is not None for s in result.sections for c in s.clauses):
        summary = "No gap: every assessed clause is at the target level 3 or above."
    else:
        summary = "No gap to show yet: nothing has been assessed."
    return Figure(
        f"gaps-{bank_id}",
        "Largest gaps",
        summary,
        _sized(gap_bars(result), paper) if clauses else {},
        ChartTable(
            ("Clause", "Short of the target"),
            tuple((f"{c.clause.id} {c.clause.title}", f"{_percent(_gap(c)):g}%") for c in clauses),
        ),
    )


def _compare_figure(results: list[Result], paper: bool) -> Figure:
    sections = compared_sections(results)
    return Figure(
        "compare",
        "Standards compared",
        "Readiness per clause 4-10 of each standard, all its clauses counted, as on its own chart.",
        _sized(comparison(results), paper),
        ChartTable(
            ("Clause", *(r.bank.name for r in results)),
            tuple((f"Clause {sid}", *(_cell(section_score(r, sid)) for r in results)) for sid in sections),
        ),
    )


def _cell(value: float | None, excluded: bool = False) -> str:
    if excluded:
        return "excluded"
    return "not assessed" if value is None else f"{_percent(value):g}%"


def _sized(figure: Plotly, paper: bool) -> Plotly:
    """On paper a chart has a fixed width between the A4 margins and no transparent background."""
    if paper:
        figure["layout"].update(width=680, paper_bgcolor="#ffffff", font={**FONT, "size": 11})
    return figure


def result_figures(results: list[Result], paper: bool = False) -> dict[str, list[Figure]]:
    """Every figure a results page shows, keyed by bank id ('compare' for the side-by-side chart)."""
    figures = {r.bank.id: [_radar_figure(r, paper), _gaps_figure(r, paper)] for r in results}
    if len(results) > 1:
        figures["compare"] = [_compare_figure(results, paper)]
    return figures


def report_figures(results: list[Result]) -> dict[str, list[Figure]]:
    return result_figures(results, paper=True)
