"""The consultant's charts: score per clause, how answers spread over the levels, and clause scores over time.

Pure like charts.py, and built the same way (a plotly figure, a one-sentence summary and the data table
behind it, shown by the results/_chart.html macro), from scoring results only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..banks import items
from ..scoring import AnswerValue, Result
from .results import ACCENT, DANGER, SERIES, WARN, ChartTable, Figure, _cell, _layout, _percent, _short

LEVEL_COLOURS = [DANGER, WARN, "#d9a21b", "#4c9a8a", ACCENT]
SPREAD_COLUMNS = ("Level 0", "Level 1", "Level 2", "Level 3", "Level 4", "Not applicable", "Not answered")
SPREAD_COLOURS = [*LEVEL_COLOURS, "#8a94a6", "#d5dae1"]


def _sections(results: Sequence[Result]) -> list[tuple[str, str]]:
    """Section ids and titles in first-seen order across the results (clauses 4-10, then Annex A themes)."""
    seen: dict[str, str] = {}
    for result in results:
        for section in result.sections:
            seen.setdefault(section.section.id, section.section.title)
    return list(seen.items())


def _score(result: Result, section_id: str) -> float | None:
    return next((s.score for s in result.sections if s.section.id == section_id), None)


def clause_scores(figure_id: str, rows: Sequence[tuple[str, Result]]) -> Figure:
    """One group of bars per clause, one bar per assessment (label, result)."""
    import plotly.graph_objects as go  # a slow import: only chart pages pay for it

    sections = _sections([result for _, result in rows])
    traces = [
        go.Bar(
            name=_short(label, 40),
            x=[sid for sid, _ in sections],
            y=[_percent(_score(result, sid)) for sid, _ in sections],
            customdata=[title for _, title in sections],
            marker={"color": SERIES[i % len(SERIES)]},
            hovertemplate="%{x} %{customdata}: %{y}%<extra>%{fullData.name}</extra>",
        )
        for i, (label, result) in enumerate(rows)
    ]
    layout = _layout(
        barmode="group",
        xaxis={"type": "category"},  # section ids "4".."10" are names, not numbers
        yaxis={"type": "linear", "range": [0, 100], "ticksuffix": "%"},
        height=380,
        legend={"orientation": "h"},
    )
    scored = [(label, sid, _score(r, sid)) for label, r in rows for sid, _ in sections if _score(r, sid) is not None]
    low = min(scored, key=lambda entry: entry[2] or 0, default=None)
    across = f"Across {len(rows)} assessments, the" if len(rows) > 1 else "The"
    summary = (
        f"{across} lowest clause is {low[1]} of {low[0]}, at {_percent(low[2]):g}%."
        if low
        else "Nothing has been answered yet."
    )
    table = ChartTable(
        ("Clause", *(label for label, _ in rows)),
        tuple((f"{sid} {title}", *(_cell(_score(r, sid)) for _, r in rows)) for sid, title in sections),
    )
    return Figure(figure_id, "Score per clause", summary, go.Figure(data=traces, layout=layout).to_dict(), table)


def spread_counts(result: Result, answers: Mapping[str, AnswerValue]) -> tuple[int, ...]:
    """How many questions sit at each level 0-4, not applicable, not answered."""
    counts = [0] * len(SPREAD_COLUMNS)
    for item in items(result.bank):
        value = answers.get(item.key)
        if value is None or not value.answered:
            counts[6] += 1
        elif value.not_applicable:
            counts[5] += 1
        else:
            counts[value.level or 0] += 1
    return tuple(counts)


def level_spread(figure_id: str, rows: Sequence[tuple[str, Result, Mapping[str, AnswerValue]]]) -> Figure:
    """A stacked bar per assessment: its questions by the level they were answered at."""
    import plotly.graph_objects as go  # a slow import: only chart pages pay for it

    counts = [(label, spread_counts(result, answers)) for label, result, answers in rows]
    labels = [_short(label, 40) for label, _ in counts]
    traces = [
        go.Bar(
            name=column,
            y=labels,
            x=[row[i] for _, row in counts],
            orientation="h",
            marker={"color": SPREAD_COLOURS[i]},
            hovertemplate="%{y}: %{x} questions<extra>" + column + "</extra>",
        )
        for i, column in enumerate(SPREAD_COLUMNS)
    ]
    layout = _layout(
        barmode="stack",
        xaxis={"type": "linear", "title": {"text": "Questions"}},
        yaxis={"type": "category", "automargin": True, "autorange": "reversed"},
        height=170 + 40 * max(len(rows), 1),
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": 10, "r": 20, "t": 60, "b": 50},
    )
    answered = sum(sum(row[:6]) for _, row in counts)
    at_target = sum(row[3] + row[4] for _, row in counts)
    summary = (
        f"{at_target} of {answered} answered questions are at the target level 3 or above."
        if answered
        else "Nothing has been answered yet."
    )
    table = ChartTable(("Assessment", *SPREAD_COLUMNS), tuple((label, *map(str, row)) for label, row in counts))
    return Figure(figure_id, "How answers spread over the levels", summary, go.Figure(traces, layout).to_dict(), table)


def trend(figure_id: str, title: str, points: Sequence[tuple[str, Result]]) -> Figure:
    """Score per clause over successive assessments of one standard (label: the assessment's date)."""
    import plotly.graph_objects as go  # a slow import: only chart pages pay for it

    sections = _sections([result for _, result in points])
    x = [label for label, _ in points]
    traces = [
        go.Scatter(
            name=f"{sid} {_short(stitle, 24)}",
            x=x,
            y=[None if _score(r, sid) is None else _percent(_score(r, sid)) for _, r in points],
            mode="lines+markers",
            line={"color": SERIES[i % len(SERIES)] if i < len(SERIES) else None},
            hovertemplate="%{x}: %{y}%<extra>%{fullData.name}</extra>",
        )
        for i, (sid, stitle) in enumerate(sections)
    ]
    layout = _layout(
        yaxis={"type": "linear", "range": [0, 100], "ticksuffix": "%"},
        xaxis={"type": "category"},
        height=400,
        legend={"orientation": "h", "y": -0.2},
    )
    first, last = points[0][1], points[-1][1]
    summary = (
        f"Over {len(points)} assessments the overall score went from {_cell(first.score)} to {_cell(last.score)}."
        if len(points) > 1
        else f"One assessment so far, at {_cell(first.score)}; the next one adds a point to every line."
    )
    table = ChartTable(
        ("Clause", *x),
        tuple((f"{sid} {stitle}", *(_cell(_score(r, sid)) for _, r in points)) for sid, stitle in sections),
    )
    return Figure(figure_id, title, summary, go.Figure(traces, layout).to_dict(), table)
