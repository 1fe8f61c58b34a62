"""The results page, rendered once for every audience: a respondent, a read-only link or the consultant."""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from .. import charts
from ..domain.consensus import answer_sets
from ..domain.context import Context
from ..domain.progress import progress
from ..domain.registry import registry
from ..extensions import db
from ..models import Assessment
from ..scoring import AnswerValue, score
from ..scoring.consensus import CONSENSUS_RULE, effective
from . import nav
from .memo import Memo

RESULTS: Memo[Markup] = Memo(64)  # rendered results content, keyed by everything it is made from


def render_results(context: Context, links: nav.Nav) -> str:
    """The results page, for a respondent, a read-only link or the consultant: one score, one template.

    Its content is a pure function of the answers, the layout, the links and a few names, so it is kept
    (RESULTS) under exactly those: viewing results again without a new answer costs a lookup, not a render.
    """
    sets = answer_sets([context.assessment.id])[context.assessment.id]
    answers = effective(sets)
    several = len(sets.by_respondent) > 1
    assessment = context.assessment
    key = (
        assessment.id,
        context.layout_key,
        tuple(sorted(answers.items())),
        links.identity,
        several,
        assessment.organisation.name,
        getattr(assessment, "carried_from_id", None),
    )
    body = RESULTS.get(key, lambda: results_body(context, links, answers, several))
    return render_template("assess/results.html", context=context, body=body)


def results_body(context: Context, links: nav.Nav, answers: dict[str, AnswerValue], several: bool) -> Markup:
    outcomes = [score(bank, answers) for bank in context.banks]
    full = [score(registry().get(b.id), answers) for b in context.banks] if context.transition else []  # type: ignore[arg-type]
    carried_id = getattr(context.assessment, "carried_from_id", None)
    carried_from = db.session.get(Assessment, carried_id) if carried_id else None
    html = render_template(
        "assess/_results_body.html",
        context=context,
        nav=links,
        results=outcomes,
        figures=charts.result_figures(outcomes),
        progress=progress(context, answers),
        several=several,
        consensus_rule=CONSENSUS_RULE,
        full_results=full,
        carried_from=carried_from,
    )
    return Markup(html)  # noqa: S704 (an autoescaped template's output)
