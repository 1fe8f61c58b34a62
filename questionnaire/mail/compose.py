"""Writing a message from a pair of templates (mail/<name>.txt and .html), in the consultant's name and colours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from flask import current_app, has_request_context, render_template, url_for

from .message import Message, new_cid


@dataclass(frozen=True)
class Sender:
    """Who a message speaks for: a consultant (name, firm, their address for replies, their logo) or the site."""

    name: str | None = None
    firm: str | None = None
    email: str | None = None
    logo_png: bytes | None = None

    @property
    def display(self) -> str | None:
        """ "Ann Auditor, Northwind Consulting": the From and Reply-To display name."""
        if not self.name:
            return None
        return f"{self.name}, {self.firm}" if self.firm else self.name


SITE = Sender()


def compose(
    name: str, to: str, subject: str, sender: Sender = SITE, to_name: str | None = None, **values: Any
) -> Message:
    """Both parts from one set of values; the HTML part names the logo by the Content-ID it travels under."""
    cid = new_cid("preaudit.logo") if sender.logo_png else None
    logo_src = f"cid:{cid[1:-1]}" if cid else None
    values |= {"sender": sender, "to_name": to_name, "subject": subject, "logo_src": logo_src}
    return Message(
        to=to,
        to_name=to_name,
        subject=subject,
        text=render_template(f"mail/{name}.txt", **values),
        html=render_template(f"mail/{name}.html", **values),
        sender_name=sender.display,
        reply_to=sender.email,
        logo_png=sender.logo_png,
        logo_cid=cid,
    )


def external_url(endpoint: str, **values: Any) -> str:
    """A link for an e-mail: on SITE_URL when set (never on a Host header someone else chose), else this request's."""
    site = current_app.config.get("SITE_URL")
    if site or not has_request_context():
        with current_app.test_request_context(base_url=site or "http://127.0.0.1:5000"):
            return url_for(endpoint, _external=True, **values)
    return url_for(endpoint, _external=True, **values)


def mailto(message: Message) -> str:
    """A mailto: link that opens the consultant's own mail program with the message ready (plain text)."""
    query = f"subject={quote(message.subject)}&body={quote(message.text)}"
    return f"mailto:{quote(message.to, safe='@')}?{query}" if message.to else f"mailto:?{query}"
