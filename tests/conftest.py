"""Fixtures build a real app on a real database: SQLite in a temp file, or PostgreSQL via TEST_DATABASE_URL.

The schema is created once per run by the Alembic migrations (so every run also tests them) and
every table is emptied after each test.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import event

from questionnaire import create_app, jobs
from questionnaire.extensions import db
from questionnaire.jobs import huey

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
CSRF_PATTERN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
# rate-limit counters of this run never meet those of another run in a shared Redis (REDIS_URL)
os.environ.setdefault("FLASK_RATELIMIT_KEY_PREFIX", f"preaudit-test-{uuid.uuid4().hex}")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-only-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SERVER_NAME": "preaudit.test",
            "JOBS_IMMEDIATE": True,
            "START_RATE_LIMIT": "10000 per minute",  # tests start many assessments; test_limits.py tests the limit
            # cheap argon2id: every consultant a test makes signs up and in (the defaults are tested in test_accounts)
            "PASSWORD_HASH_PARAMETERS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
        }
    )
    application.instance_path = str(tmp_path_factory.mktemp("instance"))
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        db.drop_all()
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _jobs_run_in_the_test_app(request: pytest.FixtureRequest) -> None:
    """The job queue is one module-level huey: a test that builds its own app points it elsewhere; point it back."""
    if "app" in request.fixturenames:
        jobs.init_app(request.getfixturevalue("app"))


@pytest.fixture(autouse=True)
def _empty_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    huey.flush()  # retries a test scheduled (in the in-memory queue) never reach the next test
    if "app" not in request.fixturenames:
        return
    application: Flask = request.getfixturevalue("app")
    with application.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


def csrf_from(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


class QueryCounter:
    """Counts SQL statements sent while active (SQLAlchemy's before_cursor_execute hook)."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, _conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app: Flask) -> Iterator[QueryCounter]:
    counter = QueryCounter()
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", counter)
    yield counter
    event.remove(engine, "before_cursor_execute", counter)


from .mailserver import certificate_authority, outbox, smtp, smtps  # noqa: E402, F401  (fixtures for every test)
