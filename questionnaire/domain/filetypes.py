"""What an uploaded file is, judged from its bytes with libmagic, never from its name; and a name safe to show,
to store and to put in a ZIP. Nothing here serves a file: downloads are always attachments (evidence routes)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import magic

SNIFF_BYTES = 64 * 1024  # libmagic needs the start of a file (ZIP-based Office files: the first entries)
NAME_MAX = 120


@dataclass(frozen=True)
class FileType:
    label: str
    extensions: tuple[str, ...]  # the first is the one given to a name whose extension does not fit


ALLOWED: dict[str, FileType] = {
    "application/pdf": FileType("PDF", (".pdf",)),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": FileType("Word", (".docx",)),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": FileType("Excel", (".xlsx",)),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": FileType("PowerPoint", (".pptx",)),
    "application/msword": FileType("Word 97-2003", (".doc",)),
    "application/vnd.ms-excel": FileType("Excel 97-2003", (".xls",)),
    "application/vnd.ms-powerpoint": FileType("PowerPoint 97-2003", (".ppt",)),
    "application/vnd.oasis.opendocument.text": FileType("OpenDocument text", (".odt",)),
    "application/vnd.oasis.opendocument.spreadsheet": FileType("OpenDocument spreadsheet", (".ods",)),
    "application/vnd.oasis.opendocument.presentation": FileType("OpenDocument presentation", (".odp",)),
    "image/png": FileType("PNG image", (".png",)),
    "image/jpeg": FileType("JPEG image", (".jpg", ".jpeg")),
    "image/gif": FileType("GIF image", (".gif",)),
    "image/webp": FileType("WebP image", (".webp",)),
    "image/tiff": FileType("TIFF image", (".tif", ".tiff")),
    "text/plain": FileType("text", (".txt", ".md", ".log")),
    "text/csv": FileType("CSV", (".csv",)),
}
ACCEPTED = "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, TIFF, plain text or CSV"
# markup a browser would run if a text file were ever opened as a page: refused even inside "plain text"
MARKUP = re.compile(rb"<\s*(?:!doctype|html|script|svg|iframe|object|embed|body|meta|xml|\?xml)\b", re.IGNORECASE)
REFUSED_KINDS = {
    "text/html": "a web page (HTML)",
    "image/svg+xml": "an SVG image, which can carry scripts",
    "application/zip": "a ZIP archive",
    "application/x-empty": "empty",
}


class FileRefused(ValueError):
    """The file is not one we keep; the message says why in words a user can act on."""


def detect(data: bytes) -> str:
    """The MIME type libmagic reads in the content."""
    if not data:
        return "application/x-empty"
    return str(magic.from_buffer(data[:SNIFF_BYTES], mime=True))


def check_type(data: bytes) -> str:
    """The file's content type when it is one we accept; FileRefused otherwise."""
    found = detect(data)
    if found not in ALLOWED:
        what = REFUSED_KINDS.get(found, f"of a kind we do not keep ({found})")
        raise FileRefused(f"This file is {what}. Upload a {ACCEPTED} file; nothing was stored.")
    if found.startswith("text/") and MARKUP.search(data):
        raise FileRefused(
            "This text file contains web-page markup (HTML or SVG tags), which we never keep. Save it as PDF or plain "
            "text without tags; nothing was stored."
        )
    if found.startswith("text/") and not _utf8_or_latin(data):
        raise FileRefused("This text file is not readable text. Upload it as PDF; nothing was stored.")
    return found


BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # control bytes no text file holds (ESC, tab, breaks allowed)


def _utf8_or_latin(data: bytes) -> bool:
    """Text in UTF-8 or a single-byte code page, without the control bytes of a binary file."""
    return BINARY.search(data) is None


UNSAFE = re.compile(r"[^\w .,()+&'-]+", re.UNICODE)


def safe_name(raw: str | None, content_type: str) -> str:
    """A file name with no folder, no control or path character, no leading dot, at most NAME_MAX characters,
    and an extension that matches its content (a text file called page.html becomes page.html.txt)."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = UNSAFE.sub("_", "".join(ch for ch in name if unicodedata.category(ch)[0] != "C"))
    name = re.sub(r"_+", "_", re.sub(r"\s+", " ", name)).strip(" ._")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    kind = ALLOWED[content_type]
    suffix = f".{extension.lower()}" if extension else ""
    if suffix not in kind.extensions:
        stem, suffix = name, kind.extensions[0]
    stem = (stem or "file")[: NAME_MAX - len(suffix)].rstrip(" ._") or "file"
    return stem + suffix
