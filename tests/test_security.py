"""Security headers, the local plotly.js asset, secrets and configuration layers."""

from __future__ import annotations

import gzip
import re
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


def test_no_page_allows_inline_styles_and_chart_pages_get_a_fresh_nonce(client: FlaskClient) -> None:
    token = start(client, "iso14001-2015")
    for url in ("/", "/start", f"/a/{token}", f"/a/{token}/s/4", "/missing"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "style-src 'self';" in policy and "unsafe-inline" not in policy, url
        assert 'style="' not in response.text and "<style" not in response.text, url
    nonces = []
    for _ in range(2):
        response = client.get(f"/a/{token}/results")
        policy = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy
        nonce = re.search(r"style-src 'self' 'nonce-([A-Za-z0-9_-]{22})';", policy).group(1)  # type: ignore[union-attr]
        assert f'<style id="plotly.js-style-global" nonce="{nonce}"></style>' in response.text
        assert 'style="' not in response.text
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


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


def test_plotly_is_our_partial_bundle_served_locally_and_cached_for_a_year(app: Flask, client: FlaskClient) -> None:
    url = f"/assets/plotly-{plotly_version(app.static_folder)}.min.js"  # type: ignore[arg-type]
    response = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=31536000" in response.headers["Cache-Control"] and "immutable" in response.headers["Cache-Control"]
    assert len(response.data) <= 450 * 1024  # the full plotly.js is 1.4 MiB gzipped
    assert gzip.decompress(response.data).startswith(b"/**\n* plotly.js v4.1.1, partial bundle: bar, scatterpolar")
    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers and plain.data.startswith(b"/**")
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/assets/plotly-0.0.1.min.js").status_code == 404


def test_the_bundle_has_every_trace_type_the_charts_draw(app: Flask) -> None:
    from questionnaire.charts import dashboard as dashboard_charts
    from questionnaire.charts import results as charts

    bundle = (Path(app.static_folder) / "vendor" / "plotly.min.js").read_text(encoding="utf-8")  # type: ignore[arg-type]
    used: set[str] = set()
    for module in (charts, dashboard_charts):
        source = Path(module.__file__).read_text(encoding="utf-8")  # type: ignore[arg-type]
        used |= set(re.findall(r'"type": "([a-z]+)"', source)) - {"category", "linear", "log", "date"}  # axis types
        used |= {name.lower() for name in re.findall(r"go\.([A-Z][a-z]+)\(", source) if name != "Figure"}
    # scatter is part of plotly.js's core; the partial bundle adds bar and scatterpolar
    assert used <= {"bar", "scatterpolar", "scatter"}, (
        f"charts draw {used}: rebuild the bundle with scripts/build-plotly"
    )
    for trace in used:
        assert f'"{trace}"' in bundle


def test_static_files_are_versioned_cached_for_a_year_and_compressed(client: FlaskClient) -> None:
    html = client.get("/").text
    match = re.search(r'href="(/static/css/app\.css\?v=[0-9a-f]{12})"', html)
    assert match, "stylesheet URL is not versioned"
    with client.get(match.group(1), headers={"Accept-Encoding": "gzip"}) as response:
        assert response.status_code == 200
        assert (
            "max-age=31536000" in response.headers["Cache-Control"] and "immutable" in response.headers["Cache-Control"]
        )
        assert response.headers["Content-Encoding"] == "gzip" and b":root {" in gzip.decompress(response.data)
    with client.get("/static/css/app.css?v=000000000000") as stale:
        assert "max-age=31536000" not in stale.headers.get("Cache-Control", "")


def test_pages_are_compressed(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip" and b"Preaudit" in gzip.decompress(response.data)
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "Content-Encoding" not in client.get("/").headers


def test_hsts_only_when_the_session_cookie_is_secure(app: Flask, client: FlaskClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/").headers
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        assert client.get("/").headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False


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
