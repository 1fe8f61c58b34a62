"""Sign-up, sign-in, sign-out and password change through the real forms, CSRF tokens included."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from questionnaire.consult.account_routes import safe_next
from questionnaire.domain import accounts
from questionnaire.extensions import db
from questionnaire.models import Consultant

from ..conftest import CSRF_PATTERN, csrf_from
from .helpers import PASSWORD, consultant, post


def sign_in(app: Flask, email: str, password: str, next_url: str = ""):  # type: ignore[no-untyped-def]
    browser = app.test_client()
    page = browser.get("/consult/signin" + (f"?next={next_url}" if next_url else ""))
    data = {"csrf_token": csrf_from(page.text), "email": email, "password": password}
    data["next"] = next_url and (safe_next(next_url) or "")
    return browser, browser.post("/consult/signin", data=data)


def test_the_default_hash_parameters_are_argon2ids_recommended_ones(app: Flask, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    monkeypatch.setitem(app.config, "PASSWORD_HASH_PARAMETERS", None)
    with app.app_context():
        stored = accounts.hasher().hash(PASSWORD)
    recommended = PasswordHasher()
    assert stored.startswith(f"$argon2id$v=19$m={recommended.memory_cost},t={recommended.time_cost},")


def test_sign_up_then_sign_in_stores_only_an_argon2_hash(app: Flask) -> None:
    browser = consultant(app, email="Ann@Example.com")
    dashboard = browser.get("/consult/")
    assert dashboard.status_code == 200 and "Your clients" in dashboard.text
    with app.app_context():
        user = db.session.scalars(select(Consultant)).one()
    assert user.email == "ann@example.com"
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_an_email_has_one_account_and_sign_up_does_not_say_whether_it_is_taken(app: Flask) -> None:
    consultant(app)
    answers = []
    for email in ("ANN@example.com", "new@example.com"):
        browser = app.test_client()
        form = {
            "name": "Xavier Young",
            "email": email,
            "password": "an other long phrase",
            "confirm": "an other long phrase",
        }
        response = post(browser, "/consult/signup", form)
        page = CSRF_PATTERN.sub("", browser.get("/consult/signin").text)  # each browser has its own form token
        answers.append((response.status_code, response.headers.get("Location"), page))
    assert answers[0] == answers[1]  # the same redirect and the same message, taken or not
    assert answers[0][0] == 302 and "If this address is new here" in answers[0][2]
    with app.app_context():
        people = db.session.scalars(select(Consultant.email).order_by(Consultant.email)).all()
    assert people == ["ann@example.com", "new@example.com"]
    assert sign_in(app, "ann@example.com", "an other long phrase")[1].status_code == 400  # Ann's password stands


def test_short_or_mismatched_passwords_are_refused(app: Flask) -> None:
    browser = app.test_client()
    short = post(
        browser, "/consult/signup", {"name": "X", "email": "x@example.com", "password": "short", "confirm": "short"}
    )
    assert short.status_code == 400 and "at least 10" in short.text
    with app.app_context():
        assert db.session.scalar(select(Consultant.id)) is None
    differ = post(
        browser,
        "/consult/signup",
        {"name": "X", "email": "x@example.com", "password": PASSWORD, "confirm": PASSWORD + "!"},
    )
    assert differ.status_code == 400 and "The passwords differ." in differ.text


def test_sign_in_and_out(app: Flask) -> None:
    consultant(app)
    wrong_browser, wrong = sign_in(app, "ann@example.com", "not the password")
    assert wrong.status_code == 400 and "The email address or the password is not right." in wrong.text
    unknown_browser, unknown = sign_in(app, "nobody@example.com", PASSWORD)
    assert unknown.status_code == 400 and "The email address or the password is not right." in unknown.text
    browser, right = sign_in(app, "ANN@example.com", PASSWORD)
    assert right.status_code == 302 and right.headers["Location"] == "/consult/"
    assert browser.get("/consult/").status_code == 200
    assert browser.get("/consult/signout").status_code == 405  # no state change on GET
    out = post(browser, "/consult/signout")
    assert out.status_code == 302
    assert browser.get("/consult/").headers["Location"].startswith("/consult/signin?next=")


def test_sign_out_needs_the_csrf_token(app: Flask) -> None:
    browser = consultant(app)
    assert browser.post("/consult/signout").status_code == 400
    assert browser.get("/consult/").status_code == 200  # still signed in


@pytest.mark.parametrize(
    ("target", "followed"),
    [
        ("/consult/adopt", True),
        ("/consult/clients/new?x=1", True),
        ("//evil.example/steal", False),
        ("https://evil.example/", False),
        ("/\\evil.example", False),
        ("javascript:alert(1)", False),
        ("evil.example", False),
        ("/%0d%0aSet-Cookie:x", True),  # still a path on this site; the encoded bytes stay encoded
    ],
)
def test_next_only_ever_stays_on_the_site(app: Flask, target: str, followed: bool) -> None:
    assert (safe_next(target) == target) is followed
    consultant(app)
    _, response = sign_in(app, "ann@example.com", PASSWORD, next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == (target if followed else "/consult/")


def test_a_forged_next_field_is_not_followed(app: Flask) -> None:
    consultant(app)
    browser = app.test_client()
    page = browser.get("/consult/signin")
    data = {"csrf_token": csrf_from(page.text), "email": "ann@example.com", "password": PASSWORD}
    response = browser.post("/consult/signin", data={**data, "next": "//evil.example/"})
    assert response.headers["Location"] == "/consult/"


def test_sign_in_attempts_are_limited_per_address(app: Flask) -> None:
    """Ten attempts a minute from one address, whichever accounts they name; the eleventh is not even checked."""
    consultant(app)  # its sign-in is the first attempt from 127.0.0.1 this minute
    browser = app.test_client()
    token = csrf_from(browser.get("/consult/signin").text)
    codes = [
        browser.post(
            "/consult/signin", data={"csrf_token": token, "email": f"guess{i}@example.com", "password": "guess"}
        ).status_code
        for i in range(9)
    ]
    assert codes == [400] * 9
    refused = browser.post(
        "/consult/signin", data={"csrf_token": token, "email": "ann@example.com", "password": PASSWORD}
    )
    assert refused.status_code == 429 and "Too many attempts came from your network" in refused.text
    assert int(refused.headers["Retry-After"]) > 0
    assert browser.get("/consult/signin").status_code == 200  # only attempts are counted, not the page
    other_address = app.test_client()
    assert sign_in(app, "ann@example.com", PASSWORD)[1].status_code == 429  # test clients share 127.0.0.1
    page = other_address.get("/consult/signin", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    data = {"csrf_token": csrf_from(page.text), "email": "ann@example.com", "password": PASSWORD}
    elsewhere = other_address.post("/consult/signin", data=data, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert elsewhere.status_code == 302


def test_changing_the_password_signs_out_other_browsers(app: Flask) -> None:
    first = consultant(app)
    second, _ = sign_in(app, "ann@example.com", PASSWORD)
    assert second.get("/consult/").status_code == 200
    wrong = post(
        first, "/consult/password", {"current": "nope", "password": "a new passphrase", "confirm": "a new passphrase"}
    )
    assert wrong.status_code == 400 and "current password is not right" in wrong.text
    weak = post(first, "/consult/password", {"current": PASSWORD, "password": "password12", "confirm": "password12"})
    assert weak.status_code == 400 and "very common password" in weak.text
    assert second.get("/consult/").status_code == 200  # a refused change ends nothing
    changed = post(
        first, "/consult/password", {"current": PASSWORD, "password": "a new passphrase", "confirm": "a new passphrase"}
    )
    assert changed.status_code == 302
    assert first.get("/consult/").status_code == 200  # this browser stays signed in, with a new session
    assert second.get("/consult/").status_code == 302  # the other one is signed out
    assert sign_in(app, "ann@example.com", PASSWORD)[1].status_code == 400
    assert sign_in(app, "ann@example.com", "a new passphrase")[1].status_code == 302
