"""Clients and assessments: add, edit, delete with confirmation, adopt a firm's own assessment, the dashboard."""

from __future__ import annotations

import json
import re

from flask import Flask
from sqlalchemy import func, select

from questionnaire.extensions import db
from questionnaire.models import Answer, Assessment, Client, Link

from ..assess.test_walkthrough import questionnaire
from ..conftest import QueryCounter
from ..helpers import answer_page, start
from .helpers import add_assessment, add_client, consultant, issue, post

BANK = "iso14001-2015"
EVIL = '<script>alert("x")</script>'


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_add_and_edit_a_client(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner, "Acme", scope="Leeds site")
    page = owner.get(f"/consult/clients/{client_id}").text
    assert "Acme" in page and "Leeds site" in page and "Metalwork" in page
    edited = post(owner, f"/consult/clients/{client_id}/edit", {"name": "Acme Group", "headcount": "40"})
    assert edited.status_code == 302
    page = owner.get(f"/consult/clients/{client_id}").text
    assert "Acme Group" in page and "40" in page
    assert post(owner, f"/consult/clients/{client_id}/edit", {"name": ""}).status_code == 400
    assert post(owner, "/consult/clients/new", {"name": "Bad\x00Name"}).status_code == 400  # control characters refused


def test_a_new_assessment_starts_from_the_clients_scope(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner, "Acme", scope="Machining, Leeds")
    assessment_id = add_assessment(owner, client_id, "iso9001-2015", "iso14001-2015")
    report = owner.get(f"/consult/assessments/{assessment_id}/report").text
    assert "Machining, Leeds" in report and "ISO 14001:2015" in report
    refused = post(
        owner, f"/consult/clients/{client_id}/assessments/new", {"standards": ["iso9001-2015", "iso31000-2018"]}
    )
    assert refused.status_code == 400 and "cannot be combined" in refused.text


