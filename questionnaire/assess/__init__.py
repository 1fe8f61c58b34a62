"""Answering: start an assessment, walk its pages, resume by link, see results."""

from . import done, leave_routes, recovery, routes  # noqa: F401  (the routes register themselves on bp)
from .blueprint import bp

__all__ = ["bp"]
