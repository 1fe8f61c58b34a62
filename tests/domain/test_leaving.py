"""Leaving: export everything, then delete the account with every row under it, confirmed by the password."""

from __future__ import annotations

import json

from flask import Flask
from sqlalchemy import func, select

from questionnaire.domain import transfer
from questionnaire.domain.registry import registry
from questionnaire.extensions import db
from questionnaire.models import Consultant

from ..assess.test_walkthrough import questionnaire
from ..consult.helpers import PASSWORD, add_assessment, add_client, consultant, issue, post
from ..evidence.helpers import POLICY_KEY, pdf, stored_files, upload
from ..helpers import answer_page

BANK = "iso9001-2015"


def populate(app: Flask, email: str, name: str) -> tuple[object, list[str]]:
    """A consultant with two clients, an answered assessment each, an agreed answer and a read-only link."""
    browser = consultant(app, email=email, name=name)
    tokens = []
    for client_name in (f"{name} First Client", f"{name} Second Client"):
        assessment_id = add_assessment(browser, add_client(browser, client_name), BANK)
        token = issue(browser, assessment_id, "Quinn")
        tokens.append(token)
        page = questionnaire(app, BANK).pages[0]
        answer_page(app.test_client(), token, page, lambda e: "2")
        agree = {"key": page.entries[0].key, "level": "3", "action": "agree"}
        post(browser, f"/consult/assessments/{assessment_id}/agree", agree)
        issue(browser, assessment_id, "Board", access="read")
    return browser, tokens


def row_counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        return {
            table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
            for table in db.metadata.sorted_tables
        }


def test_the_account_export_holds_every_client_and_assessment_and_each_imports_back(app: Flask) -> None:
    browser, _ = populate(app, "ann@example.com", "Ann")
    response = browser.get("/consult/account/export.json")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["format"] == "preaudit-account" and data["consultant"]["email"] == "ann@example.com"
    assert [c["name"] for c in data["clients"]] == ["Ann First Client", "Ann Second Client"]
    assessment = data["clients"][0]["assessments"][0]
    assert [(link["name"], link["access"]) for link in assessment["links"]] == [("Quinn", "answer"), ("Board", "read")]
    assert "token" not in response.text and "_hash" not in response.text and "public_id" not in response.text
    with app.app_context():
        parsed, banks = transfer.parse(json.dumps(assessment["export"]).encode(), registry())
    assert [bank.id for bank in banks] == [BANK] and parsed.respondents[0].name == "Quinn"


def test_deleting_the_account_removes_every_row_of_it_and_nothing_else(app: Flask) -> None:
    kept_browser, kept_tokens = populate(app, "ben@example.com", "Ben")
    assert (
        upload(app.test_client(), f"/a/{kept_tokens[0]}/evidence", pdf("Ben's"), "p.pdf", POLICY_KEY).status_code == 302
    )
    before, kept_files = row_counts(app), stored_files(app)
    browser, tokens = populate(app, "ann@example.com", "Ann")
    assert upload(app.test_client(), f"/a/{tokens[0]}/evidence", pdf("Ann's"), "p.pdf", POLICY_KEY).status_code == 302
    assert row_counts(app) != before and len(stored_files(app)) == len(kept_files) + 1

    wrong = post(browser, "/consult/account/delete", {"password": "not the password"})
    assert wrong.status_code == 400 and "Nothing was deleted" in wrong.text
    assert browser.get("/consult/").status_code == 200 and len(stored_files(app)) == len(kept_files) + 1
    confirmed = post(browser, "/consult/account/delete", {"password": PASSWORD})
    assert confirmed.status_code == 302

    assert row_counts(app) == before  # consultant, session, clients, assessments, links, answers, agreed: all gone
    assert stored_files(app) == kept_files  # the account's uploaded files too; the other account's stay
    assert browser.get("/consult/").status_code == 302
    for token in tokens:
        assert app.test_client().get(f"/a/{token}").status_code == 404
    for token in kept_tokens:
        assert app.test_client().get(f"/a/{token}").status_code == 200
    assert kept_browser.get("/consult/").status_code == 200
    with app.app_context():
        assert db.session.scalars(select(Consultant.email)).all() == ["ben@example.com"]
