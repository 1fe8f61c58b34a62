"""Sign-up, sign-in, sign-out and password change through the real forms, CSRF tokens included."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from questionnaire.consult.account_routes import safe_next
from questionnaire.extensions import db
from questionnaire.models import Consultant

from ..conftest import csrf_from
from .helpers import PASSWORD, consultant, post


def sign_in(app: Flask, email: str, password: str, next_url: str = ""):  # type: ignore[no-untyped-def]
    browser = app.test_client()
    page = browser.get("/consult/signin" + (f"?next={next_url}" if next_url else ""))
    data = {"csrf_token": csrf_from(page.text), "email": email, "password": password}
    data["next"] = next_url and (safe_next(next_url) or "")
    return browser, browser.post("/consult/signin", data=data)


def test_sign_up_signs_in_and_stores_only_an_argon2_hash(app: Flask) -> None:
    browser = consultant(app, email="Ann@Example.com")
    dashboard = browser.get("/consult/")
    assert dashboard.status_code == 200 and "Your clients" in dashboard.text
    with app.app_context():
        user = db.session.scalars(select(Consultant)).one()
    assert user.email == "ann@example.com"
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_an_email_has_one_account(app: Flask) -> None:
    consultant(app)
    browser = app.test_client()
    again = post(
        browser, "/consult/signup", {"name": "X", "email": "ANN@example.com", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert again.status_code == 400 and "already exists" in again.text


def test_short_or_mismatched_passwords_are_refused(app: Flask) -> None:
    browser = app.test_client()
    short = post(
        browser, "/consult/signup", {"name": "X", "email": "x@example.com", "password": "short", "confirm": "short"}
    )
    assert short.status_code == 400 and "at least 10" in short.text
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


def test_sign_in_attempts_are_rate_limited(app: Flask) -> None:
    consultant(app)
    browser = app.test_client()
    token = csrf_from(browser.get("/consult/signin").text)
    codes = [
        browser.post(
            "/consult/signin", data={"csrf_token": token, "email": "ann@example.com", "password": f"guess {i}"}
        ).status_code
        for i in range(11)
    ]
    assert codes[:10] == [400] * 10 and codes[10] == 429
    refused = browser.post(
        "/consult/signin", data={"csrf_token": token, "email": "ann@example.com", "password": PASSWORD}
    )
    assert refused.status_code == 429 and "Too many attempts" in refused.text  # even the right password, for now
    assert browser.get("/consult/signin").status_code == 200  # only attempts are counted, not the page


def test_changing_the_password_signs_out_other_browsers(app: Flask) -> None:
    first = consultant(app)
    second, _ = sign_in(app, "ann@example.com", PASSWORD)
    assert second.get("/consult/").status_code == 200
    wrong = post(
        first, "/consult/password", {"current": "nope", "password": "a new passphrase", "confirm": "a new passphrase"}
    )
    assert wrong.status_code == 400 and "current password is not right" in wrong.text
    changed = post(
        first, "/consult/password", {"current": PASSWORD, "password": "a new passphrase", "confirm": "a new passphrase"}
    )
    assert changed.status_code == 302
    assert first.get("/consult/").status_code == 200  # this browser stays signed in
    assert second.get("/consult/").status_code == 302  # the other one is signed out
    assert sign_in(app, "ann@example.com", PASSWORD)[1].status_code == 400
    assert sign_in(app, "ann@example.com", "a new passphrase")[1].status_code == 302
