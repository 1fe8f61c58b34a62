"""Resume tokens never appear in logs: Flask's exception log, and gunicorn's access log."""

from __future__ import annotations

import logging
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from flask import request

from questionnaire import create_app
from questionnaire.domain.tokens import new_token
from questionnaire.logs import mask

from .conftest import DATA, ROOT
from .servers import BIN, app_env, gunicorn


def test_mask_replaces_tokens_and_nothing_else() -> None:
    token = new_token()
    assert mask(f"GET /a/{token}/s/4 HTTP/1.1") == "GET /a/[token]/s/4 HTTP/1.1"
    sha256 = "ab" * 32
    assert (
        mask(f"hash {sha256} and /static/css/app.css?v=0123456789")
        == f"hash {sha256} and /static/css/app.css?v=0123456789"
    )


def test_flask_exception_log_has_no_token(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(
        {
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}",
            "BANKS_DIR": str(DATA / "banks"),
        }
    )

    @app.get("/a/<token>/boom")
    def boom(token: str) -> str:
        raise RuntimeError(f"could not handle {request.url}")

    token = new_token()
    app.logger.disabled = False  # the migrations' logging.config.fileConfig disabled it earlier in this process
    with caplog.at_level(logging.ERROR):
        assert app.test_client().get(f"/a/{token}/boom").status_code == 500
    assert "Exception on /a/[token]/boom [GET]" in caplog.text
    assert "could not handle http://localhost/a/[token]/boom" in caplog.text
    assert token not in caplog.text


def test_gunicorn_access_log_has_no_token(tmp_path: Path) -> None:
    env = app_env(f"sqlite:///{tmp_path / 'logs.sqlite3'}")
    subprocess.run([BIN / "flask", "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    log = tmp_path / "access.log"
    token = new_token()
    with gunicorn(env, "--access-logfile", str(log)) as base, pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{base}/a/{token}/s/4?from={token}")  # 404 for an unknown token, and logged
    error.value.close()
    text = log.read_text()
    assert '"GET /a/[token]/s/4?from=[token] HTTP/1.1" 404' in text
    assert token not in text
