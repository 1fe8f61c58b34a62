"""The one access check. Every route that reaches a client, an assessment or a link comes through here.

Who may do what:
- a consultant manages only their own clients, and through them those clients' assessments and links;
- a respondent link reaches exactly one assessment: it answers it and sees its results;
- a read-only link sees that one assessment's results and report, and can write nothing;
- a revoked or expired link is no link at all.
Every refusal is the same 404 as a page that does not exist, so no one learns what is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import LINK_ANSWER, Assessment, Client, Link
from .operations import find_respondent

Need = Literal["read", "answer", "manage"]


@dataclass(frozen=True)
class Principal:
    """Who is asking: a signed-in consultant, the holder of a link, or nobody."""

    user_id: int | None = None
    link: Link | None = None


def permits(principal: Principal, owner_id: int | None, assessment_id: int | None, need: Need) -> bool:
    """The whole policy. `owner_id` is the consultant owning the client (None for a firm on its own)."""
    if need == "manage":
        return principal.user_id is not None and owner_id == principal.user_id
    link = principal.link
    if link is None or assessment_id is None or link.assessment_id != assessment_id:
        return False
    if not link.is_open(datetime.now(UTC).date()):
        return False
    return need == "read" or link.access == LINK_ANSWER


def refuse() -> None:
    abort(404)


def signed_in() -> Principal:
    return Principal(user_id=current_user.id if current_user.is_authenticated else None)


def by_token(token: str, need: Need) -> Link:
    """The link behind a token, if it may do `need` with its assessment."""
    link = find_respondent(token)
    if link is None or not permits(Principal(link=link), None, link.assessment_id, need):
        refuse()
    return link  # type: ignore[return-value]


def client(client_id: int) -> Client:
    organisation = db.session.get(Client, client_id)
    if organisation is None or not permits(signed_in(), organisation.consultant_id, None, "manage"):
        refuse()
    return organisation  # type: ignore[return-value]


def assessment(assessment_id: int) -> Assessment:
    """An assessment of one of the signed-in consultant's clients, with its organisation and standards."""
    statement = (
        select(Assessment)
        .where(Assessment.id == assessment_id)
        .options(joinedload(Assessment.organisation), selectinload(Assessment.standards))
    )
    found = db.session.scalars(statement).one_or_none()
    if found is None or not permits(signed_in(), found.organisation.consultant_id, found.id, "manage"):
        refuse()
    return found  # type: ignore[return-value]


def link(owner: Assessment, link_id: int) -> Link:
    """A link of an assessment the caller has already been allowed to manage."""
    found = db.session.get(Link, link_id)
    if found is None or found.assessment_id != owner.id:
        refuse()
    return found  # type: ignore[return-value]
