"""The stage 1 document pack: per standard, every mandatory document and record with what the firm has for it
(files, a mark that it is held without a file, or nothing), and the same as a ZIP a certification body's stage 1
reviewer can read: an index (HTML and CSV) and the files, one folder per document."""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Literal
from urllib.parse import quote

from ..banks import Bank, Item
from ..models import DocumentMark, Evidence
from ..scoring import Result
from .soa import neutralise
from .storage import Storage

PackStatus = Literal["present", "marked", "missing", "excluded"]
STATUS_LABELS: dict[str, str] = {
    "present": "Present",
    "marked": "Marked present, no file",
    "missing": "Missing",
    "excluded": "Excluded",
}
SPOOL_BYTES = 8 * 1024 * 1024  # a pack larger than this is built on disk, not in memory


@dataclass(frozen=True)
class PackItem:
    item: Item
    status: PackStatus
    files: tuple[Evidence, ...]
    mark: DocumentMark | None
    answer: str  # what the self-assessment says of it: in place, partial, missing, not assessed, not applicable
    level: int | None
    folder: str  # its folder in the ZIP

    @property
    def kind(self) -> str:
        return "Document to maintain" if self.documented.kind == "document" else "Record to retain"

    @property
    def documented(self):  # type: ignore[no-untyped-def]
        return self.item.question.documented_info

    @property
    def label(self) -> str:
        if self.status == "present":
            return f"Present ({len(self.files)} file{'s' if len(self.files) != 1 else ''})"
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class StandardPack:
    bank: Bank
    items: tuple[PackItem, ...]

    def count(self, status: str) -> int:
        return sum(1 for entry in self.items if entry.status == status)


def build(results: Iterable[Result], files: Iterable[Evidence], marks: dict[str, DocumentMark]) -> list[StandardPack]:
    """Every standard's documented information, in bank order; a shared item has one folder for all standards."""
    by_key: dict[str, list[Evidence]] = {}
    for evidence in files:
        if evidence.question_key:
            by_key.setdefault(evidence.question_key, []).append(evidence)
    folders: dict[str, str] = {}
    packs = []
    for result in results:
        entries = []
        for document in result.documents:
            key = document.item.key
            if key not in folders:
                folders[key] = folder_name(len(folders) + 1, document.item)
            attached = tuple(by_key.get(key, ()))
            status: PackStatus = (
                "present"
                if attached
                else "excluded"
                if document.status == "not applicable"
                else "marked"
                if key in marks
                else "missing"
            )
            entries.append(
                PackItem(document.item, status, attached, marks.get(key), document.status, document.level, folders[key])
            )
        packs.append(StandardPack(result.bank, tuple(entries)))
    return packs


def root_name(organisation: str, day: date) -> str:
    """The ZIP's one folder: the client's name in ASCII letters, digits and hyphens, and the day it was made."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", organisation.lower()).strip("-")[:60] or "client"
    return f"stage-1-pack-{cleaned}-{day.isoformat()}"


def folder_name(number: int, item: Item) -> str:
    name = re.sub(r"[^A-Za-z0-9 ,()-]+", " ", item.question.documented_info.name)  # type: ignore[union-attr]
    name = re.sub(r"\s+", " ", name).strip()[:60].strip()
    return f"{number:02d} {item.clause.id} {name}".strip()


def file_paths(packs: list[StandardPack]) -> dict[int, str]:
    """Evidence id -> its path in the ZIP: the item's folder and its name, numbered when two names are equal."""
    paths: dict[int, str] = {}
    taken: set[str] = set()
    for pack in packs:
        for entry in pack.items:
            for evidence in entry.files:
                if evidence.id in paths:
                    continue
                stem, dot, extension = evidence.name.rpartition(".")
                path, number = f"files/{entry.folder}/{evidence.name}", 2
                while path.lower() in taken:
                    path, number = f"files/{entry.folder}/{stem} ({number}){dot}{extension}", number + 1
                taken.add(path.lower())
                paths[evidence.id] = path
    return paths


def href(path: str) -> str:
    """A ZIP path as a relative link the index can use (spaces and non-ASCII letters percent-encoded)."""
    return quote(path, safe="/")


CSV_COLUMNS = [
    "standard",
    "clause",
    "kind",
    "documented information",
    "status",
    "file",
    "bytes",
    "sha256",
    "uploaded by",
    "uploaded on",
    "self-assessment",
    "note",
]


def index_csv(packs: list[StandardPack], paths: dict[int, str]) -> str:
    """One row per file (a row with no file for an item without one); formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for pack in packs:
        for entry in pack.items:
            answer = entry.answer + (f" (level {entry.level})" if entry.level is not None else "")
            base = [pack.bank.name, entry.item.clause.id, entry.kind, entry.documented.name, entry.label]
            note = entry.mark.note if entry.mark else ""
            for evidence in entry.files or (None,):
                cells = (
                    [paths[evidence.id], str(evidence.size), evidence.sha256, evidence.uploaded_by]
                    + [evidence.created_at.date().isoformat()]
                    if evidence
                    else ["", "", "", entry.mark.marked_by if entry.mark else "", ""]
                )
                writer.writerow([neutralise(cell) for cell in [*base, *cells, answer, note]])
    return "\ufeff" + out.getvalue()


def write_zip(
    packs: list[StandardPack], paths: dict[int, str], index_html: str, store: Storage, root: str, made: datetime
) -> IO[bytes]:
    """The pack as a ZIP in a temporary file (on disk past SPOOL_BYTES), positioned at its start."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned open to be streamed)
    stamp = made.timetuple()[:6]
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(f"{root}/index.html", stamp), index_html.encode("utf-8"))
        archive.writestr(zipfile.ZipInfo(f"{root}/index.csv", stamp), index_csv(packs, paths).encode("utf-8"))
        written: set[int] = set()
        for pack in packs:
            for entry in pack.items:
                for evidence in entry.files:
                    if evidence.id in written:
                        continue
                    written.add(evidence.id)
                    info = zipfile.ZipInfo(f"{root}/{paths[evidence.id]}", evidence.created_at.timetuple()[:6])
                    info.compress_type = zipfile.ZIP_DEFLATED
                    with store.open(evidence.sha256) as source, archive.open(info, "w") as target:
                        while chunk := source.read(1024 * 1024):
                            target.write(chunk)
    spool.seek(0)
    return spool  # type: ignore[return-value]
