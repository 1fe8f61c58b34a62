"""The evidence index and the actions in an assessment's JSON export, and back on import.

Files travel by SHA-256, not bytes (the stage 1 pack's ZIP carries the bytes): an import re-attaches a file only
where this site's store holds those bytes, and names the others so they can be uploaded again. Like the rest of
the export, no database id, public id or timestamp goes in, so export, import and export give identical bytes.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import select

from ..extensions import db
from ..models import ACTION_STATUSES, Assessment, DocumentMark, Evidence, EvidenceBlob, FindingAction
from .actions import NOTE_MAX, OWNER_MAX
from .evidence import hold_blob
from .filetypes import ALLOWED
from .storage import storage

NoControl = StringConstraints(pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$")
Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ActionIn(Strict):
    bank: Annotated[str, Field(max_length=64)]
    clause: Annotated[str, Field(max_length=40)]
    title: Annotated[str, NoControl, Field(max_length=300)]
    owner: Annotated[str, NoControl, Field(max_length=OWNER_MAX)] | None = None
    due: date | None = None
    status: Annotated[str, Field(pattern="^(" + "|".join(ACTION_STATUSES) + ")$")] = "open"
    note: Annotated[str, NoControl, Field(max_length=NOTE_MAX)] = ""


class FileIn(Strict):
    sha256: Digest
    name: Annotated[str, NoControl, Field(min_length=1, max_length=160)]
    size: Annotated[int, Field(ge=1)]
    type: Annotated[str, Field(max_length=100)]
    question: Annotated[str, Field(max_length=160)] | None = None
    action: Annotated[str, Field(max_length=110)] | None = None  # "bank/clause" of an action of this file
    uploaded_by: Annotated[str, NoControl, Field(max_length=160)] = ""


class HeldIn(Strict):
    question: Annotated[str, Field(max_length=160)]
    note: Annotated[str, NoControl, Field(max_length=300)] = ""
    marked_by: Annotated[str, NoControl, Field(max_length=160)] = ""


def _ref(action: FindingAction) -> str:
    return f"{action.bank_id}/{action.clause_id}"


def export_extras(assessment: Assessment) -> dict[str, Any]:
    """Actions, files and documents held, each list in a stable order."""
    tracked = db.session.scalars(select(FindingAction).where(FindingAction.assessment_id == assessment.id)).all()
    refs = {action.id: _ref(action) for action in tracked}
    files = db.session.scalars(select(Evidence).where(Evidence.assessment_id == assessment.id)).all()
    held = db.session.scalars(select(DocumentMark).where(DocumentMark.assessment_id == assessment.id)).all()
    return {
        "actions": sorted(
            (
                {
                    "bank": a.bank_id,
                    "clause": a.clause_id,
                    "title": a.title,
                    "owner": a.owner,
                    "due": a.due_on.isoformat() if a.due_on else None,
                    "status": a.status,
                    "note": a.note,
                }
                for a in tracked
            ),
            key=lambda a: (a["bank"], a["clause"]),
        ),
        "evidence": sorted(
            (
                {
                    "sha256": f.sha256,
                    "name": f.name,
                    "size": f.size,
                    "type": f.content_type,
                    "question": f.question_key,
                    "action": refs.get(f.action_id) if f.action_id else None,
                    "uploaded_by": f.uploaded_by,
                }
                for f in files
            ),
            key=lambda f: (f["question"] or "", f["action"] or "", f["name"], f["sha256"], f["uploaded_by"]),
        ),
        "documents_held": sorted(
            ({"question": m.question_key, "note": m.note, "marked_by": m.marked_by} for m in held),
            key=lambda m: m["question"],
        ),
    }


def problem(actions: list[ActionIn], files: list[FileIn], questions: set[str]) -> str | None:
    """Why these cannot be imported into an assessment of these questions, or None."""
    refs = {f"{a.bank}/{a.clause}" for a in actions}
    if len(refs) != len(actions):
        return "An action is listed twice for the same requirement."
    for item in files:
        if (item.question is None) == (item.action is None):
            return f"The file '{item.name}' must name either a question or an action."
        if item.question is not None and item.question not in questions:
            return f"The file '{item.name}' is attached to '{item.question}', which is not part of these standards."
        if item.action is not None and item.action not in refs:
            return f"The file '{item.name}' is evidence for an action the file does not list ({item.action})."
        if item.type not in ALLOWED:
            return f"The file '{item.name}' is of a kind this site does not keep ({item.type})."
    return None


def import_extras(
    assessment: Assessment, actions: list[ActionIn], files: list[FileIn], held: list[HeldIn]
) -> list[str]:
    """Recreate actions and marks; re-attach each file whose bytes this site holds. Returns the names left out."""
    made = {}
    for a in actions:
        action = FindingAction(
            assessment_id=assessment.id,
            bank_id=a.bank,
            clause_id=a.clause,
            title=a.title,
            owner=a.owner,
            due_on=a.due,
            status=a.status,
            note=a.note,
        )
        db.session.add(action)
        made[f"{a.bank}/{a.clause}"] = action
    db.session.add_all(
        DocumentMark(assessment_id=assessment.id, question_key=m.question, note=m.note, marked_by=m.marked_by)
        for m in held
    )
    db.session.flush()
    digests = {f.sha256 for f in files}
    known = set(db.session.scalars(select(EvidenceBlob.sha256).where(EvidenceBlob.sha256.in_(digests))))
    store, missing = storage(), []
    for item in files:
        if item.sha256 not in known or not store.exists(item.sha256):
            missing.append(item.name)
            continue
        hold_blob(item.sha256, item.size, item.type)  # no sweep deletes it before this commits
        db.session.add(
            Evidence(
                assessment_id=assessment.id,
                sha256=item.sha256,
                name=item.name,
                size=item.size,
                content_type=item.type,
                question_key=item.question,
                action_id=made[item.action].id if item.action else None,
                uploaded_by=item.uploaded_by,
            )
        )
    return missing
