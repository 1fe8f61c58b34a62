"""A question removed on purpose (`retired`): its stored answers stay in the database, count for nothing, are not
reported as orphans, and neither an export nor the import of an older file trips over them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from questionnaire.banks import BankFileError, load_registry
from questionnaire.banks.loader import validate
from questionnaire.banks.schema import Bank
from questionnaire.domain.consensus import effective_answers
from questionnaire.domain.transfer import ImportRefused, export_json, parse
from questionnaire.extensions import db
from questionnaire.models import Answer, Assessment

from ..conftest import DATA
from .test_renames import answered_before_the_rename, app_on

QUESTION_B = re.compile(r"          - id: 4\.1-b\n.*?(?=  - id: \"8\")", re.DOTALL)


def banks_without_b(tmp_path: Path, retired: bool) -> Path:
    """The demo bank with question 4.1-b deleted, listed in `retired` or not."""
    folder = tmp_path / f"banks-retired-{retired}"
    folder.mkdir()
    for source in (DATA / "banks").glob("*.yaml"):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    bank = folder / "demo-2024.yaml"
    text, removed = QUESTION_B.subn("", bank.read_text(encoding="utf-8"))
    assert removed == 1
    if retired:
        text = text.replace("sections:\n", "retired: [4.1-b]\nsections:\n", 1)
    bank.write_text(text, encoding="utf-8")
    return folder


def test_answers_to_a_retired_question_are_kept_but_unused(tmp_path: Path) -> None:
    token = answered_before_the_rename(tmp_path)  # 4.1-a and 4.1-b answered at level 3
    app = app_on(tmp_path, banks_without_b(tmp_path, retired=True))
    result = app.test_cli_runner().invoke(args=["banks", "check", "--db"])
    assert result.exit_code == 0, result.output
    assert "ok     database: every stored answer belongs to a question" in result.output
    assert "1 of 2 questions answered" in app.test_client().get(f"/a/{token}").text
    with app.app_context():
        assessment = db.session.get(Assessment, 1)
        assert assessment is not None
        assert set(effective_answers(assessment)) == {"demo-2024/4.1-a"}
        exported = json.loads(export_json(assessment, app.extensions["banks"]))
        stored = db.session.scalar(db.select(db.func.count()).select_from(Answer))
    assert stored == 2  # nothing was deleted
    assert [set(r["answers"]) for r in exported["respondents"]] == [{"demo-2024/4.1-a"}]


def test_removed_without_retired_is_still_an_orphan(tmp_path: Path) -> None:
    answered_before_the_rename(tmp_path)
    app = app_on(tmp_path, banks_without_b(tmp_path, retired=False))
    result = app.test_cli_runner().invoke(args=["banks", "check", "--db"])
    assert result.exit_code == 1
    assert "stored under 'demo-2024/4.1-b'" in result.output and "`retired`" in result.output


def exported_before(key: str) -> bytes:
    answer = {"level": 3, "not_applicable": False, "reason": "", "note": ""}
    return json.dumps(
        {
            "format": "preaudit-assessment",
            "version": 1,
            "standards": [{"bank": "demo-2024", "edition": "2024"}],
            "respondents": [{"name": "Quinn", "role": None, "answers": {"demo-2024/4.1-a": answer, key: answer}}],
        }
    ).encode()


def test_a_file_exported_before_the_removal_still_imports(tmp_path: Path) -> None:
    registry = load_registry(banks_without_b(tmp_path, retired=True))
    parsed, banks = parse(exported_before("demo-2024/4.1-b"), registry)
    assert [bank.id for bank in banks] == ["demo-2024"] and len(parsed.respondents[0].answers) == 2
    with pytest.raises(ImportRefused, match="demo-2024/4.1-z"):
        parse(exported_before("demo-2024/4.1-z"), registry)


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda text: text.replace("sections:\n", "retired: [4.1-a]\nsections:\n", 1), "still asked: 4.1-a"),
        (
            lambda text: text.replace(
                "          - id: 4.1-b\n", "          - id: 4.1-c\n            renamed_from: [4.1-b]\n"
            ).replace("sections:\n", "retired: [4.1-b]\nsections:\n", 1),
            "also listed in renamed_from",
        ),
    ],
)
def test_retired_ids_must_be_gone_and_not_renamed(tmp_path: Path, edit, problem: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo-2024.yaml"
    path.write_text(edit((DATA / "banks" / "demo-2024.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(BankFileError) as caught:
        validate(Bank, path)
    assert problem in str(caught.value)
