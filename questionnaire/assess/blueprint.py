"""The assess blueprint object; its routes register themselves on it."""

from flask import Blueprint

bp = Blueprint("assess", __name__)
