"""Handing a message to the mail server, or (with no MAIL_URL) writing it to the outbox folder. Every network
call has a timeout."""

from __future__ import annotations

import os
import smtplib
import ssl
from pathlib import Path

from .settings import SmtpSettings

# errors that will not go away by trying again: the message is marked failed at once
PERMANENT = (smtplib.SMTPRecipientsRefused, smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError)


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """Certificates and host names checked; MAIL_CA_FILE adds a private authority (a company relay, tests)."""
    return ssl.create_default_context(cafile=settings.ca_file)


def send_smtp(settings: SmtpSettings, sender: str, recipient: str, raw: bytes) -> None:
    """One SMTP session for one message. Raises smtplib/OSError exceptions; `is_permanent` sorts them."""
    context = tls_context(settings)
    if settings.implicit_tls:
        server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with server:
        server.ehlo()
        if settings.starttls:
            if not server.has_extn("starttls"):
                raise smtplib.SMTPNotSupportedError("The mail server does not offer STARTTLS; use smtps:// or fix it.")
            server.starttls(context=context)
            server.ehlo()
        if settings.username:
            server.login(settings.username, settings.password or "")
        refused = server.sendmail(sender, [recipient], raw)
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)


def is_permanent(error: BaseException) -> bool:
    """A 5xx answer or a refused address: retrying sends nothing more. Timeouts, 4xx, lost connections: retry."""
    if isinstance(error, PERMANENT):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def write_outbox(folder: Path, name: str, raw: bytes) -> Path:
    """The .eml file a mail program opens; readable by the owner only (an invitation holds a private link)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.eml"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(raw)
    return path
