"""A real SMTP server for the tests (aiosmtpd in a thread), with TLS from a throw-away certificate authority
(trustme) and AUTH, and what it received parsed back into e-mail messages."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope
from flask import Flask

from questionnaire.mail.settings import parse_mail_url

USER, PASSWORD = "mailer", "s3cret pass"


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage

    def part(self, subtype: str) -> str:
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None, f"no text/{subtype} part"
        return body.get_content()  # type: ignore[no-any-return]


@dataclass
class Inbox:
    """Everything the server accepted, in order."""

    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered with 550
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]

    async def handle_RCPT(self, server, session, envelope: Envelope, address: str, options) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope: Envelope) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        parsed = message_from_bytes(envelope.original_content or b"", policy=policy.default)
        with self.lock:
            self.messages.append(Received(envelope.mail_from or "", list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 Message accepted"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:  # type: ignore[no-untyped-def]
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.logins.append((login, password))
        return AuthResult(success=(login, password) == (USER, PASSWORD))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpServer:
    inbox: Inbox
    port: int
    ca_file: str
    implicit_tls: bool

    @property
    def url(self) -> str:
        scheme = "smtps" if self.implicit_tls else "smtp"
        return f"{scheme}://{USER}:{PASSWORD.replace(' ', '%20')}@localhost:{self.port}"


@pytest.fixture(scope="session")
def certificate_authority(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, str]:
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return ca, str(path)


def run_server(ca: trustme.CA, ca_file: str, implicit_tls: bool) -> Iterator[SmtpServer]:
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(server_context)
    inbox = Inbox()
    port = free_port()
    tls = {"ssl_context": server_context} if implicit_tls else {"tls_context": server_context, "require_starttls": True}
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        server_hostname="localhost",
        authenticator=inbox.authenticate,
        auth_require_tls=not implicit_tls,  # aiosmtpd counts only STARTTLS as TLS; smtps:// is TLS throughout
        **tls,
    )
    controller.start()
    try:
        yield SmtpServer(inbox, port, ca_file, implicit_tls)
    finally:
        controller.stop()


def use_server(app: Flask, server: SmtpServer) -> Iterator[SmtpServer]:
    """Point the session's app at this server for one test, as MAIL_URL and SITE_URL would at start-up."""
    before = app.extensions.get("mail"), app.config.get("SITE_URL")
    app.extensions["mail"] = parse_mail_url(server.url, 5, server.ca_file)
    app.config["SITE_URL"] = "https://preaudit.test"
    try:
        yield server
    finally:
        app.extensions["mail"], app.config["SITE_URL"] = before


@pytest.fixture
def smtp(app: Flask, certificate_authority: tuple[trustme.CA, str]) -> Iterator[SmtpServer]:
    """An SMTP server with STARTTLS required and AUTH, which the app sends to during the test."""
    for server in run_server(*certificate_authority, implicit_tls=False):
        yield from use_server(app, server)


@pytest.fixture
def smtps(app: Flask, certificate_authority: tuple[trustme.CA, str]) -> Iterator[SmtpServer]:
    """The same with TLS from the first byte (smtps://)."""
    for server in run_server(*certificate_authority, implicit_tls=True):
        yield from use_server(app, server)


@pytest.fixture
def outbox(app: Flask, tmp_path: Path) -> Iterator[Path]:
    """No MAIL_URL: messages land in this folder as .eml files."""
    before = app.config.get("MAIL_OUTBOX")
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    try:
        yield tmp_path / "outbox"
    finally:
        app.config["MAIL_OUTBOX"] = before


def outbox_messages(folder: Path) -> list[EmailMessage]:
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
        for path in sorted(folder.glob("*.eml"))
    ]
