"""The audit rehearsal report of a link: the printable page and the PDF (rendered by web/report.py)."""

from __future__ import annotations

from werkzeug.wrappers import Response

from ..domain.context import load
from ..web import nav
from ..web.report import render_pdf, render_report
from .blueprint import bp


@bp.get("/a/<token>/report")
def report_page(token: str) -> str:
    context = load(token, need="read")
    return render_report(context, nav.for_link(context, token))


@bp.get("/a/<token>/report.pdf")
def report_pdf(token: str) -> Response:
    return render_pdf(load(token, need="read"))
