"""Rate limits: starting assessments now, sign-in later (one decorator); a clear 429 page."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_migrate import upgrade

from questionnaire import create_app
from questionnaire.web.ratelimits import sign_in_limit

from .conftest import DATA, csrf_from


def limited_app(tmp_path: Path) -> Flask:
    app = create_app(
        {
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'limits.sqlite3'}",
            "BANKS_DIR": str(DATA / "banks"),
            "RATELIMIT_STORAGE_URI": "memory://",
            "START_RATE_LIMIT": "3 per minute",
            "SIGN_IN_RATE_LIMIT": "2 per minute",
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


def test_a_sign_in_view_needs_only_the_decorator(tmp_path: Path) -> None:
    app = limited_app(tmp_path)
    app.config["WTF_CSRF_ENABLED"] = False

    @app.route("/sign-in", methods=["GET", "POST"])
    @sign_in_limit
    def sign_in() -> str:
        return "wrong password"

    client = app.test_client()
    assert [client.post("/sign-in").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/sign-in").status_code == 200
