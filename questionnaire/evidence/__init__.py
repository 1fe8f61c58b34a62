"""Evidence and actions: files for questions and mandatory documents, the stage 1 pack, actions closing findings.

The same pages serve a link (/a/<token>/...) and the consultant (/consult/assessments/<id>/...); scope.py says
who is asking, views.py draws the pages for both.
"""

from . import consult_routes, filters, link_routes  # noqa: F401  (the routes register themselves on bp)
from .blueprint import bp

__all__ = ["bp"]
