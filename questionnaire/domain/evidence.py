"""Evidence files: add one (checked, limited, stored by content), list, delete, mark a document as held without a
file, and collect stored files no row needs any more. Callers commit once; `sweep` runs after that commit.

Hosts share the store and the database. A file and its `evidence_blob` row come and go together under a lock on
that row: an upload holds it (FOR KEY SHARE) from before the bytes are written until its commit, the sweep holds it
(FOR UPDATE) while it checks that no evidence row refers to the file and deletes it. On SQLite the database's one
write lock does the same. So a sweep on one host never deletes a file that an upload on another host relies on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, distinct, exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import Assessment, DocumentMark, Evidence, EvidenceBlob, FindingAction
from .filetypes import FileRefused, check_type, safe_name
from .storage import digest_of, storage

LOCK_TRIES = 5


class UploadRefused(ValueError):
    """The file was not kept; the message says why, and nothing was stored."""


@dataclass(frozen=True)
class Uploader:
    """Who adds a file: a link (which may later delete its own files) or the consultant (link_id None)."""

    label: str
    link_id: int | None = None


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    assessment_bytes: int

    @classmethod
    def configured(cls) -> Limits:
        config = current_app.config
        return cls(int(config["EVIDENCE_MAX_FILE_BYTES"]), int(config["EVIDENCE_MAX_ASSESSMENT_BYTES"]))


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 100 * 1024 else f"{max(1, round(size / 1024))} KB"


def add_file(
    assessment_id: int,
    data: bytes,
    filename: str | None,
    uploader: Uploader,
    question_key: str | None = None,
    action: FindingAction | None = None,
    limits: Limits | None = None,
) -> Evidence:
    """Check the file completely, then store it; UploadRefused (with nothing stored) when it may not be kept."""
    limits = limits or Limits.configured()
    if not data:
        raise UploadRefused("The file is empty. Choose the file again; nothing was stored.")
    if len(data) > limits.file_bytes:
        raise UploadRefused(
            f"The file is {megabytes(len(data))}; a file may be at most {megabytes(limits.file_bytes)}. "
            "Nothing was stored: compress it or split it."
        )
    try:
        content_type = check_type(data)
    except FileRefused as refused:
        raise UploadRefused(str(refused)) from refused
    digest = digest_of(data)
    _lock_assessment(assessment_id)
    if _already_attached(assessment_id, digest, question_key, action):
        raise UploadRefused("This exact file is already attached here; nothing new was stored.")
    used = stored_bytes([assessment_id]).get(assessment_id, 0)
    if not _holds(assessment_id, digest) and used + len(data) > limits.assessment_bytes:
        raise UploadRefused(
            f"This assessment already holds {megabytes(used)} of files, and may hold "
            f"{megabytes(limits.assessment_bytes)}; this file ({megabytes(len(data))}) would go over. "
            "Nothing was stored: delete files no longer needed."
        )
    hold_blob(digest, len(data), content_type)
    storage().put(digest, data)
    evidence = Evidence(
        assessment_id=assessment_id,
        sha256=digest,
        name=safe_name(filename, content_type),
        size=len(data),
        content_type=content_type,
        question_key=None if action else question_key,
        action=action,
        link_id=uploader.link_id,
        uploaded_by=uploader.label[:160],
    )
    db.session.add(evidence)
    db.session.flush()
    return evidence


def _lock_assessment(assessment_id: int) -> None:
    """Serialises uploads to one assessment (row lock on PostgreSQL, the write lock on SQLite): the limit holds."""
    table = Assessment.__table__
    db.session.execute(update(table).where(table.c.id == assessment_id).values(revision=table.c.revision))


def _already_attached(assessment_id: int, digest: str, question_key: str | None, action: FindingAction | None) -> bool:
    target = Evidence.action_id == action.id if action else Evidence.question_key == question_key
    statement = select(Evidence.id).where(Evidence.assessment_id == assessment_id, Evidence.sha256 == digest, target)
    return db.session.scalar(statement) is not None


def _holds(assessment_id: int, digest: str) -> bool:
    statement = select(Evidence.id).where(Evidence.assessment_id == assessment_id, Evidence.sha256 == digest).limit(1)
    return db.session.scalar(statement) is not None


def hold_blob(digest: str, size: int, content_type: str) -> None:
    """Make sure the blob row exists and hold it until commit, so no sweep deletes the file meanwhile."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for _ in range(LOCK_TRIES):
        statement = insert(EvidenceBlob).values(sha256=digest, size=size, content_type=content_type)
        db.session.execute(statement.on_conflict_do_nothing(index_elements=["sha256"]))
        held = select(EvidenceBlob.sha256).where(EvidenceBlob.sha256 == digest)
        if db.session.scalar(held.with_for_update(read=True, key_share=True)) is not None:
            return
    raise UploadRefused("The file store is busy; nothing was stored. Try again in a moment.")


