"""The glossary page: alphabetical, anchored, linked to clauses, and never fatal when its file is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from questionnaire import create_app
from questionnaire.banks.glossary import GLOSSARY_FILE, Glossary

from ..conftest import DATA


def shipped(app: Flask) -> Glossary:
    glossary = app.extensions["banks"].glossary
    assert glossary is not None
    return glossary


def app_with(folder: Path, tmp_path: Path) -> Flask:
    """An app over a folder of banks of our choosing; the learn pages never touch the database."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-only-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "BANKS_DIR": str(folder),
        }
    )


def demo_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    for name in ("demo-2024.yaml", "_harmonized_structure.yaml"):
        shutil.copy(DATA / "banks" / name, folder / name)
    return folder


def test_every_term_in_alphabetical_order_with_an_anchor(app: Flask, client: FlaskClient) -> None:
    html = client.get("/learn/glossary").text
    terms = shipped(app).alphabetical()
    positions = [html.index(f'id="{term.anchor}"') for term in terms]
    assert positions == sorted(positions) and len(terms) >= 40
    for term in terms:
        assert f"<dt>{escape(term.term)}</dt>" in html
        assert str(escape(term.definition)) in html
    assert '<a href="#letter-A">A</a>' in html and '<h2 id="letter-W">W</h2>' in html


def test_terms_link_to_their_clauses_standards_and_each_other(client: FlaskClient) -> None:
    html = client.get("/learn/glossary").text
    entry = html.split('id="term-statement-of-applicability"')[1].split("</div>")[0]
    assert 'href="/learn/iso27001-2022/6.1.3"' in entry and 'href="/learn/iso42001-2023/6.1.3"' in entry
    assert '<a href="/learn/iso27001-2022">ISO/IEC 27001:2022</a>' in entry
    assert 'href="/learn/glossary#term-risk-treatment-plan"' in entry
    common = html.split('id="term-stage-1-audit"')[1].split("</div>")[0]
    assert "all the management-system standards" in common


def test_clause_links_in_the_glossary_all_resolve(app: Flask, client: FlaskClient) -> None:
    for term in shipped(app).terms:
        for bank_id, clause_ids in term.clauses.items():
            for clause_id in clause_ids:
                assert client.get(f"/learn/{bank_id}/{clause_id}").status_code == 200, (term.term, clause_id)


def test_learn_index_and_clause_pages_link_the_glossary(client: FlaskClient) -> None:
    assert 'href="/learn/glossary"' in client.get("/learn/").text
    clause = client.get("/learn/iso50001-2018/6.5").text
    assert "Terms explained in the glossary" in clause
    assert '<a href="/learn/glossary#term-energy-baseline">Energy baseline</a>' in clause
    # a sector scheme's inherited clause shows the base standard's terms
    assert 'href="/learn/glossary#term-internal-audit"' in client.get("/learn/aqap2110-d/9.2").text
    assert "Terms explained in the glossary" not in client.get("/learn/iso9001-2015/8.5.4").text


def test_broken_glossary_is_a_problem_and_the_site_keeps_working(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path)
    (folder / GLOSSARY_FILE).write_text("schema_version: 1\nterms: [unclosed\n", encoding="utf-8")
    broken = app_with(folder, tmp_path)
    problems = broken.extensions["banks"].problems
    assert list(problems) == [GLOSSARY_FILE] and "not valid YAML" in str(problems[GLOSSARY_FILE][0])
    client = broken.test_client()
    page = client.get("/learn/glossary")
    assert page.status_code == 503 and "The glossary cannot be shown right now" in page.text
    index = client.get("/learn/")
    assert index.status_code == 200 and "Demo Standard 2024" in index.text
    assert 'href="/learn/glossary"' not in index.text
    assert client.get("/learn/demo-2024/4.1").status_code == 200
    result = broken.test_cli_runner().invoke(args=["banks", "check"])
    assert result.exit_code == 1 and "_glossary.yaml" in result.output


def test_no_glossary_file_means_no_glossary_page(tmp_path: Path) -> None:
    client = app_with(demo_folder(tmp_path), tmp_path).test_client()
    assert client.get("/learn/glossary").status_code == 404
    assert client.get("/learn/demo-2024").status_code == 200
