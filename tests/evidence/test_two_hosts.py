"""Two hosts sharing PostgreSQL and one evidence folder: a file uploaded on one downloads on the other, and
deleting it on one removes it for both; uploads and sweeps racing on the same bytes never lose a file a row needs.
Needs TEST_DATABASE_URL (PostgreSQL); .ci/run sets it."""

from __future__ import annotations

import os
import re
import threading
import urllib.request
import uuid
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from questionnaire import create_app
from questionnaire.domain import evidence
from questionnaire.domain.storage import storage
from questionnaire.extensions import db
from questionnaire.models import Assessment, Client, Evidence

from ..conftest import csrf_from
from ..helpers import TOKEN_IN_URL
from ..servers import Browser, app_env, gunicorn
from .helpers import POLICY_KEY, pdf

DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgresql"), reason="needs TEST_DATABASE_URL (PostgreSQL)"
)


def multipart(fields: dict[str, str], name: str, body: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'.encode()
        + b"Content-Type: application/octet-stream\r\n\r\n"
        + body
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_two_hosts_share_the_evidence_folder(app: Flask, tmp_path: Path) -> None:  # app: the migrated database
    env = app_env(DATABASE_URL, FLASK_EVIDENCE_DIR=str(tmp_path / "shared-evidence"))
    with gunicorn(env) as first_url, gunicorn(env) as second_url:
        first, second = Browser(first_url), Browser(second_url)
        _, html = first.get("/start")
        status, location = first.post(
            "/start", {"csrf_token": csrf_from(html), "organisation": "Shared Ltd", "standards": "iso9001-2015"}
        )
        token = TOKEN_IN_URL.search(location).group(1)  # type: ignore[union-attr]
        _, page = first.get(f"/a/{token}/evidence")
        body, kind = multipart({"csrf_token": csrf_from(page), "target": POLICY_KEY}, "policy.pdf", pdf())
        request = urllib.request.Request(f"{first_url}/a/{token}/evidence", data=body, headers={"Content-Type": kind})
        assert first._open(request)[0] == 302
        _, listing = second.get(f"/a/{token}/evidence")
        file_url = re.search(rf'href="(/a/{token}/evidence/[A-Za-z0-9_-]{{16}})"', listing).group(1)  # type: ignore[union-attr]
        with urllib.request.urlopen(second_url + file_url) as response:
            assert response.read() == pdf() and response.headers["Content-Disposition"].startswith("attachment")
        assert len(list((tmp_path / "shared-evidence").glob("??/??/*"))) == 1
        _, listing = second.get(f"/a/{token}/evidence")
        assert second.post(f"{file_url}/delete", {"csrf_token": csrf_from(listing)})[0] == 302
        assert list((tmp_path / "shared-evidence").glob("??/??/*")) == []
        assert first.get(file_url)[0] == 404


def test_uploads_and_sweeps_racing_on_the_same_bytes_never_lose_a_needed_file(app: Flask, tmp_path: Path) -> None:
    """Two app instances, as on two hosts: one keeps attaching and deleting a file, the other keeps attaching the
    same bytes to its own assessment; after every commit, a row that exists has its file."""
    folder = str(tmp_path / "race")
    hosts = [
        create_app(
            {"SQLALCHEMY_DATABASE_URI": DATABASE_URL, "SECRET_KEY": "x", "EVIDENCE_DIR": folder, "JOBS_IMMEDIATE": True}
        )
        for _ in range(2)
    ]
    body = pdf("raced")
    ids = []
    with hosts[0].app_context():
        for name in ("Churn Ltd", "Keep Ltd"):
            assessment = Assessment(organisation=Client(name=name))
            db.session.add(assessment)
            db.session.commit()
            ids.append(assessment.id)
    problems: list[str] = []

    def churn() -> None:
        with hosts[0].app_context():
            for _ in range(25):
                row = evidence.add_file(ids[0], body, "a.pdf", evidence.Uploader("A"), question_key=POLICY_KEY)
                db.session.commit()
                db.session.delete(db.session.get(Evidence, row.id))
                db.session.commit()
                evidence.sweep()

    def keep() -> None:
        with hosts[1].app_context():
            for number in range(25):
                row = evidence.add_file(ids[1], body, "b.pdf", evidence.Uploader("B"), question_key=f"key-{number}")
                db.session.commit()
                if not storage().exists(row.sha256):
                    problems.append(f"row {row.id} committed without its file")

    threads = [threading.Thread(target=churn), threading.Thread(target=keep)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with hosts[1].app_context():
        assert problems == []
        kept = db.session.scalars(select(Evidence).where(Evidence.assessment_id == ids[1])).all()
        assert len(kept) == 25 and all(storage().exists(row.sha256) for row in kept)
        assert evidence.check(older_than=1e12).clean
        db.session.remove()
    for host in hosts:
        with host.app_context():
            db.engine.dispose()
