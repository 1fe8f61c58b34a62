"""Leaving: a consultant takes everything away in one JSON file and deletes the account with all its data; a firm
that started on its own deletes its assessment through its private link.

Deletion is one DELETE of the account (or assessment) row: the database cascades to clients, assessments, links,
answers, agreed answers, sessions and evidence rows; the caller sweeps unreferenced evidence files after its commit.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, func, select

from ..banks import BankRegistry
from ..extensions import db
from ..models import Assessment, Client, Consultant, Link, utcnow
from . import throttle
from .clients import clients_of, latest_first
from .transfer import export_data

ACCOUNT_FORMAT = "preaudit-account"
ACCOUNT_VERSION = 1


def account_export(user: Consultant, registry: BankRegistry) -> str:
    """Every client and every assessment of the account, each assessment in the importable export format."""
    data = {
        "format": ACCOUNT_FORMAT,
        "version": ACCOUNT_VERSION,
        "exported_at": utcnow().isoformat(timespec="seconds") + "Z",
        "consultant": {"name": user.name, "email": user.email, "created_at": _when(user.created_at)},
        "clients": [_client(client, registry) for client in clients_of(user)],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _client(client: Client, registry: BankRegistry) -> dict[str, Any]:
    return {
        "name": client.name,
        "sector": client.sector,
        "headcount": client.headcount,
        "scope": client.scope,
        "created_at": _when(client.created_at),
        "assessments": [_assessment(assessment, registry) for assessment in reversed(latest_first(client))],
    }


def _assessment(assessment: Assessment, registry: BankRegistry) -> dict[str, Any]:
    links = [
        {
            "name": link.name,
            "role": link.role,
            "access": link.access,
            "expires_on": link.expires_on.isoformat() if link.expires_on else None,
            "revoked": link.revoked_at is not None,
        }
        for link in assessment.respondents
    ]
    return {"created_at": _when(assessment.created_at), "kind": assessment.kind, "links": links} | {
        "export": export_data(assessment, registry)
    }


def _when(moment: Any) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


def delete_account(user: Consultant) -> None:
    """The account and everything under it; the caller commits and signs the browser out."""
    throttle.lift_sign_in_lock(user)
    db.session.execute(delete(Consultant).where(Consultant.id == user.id))


def delete_own_assessment(link: Link) -> str:
    """A self-started firm's assessment, and the firm's record once it holds nothing else; the firm's name."""
    assessment = link.assessment
    name, organisation_id = assessment.organisation.name, assessment.organisation_id
    db.session.execute(delete(Assessment).where(Assessment.id == assessment.id))
    remaining = db.session.scalar(
        select(func.count(Assessment.id)).where(Assessment.organisation_id == organisation_id)
    )
    if not remaining:
        db.session.execute(delete(Client).where(Client.id == organisation_id))
    return name
