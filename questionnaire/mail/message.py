"""A message as our code writes it, and the MIME message it becomes: plain text and HTML, the logo inline.

Pure: no Flask, no database, so the shape of every e-mail can be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

SITE_NAME = "Preaudit"


@dataclass(frozen=True)
class Message:
    """What one person receives. `sender_name` is the consultant (with their firm), shown in From and Reply-To."""

    to: str
    subject: str
    text: str
    html: str
    to_name: str | None = None
    sender_name: str | None = None
    reply_to: str | None = None
    logo_png: bytes | None = None
    logo_cid: str | None = None  # the Content-ID the HTML part names the logo by, "<...>" included


def new_cid(domain: str) -> str:
    return make_msgid("logo", domain=domain)


def address(display: str | None, email: str) -> Address:
    """A header address; the display name is encoded by the email package, never pasted into the header."""
    local, _, domain = email.rpartition("@")
    return Address(display_name=display or "", username=local, domain=domain)


def build(message: Message, mail_from: str, now: datetime | None = None) -> EmailMessage:
    """The MIME message: multipart/alternative (text, then HTML with the logo as a related part)."""
    from_display, from_email = parseaddr(mail_from)
    sender = f"{message.sender_name} via {SITE_NAME}" if message.sender_name else (from_display or SITE_NAME)
    mime = EmailMessage()
    mime["From"] = address(sender, from_email)
    mime["To"] = address(message.to_name, message.to)
    if message.reply_to:
        mime["Reply-To"] = address(message.sender_name, message.reply_to)
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(now or datetime.now(UTC))
    mime["Message-ID"] = make_msgid(domain=from_email.rpartition("@")[2] or None)
    mime["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation responders do not answer it
    mime.set_content(message.text)
    mime.add_alternative(message.html, subtype="html")
    if message.logo_png and message.logo_cid:
        html_part = mime.get_payload()[1]
        html_part.add_related(message.logo_png, "image", "png", cid=message.logo_cid, filename="logo.png")
    return mime
