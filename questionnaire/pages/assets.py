"""Static files under versioned URLs, cached for a year; plotly.js is our partial bundle, committed and pre-gzipped.

A versioned URL carries a hash of the file's content (`?v=` for static files, the name for plotly.js), so a
changed file gets a new URL and browsers may keep every URL forever (`immutable`). scripts/build-plotly makes
static/vendor/plotly.min.js; nothing is fetched from another host, and nothing needs npm at run time.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Flask, request, send_from_directory
from werkzeug.security import safe_join
from werkzeug.wrappers import Response

ONE_YEAR = 365 * 24 * 3600
PLOTLY = Path("vendor") / "plotly.min.js"


@dataclass(frozen=True)
class Asset:
    raw: bytes
    gzipped: bytes
    etag: str


def content_hash(folder: Path, filename: str) -> str | None:
    """None for anything but a regular file inside `folder` (never follows '..' out of it)."""
    path = safe_join(str(folder), filename)
    if path is None or not Path(path).is_file():
        return None
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


@cache
def plotly_version(static_folder: str) -> str:
    return content_hash(Path(static_folder), str(PLOTLY)) or "missing"


@cache
def plotly_asset(static_folder: str) -> Asset:
    """Read and compress once per process (1.2 MB raw, 0.4 MB gzipped)."""
    raw = (Path(static_folder) / PLOTLY).read_bytes()
    return Asset(raw, gzip.compress(raw, compresslevel=9, mtime=0), f"plotly-{plotly_version(static_folder)}")


def version_static_files(app: Flask) -> None:
    """url_for('static', ...) adds ?v=<hash>; a request with the current hash is cached for a year."""
    folder = Path(app.static_folder or "static")
    versions: dict[str, str] = {}  # filename -> hash: every page asks for the same few, many times

    def version(filename: str) -> str:
        if filename not in versions:
            found = content_hash(folder, filename)
            if found is None:
                return "missing"  # not remembered: requests for made-up names must not grow the dict
            versions[filename] = found
        return versions[filename]

    @app.url_defaults
    def add_version(endpoint: str, values: dict[str, str]) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            values["v"] = version(values["filename"])

    def static(filename: str) -> Response:
        versioned = request.args.get("v") == version(filename)
        response = send_from_directory(folder, filename, max_age=ONE_YEAR if versioned else None)
        file = response.response
        response.make_sequence()  # small files, read whole: Flask-Compress then gzips them as it does pages
        file.close()  # type: ignore[attr-defined]
        if versioned:
            response.cache_control.public = True
            response.cache_control.immutable = True
        return response

    app.view_functions["static"] = static
