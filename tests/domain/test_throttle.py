"""Throttling that holds: counted in the database, so two app instances (or gunicorn workers, or hosts) share it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from questionnaire import create_app
from questionnaire.domain import accounts, throttle
from questionnaire.extensions import db
from questionnaire.models import AttemptCounter, utcnow

from ..conftest import csrf_from
from ..servers import Browser, app_env, gunicorn

PASSWORD = "correct horse battery staple"


def make_account(app: Flask, email: str = "ann@example.com") -> None:
    with app.app_context():
        accounts.create_user(email, "Ann Auditor", PASSWORD)
        db.session.commit()


def attempt(browser: FlaskClient, email: str, password: str, address: str) -> int:
    environ = {"REMOTE_ADDR": address}
    token = csrf_from(browser.get("/consult/signin", environ_base=environ).text)
    data = {"csrf_token": token, "email": email, "password": password}
    return browser.post("/consult/signin", data=data, environ_base=environ).status_code


@pytest.fixture
def lock_at_once(app: Flask, monkeypatch: pytest.MonkeyPatch) -> int:
    """Lock at the first delay, so a slow machine cannot outwait a one-second delay mid-test."""
    free = int(app.config["SIGN_IN_FREE_FAILURES"])
    monkeypatch.setitem(app.config, "SIGN_IN_LOCK_AFTER", free)
    return free


def test_wrong_passwords_from_many_addresses_against_one_account_are_stopped(app: Flask, lock_at_once: int) -> None:
    make_account(app)
    free = lock_at_once
    browser = app.test_client()
    codes = [attempt(browser, "ann@example.com", f"guess {i}", f"198.51.100.{i}") for i in range(free + 10)]
    assert codes == [400] * free + [429] * 10  # each address is new; the account's count is what stops them
    response = browser.post(
        "/consult/signin",
        data={
            "csrf_token": csrf_from(browser.get("/consult/signin").text),
            "email": "ANN@example.com",
            "password": PASSWORD,
        },
    )
    assert response.status_code == 429 and "locked for 60 more minutes" in response.text  # even the owner waits
    assert int(response.headers["Retry-After"]) > 3500
    assert attempt(browser, "ben@example.com", "guess", "198.51.100.200") == 400  # other accounts are not affected


def test_the_delay_grows_then_the_account_locks_until_the_owner_resets(app: Flask) -> None:
    make_account(app)
    config = app.config
    free, lock_after = int(config["SIGN_IN_FREE_FAILURES"]), int(config["SIGN_IN_LOCK_AFTER"])
    waits = []
    now = utcnow()
    with app.test_request_context():
        for _ in range(lock_after):
            assert throttle.reserve_sign_in("ann@example.com", now=now) is None
            wait_until = db.session.scalar(
                select(AttemptCounter.wait_until).where(AttemptCounter.scope == "sign-in-account")
            )
            db.session.rollback()
            waits.append(round((wait_until - now).total_seconds()) if wait_until else 0)
            if len(waits) < lock_after:  # each next attempt comes as soon as it may
                now = (wait_until or now) + timedelta(milliseconds=1)
        assert waits[: free - 1] == [0] * (free - 1)
        assert waits[free - 1 : free + 4] == [1, 2, 4, 8, 16]
        assert max(waits[:-1]) == int(config["SIGN_IN_MAX_DELAY"]) and waits[-1] == int(config["SIGN_IN_LOCK_SECONDS"])
        refusal = throttle.reserve_sign_in("ann@example.com", now=now)
        assert refusal is not None and "locked for 60 more minutes" in refusal.message
        assert refusal.retry_after == int(config["SIGN_IN_LOCK_SECONDS"])
        user = accounts.find_by_email("ann@example.com")
        throttle.lift_sign_in_lock(user)  # what the reset e-mail's link calls
        db.session.commit()
        assert throttle.reserve_sign_in("ann@example.com", now=now) is None
        assert throttle.failures("ann@example.com") == 1


def test_a_success_starts_the_count_again(app: Flask) -> None:
    make_account(app)
    browser = app.test_client()
    free = int(app.config["SIGN_IN_FREE_FAILURES"])
    for i in range(free - 1):
        assert attempt(browser, "ann@example.com", "wrong", f"203.0.113.{i}") == 400
    assert attempt(browser, "ann@example.com", PASSWORD, "203.0.113.50") == 302
    with app.app_context():
        assert throttle.failures("ann@example.com") == 0


@pytest.fixture
def second_app(app: Flask, database_url: str, tmp_path) -> Flask:  # type: ignore[no-untyped-def]
    """Another instance of the app on the same database: what a second worker or host is."""
    other = create_app(
        {
            **{k: app.config[k] for k in ("TESTING", "SECRET_KEY", "SERVER_NAME")},
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MIGRATIONS": False,
        }
    )
    other.instance_path = str(tmp_path)
    yield other
    with other.app_context():
        db.engine.dispose()


def test_two_app_instances_share_the_counts(app: Flask, second_app: Flask, lock_at_once: int) -> None:
    second_app.config["SIGN_IN_LOCK_AFTER"] = lock_at_once
    make_account(app)
    first, second = app.test_client(), second_app.test_client()
    free = lock_at_once
    codes = [attempt((first, second)[i % 2], "ann@example.com", "wrong", f"192.0.2.{i}") for i in range(free + 2)]
    assert codes == [400] * free + [429, 429]
    per_address = [attempt((first, second)[i % 2], f"x{i}@example.com", "wrong", "192.0.2.99") for i in range(12)]
    assert per_address == [400] * 10 + [429, 429]  # "10 per minute" means 10, whichever instance answers


def test_two_gunicorn_servers_of_two_workers_each_share_the_counts(app: Flask, database_url: str) -> None:
    make_account(app)
    limits = {"FLASK_SIGN_IN_RATE_LIMIT": "4 per minute", "FLASK_SIGN_IN_FREE_FAILURES": "3"}
    env = app_env(database_url, FLASK_PROXY_COUNT="1", FLASK_SIGN_IN_LOCK_AFTER="3", **limits)
    with gunicorn(env) as first_url, gunicorn(env) as second_url:
        hosts = [Browser(first_url), Browser(second_url)]

        def try_once(i: int, email: str, address: str) -> int:
            host = hosts[i % 2]
            host.headers = {"X-Forwarded-For": address}
            _, page = host.get("/consult/signin")
            return host.post("/consult/signin", {"csrf_token": csrf_from(page), "email": email, "password": "no"})[0]

        codes = [try_once(i, f"x{i}@example.com", "192.0.2.1") for i in range(6)]
        assert codes == [400] * 4 + [429] * 2  # per address: 4 a minute across both servers, not 4 per worker
        account = [try_once(i, "ann@example.com", f"192.0.2.{10 + i}") for i in range(5)]
        assert account == [400] * 3 + [429] * 2  # per account, from new addresses each time
