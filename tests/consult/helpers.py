"""Drive the consultant's pages as a browser does: every POST carries the CSRF token scraped from a page."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from ..conftest import csrf_from

PASSWORD = "correct horse battery staple"
ISSUED = re.compile(r'id="issued-url"[^>]* value="https?://preaudit.test/a/([A-Za-z0-9_-]{43})')
ID_IN = re.compile(r"/consult/(?:clients|assessments)/([A-Za-z0-9_-]{16})(?:[/?#]|$)")


def csrf(client: FlaskClient) -> str:
    return csrf_from(client.get("/consult/signin").text)


def post(client: FlaskClient, url: str, data: dict | None = None, **kwargs) -> TestResponse:  # type: ignore[type-arg]
    return client.post(url, data={"csrf_token": csrf(client), **(data or {})}, **kwargs)


def consultant(app: Flask, email: str = "ann@example.com", name: str = "Ann Auditor") -> FlaskClient:
    """A fresh browser that signed up as a new consultant, then signed in (sign-up alone signs no one in)."""
    browser = app.test_client()
    response = post(
        browser, "/consult/signup", {"name": name, "email": email, "password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/consult/signin", response.text
    signed_in = post(browser, "/consult/signin", {"email": email, "password": PASSWORD})
    assert signed_in.status_code == 302, signed_in.text
    return browser


def add_client(browser: FlaskClient, name: str = "Acme Precision Ltd", **extra: str) -> str:
    response = post(browser, "/consult/clients/new", {"name": name, "sector": "Metalwork", "headcount": "14", **extra})
    assert response.status_code == 302, response.text
    return ID_IN.search(response.headers["Location"]).group(1)  # type: ignore[union-attr]


def add_assessment(browser: FlaskClient, client_id: str, *banks: str) -> str:
    response = post(browser, f"/consult/clients/{client_id}/assessments/new", {"standards": list(banks)})
    assert response.status_code == 302, response.text
    return ID_IN.search(response.headers["Location"]).group(1)  # type: ignore[union-attr]


def issue(
    browser: FlaskClient, assessment_id: str, name: str, role: str = "", access: str = "answer", expires: str = ""
) -> str:
    """Issue a link; return its token, scraped from the one page that shows it."""
    data = {"name": name, "role": role, "access": access, "expires_on": expires}
    response = post(browser, f"/consult/assessments/{assessment_id}/links", data)
    assert response.status_code == 200, response.text
    match = ISSUED.search(response.text)
    assert match, response.text
    return match.group(1)


def link_ids(app: Flask, assessment_id: str) -> list[str]:
    """The public ids of an assessment's links, oldest first (what the link buttons' URLs carry)."""
    from sqlalchemy import select

    from questionnaire.extensions import db
    from questionnaire.models import Assessment, Link

    with app.app_context():
        statement = select(Link.public_id).join(Assessment).where(Assessment.public_id == assessment_id)
        return list(db.session.scalars(statement.order_by(Link.id)))


def age_link(app: Flask, link_id: str, expires_on) -> None:  # type: ignore[no-untyped-def]
    """Time passes: the link's expiry date, which the forms only accept as today or later, is now `expires_on`."""
    from sqlalchemy import select

    from questionnaire.extensions import db
    from questionnaire.models import Link

    with app.app_context():
        link = db.session.scalars(select(Link).where(Link.public_id == link_id)).one_or_none()
        assert link is not None
        link.expires_on = expires_on
        db.session.commit()
