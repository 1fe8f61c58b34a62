"""Accepting a file upload: these views allow a larger body than the site's other forms, so they check the CSRF
token themselves, after raising the limit (the app-wide check would refuse the body before the view runs)."""

from __future__ import annotations

from flask import current_app, request
from werkzeug.datastructures import FileStorage

from ..extensions import csrf

MULTIPART_SLACK = 64 * 1024  # the form's other fields and the multipart boundaries around the file


def accept_upload() -> None:
    """Raise this request's body limit to one file plus the form around it, then check the CSRF token."""
    request.max_content_length = int(current_app.config["EVIDENCE_MAX_FILE_BYTES"]) + MULTIPART_SLACK
    csrf.protect()


def upload_of(file: FileStorage) -> tuple[bytes, str | None]:
    """The bytes (one more than the limit at most: enough to say it is too large) and the name as sent."""
    limit = int(current_app.config["EVIDENCE_MAX_FILE_BYTES"])
    return file.stream.read(limit + 1), file.filename
