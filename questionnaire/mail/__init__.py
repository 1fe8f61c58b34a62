"""E-mail as a component: compose a `Message`, `send` it; the job queue delivers it after the request commits.

- `MAIL_URL` set: SMTP (smtp:// with STARTTLS, smtps://), every call with MAIL_TIMEOUT, retried with a growing delay;
- no `MAIL_URL` (the `make run` default): each message is written to instance/outbox/ as an .eml file, and the
  pages that send one also show it to copy, so every flow works without a mail server.
"""

from __future__ import annotations

from .message import Message
from .outgoing import deliver, init_app, send, sends_for_real
from .settings import MailSettingsError

__all__ = ["MailSettingsError", "Message", "deliver", "init_app", "send", "sends_for_real"]
