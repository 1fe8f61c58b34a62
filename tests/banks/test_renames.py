"""A renamed question keeps its answers (`renamed_from`); `flask banks check --db` lists answers nobody claims."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade

from questionnaire import create_app
from questionnaire.domain.consensus import effective_answers
from questionnaire.extensions import db
from questionnaire.models import Assessment
from questionnaire.scoring import score

from ..assess.test_walkthrough import questionnaire
from ..conftest import DATA
from ..helpers import answer_page, is_checked, start

RENAMED = "          - id: 4.1-b2\n            renamed_from: [4.1-b]\n"


def banks_with(tmp_path: Path, replacement: str) -> Path:
    folder = tmp_path / f"banks-{abs(hash(replacement))}"
    shutil.copytree(DATA / "banks", folder)
    bank = folder / "demo-2024.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("          - id: 4.1-b\n", replacement), encoding="utf-8")
    return folder


def app_on(tmp_path: Path, banks: Path) -> Flask:
    app = create_app(
        {
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'renames.sqlite3'}",
            "BANKS_DIR": str(banks),
        }
    )
    with app.app_context():
        upgrade()
    return app


def answered_before_the_rename(tmp_path: Path) -> str:
    before = app_on(tmp_path, DATA / "banks")
    client = before.test_client()
    token = start(client, "demo-2024")
    assert answer_page(client, token, questionnaire(before, "demo-2024").pages[0], lambda e: "3").status_code == 302
    return token


def test_answers_under_the_old_id_count_for_the_renamed_question(tmp_path: Path) -> None:
    token = answered_before_the_rename(tmp_path)
    app = app_on(tmp_path, banks_with(tmp_path, RENAMED))
    client = app.test_client()
    page = client.get(f"/a/{token}/s/4").text
    assert is_checked(page, "demo_2024_4_1_b2", "3")
    assert "2 of 3 questions answered" in client.get(f"/a/{token}").text
    with app.app_context():  # what the results page scores
        registry = app.extensions["banks"]
        answers = effective_answers(db.session.get(Assessment, 1))  # type: ignore[arg-type]
        clause = score(registry.get("demo-2024"), answers).sections[0].clauses[0]
    assert clause.clause.id == "4.1" and clause.score == 1  # both questions at level 3 (the target), none missing


def test_check_db_lists_answers_no_question_claims(tmp_path: Path) -> None:
    answered_before_the_rename(tmp_path)
    renamed = app_on(tmp_path, banks_with(tmp_path, RENAMED))
    result = renamed.test_cli_runner().invoke(args=["banks", "check", "--db"])
    assert result.exit_code == 0, result.output
    assert "ok     database: every stored answer belongs to a question" in result.output

    forgotten = app_on(tmp_path, banks_with(tmp_path, "          - id: 4.1-b2\n"))  # renamed, old id not declared
    result = forgotten.test_cli_runner().invoke(args=["banks", "check", "--db"])
    assert result.exit_code == 1
    assert "ERROR  database: 1 answer(s) in 1 assessment(s) stored under 'demo-2024/4.1-b'" in result.output
