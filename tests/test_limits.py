"""Rate limit on starting assessments: a clear 429 page (sign-in throttling: tests/domain/test_throttle.py)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_migrate import upgrade

from questionnaire import create_app

from .conftest import DATA, csrf_from


def limited_app(tmp_path: Path) -> Flask:
    app = create_app(
        {
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'limits.sqlite3'}",
            "BANKS_DIR": str(DATA / "banks"),
            "RATELIMIT_STORAGE_URI": "memory://",
            "START_RATE_LIMIT": "3 per minute",
        }
    )
    with app.app_context():
        upgrade()
    return app


def test_starting_assessments_is_limited_with_a_clear_page(tmp_path: Path) -> None:
    client = limited_app(tmp_path).test_client()
    for number in range(4):
        html = client.get("/start").text  # looking at the form is never limited
        data = {"csrf_token": csrf_from(html), "organisation": f"Firm {number}", "standards": "demo-2024"}
        response = client.post("/start", data=data)
    assert response.status_code == 429
    assert "Too many requests" in response.text and "Wait a minute" in response.text
    assert int(response.headers["Retry-After"]) > 0
    assert client.get("/start").status_code == 200
