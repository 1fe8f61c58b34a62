"""The evidence blueprint object; its routes register themselves on it."""

from flask import Blueprint

bp = Blueprint("evidence", __name__)
