"""`flask banks check`: validate every question bank and exit non-zero on any error."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .banks import load_registry
from .banks.report import check_report

banks_cli = AppGroup("banks", help="Question banks.")


@banks_cli.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), help="Folder to check.")
def check(directory: Path | None) -> None:
    """Validate every bank file; report each problem with file, place and cause."""
    registry = load_registry(directory or Path(current_app.config["BANKS_DIR"]))
    ok, lines = check_report(registry)
    for line in lines:
        click.echo(line, err=line.startswith("ERROR"))
    if not ok:
        raise SystemExit(1)
