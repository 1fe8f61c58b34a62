"""Plotly figures built from scoring results. Pure: no Flask; pages embed the figure data as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from .scoring import Result

INK = "#1f2a37"
ACCENT = "#0f6e6e"
WARN = "#b4531a"
DANGER = "#b42318"
SERIES = ["#0f6e6e", "#7a4fb3", "#c2761b", "#2c6fbb", "#a23b72"]
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "color": INK, "size": 13}
MAX_GAP_BARS = 10


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    description: str
    data: dict[str, Any]


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
    return "readiness" if result.bank.certifiable else "maturity"


def radar(result: Result) -> go.Figure:
    """Readiness per section (clauses 4-10, and control themes where the standard has them)."""
    sections = [s for s in result.sections if s.score is not None]
    labels = [_short(f"{s.section.id} {s.section.title}", 18) for s in sections]
    values = [_percent(s.score) for s in sections]
    trace = go.Scatterpolar(
        r=[*values, values[0]] if values else [],
        theta=[*labels, labels[0]] if labels else [],
        fill="toself",
        line={"color": ACCENT},
        name=result.bank.name,
        hovertemplate="%{theta}: %{r}%<extra></extra>",
    )
    layout = _layout(
        polar={"radialaxis": {"range": [0, 100], "ticksuffix": "%", "angle": 90, "tickfont": {"size": 10}}},
        showlegend=False,
        height=420,
        margin={"l": 110, "r": 110, "t": 40, "b": 40},
    )
    return go.Figure(data=[trace], layout=layout)


def gap_bars(result: Result) -> go.Figure:
    """The clauses furthest from ready: share of their weighted score still missing."""
    clauses = [c for s in result.sections for c in s.clauses if c.score is not None and c.score < 1]
    clauses.sort(key=lambda c: (c.score or 0, c.clause.id))
    worst = clauses[:MAX_GAP_BARS][::-1]
    blocked = {gap.item.clause.id for gap in result.blockers}
    trace = go.Bar(
        x=[round(100 - _percent(c.score), 1) for c in worst],
        y=[_short(f"{c.clause.id} {c.clause.title}") for c in worst],
        orientation="h",
        marker={"color": [DANGER if c.clause.id in blocked else WARN for c in worst]},
        hovertemplate="%{y}: %{x}% missing<extra></extra>",
    )
    layout = _layout(
        xaxis={"range": [0, 100], "ticksuffix": "%", "title": {"text": f"Missing {_measure(result)}"}},
        yaxis={"automargin": True},
        height=120 + 34 * max(len(worst), 1),
        margin={"l": 10, "r": 20, "t": 20, "b": 50},
    )
    return go.Figure(data=[trace], layout=layout)


def comparison(results: list[Result]) -> go.Figure:
    """Integrated assessments: each standard's score per harmonized-structure clause, side by side."""
    clauses = [str(number) for number in range(4, 11)]
    traces = [
        go.Bar(
            name=result.bank.name,
            x=[f"Clause {c}" for c in clauses],
            y=[_percent(result.hs_scores.get(c)) for c in clauses],
            marker={"color": SERIES[i % len(SERIES)]},
            hovertemplate="%{x}: %{y}%<extra>" + result.bank.name + "</extra>",
        )
        for i, result in enumerate(results)
    ]
    layout = _layout(
        barmode="group", yaxis={"range": [0, 100], "ticksuffix": "%"}, height=380, legend={"orientation": "h"}
    )
    return go.Figure(data=traces, layout=layout)


def result_figures(results: list[Result]) -> dict[str, list[Figure]]:
    """Every figure a results page shows, keyed by bank id ('compare' for the side-by-side chart)."""
    figures: dict[str, list[Figure]] = {}
    for result in results:
        bank_id, measure = result.bank.id, _measure(result)
        gaps_note = "; red ones contain a blocking gap." if result.bank.certifiable else "."
        figures[bank_id] = [
            Figure(
                f"radar-{bank_id}",
                f"{measure.capitalize()} by clause",
                "Weighted score per section.",
                radar(result).to_dict(),
            ),
            Figure(
                f"gaps-{bank_id}",
                "Largest gaps",
                f"Clauses with the most {measure} missing{gaps_note}",
                gap_bars(result).to_dict(),
            ),
        ]
    if len(results) > 1:
        figures["compare"] = [
            Figure("compare", "Standards compared", "Score per clause 4-10.", comparison(results).to_dict())
        ]
    return figures
