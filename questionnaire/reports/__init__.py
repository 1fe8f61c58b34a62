"""Exports: the audit rehearsal report (page and PDF) and the Statement of Applicability as CSV."""

from . import rehearsal_routes, routes  # noqa: F401  (the routes register themselves on bp)
from .blueprint import bp

__all__ = ["bp"]
