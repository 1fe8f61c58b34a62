"""NUL and other control characters are refused with a message, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from questionnaire.domain.inputs import text_problem as control_problem

from .assess.test_walkthrough import questionnaire
from .conftest import csrf_from
from .helpers import form_data, is_checked, start

BANK = "iso14001-2015"


def test_control_problem_names_the_character_and_allows_line_breaks() -> None:
    assert control_problem("Line one\r\nline two\tindented") is None
    assert control_problem("ab\x00c") is not None and "U+0000) at position 3" in control_problem("ab\x00c")  # type: ignore[operator]
    assert control_problem("bell\x07") is not None and control_problem("\x9b") is not None


def test_nul_in_a_note_is_refused_and_every_other_answer_saved(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    first, second = page.entries[:2]
    html = client.get(f"/a/{token}/s/{page.id}").text
    data = form_data(page, lambda e: "3", html)
    data[f"{first.field_name}-note"] = "Minutes\x00 of review"
    response = client.post(f"/a/{token}/s/{page.id}", data=data)
    assert response.status_code == 400
    assert "invisible control character (U+0000)" in response.text
    reopened = client.get(f"/a/{token}/s/{page.id}").text
    assert is_checked(reopened, second.field_name, "3") and not is_checked(reopened, first.field_name, "3")


def test_nul_in_the_organisation_name_is_refused(client: FlaskClient) -> None:
    html = client.get("/start").text
    data = {"csrf_token": csrf_from(html), "organisation": "Acme\x00 Ltd", "standards": BANK}
    response = client.post("/start", data=data)
    assert response.status_code == 400
    assert "invisible control character (U+0000)" in response.text
