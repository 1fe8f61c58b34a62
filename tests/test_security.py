"""Security headers, the local plotly.js asset, secrets and configuration layers."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from questionnaire import config, create_app
from questionnaire.pages.assets import plotly_version

from .helpers import start


def test_security_headers_on_every_page(client: FlaskClient) -> None:
    for url in ("/", "/start", "/missing"):
        headers = client.get(url).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "script-src 'self';" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_assessment_pages_are_not_cached_or_indexed(client: FlaskClient) -> None:
    token = start(client, "iso14001-2015")
    headers = client.get(f"/a/{token}").headers
    assert headers["Cache-Control"] == "no-store" and headers["X-Robots-Tag"] == "noindex"


def test_no_page_loads_anything_from_another_host(client: FlaskClient) -> None:
    token = start(client, "iso14001-2015")
    for url in ("/", "/start", f"/a/{token}", f"/a/{token}/s/4", f"/a/{token}/results"):
        html = client.get(url).text
        assert 'src="http' not in html and 'href="http' not in html.replace('href="http://preaudit.test', "")
        assert "cdn" not in html.lower()


def test_plotly_is_served_locally_and_cached_for_a_year(client: FlaskClient) -> None:
    url = f"/assets/plotly-{plotly_version()}.min.js"
    response = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=31536000" in response.headers["Cache-Control"] and "immutable" in response.headers["Cache-Control"]
    assert gzip.decompress(response.data).startswith(b"/**\n* plotly.js")
    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers and plain.data.startswith(b"/**")
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/assets/plotly-0.0.1.min.js").status_code == 404


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path: Path) -> None:
    first = config.load_or_create_secret_key(str(tmp_path))
    assert len(first) == 64 and first != "dev"
    assert config.load_or_create_secret_key(str(tmp_path)) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_from_environment(monkeypatch: pytest.MonkeyPatch, url: str, expected: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert config.database_url_from_env() == expected


def test_config_layers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, app: Flask) -> None:
    monkeypatch.setenv("FLASK_MAX_CONTENT_LENGTH", "1234")
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/from-env.db")
    layered = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert layered.config["MAX_CONTENT_LENGTH"] == 1234
    assert layered.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:////tmp/from-env.db"
    assert layered.config["WTF_CSRF_TIME_LIMIT"] is None
    assert app.config["SQLALCHEMY_DATABASE_URI"] != layered.config["SQLALCHEMY_DATABASE_URI"]
