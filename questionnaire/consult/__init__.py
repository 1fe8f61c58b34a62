"""Consultants: accounts, clients, assessments, respondent links, agreed answers, the certification cycle."""

from . import account_routes, assessment_routes, client_routes, leaving_routes, link_routes  # noqa: F401  (the routes register themselves on bp)
from .blueprint import bp

__all__ = ["bp"]
