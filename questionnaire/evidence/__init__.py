"""Evidence and actions: files for questions and mandatory documents, the stage 1 pack, actions closing findings.

The same pages serve a link (/a/<token>/...) and the consultant (/consult/assessments/<id>/...); scope.py says
who is asking, views.py draws the pages for both.
"""

from flask import Blueprint

bp = Blueprint("evidence", __name__)

from . import consult_routes, filters, link_routes  # noqa: E402, F401
