"""The reports blueprint object; its routes register themselves on it."""

from flask import Blueprint

bp = Blueprint("reports", __name__)
