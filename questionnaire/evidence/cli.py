"""`flask evidence check`: stored files that no row names, and rows whose file is gone; `--sweep` first deletes
stored files that no evidence row refers to any more (what deleting an assessment leaves for the sweep)."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from ..domain import evidence

evidence_cli = AppGroup("evidence", help="Evidence files.")
IN_PROGRESS_SECONDS = 600  # a file written this recently may be an upload not yet committed: not judged


@evidence_cli.command("check")
@click.option("--sweep", is_flag=True, help="First delete stored files no evidence row refers to.")
def check(sweep: bool) -> None:
    """Compare the file store with the database; exit 1 when they disagree."""
    if sweep:
        click.echo(f"swept  {evidence.sweep()} file(s) no evidence row referred to")
    report = evidence.check(time.time() - IN_PROGRESS_SECONDS)
    for digest in report.files_without_rows:
        click.echo(f"ERROR  file without a row: {digest} (no evidence names it; `--sweep` will not touch it)", err=True)
    for digest, name, assessment_id in report.rows_without_files:
        click.echo(f"ERROR  row without a file: '{name}' of assessment {assessment_id} ({digest})", err=True)
    if not report.clean:
        raise SystemExit(1)
    click.echo("ok     every stored file has a row and every row its file")
