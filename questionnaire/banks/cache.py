"""Validated banks kept on disk, keyed by a hash of the bank files and of the code that reads them.

Parsing and validating every bank takes seconds of CPU; unpickling the result takes milliseconds. Any change
to a bank file, to the schema or loader code, or to the Python or pydantic version gives a new key, so a
stale cache is never read. The cache lives in the instance folder, which only the app itself writes.
"""

from __future__ import annotations

import hashlib
import os
import pickle  # noqa: S403 (only ever reads files this module wrote into the instance folder)
import sys
import tempfile
from pathlib import Path

import pydantic

from .registry import BankRegistry, load_registry

CODE = Path(__file__).resolve().parent


def cache_key(directory: Path) -> str:
    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}|{directory.resolve()}".encode())
    for path in sorted(CODE.glob("*.py")) + sorted(directory.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def cached_registry(directory: Path, cache_dir: Path) -> BankRegistry:
    """The registry from cache_dir when the key matches, else loaded from the files and cached."""
    path = cache_dir / f"banks-{cache_key(directory)}.pickle"
    try:
        return pickle.loads(path.read_bytes())  # noqa: S301 (our own file, see above)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    registry = load_registry(directory)
    _write(path, pickle.dumps(registry, protocol=pickle.HIGHEST_PROTOCOL))
    return registry


def _write(path: Path, data: bytes) -> None:
    """Atomically, so workers starting together never read half a file; a read-only instance folder is fine."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("banks-*.pickle"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".banks-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
