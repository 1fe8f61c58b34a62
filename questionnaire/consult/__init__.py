"""Consultants: accounts, clients, assessments, respondent links, agreed answers, the certification cycle."""

from flask import Blueprint

bp = Blueprint("consult", __name__, url_prefix="/consult")

from . import account_routes, assessment_routes, client_routes, leaving_routes, link_routes  # noqa: E402, F401
