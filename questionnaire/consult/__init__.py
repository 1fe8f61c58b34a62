"""Consultants: accounts, clients, assessments, respondent links, agreed answers, the certification cycle."""

from . import (
    account_routes,
    assessment_routes,
    client_routes,
    invite_routes,
    leaving_routes,
    link_routes,
    password_routes,
    settings_routes,
)
from .blueprint import bp

__all__ = ["bp"]
