"""Sending: a message becomes a `mail` row and a job on the queue, enqueued only once the request's transaction
commits, so a rolled-back request sends nothing and the job always finds its row."""

from __future__ import annotations

import logging
from email import policy
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db
from ..jobs import job
from ..models import MailRecord, utcnow
from .message import Message, build
from .settings import MailSettingsError, SmtpSettings, parse_mail_url
from .transport import is_permanent, send_smtp, write_outbox

log = logging.getLogger(__name__)
PENDING = "mail_pending"  # key in Session.info: (record id, raw message) to enqueue after commit
# header lines up to RFC 5322's 998 characters: Python's folding at 78 can break a subject before its first word
WIRE = policy.SMTP.clone(max_line_length=998)
RETRIES = 6  # with the delay doubling from one minute: the last try about an hour after the first
RETRY_DELAY = 60


def init_app(app: Flask) -> None:
    """Check the mail settings at start-up: a wrong MAIL_URL stops the app here with the reason."""
    url = app.config.get("MAIL_URL")
    if not url:
        app.extensions["mail"] = None
        return
    app.extensions["mail"] = parse_mail_url(url, float(app.config["MAIL_TIMEOUT"]), app.config.get("MAIL_CA_FILE"))
    if not app.config.get("SITE_URL"):
        raise MailSettingsError(
            "MAIL_URL is set, so set SITE_URL too (https://preaudit.example.com): links in e-mails are built from it, "
            "never from the Host header of whoever asked for the message."
        )


def smtp_settings() -> SmtpSettings | None:
    """None when messages go to the outbox folder (no MAIL_URL)."""
    return current_app.extensions.get("mail")


def sends_for_real() -> bool:
    return smtp_settings() is not None


def outbox_folder() -> Path:
    return Path(current_app.config.get("MAIL_OUTBOX") or Path(current_app.instance_path) / "outbox")


def send(message: Message, kind: str, *, consultant_id: int | None = None, link_id: int | None = None) -> MailRecord:
    """Queue one message. The caller commits; nothing leaves before that, and nothing at all after a rollback."""
    raw = build(message, current_app.config["MAIL_FROM"]).as_bytes(policy=WIRE)
    record = MailRecord(
        kind=kind, recipient=message.to, subject=message.subject[:250], consultant_id=consultant_id, link_id=link_id
    )
    db.session.add(record)
    db.session.flush()
    db.session.info.setdefault(PENDING, []).append((record.id, raw))
    return record


@event.listens_for(Session, "after_commit")
def _enqueue_after_commit(session: Session) -> None:
    for record_id, raw in session.info.pop(PENDING, []):
        deliver(record_id, raw)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


@job(retries=RETRIES, retry_delay=RETRY_DELAY, retry_backoff=2, context=True)
def deliver(record_id: int, raw: bytes, task: Any = None) -> None:
    """Hand one message to the mail server (or the outbox). Idempotent: a message already delivered is skipped."""
    record = db.session.get(MailRecord, record_id)
    if record is None or record.status != "queued":
        return
    record.attempts += 1
    settings = smtp_settings()
    try:
        if settings is None:
            name = f"{utcnow():%Y%m%d-%H%M%S}-{record.kind}-{record.id}"
            write_outbox(outbox_folder(), name, raw)
        else:
            send_smtp(settings, envelope_sender(), record.recipient, raw)
    except OSError as exc:  # smtplib's errors are OSErrors too; so are timeouts and refused connections
        record.error = f"{type(exc).__name__}: {exc}"[:1000]
        final = is_permanent(exc) or not getattr(task, "retries", 0)
        record.status = "failed" if final else "queued"
        db.session.commit()
        log.warning("mail %s (%s) not delivered, %s: %s", record.id, record.kind, record.status, record.error)
        if not final:
            raise
        return
    record.status, record.sent_at, record.error = ("outbox" if settings is None else "sent"), utcnow(), None
    db.session.commit()


def envelope_sender() -> str:
    """The bounce address: MAIL_FROM's address part."""
    return parseaddr(current_app.config["MAIL_FROM"])[1]
