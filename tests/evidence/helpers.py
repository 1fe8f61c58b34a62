"""Files of every kind the evidence pages meet, made here (no fixtures on disk), and a browser-like upload."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from questionnaire.domain.storage import storage
from questionnaire.extensions import db
from questionnaire.models import Evidence, FindingAction

from ..conftest import csrf_from

POLICY_KEY = "iso9001-2015/5.2.2-a"  # ISO 9001 5.2.2: the quality policy, a document to maintain
RECORD_KEYS = ("hs-9.2-internal-audit", "iso9001-2015/9.3.3-a", "hs-7.2-competence")  # three records to retain


def pdf(text: str = "Quality policy") -> bytes:
    """A small, valid PDF with one line of text (libmagic reads the %PDF header)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(b"%PDF-1.4\n"), []
    out.seek(0, 2)
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx() -> bytes:
    """The smallest Word document libmagic recognises: [Content_Types].xml first, then word/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def png(width: int = 4, height: int = 3) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload(
    browser: FlaskClient,
    page_url: str,
    data: bytes,
    name: str,
    target: str | None = POLICY_KEY,
    token_page: str | None = None,
) -> TestResponse:
    """Post a file as the page's form does: its CSRF token, the target, the file."""
    html = browser.get(token_page or page_url).text
    form = {"csrf_token": csrf_from(html), "file": (io.BytesIO(data), name)}
    if target is not None:
        form["target"] = target
    return browser.post(page_url, data=form, content_type="multipart/form-data")


def rows(app: Flask) -> list[Evidence]:
    with app.app_context():
        found = list(db.session.scalars(select(Evidence).order_by(Evidence.id)))
        db.session.expunge_all()
        return found


def actions(app: Flask) -> list[FindingAction]:
    with app.app_context():
        found = list(db.session.scalars(select(FindingAction).order_by(FindingAction.id)))
        db.session.expunge_all()
        return found


def stored_files(app: Flask) -> list[str]:
    """Every file in the store, by digest."""
    with app.app_context():
        return list(storage().digests())


FILE_LINK = re.compile(
    r'href="(/(?:a/[A-Za-z0-9_-]{43}|consult/assessments/[A-Za-z0-9_-]{16})/evidence/([A-Za-z0-9_-]{16}))"'
)
