"""Browser tests: a real server on a temporary SQLite database, driven by Playwright in Debian's Chromium,
with axe-core (from axe-playwright-python) checking WCAG 2.0/2.1/2.2 A and AA. `make test-browser`.

Screenshots of every page checked go to build/screenshots/ (kept out of git) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import make_server

from questionnaire import create_app
from questionnaire.extensions import db

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = (1280, 320)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    folder = tmp_path_factory.mktemp("browser")
    app = create_app(
        {
            "SECRET_KEY": "browser-tests-only",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'browser.sqlite3'}",
            "RATELIMIT_ENABLED": False,
        }
    )
    app.instance_path = str(folder / "instance")
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    # the CSP has no 'unsafe-inline': anything it blocks (an inline style, a script) is reported to the console
    tab.on(
        "console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors or CSP violations: {errors}"


def shot(tab, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def axe_violations(tab) -> list[str]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
    ]


def sideways_scroll(tab) -> int:  # type: ignore[no-untyped-def]
    """How far the page scrolls sideways (WCAG 1.4.10): 0 when it reflows."""
    return tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture(scope="session")
def seeded(live_app: Flask) -> dict[str, str]:
    """Assessments in several states, made through the site's own forms (as a browser would post them)."""
    from ..assess.test_walkthrough import questionnaire
    from ..helpers import answer_page, start

    client = live_app.test_client()
    tokens = {}

    def level_by_weight(entry):  # type: ignore[no-untyped-def]
        if entry.question.allow_na and entry.key.endswith("A.7.4-a"):
            return "na"
        return str(int(entry.question.weight) % 4)

    tokens["empty"] = start(client, "iso9001-2015")
    tokens["quality"] = start(client, "iso9001-2015")
    for page in questionnaire(live_app, "iso9001-2015").pages:
        answer_page(client, tokens["quality"], page, lambda e: str(len(e.key) % 5))
    tokens["security"] = start(client, "iso27001-2022")
    for page in questionnaire(live_app, "iso27001-2022").pages:
        answer_page(client, tokens["security"], page, level_by_weight)
    trio = ("iso9001-2015", "iso14001-2015", "iso45001-2018")
    tokens["integrated"] = start(client, *trio)
    for page in questionnaire(live_app, *trio).pages:
        answer_page(client, tokens["integrated"], page, lambda e: str(len(e.key) % 4 + 1))
    tokens["guideline"] = start(client, "iso31000-2018")
    for page in questionnaire(live_app, "iso31000-2018").pages[:3]:
        answer_page(client, tokens["guideline"], page, lambda e: "2")
    return tokens


@pytest.fixture(scope="session")
def consulting(live_app: Flask) -> dict[str, object]:
    """A consultant with a client, an assessment answered by two people who disagree, made through the forms."""
    import re

    from ..assess.test_walkthrough import questionnaire
    from ..consult.helpers import PASSWORD, add_assessment, add_client, consultant, post
    from ..helpers import answer_page

    browser = consultant(live_app, email="browser@example.com")
    client_id = add_client(browser, "Browser Test Ltd")
    assessment_id = add_assessment(browser, client_id, "iso9001-2015")
    tokens = []
    for name, level in (("Quinn Okafor", "4"), ("Sam Reyes", "1")):
        response = post(browser, f"/consult/assessments/{assessment_id}/links", {"name": name, "access": "answer"})
        tokens.append(re.search(r'/a/([A-Za-z0-9_-]{43})"', response.text).group(1))  # type: ignore[union-attr]
        answer_page(
            live_app.test_client(), tokens[-1], questionnaire(live_app, "iso9001-2015").pages[0], lambda e, x=level: x
        )
    return {"email": "browser@example.com", "password": PASSWORD, "client": client_id, "assessment": assessment_id}


@pytest.fixture
def consultant_page(page, base_url: str, consulting: dict[str, object]):  # type: ignore[no-untyped-def]
    page.goto(base_url + "/consult/signin")
    page.fill("#email", str(consulting["email"]))
    page.fill("#password", str(consulting["password"]))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/consult/")
    return page
