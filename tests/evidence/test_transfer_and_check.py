"""The JSON export carries actions and the evidence index (files by hash); `flask evidence check` finds files
without rows and rows without files."""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from questionnaire.domain.storage import digest_of, storage
from questionnaire.extensions import db
from questionnaire.models import Assessment, FindingAction

from ..consult.helpers import add_assessment, add_client, consultant, csrf, post
from .helpers import POLICY_KEY, RECORD_KEYS, pdf, png, rows, stored_files, upload


def test_export_import_export_is_byte_identical_with_actions_and_files(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    assessment = add_assessment(owner, client_id, "iso9001-2015")
    base = f"/consult/assessments/{assessment}"
    assert upload(owner, f"{base}/evidence", pdf(), "Quality policy.pdf", POLICY_KEY).status_code == 302
    assert upload(owner, f"{base}/evidence", png(), "board.png", RECORD_KEYS[0]).status_code == 302
    assert (
        post(owner, f"{base}/evidence/held", {"key": RECORD_KEYS[1], "held": "1", "note": "In the DMS"}).status_code
        == 302
    )
    with app.app_context():
        internal = db.session.scalar(select(Assessment.id).where(Assessment.public_id == assessment))
        db.session.add(
            FindingAction(
                assessment_id=internal,
                bank_id="iso9001-2015",
                clause_id="9.2",
                title="ISO 9001:2015 9.2 Internal audit",
                owner="Dana",
                status="done",
                note="Plan approved.",
            )
        )
        db.session.commit()
        action_id = db.session.scalar(db.select(FindingAction.public_id))
    closure = upload(
        owner,
        f"{base}/actions/{action_id}/evidence",
        pdf("minutes"),
        "minutes.pdf",
        None,
        f"{base}/actions/{action_id}",
    )
    assert closure.status_code == 302
    first = owner.get(f"{base}/export.json").data
    assert (
        b'"sha256"' in first and b'"Plan approved."' in first and b'"In the DMS"' in first and b"minutes.pdf" in first
    )
    imported = owner.post(
        f"/consult/clients/{client_id}/import",
        data={"csrf_token": csrf(owner), "file": (io.BytesIO(first), "a.json")},
        content_type="multipart/form-data",
    )
    assert imported.status_code == 302
    copy = re.search(r"/consult/assessments/([A-Za-z0-9_-]{16})", imported.headers["Location"]).group(1)  # type: ignore[union-attr]
    assert owner.get(f"/consult/assessments/{copy}/export.json").data == first
    assert len(rows(app)) == 6 and len(stored_files(app)) == 3  # the copy refers to the same bytes


def test_an_import_names_files_this_site_does_not_hold(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    base = f"/consult/assessments/{add_assessment(owner, client_id, 'iso9001-2015')}"
    assert upload(owner, f"{base}/evidence", pdf(), "Quality policy.pdf", POLICY_KEY).status_code == 302
    exported = owner.get(f"{base}/export.json").data
    with app.app_context():
        storage().delete(rows(app)[0].sha256)
    imported = owner.post(
        f"/consult/clients/{client_id}/import",
        data={"csrf_token": csrf(owner), "file": (io.BytesIO(exported), "a.json")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Files this site does not hold, to upload again: Quality policy.pdf." in imported.text
    assert len(rows(app)) == 1  # only the original's row: the import did not point at missing bytes


def test_a_foreign_file_reference_is_refused(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    base = f"/consult/assessments/{add_assessment(owner, client_id, 'iso9001-2015')}"
    assert upload(owner, f"{base}/evidence", pdf(), "Quality policy.pdf", POLICY_KEY).status_code == 302
    exported = owner.get(f"{base}/export.json").data.replace(POLICY_KEY.encode(), b"iso27001-2022/A.5.1")
    refused = owner.post(
        f"/consult/clients/{client_id}/import",
        data={"csrf_token": csrf(owner), "file": (io.BytesIO(exported), "a.json")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 400 and "not part of these standards" in refused.text


def test_evidence_check_finds_files_without_rows_and_rows_without_files(app: Flask) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["evidence", "check"]).exit_code == 0
    owner = consultant(app)
    base = f"/consult/assessments/{add_assessment(owner, add_client(owner), 'iso9001-2015')}"
    assert upload(owner, f"{base}/evidence", pdf(), "Quality policy.pdf", POLICY_KEY).status_code == 302
    with app.app_context():
        store = storage()
        loose = pdf("nobody's")
        store.put(digest_of(loose), loose)
        path = Path(store.path(digest_of(loose)))  # type: ignore[attr-defined]
        os.utime(path, (time.time() - 3600, time.time() - 3600))  # not an upload under way
        store.delete(rows(app)[0].sha256)
    result = runner.invoke(args=["evidence", "check"])
    assert result.exit_code == 1
    assert f"file without a row: {digest_of(loose)}" in result.output
    assert "row without a file: 'Quality policy.pdf'" in result.output
