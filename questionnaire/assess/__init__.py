"""Answering: start an assessment, walk its pages, resume by link, see results."""

from flask import Blueprint

bp = Blueprint("assess", __name__)

from . import done, routes  # noqa: E402, F401  (routes register themselves on bp)
