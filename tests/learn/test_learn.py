"""Educators' view: every standard and every clause renders, with what an auditor looks at."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape


def test_index_lists_every_standard_with_certifier_and_duration(app: Flask, client: FlaskClient) -> None:
    html = client.get("/learn/").text
    for bank in app.extensions["banks"].available():
        assert bank.name in html
        assert bank.certification.typical_duration.replace("'", "&#39;") in html
    assert "Nobody: it cannot be certified." in html  # ISO 31000


def test_every_clause_of_every_bank_renders(app: Flask, client: FlaskClient) -> None:
    pages = 0
    for bank in app.extensions["banks"].available():
        standard = client.get(f"/learn/{bank.id}")
        assert standard.status_code == 200, bank.id
        for section in bank.sections:
            for clause in section.clauses:
                response = client.get(f"/learn/{bank.id}/{clause.id}")
                assert response.status_code == 200, (bank.id, clause.id)
                assert "The requirement in plain words" in response.text
                assert "Typical evidence" in response.text
                pages += 1
    assert pages == sum(len(s.clauses) for b in app.extensions["banks"].available() for s in b.sections) > 500


def test_clause_page_content(client: FlaskClient) -> None:
    html = client.get("/learn/iso9001-2015/9.2").text
    assert "Internal audit" in html
    assert "Record to retain" in html
    assert "Mandatory" in html and "Staff interview" in html or "Document review" in html
    guideline = client.get("/learn/iso31000-2018/6.4.2").text
    assert "is a guideline and cannot be certified" in guideline
    assert "a reviewer will ask" in guideline


def test_harmonized_structure_matrix(client: FlaskClient) -> None:
    html = client.get("/learn/harmonized-structure").text
    assert "ISO 31000" not in html.split("<table")[1]  # not on the harmonized structure
    for name in ("ISO 9001:2015", "ISO/IEC 27001:2022", "ISO 50001:2018"):
        assert name in html
    assert "Planning of changes" in html and "not in this edition" in html
    assert "own requirement" in html and "Beyond the shared structure" in html


def test_certification_journey_has_every_step(client: FlaskClient) -> None:
    html = client.get("/learn/certification").text
    for anchor in (
        "preparation",
        "stage-1",
        "stage-2",
        "report",
        "decision",
        "certificate",
        "surveillance",
        "recertification",
    ):
        assert f'id="{anchor}"' in html
    assert "three years" in html and "once a year" in html


def test_unknown_standard_or_clause_is_404(client: FlaskClient) -> None:
    assert client.get("/learn/iso99999-2030").status_code == 404
    assert client.get("/learn/iso9001-2015/99.9").status_code == 404


def test_learn_pages_have_a_print_stylesheet(client: FlaskClient) -> None:
    html = client.get("/learn/iso9001-2015/4.1").text
    assert re.search(r'href="/static/css/print\.css\?v=[0-9a-f]{12}" media="print"', html)
    with client.get("/static/css/print.css") as response:
        assert response.status_code == 200 and b"@media" not in response.data  # linked with media="print"


def test_clause_page_shows_typical_findings(app: Flask, client: FlaskClient) -> None:
    clause = next(c for s in app.extensions["banks"].get("iso9001-2015").sections for c in s.clauses if c.id == "9.2")
    assert clause.typical_findings
    html = client.get("/learn/iso9001-2015/9.2").text
    block = html.split("Where auditors commonly raise findings")[1].split("</section>")[0]
    assert all(f"<li>{escape(finding)}</li>" in block for finding in clause.typical_findings)
    quiet = next(
        c for s in app.extensions["banks"].get("iso9001-2015").sections for c in s.clauses if not c.typical_findings
    )
    assert "Where auditors commonly raise findings" not in client.get(f"/learn/iso9001-2015/{quiet.id}").text


def test_related_clauses_are_linked_both_ways(app: Flask, client: FlaskClient) -> None:
    bank = app.extensions["banks"].get("iso14001-2026")
    clauses = [c for s in bank.sections for c in s.clauses]
    this = next(c for c in clauses if c.id == "4.1")
    fed_by = [c.id for c in clauses if "4.1" in c.related]
    assert this.related and fed_by
    html = client.get("/learn/iso14001-2026/4.1").text
    feeds = html.split("<h3>Feeds into</h3>")[1].split("</ul>")[0]
    fed = html.split("<h3>Fed by</h3>")[1].split("</ul>")[0]
    assert [f'href="/learn/iso14001-2026/{cid}"' in feeds for cid in this.related] == [True] * len(this.related)
    assert [f'href="/learn/iso14001-2026/{cid}"' in fed for cid in fed_by] == [True] * len(fed_by)
    assert feeds.count("<li>") == len(this.related) and fed.count("<li>") == len(fed_by)


def test_new_learn_pages_are_404_for_unknown_banks(client: FlaskClient) -> None:
    for page in ("sources", "changes", "handout"):
        assert client.get(f"/learn/iso99999-2030/{page}").status_code == 404
