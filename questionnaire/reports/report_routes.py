"""The audit rehearsal report: one printable page per assessment, and the same page as a PDF."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from flask import abort, current_app, render_template
from werkzeug.wrappers import Response

from ..assess import nav
from ..assess.context import Context, load
from ..assess.progress import progress
from ..scoring import score
from ..scoring.consensus import CONSENSUS_RULE
from ..service.consensus import effective_answers
from ..service.operations import respondent_summaries
from . import bp, pdf, rehearsal, soa


def report_context(context: Context) -> dict[str, Any]:
    from .. import charts  # plotly is a slow import: only chart pages need it

    assessment = context.assessment
    answers = effective_answers(assessment)
    results = [score(bank, answers) for bank in context.banks]
    excluded = frozenset().union(*(r.excluded for r in results))
    guideline = not any(r.verdict for r in results)  # a maturity report: no certification language at all
    return {
        "context": context,
        "assessment": assessment,
        "results": results,
        "answers": answers,
        "progress": progress(context, answers),
        "figures": charts.result_figures(results),  # drawn to the page's width; the PDF draws them for paper
        "respondents": respondent_summaries(assessment),
        "findings": rehearsal.combined_findings(results),
        "documents": rehearsal.combined_documents(results),
        "interviews": rehearsal.interview_plan((r.bank for r in results if r.verdict), excluded),
        "ahead": rehearsal.certification_ahead(results, assessment.organisation.headcount, context.transition),
        "soa": {bank.id: soa.rows(bank, answers) for bank in context.banks if soa.has_soa(bank)},
        "guideline": guideline,
        "method": rehearsal.MATURITY_NOTE if guideline else rehearsal.METHOD_NOTE,
        "consensus_rule": CONSENSUS_RULE,
        "today": date.today(),
    }


@bp.get("/a/<token>/report")
def report_page(token: str) -> str:
    context = load(token, need="read")
    return render_report(context, nav.for_link(context, token))


@bp.get("/a/<token>/report.pdf")
def report_pdf(token: str) -> Response:
    return render_pdf(load(token, need="read"))


def render_report(context: Context, links: nav.Nav) -> str:
    return render_template("reports/report.html", nav=links, pdf=False, images={}, **report_context(context))


def render_pdf(context: Context) -> Response:
    data = report_context(context)
    try:
        body = pdf.made.get(report_key(data), lambda: make_pdf(data))
    except pdf.PdfUnavailable:
        abort(503, description="The PDF cannot be made on this server right now. Open the report and print it instead.")
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{report_filename(context, data["today"])}"'
    return response


def report_key(data: dict[str, Any]) -> tuple[object, ...]:
    """Everything the report prints: the same key means the same PDF."""
    assessment = data["assessment"]
    org = assessment.organisation
    return (
        assessment.id,
        data["today"],
        tuple(sorted(data["answers"].items())),
        tuple(data["respondents"]),
        (org.name, org.sector, org.headcount, assessment.scope, assessment.kind),
    )


def make_pdf(data: dict[str, Any]) -> bytes:
    from .. import charts

    data = {**data, "figures": charts.report_figures(data["results"])}
    images = pdf.chart_images(figure for figures in data["figures"].values() for figure in figures)
    html = render_template("reports/report_pdf.html", pdf=True, images=images, **data)
    return pdf.to_pdf(html, Path(current_app.static_folder or "") / "css" / "report.css")


def report_filename(context: Context, day: date) -> str:
    return f"audit-rehearsal-{slug(context.assessment.organisation.name, 'report')}-{day.isoformat()}.pdf"


def slug(name: str, fallback: str) -> str:
    """A file-name-safe version of a client's name (ASCII letters, digits and hyphens only)."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return cleaned[:60] or fallback
