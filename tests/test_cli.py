"""`flask banks check`: green on the shipped banks, red with a precise message on a broken one."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import DATA


def test_check_passes_on_a_valid_folder(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["banks", "check", "--dir", str(DATA / "banks")])
    assert result.exit_code == 0, result.output
    assert "ok     demo-2024: Demo Standard 2024, 2 clauses, 3 questions" in result.output


def test_check_fails_and_names_the_problem(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(DATA / "banks", tmp_path, dirs_exist_ok=True)
    (tmp_path / "demo-2024.yaml").write_text(
        (DATA / "banks" / "demo-2024.yaml").read_text().replace("weight: 3", "weight: -1"), encoding="utf-8"
    )
    result = runner.invoke(args=["banks", "check", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "ERROR  demo-2024.yaml: section '8' > clause '8.1' > question '8.1-a' > weight (line 55)" in result.output
    assert "Input should be greater than 0" in result.output


def test_check_on_the_shipped_banks(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["banks", "check"])
    assert result.exit_code == 0, result.output
    assert "ok     iso9001-2015: ISO 9001:2015" in result.output
