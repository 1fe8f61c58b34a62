"""File types from content (libmagic), and names safe to store, show and zip."""

from __future__ import annotations

import pytest

from questionnaire.domain.filetypes import FileRefused, check_type, safe_name

from ..evidence.helpers import HTML, SVG, docx, pdf, png


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (pdf(), "application/pdf"),
        (docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (png(), "image/png"),
        ("Qualitätspolitik: wir prüfen jährlich.\n".encode(), "text/plain"),
    ],
)
def test_accepted_kinds_are_read_from_the_bytes(body: bytes, kind: str) -> None:
    assert check_type(body) == kind


@pytest.mark.parametrize(
    "body",
    [HTML, SVG, b"PK\x03\x04" + b"\x00" * 40, b"Notes\n" * 30 + b"<iframe src=x>", b"\x7fELF" + b"\x00" * 60],
    ids=["html", "svg", "zip", "text-with-iframe", "elf"],
)
def test_other_kinds_are_refused_with_a_reason(body: bytes) -> None:
    with pytest.raises(FileRefused, match="nothing was stored"):
        check_type(body)


@pytest.mark.parametrize(
    ("raw", "kind", "safe"),
    [
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini", "text/plain", "win.ini.txt"),
        ("C:\\Users\\me\\Policy.PDF", "application/pdf", "Policy.pdf"),
        ("report.html", "text/plain", "report.html.txt"),
        ("photo.JPEG", "image/jpeg", "photo.jpeg"),
        ("\u202eexe.pdf", "application/pdf", "exe.pdf"),  # a right-to-left override is a control character
        ("   ", "application/pdf", "file.pdf"),
        ("a" * 300 + ".pdf", "application/pdf", "a" * 116 + ".pdf"),
        ("Prüfbericht Nr. 7 (2026).pdf", "application/pdf", "Prüfbericht Nr. 7 (2026).pdf"),
    ],
)
def test_safe_names(raw: str, kind: str, safe: str) -> None:
    assert safe_name(raw, kind) == safe
