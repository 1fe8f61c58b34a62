"""Public pages: the home page and our own copy of plotly.js."""

from . import routes  # noqa: F401  (the routes register themselves on bp)
from .blueprint import bp

__all__ = ["bp"]