def files_of(assessment_id: int) -> list[Evidence]:
    statement = select(Evidence).where(Evidence.assessment_id == assessment_id)
    return list(db.session.scalars(statement.order_by(Evidence.created_at, Evidence.id)))


def find(assessment_id: int, public_id: str) -> Evidence | None:
    """A file of this assessment by its public id; None for any other (the caller answers 404)."""
    statement = select(Evidence).where(Evidence.assessment_id == assessment_id, Evidence.public_id == public_id)
    return db.session.scalar(statement)


def may_delete(evidence: Evidence, link_id: int | None) -> bool:
    """The consultant (link_id None) deletes any file; a link only the files it uploaded."""
    return link_id is None or evidence.link_id == link_id


def remove(evidence: Evidence) -> None:
    """Delete the row; the bytes go at the next sweep if nothing else refers to them."""
    db.session.delete(evidence)


def sweep() -> int:
    """Delete every stored file that no evidence row refers to any more; returns how many. Commits per file."""
    unreferenced = select(EvidenceBlob.sha256).where(~exists().where(Evidence.sha256 == EvidenceBlob.sha256))
    candidates = list(db.session.scalars(unreferenced))
    db.session.commit()
    store, removed = storage(), 0
    for digest in candidates:
        held = select(EvidenceBlob.sha256).where(EvidenceBlob.sha256 == digest).with_for_update()
        if db.session.scalar(held) is not None:
            gone = db.session.execute(
                delete(EvidenceBlob).where(
                    EvidenceBlob.sha256 == digest, ~exists().where(Evidence.sha256 == EvidenceBlob.sha256)
                )
            )
            if gone.rowcount:  # type: ignore[attr-defined]
                store.delete(digest)
                removed += 1
        db.session.commit()
    return removed


def stored_bytes(assessment_ids: Iterable[int]) -> dict[int, int]:
    """Bytes each assessment holds, each distinct file once."""
    per_file = (
        select(Evidence.assessment_id, Evidence.sha256, func.max(Evidence.size).label("size"))
        .where(Evidence.assessment_id.in_(list(assessment_ids)))
        .group_by(Evidence.assessment_id, Evidence.sha256)
        .subquery()
    )
    statement = select(per_file.c.assessment_id, func.sum(per_file.c.size)).group_by(per_file.c.assessment_id)
    return {assessment_id: int(total) for assessment_id, total in db.session.execute(statement)}


@dataclass(frozen=True)
class Usage:
    files: int
    bytes: int

    @property
    def text(self) -> str:
        return f"{self.files} file{'s' if self.files != 1 else ''}, {megabytes(self.bytes)}" if self.files else "none"


def usage(assessment_ids: list[int]) -> dict[int, Usage]:
    """Files and bytes per assessment, for the consultant's pages (storage kept per client)."""
    files = select(Evidence.assessment_id, func.count(distinct(Evidence.sha256))).where(
        Evidence.assessment_id.in_(assessment_ids)
    )
    counts = {key: count for key, count in db.session.execute(files.group_by(Evidence.assessment_id))}
    sizes = stored_bytes(assessment_ids)
    return {i: Usage(int(counts.get(i, 0)), sizes.get(i, 0)) for i in assessment_ids}


def marks_of(assessment_id: int) -> dict[str, DocumentMark]:
    statement = select(DocumentMark).where(DocumentMark.assessment_id == assessment_id)
    return {mark.question_key: mark for mark in db.session.scalars(statement)}


def set_mark(assessment_id: int, question_key: str, held: bool, by: str, note: str = "") -> None:
    """Mark a document as held without a file (or take the mark back)."""
    where = (DocumentMark.assessment_id == assessment_id, DocumentMark.question_key == question_key)
    db.session.execute(delete(DocumentMark).where(*where))
    if held:
        db.session.add(
            DocumentMark(assessment_id=assessment_id, question_key=question_key, note=note.strip(), marked_by=by[:160])
        )


@dataclass(frozen=True)
class CheckReport:
    files_without_rows: list[str]
    rows_without_files: list[tuple[str, str, int]]  # digest, file name, assessment id

    @property
    def clean(self) -> bool:
        return not self.files_without_rows and not self.rows_without_files


def check(older_than: float) -> CheckReport:
    """Stored files no row names (only those written before `older_than`: newer ones may be uploads under way),
    and evidence rows whose file is not in the store."""
    store = storage()
    known = set(db.session.scalars(select(EvidenceBlob.sha256)))
    loose = [digest for digest in store.digests(older_than) if digest not in known]
    rows = db.session.execute(select(Evidence.sha256, Evidence.name, Evidence.assessment_id).order_by(Evidence.id))
    missing = [(digest, name, assessment_id) for digest, name, assessment_id in rows if not store.exists(digest)]
    return CheckReport(loose, missing)