def test_deleting_asks_first_then_removes_everything(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    assessment_id = add_assessment(owner, client_id, BANK)
    token = issue(owner, assessment_id, "Quinn")
    answer_page(app.test_client(), token, questionnaire(app, BANK).pages[0], lambda e: "2")
    confirm = owner.get(f"/consult/clients/{client_id}/delete")
    assert confirm.status_code == 200 and "cannot be undone" in confirm.text
    assert count(app, Client) == 1  # asking deleted nothing
    assert post(owner, f"/consult/clients/{client_id}/delete").status_code == 302
    assert (count(app, Client), count(app, Assessment), count(app, Link), count(app, Answer)) == (
        0,
        0,
        0,
        0,
    )
    assert app.test_client().get(f"/a/{token}").status_code == 404
    assert owner.get(f"/consult/clients/{client_id}").status_code == 404


def test_deleting_an_assessment_keeps_the_client(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    keep, drop = add_assessment(owner, client_id, BANK), add_assessment(owner, client_id, BANK)
    assert "cannot be undone" in owner.get(f"/consult/assessments/{drop}/delete").text
    response = post(owner, f"/consult/assessments/{drop}/delete")
    assert response.headers["Location"] == f"/consult/clients/{client_id}"
    assert owner.get(f"/consult/assessments/{drop}").status_code == 404
    assert owner.get(f"/consult/assessments/{keep}").status_code == 200


def test_adopting_a_firms_assessment_as_a_new_client(app: Flask) -> None:
    firm = app.test_client()
    token = start(firm, BANK, organisation="Greenfield Foods")
    answer_page(firm, token, questionnaire(app, BANK).pages[0], lambda e: "3")
    owner = consultant(app)
    wrong = post(owner, "/consult/adopt", {"link": "https://preaudit.test/a/" + "x" * 43, "client": "new"})
    assert wrong.status_code == 400 and "not a working resume link" in wrong.text
    adopted = post(owner, "/consult/adopt", {"link": f"http://preaudit.test/a/{token}/s/4", "client": "new"})
    assert adopted.status_code == 302
    assessment_id = adopted.headers["Location"].rsplit("/", 1)[1]
    page = owner.get(f"/consult/assessments/{assessment_id}").text
    assert "Greenfield Foods" in page and "The firm’s own link" in page
    assert "Greenfield Foods" in owner.get("/consult/").text
    assert firm.get(f"/a/{token}").status_code == 200  # the firm's link keeps working
    again = post(owner, "/consult/adopt", {"link": token, "client": "new"})
    assert again.status_code == 400 and "already one of yours" in again.text
    link_id = owner_link(app, assessment_id)
    post(owner, f"/consult/assessments/{assessment_id}/links/{link_id}/revoke")
    assert firm.get(f"/a/{token}").status_code == 404  # until revoked


def owner_link(app: Flask, assessment_id: str) -> str:
    with app.app_context():
        statement = select(Link.public_id).join(Assessment).where(Assessment.public_id == assessment_id)
        return db.session.scalars(statement).one()


def test_adopting_into_an_existing_client_keeps_the_answers(app: Flask) -> None:
    firm = app.test_client()
    token = start(firm, BANK, organisation="Self-started name")
    page = questionnaire(app, BANK).pages[0]
    answer_page(firm, token, page, lambda e: "3")
    owner = consultant(app)
    client_id = add_client(owner, "Known Client Ltd")
    adopted = post(owner, "/consult/adopt", {"link": token, "client": str(client_id)})
    assert adopted.status_code == 302
    client_page = owner.get(f"/consult/clients/{client_id}").text
    assert f"The firm’s own link</span>: {len(page.entries)} /" in client_page
    with app.app_context():
        names = set(db.session.scalars(select(Client.name)))
    assert names == {"Known Client Ltd"}  # the firm's own empty record is gone
    assert "Known Client Ltd" in firm.get(f"/a/{token}").text


def test_the_dashboard_shows_who_answered_how_much_verdict_and_score(app: Flask) -> None:
    owner = consultant(app)
    for name in ("Alpha Ltd", "Beta Ltd", "Gamma Ltd"):
        assessment_id = add_assessment(owner, add_client(owner, name), BANK)
        answer_page(
            app.test_client(),
            issue(owner, assessment_id, f"QM of {name}", "Quality manager"),
            questionnaire(app, BANK).pages[0],
            lambda e: "3",
        )
    html = owner.get("/consult/").text
    total = sum(len(p.entries) for p in questionnaire(app, BANK).pages)
    answered = len(questionnaire(app, BANK).pages[0].entries)
    for name in ("Alpha Ltd", "Beta Ltd", "Gamma Ltd"):
        assert name in html and f"QM of {name}" in html
    assert html.count(f"</span>: {answered} / {total}") == 3
    assert html.count("ISO 14001 <strong>100%</strong>") == 3
    assert 'data-chart="dash-clauses"' in html and 'data-chart="dash-spread"' in html
    assert "Last activity: " in html and "no answer yet" not in html


def test_the_dashboard_runs_a_fixed_number_of_queries(app: Flask, count_queries: QueryCounter) -> None:
    owner = consultant(app)
    counts = []
    for name in ("One", "Two", "Three"):
        assessment_id = add_assessment(owner, add_client(owner, name), BANK)
        issue(owner, assessment_id, "Quinn")
        count_queries.statements.clear()
        assert owner.get("/consult/").status_code == 200
        counts.append(count_queries.count)
    assert counts[0] == counts[1] == counts[2], counts  # no query per client or per assessment


def test_user_text_is_escaped_everywhere(app: Flask) -> None:
    owner = consultant(app, name=EVIL)
    client_id = add_client(owner, EVIL, scope=EVIL)
    assessment_id = add_assessment(owner, client_id, BANK)
    token = issue(owner, assessment_id, EVIL, EVIL)
    page = questionnaire(app, BANK).pages[0]
    answer_page(app.test_client(), token, page, lambda e: "2")
    pages = [
        owner.get(url).text
        for url in (
            "/consult/",
            f"/consult/clients/{client_id}",
            f"/consult/assessments/{assessment_id}",
            f"/consult/assessments/{assessment_id}/results",
            f"/consult/assessments/{assessment_id}/report",
            f"/consult/assessments/{assessment_id}/agree",
            f"/consult/assessments/{assessment_id}/cycle",
        )
    ] + [app.test_client().get(f"/a/{token}").text, app.test_client().get(f"/a/{token}/report").text]
    for html in pages:
        assert EVIL not in html
        assert "&lt;script&gt;" in html or "\\u003cscript\\u003e" in html
    chart = re.search(r'data-chart="dash-clauses">(.*?)</script>', pages[0], re.S).group(1)  # type: ignore[union-attr]
    assert "<script>" not in chart and EVIL in json.loads(chart)["data"][0]["name"]  # |tojson escapes, data intact


def test_every_consultant_page_has_the_security_headers_and_stays_on_this_host(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    assessment_id = add_assessment(owner, client_id, BANK)
    urls = [
        "/consult/signin",
        "/consult/signup",
        "/consult/",
        "/consult/adopt",
        "/consult/password",
        "/consult/clients/new",
    ]
    urls += [f"/consult/clients/{client_id}{tail}" for tail in ("", "/edit", "/delete", "/import", "/assessments/new")]
    urls += [
        f"/consult/assessments/{assessment_id}{tail}"
        for tail in ("", "/agree", "/cycle", "/results", "/report", "/delete")
    ]
    for url in urls:
        response = owner.get(url)
        assert response.status_code == 200, url
        assert "default-src 'self'" in response.headers["Content-Security-Policy"], url
        assert response.headers["X-Frame-Options"] == "DENY" and response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "no-store", url  # client data stays out of shared caches
        assert 'src="http' not in response.text and "cdn" not in response.text.lower(), url
