"""Accounts by e-mail, through a real SMTP server: password reset (single use, expiring, stored hashed, the same
answer for any address, rate-limited), address confirmation after sign-up, a change of address re-confirmed."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import select, update

from questionnaire.domain.tokens import hash_token
from questionnaire.extensions import db
from questionnaire.models import AccountToken, utcnow

from ..domain.helpers import confirmed, paths_in, user
from ..mailserver import SmtpServer
from .helpers import PASSWORD, consultant, csrf, post

NEW = "a brand new passphrase"


def sign_in(app: Flask, email: str, password: str) -> int:
    browser = app.test_client()
    return post(browser, "/consult/signin", {"email": email, "password": password}).status_code


def reset_link(smtp: SmtpServer, address: str) -> str:
    [message] = [m for m in smtp.inbox.to(address) if m.message["Subject"] == "Set a new Preaudit password"][-1:]
    [path] = paths_in(message.part("plain"))
    return path


def test_a_forgotten_password_is_reset_by_email_once(app: Flask, smtp: SmtpServer) -> None:
    confirmed(app)
    browser = app.test_client()
    asked = post(browser, "/consult/forgot", {"email": " ANN@example.com "})
    assert asked.status_code == 200 and "If an account uses <strong>ANN@example.com</strong>" in asked.text
    path = reset_link(smtp, "ann@example.com")
    token = path.rsplit("/", 1)[1]
    with app.app_context():  # only the hash is stored
        stored = db.session.scalars(select(AccountToken.token_hash)).all()
        assert hash_token(token) in stored and token not in stored
    form = browser.get(path)
    assert form.status_code == 200 and "Choose a new password" in form.text
    done = post(browser, path, {"password": NEW, "confirm": NEW})
    assert done.status_code == 302 and done.headers["Location"] == "/consult/signin"
    assert sign_in(app, "ann@example.com", NEW) == 302 and sign_in(app, "ann@example.com", PASSWORD) == 400
    again = browser.get(path)
    assert again.status_code == 400 and "This link no longer works" in again.text  # single use
    assert (
        post(browser, path, {"password": "another one entirely", "confirm": "another one entirely"}).status_code == 400
    )
    assert sign_in(app, "ann@example.com", NEW) == 302


def test_every_session_made_with_the_old_password_ends(app: Flask, smtp: SmtpServer) -> None:
    signed_in = confirmed(app)
    assert signed_in.get("/consult/").status_code == 200
    post(app.test_client(), "/consult/forgot", {"email": "ann@example.com"})
    post(app.test_client(), reset_link(smtp, "ann@example.com"), {"password": NEW, "confirm": NEW})
    assert signed_in.get("/consult/").status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app: Flask, smtp: SmtpServer) -> None:
    confirmed(app)
    smtp.inbox.messages.clear()
    known = post(app.test_client(), "/consult/forgot", {"email": "ann@example.com"}).text
    unknown = post(app.test_client(), "/consult/forgot", {"email": "nobody@example.com"}).text
    assert known.replace("ann@example.com", "X") == unknown.replace("nobody@example.com", "X").replace(
        csrf_of(unknown), csrf_of(known)
    )
    assert [m.recipients for m in smtp.inbox.messages] == [["ann@example.com"]]


def csrf_of(html: str) -> str:
    return html.split('name="csrf_token" value="')[1].split('"')[0] if 'name="csrf_token" value="' in html else ""


def test_a_reset_link_expires(app: Flask, smtp: SmtpServer) -> None:
    confirmed(app)
    post(app.test_client(), "/consult/forgot", {"email": "ann@example.com"})
    path = reset_link(smtp, "ann@example.com")
    with app.app_context():  # two hours and a minute later
        db.session.execute(update(AccountToken).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    browser = app.test_client()
    assert browser.get(path).status_code == 400
    assert post(browser, path, {"password": NEW, "confirm": NEW}).status_code == 400
    assert sign_in(app, "ann@example.com", PASSWORD) == 302
    assert app.test_client().get("/consult/reset/" + "x" * 43).status_code == 400  # made up


def test_reset_requests_are_limited_per_address_and_per_account(app: Flask, smtp: SmtpServer) -> None:
    confirmed(app)
    smtp.inbox.messages.clear()
    browser = app.test_client()
    limit = int(app.config["SIGN_IN_RATE_LIMIT"].split()[0])  # reset requests per address, counted apart from sign-ins
    statuses = [post(browser, "/consult/forgot", {"email": "ann@example.com"}).status_code for _ in range(limit + 1)]
    assert statuses == [200] * limit + [429]
    assert len(smtp.inbox.messages) == 3  # and at most 3 reset messages an hour to one account


def test_sign_up_sends_a_confirmation_and_the_account_works_at_once(app: Flask, smtp: SmtpServer) -> None:
    browser = consultant(app, "new@example.com", "New Consultant")
    assert browser.get("/consult/").status_code == 200  # works at once
    account = browser.get("/consult/account").text
    assert "Not confirmed yet" in account
    [message] = smtp.inbox.to("new@example.com")
    [path] = paths_in(message.part("plain"))
    page = browser.get(path)
    assert page.status_code == 200 and user(app, "new@example.com").email_confirmed_at is None  # a GET confirms nothing
    confirmed_now = browser.post(path, data={"csrf_token": csrf_of(page.text)})
    assert confirmed_now.status_code == 302 and user(app, "new@example.com").email_confirmed_at is not None
    assert "Confirmed" in browser.get("/consult/account").text
    assert browser.get(path).status_code == 400  # spent


def test_a_change_of_address_is_confirmed_from_the_new_mailbox(app: Flask, smtp: SmtpServer) -> None:
    browser = confirmed(app)
    smtp.inbox.messages.clear()
    wrong = post(browser, "/consult/account/email", {"email": "ann@new.example", "password": "not it at all"})
    assert "password is not right" in browser.get(wrong.headers["Location"]).text
    post(browser, "/consult/account/email", {"email": "ann@new.example", "password": PASSWORD})
    assert user(app, "ann@example.com").email == "ann@example.com"  # unchanged until confirmed
    [notice] = smtp.inbox.to("ann@example.com")
    assert "ann@new.example" in notice.part("plain")
    [message] = smtp.inbox.to("ann@new.example")
    [path] = paths_in(message.part("plain"))
    page = browser.get(path)
    browser.post(path, data={"csrf_token": csrf_of(page.text)})
    moved = user(app, "ann@new.example")
    assert moved.email_confirmed_at is not None
    assert sign_in(app, "ann@new.example", PASSWORD) == 302 and sign_in(app, "ann@example.com", PASSWORD) == 400


def test_signing_up_with_a_taken_address_tells_its_holder(app: Flask, smtp: SmtpServer) -> None:
    confirmed(app)
    smtp.inbox.messages.clear()
    data = {"name": "Impostor", "email": "ann@example.com", "password": PASSWORD, "confirm": PASSWORD}
    for _ in range(2):
        post(app.test_client(), "/consult/signup", data)
    [told] = smtp.inbox.to("ann@example.com")  # once an hour at most
    assert told.message["Subject"] == "Someone tried to sign up with your address"
    assert "/consult/forgot" in told.part("plain")


def test_the_sign_in_page_offers_the_reset(client) -> None:  # type: ignore[no-untyped-def]
    assert 'href="/consult/forgot"' in client.get("/consult/signin").text
    assert csrf(client)
