"""The consult blueprint object; its routes register themselves on it."""

from flask import Blueprint

bp = Blueprint("consult", __name__, url_prefix="/consult")
