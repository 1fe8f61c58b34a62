"""The audit rehearsal report: one printable page per assessment, and the same page as a PDF."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from flask import abort, current_app, render_template
from werkzeug.wrappers import Response

from .. import charts
from ..assess.context import Context, load
from ..assess.progress import progress
from ..scoring import score
from ..service.operations import assessment_answers, respondent_summaries
from . import bp, pdf, rehearsal


def report_context(context: Context) -> dict[str, Any]:
    assessment = context.respondent.assessment
    answers = assessment_answers(assessment)
    results = [score(bank, answers) for bank in context.banks]
    return {
        "context": context,
        "assessment": assessment,
        "results": results,
        "answers": answers,
        "progress": progress(context, answers),
        "figures": charts.report_figures(results),
        "respondents": respondent_summaries(assessment),
        "interviews": {bank.id: rehearsal.interview_plan(bank) for bank in context.banks},
        "ahead": rehearsal.certification_ahead(results, assessment.organisation.headcount),
        "method": rehearsal.METHOD_NOTE,
        "today": date.today(),
    }


@bp.get("/a/<token>/report")
def report_page(token: str) -> str:
    context = load(token)
    return render_template("reports/report.html", token=token, pdf=False, images={}, **report_context(context))


@bp.get("/a/<token>/report.pdf")
def report_pdf(token: str) -> Response:
    context = load(token)
    data = report_context(context)
    images = pdf.chart_images(figure for figures in data["figures"].values() for figure in figures)
    html = render_template("reports/report_pdf.html", pdf=True, images=images, **data)
    stylesheet = Path(current_app.static_folder or "") / "css" / "report.css"
    try:
        body = pdf.to_pdf(html, stylesheet)
    except pdf.PdfUnavailable:
        abort(503, description="The PDF cannot be made on this server right now. Open the report and print it instead.")
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{report_filename(context, data["today"])}"'
    return response


def report_filename(context: Context, day: date) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", context.respondent.assessment.organisation.name.lower()).strip("-")
    return f"audit-rehearsal-{name[:60] or 'report'}-{day.isoformat()}.pdf"
