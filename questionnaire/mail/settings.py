"""MAIL_URL read once at start-up: a wrong URL stops the app with a message, not the first invitation."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}


class MailSettingsError(ValueError):
    """MAIL_URL (or a setting beside it) cannot work; the message says what to change."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    implicit_tls: bool  # smtps://: TLS from the first byte
    starttls: bool  # smtp://: upgraded with STARTTLS before anything else is said (required unless starttls=no)
    username: str | None
    password: str | None
    timeout: float
    ca_file: str | None


def parse_mail_url(url: str, timeout: float, ca_file: str | None = None) -> SmtpSettings:
    """smtp://user:password@host:587 (STARTTLS), smtps://user:password@host:465 (TLS), smtp://host:25?starttls=no."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS:
        raise MailSettingsError(f"MAIL_URL must start with smtp:// or smtps://, not {parts.scheme or 'nothing'}://.")
    if not parts.hostname:
        raise MailSettingsError("MAIL_URL names no mail server host, as in smtp://user:password@mail.example.com.")
    options = parse_qs(parts.query)
    plain = options.get("starttls", ["yes"])[0].lower() in ("no", "false", "0")
    if plain and parts.scheme == "smtps":
        raise MailSettingsError("starttls=no makes no sense with smtps://, which is TLS from the start.")
    username = unquote(parts.username) if parts.username else None
    if plain and username:
        raise MailSettingsError("MAIL_URL has a password but starttls=no: it would cross the network in clear.")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as exc:
        raise MailSettingsError(f"MAIL_URL has a port that is not a number: {exc}.") from exc
    return SmtpSettings(
        host=parts.hostname,
        port=port,
        implicit_tls=parts.scheme == "smtps",
        starttls=parts.scheme == "smtp" and not plain,
        username=username,
        password=unquote(parts.password) if parts.password else None,
        timeout=timeout,
        ca_file=ca_file,
    )
