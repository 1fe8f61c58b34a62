"""`flask banks check`: validate every question bank and exit non-zero on any error; `--db` also looks for
answers in the database that no bank question claims any more (a question renamed without `renamed_from`, or
removed without being listed in its bank's `retired`), which would otherwise silently stop being shown and scored."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .banks import BankRegistry, load_registry
from .banks.report import check_report
from .domain.operations import answer_keys_in_use

banks_cli = AppGroup("banks", help="Question banks.")


@banks_cli.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), help="Folder to check.")
@click.option("--db", "with_db", is_flag=True, help="Also list stored answers that no bank question claims.")
def check(directory: Path | None, with_db: bool) -> None:
    """Validate every bank file; report each problem with file, place and cause."""
    registry = load_registry(directory or Path(current_app.config["BANKS_DIR"]))
    ok, lines = check_report(registry)
    if with_db:
        orphans = orphan_lines(registry)
        ok = ok and not orphans
        lines += orphans or ["ok     database: every stored answer belongs to a question of a loaded bank"]
    for line in lines:
        click.echo(line, err=line.startswith("ERROR"))
    if not ok:
        raise SystemExit(1)


def orphan_lines(registry: BankRegistry) -> list[str]:
    claimed = registry.claimed_keys() | registry.retired  # a retired question's answers are kept on purpose
    broken = {Path(filename).stem for filename in registry.problems}  # reported above; their keys are not judged
    return [
        f"ERROR  database: {answers} answer(s) in {assessments} assessment(s) stored under '{key}', which no "
        "question claims: give the renamed question `renamed_from`, list a removed one in its bank's `retired`, or "
        "restore it"
        for key, answers, assessments in answer_keys_in_use()
        if key not in claimed and key.split("/", 1)[0] not in broken
    ]
