"""Educators' browse mode: what each standard requires, clause by clause, with no answering."""

from . import routes  # noqa: F401  (the routes register themselves on bp)
from .blueprint import bp

__all__ = ["bp"]
