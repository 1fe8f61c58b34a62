"""The private link is the whole key: another browser, days later, finds every answer as left."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from questionnaire.extensions import db
from questionnaire.models import Link

from ..helpers import answer_page, is_checked, start
from .test_walkthrough import questionnaire

BANK = "iso14001-2015"


def test_resume_from_a_fresh_browser_with_only_the_link(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    pages = questionnaire(app, BANK).pages
    answer_page(client, token, pages[0], lambda e: "2")
    answer_page(client, token, pages[1], lambda e: "4", go="overview")

    other_browser = app.test_client()
    overview = other_browser.get(f"/a/{token}")
    assert overview.status_code == 200
    expected = len(pages[0].entries) + len(pages[1].entries)
    assert f"{expected} of {sum(len(p.entries) for p in pages)} questions answered" in overview.text
    assert f'href="/a/{token}/s/{pages[2].id}">Continue' in overview.text.replace("\n", "")
    page = other_browser.get(f"/a/{token}/s/{pages[1].id}").text
    assert all(is_checked(page, entry.field_name, "4") for entry in pages[1].entries)


def test_only_the_token_hash_is_stored(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    with app.app_context():
        stored = db.session.scalars(select(Link.token_hash)).all()
    assert len(stored) == 1 and token not in stored[0] and len(stored[0]) == 64


def test_each_assessment_has_its_own_link(app: Flask, client: FlaskClient) -> None:
    first, second = start(client, BANK, organisation="First Ltd"), start(client, BANK, organisation="Second Ltd")
    assert first != second
    assert "First Ltd" in client.get(f"/a/{first}").text and "Second Ltd" not in client.get(f"/a/{first}").text
    answer_page(client, first, questionnaire(app, BANK).pages[0], lambda e: "4")
    assert "0 of" in client.get(f"/a/{second}").text  # one firm's answers never show up in another's assessment
