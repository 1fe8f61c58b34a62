"""The printable whole-standard handout: every clause, with what an auditor looks for, laid out for A4."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from questionnaire.banks import items
from questionnaire.learn.editions import STATE_LABELS

from ..conftest import ROOT


def test_every_bank_handout_holds_every_clause_in_order_with_a_contents_entry(app: Flask, client: FlaskClient) -> None:
    for bank in app.extensions["banks"].available():
        response = client.get(f"/learn/{bank.id}/handout")
        assert response.status_code == 200, bank.id
        html = response.text
        clause_ids = [c.id for s in bank.sections for c in s.clauses]
        positions = [html.index(f'<article class="handout-clause" id="clause-{cid}"') for cid in clause_ids]
        assert positions == sorted(positions), bank.id
        contents = html.split('id="toc-title"')[1].split("</nav>")[0]
        assert all(f'href="#clause-{cid}"' in contents for cid in clause_ids), bank.id


def test_handout_content_for_one_standard(app: Flask, client: FlaskClient) -> None:
    bank = app.extensions["banks"].get("iso14001-2026")
    html = client.get("/learn/iso14001-2026/handout").text
    cover = html.split('class="handout-cover"')[1].split("</header>")[0]
    assert "ISO 14001:2026" in cover and "<dt>Edition</dt><dd>2026</dd>" in cover
    status = bank.status
    assert f"<strong>{STATE_LABELS[status.state]}</strong> (as of {status.as_of.day} {status.as_of:%B %Y})" in cover
    assert "<dt>Certifiable</dt><dd>Yes." in cover
    for item in items(bank):
        question = item.question
        assert str(escape(question.text)) in html
        assert str(escape(question.guidance)) in html
        assert str(escape("; ".join(question.evidence))) in html
    for clause in (c for s in bank.sections for c in s.clauses):
        assert str(escape(clause.summary)) in html and str(escape(clause.why)) in html
        assert all(str(escape(finding)) in html for finding in clause.typical_findings)
    assert "Record to retain: " in html and "Document to maintain: " in html
    assert "Since ISO 14001:2015:</strong> Renumbered (was 6.1.4)." in html


def test_guideline_handout_says_it_cannot_be_certified(client: FlaskClient) -> None:
    html = client.get("/learn/iso31000-2018/handout").text
    assert "<dt>Certifiable</dt><dd>No: it is a guideline" in html
    assert "What a reviewer looks for" in html


def test_handout_is_linked_and_laid_out_for_a4(client: FlaskClient) -> None:
    assert 'href="/learn/iso9001-2015/handout">Printable handout</a>' in client.get("/learn/iso9001-2015").text
    assert client.get("/learn/iso99999-2030/handout").status_code == 404
    print_css = (ROOT / "static" / "css" / "print.css").read_text(encoding="utf-8")
    assert "@page handout { size: A4;" in print_css and "body:has(.handout) { page: handout; }" in print_css
