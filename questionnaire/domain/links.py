"""Respondent and read-only links: issue, revoke, regenerate, expire.

A token is 256 random bits from `secrets`; only its SHA-256 hash is stored, so a token is shown once, when
it is issued or regenerated, and never again. Nothing here logs a token.
"""

from __future__ import annotations

from datetime import date

from ..extensions import db
from ..models import LINK_ANSWER, LINK_READ, Assessment, Link, utcnow
from .tokens import hash_token, new_token


def issue(
    assessment: Assessment, name: str, role: str | None, access: str = LINK_ANSWER, expires_on: date | None = None
) -> tuple[Link, str]:
    """A new link for one person (or, with access "read", for management's read-only view of the results)."""
    if access not in (LINK_ANSWER, LINK_READ):
        raise ValueError(f"unknown link access {access!r}")
    token = new_token()
    link = Link(
        assessment_id=assessment.id,
        name=name.strip() or None,
        role=(role or "").strip() or None,
        access=access,
        token_hash=hash_token(token),
        expires_on=expires_on,
    )
    db.session.add(link)
    db.session.flush()  # so the page that shows the link once can name its assessment
    return link, token


def revoke(link: Link) -> None:
    """The link stops working at once; the answers given through it stay part of the assessment."""
    if link.revoked_at is None:
        link.revoked_at = utcnow()


def regenerate(link: Link) -> str:
    """A new token for the same person and answers; the old token (revoked or not) never works again."""
    token = new_token()
    link.token_hash = hash_token(token)
    link.revoked_at = None
    return token


def set_expiry(link: Link, expires_on: date | None) -> None:
    link.expires_on = expires_on
