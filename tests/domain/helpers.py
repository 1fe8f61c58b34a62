"""Consultants whose address is confirmed (so mail goes out in their name), and reading links out of messages."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from questionnaire.domain import accounts
from questionnaire.extensions import db
from questionnaire.models import Consultant, utcnow

from ..consult.helpers import consultant

LINK_IN_TEXT = re.compile(r"https?://preaudit\.test(/[^\s\"'<>]+)")


def confirmed(
    app: Flask, email: str = "ann@example.com", name: str = "Ann Auditor", firm: str | None = None
) -> FlaskClient:
    """A signed-in consultant whose address is confirmed (the confirmation flow itself is tested on its own)."""
    browser = consultant(app, email, name)
    with app.app_context():
        user = accounts.find_by_email(email)
        assert user is not None
        user.email_confirmed_at, user.firm_name = utcnow(), firm
        db.session.commit()
    return browser


def user(app: Flask, email: str) -> Consultant:
    with app.app_context():
        found = accounts.find_by_email(email)
        assert found is not None
        db.session.expunge(found)
        return found


def paths_in(text: str) -> list[str]:
    """Every link to this site in a message, as a path a test client can open."""
    return LINK_IN_TEXT.findall(text)
