"""The pages blueprint object; its routes register themselves on it."""

from flask import Blueprint

bp = Blueprint("pages", __name__)
