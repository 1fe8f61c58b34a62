"""Exports: the audit rehearsal report (page and PDF) and the Statement of Applicability as CSV."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import report_routes, routes  # noqa: E402, F401
