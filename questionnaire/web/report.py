"""The audit rehearsal report, rendered: one printable page per assessment and the same page as a PDF, for whoever
may see it (a link, through reports/; its consultant, through consult/)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from flask import abort, current_app, render_template
from werkzeug.wrappers import Response

from .. import charts
from ..domain import actions as tracked
from ..domain import evidence, pack, rehearsal, soa
from ..domain.consensus import answer_sets
from ..domain.context import Context
from ..domain.operations import respondent_summaries
from ..domain.progress import progress
from ..scoring import score
from . import client_text, nav, pdf


def report_context(context: Context) -> dict[str, Any]:
    assessment = context.assessment
    answers = client_text.client_answers(answer_sets([assessment.id])[assessment.id])
    results = [score(bank, answers) for bank in context.banks]
    files, marks = evidence.files_of(assessment.id), evidence.marks_of(assessment.id)
    findings = tracked.requirement_findings(results)
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
        "pack": {entry.item.key: entry for standard in pack.build(results, files, marks) for entry in standard.items},
        "actions": tracked.views(tracked.actions_of(assessment.id), findings, date.today()),
        "consensus_rule": client_text.CONSENSUS_NOTE,
        "brand": client_text.brand_of(assessment),
        "interviews": rehearsal.interview_plan((r.bank for r in results if r.verdict), excluded),
        "ahead": rehearsal.certification_ahead(results, assessment.organisation.headcount, context.transition),
        "soa": {bank.id: soa.rows(bank, answers) for bank in context.banks if soa.has_soa(bank)},
        "guideline": guideline,
        "method": rehearsal.MATURITY_NOTE if guideline else rehearsal.METHOD_NOTE,
        "today": date.today(),
    }


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
        tuple(sorted((key, entry.status, len(entry.files)) for key, entry in data["pack"].items())),
        tuple(
            (v.action.title, v.action.status, v.action.owner, v.action.due_on, v.action.note, len(v.action.evidence))
            + (v.finding.grade if v.finding else None, v.overdue)
            for v in data["actions"]
        ),
    )


def make_pdf(data: dict[str, Any]) -> bytes:
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
