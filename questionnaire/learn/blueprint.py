"""The learn blueprint object; its routes register themselves on it."""

from flask import Blueprint

bp = Blueprint("learn", __name__, url_prefix="/learn")
