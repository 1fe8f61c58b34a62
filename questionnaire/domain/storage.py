"""Where evidence bytes live: one small interface, content-addressed by SHA-256, so a shared volume or an object
store can take the place of the local folder without any other module changing."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import current_app

DIGEST = re.compile(r"^[0-9a-f]{64}$")


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Storage(Protocol):
    """What the evidence code needs of a store. Every method takes the SHA-256 hex digest of the content."""

    def put(self, digest: str, data: bytes) -> None: ...
    def open(self, digest: str) -> BinaryIO: ...  # FileNotFoundError when absent
    def exists(self, digest: str) -> bool: ...
    def delete(self, digest: str) -> None: ...  # absent is fine
    def digests(self, older_than: float | None = None) -> Iterator[str]: ...


class LocalStorage:
    """A folder, shared by every host that mounts it: <root>/ab/cd/<digest>, written atomically (temp file, fsync,
    rename), so a reader on any host sees a whole file or none, and two hosts writing the same content agree."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, digest: str) -> Path:
        if not DIGEST.match(digest):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / digest[:2] / digest[2:4] / digest

    def put(self, digest: str, data: bytes) -> None:
        if digest_of(data) != digest:
            raise ValueError("content does not match its digest")
        target = self.path(digest)
        if target.is_file() and target.stat().st_size == len(data):
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o640)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def open(self, digest: str) -> BinaryIO:
        return self.path(digest).open("rb")

    def exists(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def delete(self, digest: str) -> None:
        self.path(digest).unlink(missing_ok=True)

    def digests(self, older_than: float | None = None) -> Iterator[str]:
        """Every stored digest; with `older_than` (a time.time() value) only files last written before it."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("??/??/*")):
            if DIGEST.match(path.name) and (older_than is None or path.stat().st_mtime < older_than):
                yield path.name


def storage() -> Storage:
    """The app's store: EVIDENCE_DIR, or instance/evidence."""
    root = current_app.config.get("EVIDENCE_DIR") or Path(current_app.instance_path) / "evidence"
    return LocalStorage(root)
