"""Respondent and read-only links: one per person, shown once, stored as a hash, revoked, regenerated, expired."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from questionnaire.extensions import db
from questionnaire.models import Answer, Assessment, Link

from ..assess.test_walkthrough import questionnaire
from ..helpers import answer_page, form_data
from .helpers import add_assessment, add_client, age_link, consultant, issue, link_ids, post

BANK = "iso14001-2015"
TOKEN_ROUTES = ("", "/s/4", "/results", "/report", "/soa/iso14001-2015.csv")


@pytest.fixture
def owner(app: Flask) -> FlaskClient:
    return consultant(app)


def setup(owner: FlaskClient, name: str = "Acme Precision Ltd") -> str:
    return add_assessment(owner, add_client(owner, name), BANK)


def missing_page(browser: FlaskClient) -> bytes:
    return browser.get(f"/a/{'x' * 43}").data


def test_a_link_opens_its_assessment_and_names_its_respondent(app: Flask, owner: FlaskClient) -> None:
    first, second = setup(owner, "First Ltd"), setup(owner, "Second Ltd")
    token = issue(owner, first, "Quinn <Okafor>", "Quality manager")
    browser = app.test_client()
    page = browser.get(f"/a/{token}")
    assert page.status_code == 200
    assert "First Ltd" in page.text and "Second Ltd" not in page.text
    assert "Quinn &lt;Okafor&gt;" in page.text and "Quality manager" in page.text
    assert answer_page(browser, token, questionnaire(app, BANK).pages[0], lambda e: "3").status_code == 302
    with app.app_context():
        assessments = set(db.session.scalars(select(Assessment.public_id).join(Link).join(Answer)))
    assert assessments == {first}  # its answers went to its one assessment
    assert second != first


def test_tokens_are_long_random_and_stored_only_as_hashes(app: Flask, owner: FlaskClient) -> None:
    assessment_id = setup(owner)
    tokens = [issue(owner, assessment_id, f"Person {i}") for i in range(3)] + [
        issue(owner, assessment_id, "Board", access="read")
    ]
    assert len(set(tokens)) == 4 and all(len(t) == 43 for t in tokens)  # 43 URL-safe characters: 256 bits
    with app.app_context():
        stored = db.session.scalars(select(Link.token_hash)).all()
        dump = "\n".join(
            str(row)
            for table in ("respondent", "answer", "agreed_answer")
            for row in db.session.execute(text(f"SELECT * FROM {table}"))  # noqa: S608
        )
    assert sorted(stored) == sorted(hashlib.sha256(t.encode()).hexdigest() for t in tokens)
    assert not any(token in dump for token in tokens)
    page = owner.get(f"/consult/assessments/{assessment_id}")
    assert not any(token in page.text for token in tokens)  # shown once, when issued, never again


def test_revoked_links_give_the_same_404_as_a_wrong_one(app: Flask, owner: FlaskClient) -> None:
    assessment_id = setup(owner)
    token = issue(owner, assessment_id, "Quinn")
    browser = app.test_client()
    assert browser.get(f"/a/{token}").status_code == 200
    link_id = link_ids(app, assessment_id)[0]
    assert post(owner, f"/consult/assessments/{assessment_id}/links/{link_id}/revoke").status_code == 302
    for route in TOKEN_ROUTES:
        response = browser.get(f"/a/{token}{route}")
        assert response.status_code == 404 and response.data == missing_page(browser), route
    assert "Revoked" in owner.get(f"/consult/assessments/{assessment_id}").text


def test_regenerating_replaces_the_token_and_keeps_the_answers(app: Flask, owner: FlaskClient) -> None:
    assessment_id = setup(owner)
    old = issue(owner, assessment_id, "Quinn")
    browser = app.test_client()
    answer_page(browser, old, questionnaire(app, BANK).pages[0], lambda e: "2")
    link_id = link_ids(app, assessment_id)[0]
    post(owner, f"/consult/assessments/{assessment_id}/links/{link_id}/revoke")
    response = post(owner, f"/consult/assessments/{assessment_id}/links/{link_id}/regenerate")
    assert response.status_code == 200 and "the only time it is shown" in response.text
    new = response.text.split("/a/", 1)[1][:43]
    assert new != old
    assert browser.get(f"/a/{old}").status_code == 404
    overview = browser.get(f"/a/{new}")
    assert overview.status_code == 200
    pages = questionnaire(app, BANK).pages
    assert f"{len(pages[0].entries)} of" in overview.text  # the same respondent, the same answers


def test_expired_links_open_nothing(app: Flask, owner: FlaskClient) -> None:
    assessment_id = setup(owner)
    today = datetime.now(UTC).date()
    token = issue(owner, assessment_id, "Quinn", expires=today.isoformat())
    browser = app.test_client()
    assert browser.get(f"/a/{token}").status_code == 200  # valid through its last day
    link_id = link_ids(app, assessment_id)[0]
    url = f"/consult/assessments/{assessment_id}/links/{link_id}/expiry"
    refused = post(owner, url, {"expires_on": (today - timedelta(days=1)).isoformat()})
    assert "today or a later day" in owner.get(refused.headers["Location"]).text  # a past expiry is refused...
    assert browser.get(f"/a/{token}").status_code == 200
    age_link(app, link_id, today - timedelta(days=1))  # ...but days pass
    for route in TOKEN_ROUTES:
        response = browser.get(f"/a/{token}{route}")
        assert response.status_code == 404 and response.data == missing_page(browser), route
    assert "Expired" in owner.get(f"/consult/assessments/{assessment_id}").text
    post(owner, url, {"expires_on": ""})  # no expiry any more
    assert browser.get(f"/a/{token}").status_code == 200


def test_a_read_only_link_sees_results_and_writes_nothing(app: Flask, owner: FlaskClient) -> None:
    assessment_id = setup(owner)
    respondent = issue(owner, assessment_id, "Quinn")
    board = issue(owner, assessment_id, "Board", role="Management", access="read")
    page = questionnaire(app, BANK).pages[0]
    browser = app.test_client()
    answer_page(browser, respondent, page, lambda e: "3")
    results = browser.get(f"/a/{board}/results")
    assert results.status_code == 200 and "Readiness by section" in results.text
    assert f"/a/{board}/s/" not in results.text and f'href="/a/{board}"' not in results.text  # no way in to answer
    assert browser.get(f"/a/{board}/report").status_code == 200
    for route in ("", "/s/4", f"/soa/{BANK}"):
        assert browser.get(f"/a/{board}{route}").status_code == 404
    html = browser.get(f"/a/{respondent}/s/{page.id}").text  # a page with a valid CSRF token for this browser
    refused = browser.post(f"/a/{board}/s/{page.id}", data=form_data(page, lambda e: "0", html))
    assert refused.status_code == 404
    with app.app_context():
        levels = set(db.session.scalars(select(Answer.level)))
    assert levels == {3}  # nothing written through the read-only link


def test_the_page_showing_a_link_is_not_cached(owner: FlaskClient) -> None:
    assessment_id = setup(owner)
    response = post(owner, f"/consult/assessments/{assessment_id}/links", {"name": "Quinn", "access": "answer"})
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_tokens_are_never_logged(app: Flask, owner: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    assessment_id = setup(owner)
    tokens = [issue(owner, assessment_id, "Quinn"), issue(owner, assessment_id, "Board", access="read")]
    browser = app.test_client()
    answer_page(browser, tokens[0], questionnaire(app, BANK).pages[0], lambda e: "2")
    browser.get(f"/a/{tokens[1]}/results")
    link_id = link_ids(app, assessment_id)[0]
    response = post(owner, f"/consult/assessments/{assessment_id}/links/{link_id}/regenerate")
    tokens.append(response.text.split("/a/", 1)[1][:43])
    assert not any(token in caplog.text for token in tokens)
    assert not any(hashlib.sha256(t.encode()).hexdigest() in caplog.text for t in tokens)
