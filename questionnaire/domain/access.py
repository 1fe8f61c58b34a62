"""The one access check. Every route that reaches a client, an assessment or a link comes through here.

Who may do what:
- a consultant manages only their own clients, and through them those clients' assessments and links;
- a respondent link reaches exactly one assessment: it answers it and sees its results;
- a read-only link sees that one assessment's results and report, and can write nothing;
- a revoked or expired link is no link at all.
Every refusal is the same 404 as a page that does not exist, so no one learns what is there.

URLs name objects by their random public id (`client(public_id)`, `assessment(public_id)`, `link(owner,
public_id)`); integer ids stay inside the database and never reach a URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import LINK_ANSWER, PUBLIC_ID_LENGTH, Assessment, Client, Link
from .operations import find_respondent

Need = Literal["read", "answer", "manage"]
PublicIdModel = TypeVar("PublicIdModel", Client, Assessment, Link)


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


def firm_link(token: str) -> Link:
    """The private link of a firm that started on its own (no consultant manages it): it may delete its assessment."""
    link = by_token(token, "answer")
    if link.assessment.organisation.consultant_id is not None:
        refuse()
    return link


def by_public_id(model: type[PublicIdModel], public_id: str) -> PublicIdModel | None:
    """The row a URL names, or None; a string that cannot be a public id costs no query."""
    if len(public_id) != PUBLIC_ID_LENGTH:
        return None
    return db.session.scalars(select(model).where(model.public_id == public_id)).one_or_none()


def client(public_id: str) -> Client:
    """One of the signed-in consultant's clients, by the public id in the URL."""
    found = by_public_id(Client, public_id)
    if found is None or not permits(signed_in(), found.consultant_id, None, "manage"):
        refuse()
    return found  # type: ignore[return-value]


def assessment(public_id: str) -> Assessment:
    """An assessment of one of the signed-in consultant's clients, with its organisation and standards."""
    if len(public_id) != PUBLIC_ID_LENGTH:
        refuse()
    statement = (
        select(Assessment)
        .where(Assessment.public_id == public_id)
        .options(joinedload(Assessment.organisation), selectinload(Assessment.standards))
    )
    found = db.session.scalars(statement).one_or_none()
    if found is None or not permits(signed_in(), found.organisation.consultant_id, found.id, "manage"):
        refuse()
    return found  # type: ignore[return-value]


def link(owner: Assessment, public_id: str) -> Link:
    """A link of an assessment the caller has already been allowed to manage, by its public id."""
    found = by_public_id(Link, public_id)
    if found is None or found.assessment_id != owner.id:
        refuse()
    return found  # type: ignore[return-value]
