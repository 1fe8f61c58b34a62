"""Sessions that end: sign-out, sign out everywhere, a new password, a reset, lifetime and idle time."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from questionnaire.domain import sessions, throttle
from questionnaire.extensions import db
from questionnaire.models import Client, Consultant, ConsultantSession, utcnow

from ..conftest import csrf_from
from ..consult.helpers import PASSWORD, consultant, post

HOST = "preaudit.test"


def cookie(browser: FlaskClient) -> str:
    found = browser.get_cookie("session", domain=HOST)
    assert found is not None
    return found.value


def with_cookie(app: Flask, value: str) -> FlaskClient:
    """Another browser holding a copy of a session cookie (as an attacker who copied it would)."""
    thief = app.test_client()
    thief.set_cookie("session", value, domain=HOST)
    return thief


def clients(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Client.id))) or 0


def test_a_copied_cookie_opens_nothing_after_sign_out_and_writes_nothing(app: Flask) -> None:
    browser = consultant(app)
    form_token = csrf_from(browser.get("/consult/clients/new").text)
    copied = cookie(browser)  # the session cookie, form token included: the replay passes the CSRF check
    assert with_cookie(app, copied).get("/consult/").status_code == 200  # before sign-out the copy works
    assert post(browser, "/consult/signout").status_code == 302
    replay = with_cookie(app, copied)
    dashboard = replay.get("/consult/")
    assert dashboard.status_code == 302 and dashboard.headers["Location"].startswith("/consult/signin")
    created = replay.post("/consult/clients/new", data={"csrf_token": form_token, "name": "Planted Ltd"})
    assert created.status_code == 302 and created.headers["Location"].startswith("/consult/signin")
    assert clients(app) == 0
    with app.app_context():
        assert db.session.scalar(select(func.count(ConsultantSession.id))) == 0


def test_signing_in_rotates_the_session_and_its_form_token(app: Flask) -> None:
    consultant(app)
    browser = app.test_client()
    page = browser.get("/consult/signin")
    before, token_before = cookie(browser), csrf_from(page.text)
    assert post(browser, "/consult/signin", {"email": "ann@example.com", "password": PASSWORD}).status_code == 302
    after = cookie(browser)
    assert after != before and csrf_from(browser.get("/consult/clients/new").text) != token_before
    fixed = with_cookie(app, before)  # a cookie planted before sign-in rides on nothing
    assert fixed.get("/consult/").status_code == 302
    again = post(browser, "/consult/signin", {"email": "ann@example.com", "password": PASSWORD})
    assert again.status_code == 302 and cookie(browser) != after
    with app.app_context():
        keys = db.session.scalars(select(ConsultantSession.key_hash)).all()
    assert len(set(keys)) == 3  # consultant(), then two sign-ins: each its own server-side key


def test_sign_out_everywhere_ends_every_session_of_the_account(app: Flask) -> None:
    first = consultant(app)
    second = consultant(app, email="ben@example.com", name="Ben Builder")
    third = app.test_client()
    assert post(third, "/consult/signin", {"email": "ann@example.com", "password": PASSWORD}).status_code == 302
    account = first.get("/consult/account")
    assert account.status_code == 200 and "2 browsers" in account.text
    out = post(first, "/consult/signout-everywhere")
    assert out.status_code == 302
    assert first.get("/consult/").status_code == 302 and third.get("/consult/").status_code == 302
    assert second.get("/consult/").status_code == 200  # another account's session is untouched


def test_a_password_change_ends_copies_of_the_old_cookie(app: Flask) -> None:
    browser = consultant(app)
    copied = cookie(browser)
    form = {"current": PASSWORD, "password": "a new passphrase", "confirm": "a new passphrase"}
    assert post(browser, "/consult/password", form).status_code == 302
    assert with_cookie(app, copied).get("/consult/").status_code == 302
    assert browser.get("/consult/").status_code == 200


def test_the_password_reset_hook_ends_every_session_and_lifts_the_lock(app: Flask) -> None:
    browser = consultant(app)
    with app.test_request_context():
        for _ in range(int(app.config["SIGN_IN_LOCK_AFTER"])):
            assert throttle.reserve_sign_in("ann@example.com") is None or True
        assert throttle.reserve_sign_in("ann@example.com") is not None  # locked
        user = db.session.scalars(select(Consultant)).one()
        sessions.password_reset_done(user)
        db.session.commit()
        assert throttle.reserve_sign_in("ann@example.com") is None
    assert browser.get("/consult/").status_code == 302


def test_sessions_end_after_their_lifetime_and_when_idle(app: Flask) -> None:
    consultant(app)
    lifetime = timedelta(seconds=app.config["SESSION_LIFETIME"])
    idle = timedelta(seconds=app.config["SESSION_IDLE_TIMEOUT"])
    now = utcnow()
    with app.test_request_context():
        user = db.session.scalars(select(Consultant)).one()
        busy = sessions.begin(user, now=now)
        quiet = sessions.begin(user, now=now)
        db.session.commit()
        moment = now
        while moment < now + lifetime - timedelta(minutes=30):  # busy: a request every half hour, yet the day ends
            moment += timedelta(minutes=30)
            assert sessions.resume(busy, now=moment) is not None
        assert sessions.resume(busy, now=now + lifetime) is None
        assert sessions.resume(quiet, now=now + idle - timedelta(seconds=1)) is not None
        assert sessions.resume(quiet, now=now + idle + idle - timedelta(seconds=2)) is not None  # it was touched
        assert sessions.resume(quiet, now=now + 3 * idle) is None  # idle too long
        assert sessions.resume(quiet, now=now) is None  # and the row is gone, not just refused
        assert sessions.resume("not a key") is None
