"""The factory: a broken bank does not take the site down, errors get our pages, SQLite is set up right."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from questionnaire import create_app
from questionnaire.extensions import db

from .conftest import DATA, ROOT


def small_app(tmp_path: Path, banks: Path, **extra: object) -> Flask:
    return create_app(
        {
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'app.sqlite3'}",
            "BANKS_DIR": str(banks),
            **extra,
        }
    )


def test_broken_bank_is_reported_and_the_rest_works(tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(DATA / "banks", banks)
    (banks / "broken-1.yaml").write_text("id: broken-1\nsections: [\n", encoding="utf-8")
    client = small_app(tmp_path, banks).test_client()
    home = client.get("/")
    assert home.status_code == 200
    assert "Demo Standard 2024" in home.text
    assert "Some standards could not be loaded" in home.text and "broken-1.yaml" in home.text
    assert client.get("/learn/demo-2024/4.1").status_code == 200
    assert client.get("/learn/broken-1").status_code == 404


def test_unexpected_error_gets_our_500_page_and_a_rollback(tmp_path: Path) -> None:
    app = small_app(tmp_path, DATA / "banks")

    @app.get("/boom")
    def boom() -> str:
        db.session.execute(text("SELECT 1"))
        raise RuntimeError("bug")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.text and "Traceback" not in response.text
    assert response.headers["X-Frame-Options"] == "DENY"


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    app = small_app(tmp_path, DATA / "banks")
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_default_database_lives_in_the_instance_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"SECRET_KEY": "x", "TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{Path(app.instance_path) / 'preaudit.sqlite3'}"
    assert Path(app.template_folder).resolve() == ROOT / "templates"  # type: ignore[arg-type]


def test_questionnaire_pages_need_no_javascript(client: FlaskClient) -> None:
    from .helpers import start

    token = start(client, "iso9001-2015")
    for url in ("/", "/start", f"/a/{token}", f"/a/{token}/s/4", "/learn/", "/learn/iso9001-2015/4.1"):
        assert "<script" not in client.get(url).text, url
