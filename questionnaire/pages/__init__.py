"""Public pages: the home page and our own copy of plotly.js."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from . import routes  # noqa: E402, F401
