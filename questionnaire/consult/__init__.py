"""Consultants: accounts, clients, assessments, respondent links, agreed answers, the certification cycle."""

from flask import Blueprint

bp = Blueprint("consult", __name__, url_prefix="/consult")

from . import (  # noqa: E402, F401
    account_routes,
    assessment_routes,
    client_routes,
    invite_routes,
    link_routes,
    password_routes,
    settings_routes,
)
