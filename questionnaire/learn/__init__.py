"""Educators' browse mode: what each standard requires, clause by clause, with no answering."""

from flask import Blueprint

bp = Blueprint("learn", __name__, url_prefix="/learn")

from . import routes  # noqa: E402, F401
