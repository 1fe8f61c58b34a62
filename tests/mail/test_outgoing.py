"""Sending through a real SMTP server (aiosmtpd with STARTTLS or TLS, and AUTH), the outbox, retries and faults."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from questionnaire.extensions import db
from questionnaire.jobs import huey
from questionnaire.mail import Message, send
from questionnaire.mail.settings import MailSettingsError, parse_mail_url
from questionnaire.models import MailRecord

from ..mailserver import PASSWORD, USER, SmtpServer, free_port, outbox_messages

HELLO = Message(
    to="rita@client.example",
    to_name="Rita Respondent",
    subject="Your questionnaire",
    text="Hello Rita,\n\nOpen https://preaudit.test/a/x\n",
    html="<p>Hello Rita,</p><p><a href='https://preaudit.test/a/x'>Open it</a></p>",
    sender_name="Ann Auditor, Northwind Consulting",
    reply_to="ann@northwind.example",
)


def send_one(app: Flask, message: Message = HELLO) -> int:
    with app.app_context():
        record = send(message, "invitation")
        db.session.commit()
        return record.id


def record(app: Flask, record_id: int) -> MailRecord:
    with app.app_context():
        found = db.session.get(MailRecord, record_id)
        assert found is not None
        db.session.expunge(found)
        return found


def test_a_message_goes_through_starttls_and_auth_with_both_parts(app: Flask, smtp: SmtpServer) -> None:
    record_id = send_one(app)
    [received] = smtp.inbox.messages
    assert smtp.inbox.logins == [(USER, PASSWORD)]
    assert received.recipients == ["rita@client.example"] and received.sender == "preaudit@localhost"
    headers = received.message
    assert headers["From"] == '"Ann Auditor, Northwind Consulting via Preaudit" <preaudit@localhost>'
    assert headers["Reply-To"] == '"Ann Auditor, Northwind Consulting" <ann@northwind.example>'
    assert headers["To"] == "Rita Respondent <rita@client.example>"
    assert headers["Auto-Submitted"] == "auto-generated" and headers["Message-ID"]
    assert "Open https://preaudit.test/a/x" in received.part("plain")
    assert "<a href='https://preaudit.test/a/x'>" in received.part("html")
    stored = record(app, record_id)
    assert (stored.status, stored.attempts, stored.error) == ("sent", 1, None) and stored.sent_at


def test_smtps_sends_over_tls_from_the_first_byte(app: Flask, smtps: SmtpServer) -> None:
    send_one(app)
    assert [m.recipients for m in smtps.inbox.messages] == [["rita@client.example"]]


def test_without_mail_url_the_message_is_written_to_the_outbox(app: Flask, outbox: Path) -> None:
    record_id = send_one(app)
    [path] = outbox.glob("*.eml")
    assert path.stat().st_mode & 0o077 == 0  # the owner's alone: an invitation holds a private link
    [message] = outbox_messages(outbox)
    assert message["Subject"] == "Your questionnaire" and message["To"] == "Rita Respondent <rita@client.example>"
    assert record(app, record_id).status == "outbox"


def test_a_rolled_back_request_sends_nothing(app: Flask, smtp: SmtpServer) -> None:
    with app.app_context():
        send(HELLO, "invitation")
        db.session.rollback()
        db.session.commit()  # a later commit of the same session does not resurrect it
        assert db.session.scalars(select(MailRecord)).all() == []
    assert smtp.inbox.messages == []


def test_a_logo_travels_inline_beside_the_html(app: Flask, smtp: SmtpServer) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 40
    send_one(app, Message(**{**HELLO.__dict__, "logo_png": png, "logo_cid": "<logo@preaudit.test>"}))
    [received] = smtp.inbox.messages
    [image] = [part for part in received.message.walk() if part.get_content_type() == "image/png"]
    assert image["Content-ID"] == "<logo@preaudit.test>" and image.get_content() == png


@pytest.fixture
def nothing_listening(app: Flask) -> Iterator[int]:
    port = free_port()
    before = app.extensions["mail"]
    app.extensions["mail"] = parse_mail_url(f"smtp://localhost:{port}?starttls=no", 2)
    yield port
    app.extensions["mail"] = before


def test_a_server_that_is_down_is_tried_again_later_and_then_delivers(
    app: Flask, nothing_listening: int, smtp: SmtpServer
) -> None:
    app.extensions["mail"] = parse_mail_url(f"smtp://localhost:{nothing_listening}?starttls=no", 2)
    record_id = send_one(app)
    stored = record(app, record_id)
    assert (stored.status, stored.attempts) == ("queued", 1) and "Connection refused" in (stored.error or "")
    [retry] = huey.scheduled()
    assert retry.retries == 5 and retry.retry_delay == 120  # the delay doubles
    app.extensions["mail"] = parse_mail_url(smtp.url, 5, smtp.ca_file)
    huey.storage.flush_schedule()
    huey.execute(retry, timestamp=retry.eta)
    assert record(app, record_id).status == "sent" and len(smtp.inbox.messages) == 1
    huey.execute(retry, timestamp=retry.eta)  # a retry that runs twice sends nothing more
    assert len(smtp.inbox.messages) == 1


def test_a_refused_recipient_fails_at_once_without_retries(app: Flask, smtp: SmtpServer) -> None:
    smtp.inbox.refuse.add("rita@client.example")
    record_id = send_one(app)
    stored = record(app, record_id)
    assert stored.status == "failed" and "No such mailbox" in (stored.error or "")
    assert huey.scheduled() == []


def test_a_server_that_never_answers_times_out(app: Flask) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts the connection, then says nothing: no greeting ever comes
    before = app.extensions["mail"]
    app.extensions["mail"] = parse_mail_url(f"smtp://localhost:{listener.getsockname()[1]}?starttls=no", 0.5)
    try:
        timer = threading.Timer(10, listener.close)
        timer.start()
        record_id = send_one(app)
        timer.cancel()
    finally:
        app.extensions["mail"] = before
        listener.close()
    assert "timed out" in (record(app, record_id).error or "")


def test_starttls_is_required_when_the_url_says_smtp(app: Flask, smtp: SmtpServer, outbox: Path) -> None:
    from aiosmtpd.controller import Controller

    from ..mailserver import Inbox

    plain = Controller(Inbox(), hostname="127.0.0.1", port=free_port())
    plain.start()
    try:
        app.extensions["mail"] = parse_mail_url(f"smtp://localhost:{plain.port}", 2)
        stored = record(app, send_one(app))
    finally:
        plain.stop()
    assert stored.status == "failed" and "STARTTLS" in (stored.error or "")


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://mail.example.com", "smtp:// or smtps://"),
        ("smtp://", "no mail server host"),
        ("smtp://user:pw@mail.example.com?starttls=no", "in clear"),
        ("smtps://mail.example.com?starttls=no", "makes no sense"),
    ],
)
def test_a_mail_url_that_cannot_work_is_refused_with_the_reason(url: str, problem: str) -> None:
    with pytest.raises(MailSettingsError, match=problem):
        parse_mail_url(url, 10)


def test_mail_url_settings_read_user_password_port_and_tls() -> None:
    plain = parse_mail_url("smtp://a%40b:p%20w@mail.example.com", 7)
    assert (plain.host, plain.port, plain.starttls, plain.implicit_tls) == ("mail.example.com", 587, True, False)
    assert (plain.username, plain.password, plain.timeout) == ("a@b", "p w", 7)
    tls = parse_mail_url("smtps://mail.example.com", 7)
    assert (tls.port, tls.implicit_tls, tls.starttls) == (465, True, False)


def test_mail_url_without_site_url_stops_the_app_at_start() -> None:
    from questionnaire import create_app

    with pytest.raises(MailSettingsError, match="SITE_URL"):
        create_app({"TESTING": True, "MAIL_URL": "smtp://mail.example.com", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
