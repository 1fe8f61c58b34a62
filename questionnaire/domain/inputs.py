"""One input policy for text from every source: forms, CSV files and JSON files.

- Characters: C0 controls (U+0000-U+001F), DEL and C1 controls (U+0080-U+009F) are refused, and so are lone
  surrogates; tab and line breaks only in multi-line text (notes, reasons, scopes). PostgreSQL cannot store NUL,
  SQLite stores it silently, and none of them belongs in a name or a note.
- Lengths: one limit per kind of text (LIMITS), used by the forms, the CSV import and the JSON import alike, so
  whatever an import brings in can be saved again unchanged from its page.
- CSV is read strictly (an unterminated quote is an error on its line), with a comma or a semicolon (Excel in
  much of Europe) as separator, with or without a byte-order mark.
- JSON is read with a size, nesting-depth and integer-length limit, and a position for every value, so that a
  schema error names its line.
Every refusal is an `InputRefused` with a message for a person; callers answer 400 and write nothing.
"""

from __future__ import annotations

import bisect
import csv
import io
import json.decoder
import re
from dataclasses import dataclass
from typing import Any

NAME_MAX = 120  # a person's name, a role, a sector
ORGANISATION_MAX = 200
EMAIL_MAX = 254
SCOPE_MAX = 1000
REASON_MAX = 500
NOTE_MAX = 2000
LIMITS = {
    "name": NAME_MAX,
    "organisation": ORGANISATION_MAX,
    "email": EMAIL_MAX,
    "scope": SCOPE_MAX,
    "reason": REASON_MAX,
    "note": NOTE_MAX,
}

REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
REFUSED_ON_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


class InputRefused(ValueError):
    """Input that is refused as a whole; `line` is where the problem is, when it comes from a file."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"Line {line}: {message}" if line else message)
        self.line = line


def text_problem(text: str, multiline: bool = True, max_length: int | None = None) -> str | None:
    """What is wrong with this text under the policy, or None."""
    match = (REFUSED if multiline else REFUSED_ON_ONE_LINE).search(text)
    if match is not None:
        char = match.group()
        if char in "\t\n\r":
            return f"Keep this on one line: it contains a {'tab' if char == chr(9) else 'line break'}."
        return (
            f"Contains an invisible control character (U+{ord(char):04X}) at position {match.start() + 1}, "
            "which cannot be stored: remove it (retype the text rather than pasting it) and save again."
        )
    if max_length is not None and len(text) > max_length:
        return f"Use at most {max_length} characters (this has {len(text)})."
    return None


# --- CSV -------------------------------------------------------------------------------------------------------

DELIMITERS = (",", ";")


@dataclass(frozen=True)
class CsvTable:
    """A header (lower-cased, trimmed) and the rows after it, each with the line it starts on."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str


def read_csv(text: str, required: set[str], max_rows: int) -> CsvTable:
    """Parse the whole file strictly before anything is used; InputRefused names the line of the first problem."""
    text = text.removeprefix("\ufeff")
    delimiter = _delimiter(text, required)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [name.strip().lower() for name in _next_row(reader) or []]
    if missing := required - set(header):
        raise InputRefused(f"The first line must name the columns; missing: {', '.join(sorted(missing))}.", 1)
    rows = []
    while (start := reader.line_num + 1) and (cells := _next_row(reader)) is not None:
        if len(rows) >= max_rows:
            raise InputRefused(f"More than {max_rows} rows: this is not a file this page reads.", start)
        rows.append((start, cells))
    return CsvTable(header, rows, delimiter)


def _delimiter(text: str, required: set[str]) -> str:
    """A comma, or a semicolon when the first line names the columns with semicolons."""
    first = text.split("\n", 1)[0]
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first], delimiter=delimiter), [])
        if required <= {cell.strip().lower() for cell in cells}:
            return delimiter
    return ";" if first.count(";") > first.count(",") else ","


def _next_row(reader: Any) -> list[str] | None:
    start = reader.line_num + 1
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        raise InputRefused(_csv_problem(exc), start) from exc


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return 'a cell opens a quote (") here that is never closed, so the rest of the file would be read into it.'
    if "expected after" in text:
        return 'a quoted cell goes on after its closing quote ("); put the whole cell inside the quotes.'
    if "field limit" in text:
        return f"a cell is longer than {csv.field_size_limit():,} characters, far beyond any field of the form."
    return f"this is not valid CSV ({text})."


# --- JSON ------------------------------------------------------------------------------------------------------

JSON_MAX_BYTES = 4 * 1024 * 1024  # an import reads no more (MAX_CONTENT_LENGTH caps any upload before that)
JSON_MAX_DEPTH = 16  # an assessment export nests 5 deep
JSON_MAX_DIGITS = 20  # no number in an export is longer; Python refuses to read ints over 4,300 digits anyway
WHITESPACE = re.compile(r"[ \t\n\r]*")
NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
SURROGATE = re.compile(r"[\ud800-\udfff]")
LITERALS = {"true": True, "false": False, "null": None}

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class JsonDocument:
    """The text as read (without a byte-order mark), its value, and the line every value starts on."""

    text: str
    value: Any
    lines: dict[Path, int]

    def line_of(self, path: Path) -> int | None:
        """The line of the value at `path`, or of the nearest enclosing one (a missing key names its object)."""
        for end in range(len(path), -1, -1):
            if (found := self.lines.get(tuple(path[:end]))) is not None:
                return found
        return None


def read_json(raw: bytes, max_bytes: int = JSON_MAX_BYTES) -> JsonDocument:
    """UTF-8 (a BOM is accepted), at most `max_bytes`, depth and number limits, no duplicate keys."""
    if len(raw) > max_bytes:
        raise InputRefused(f"The file is {len(raw):,} bytes; at most {max_bytes:,} are read.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputRefused(f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read).") from exc
    parser = _JsonParser(text)
    value = parser.value(())
    parser.skip()
    if parser.pos != len(text):
        raise InputRefused("Something follows the end of the JSON document.", parser.line(parser.pos))
    return JsonDocument(text, value, parser.lines)


class _JsonParser:
    """A small JSON reader that knows where each value is and stops at the limits before Python would fail."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.depth = 0
        self.lines: dict[Path, int] = {}
        self.breaks = [i for i, char in enumerate(text) if char == "\n"]

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self.breaks, pos) + 1

    def skip(self) -> None:
        self.pos = WHITESPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def refuse(self, message: str) -> InputRefused:
        return InputRefused(message, self.line(self.pos))

    def value(self, path: Path) -> Any:
        self.skip()
        self.lines[path] = self.line(self.pos)
        char = self.text[self.pos : self.pos + 1]
        if char in ("{", "["):
            self.depth += 1
            if self.depth > JSON_MAX_DEPTH:
                raise self.refuse(f"The JSON nests more than {JSON_MAX_DEPTH} levels deep; an export never does.")
            found = self.object(path) if char == "{" else self.array(path)
            self.depth -= 1
            return found
        if char == '"':
            return self.string()
        if match := NUMBER.match(self.text, self.pos):
            return self.number(match)
        for word, literal in LITERALS.items():
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return literal
        raise self.refuse(
            "This is not JSON here (a missing quote, comma or bracket?)." if char else "The file ends early."
        )

    def string(self) -> str:
        try:
            found, self.pos = json.decoder.scanstring(self.text, self.pos + 1, True)
        except json.JSONDecodeError as exc:
            self.pos = exc.pos
            raise self.refuse(f"A text value cannot be read ({exc.msg.removesuffix(' at').lower()}).") from exc
        if surrogate := SURROGATE.search(found):
            raise self.refuse(
                f"A text holds half of a character (U+{ord(surrogate.group()):04X}): it cannot be stored."
            )
        return found

    def number(self, match: re.Match[str]) -> int | float:
        if len(match.group(1)) > JSON_MAX_DIGITS:
            raise self.refuse(f"A number has {len(match.group(1))} digits; at most {JSON_MAX_DIGITS} are read.")
        self.pos = match.end()
        return float(match.group()) if match.group(2) or match.group(3) else int(match.group())

    def object(self, path: Path) -> dict[str, Any]:
        found: dict[str, Any] = {}
        self.pos += 1
        self.skip()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return found
        while True:
            self.skip()
            if not self.text.startswith('"', self.pos):
                raise self.refuse("A name in quotes was expected here.")
            key = self.string()
            if key in found:
                raise self.refuse(f"“{key}” appears twice in the same object.")
            self.skip()
            if not self.text.startswith(":", self.pos):
                raise self.refuse("A colon (:) was expected after the name.")
            self.pos += 1
            found[key] = self.value((*path, key))
            if self.close("}"):
                return found

    def array(self, path: Path) -> list[Any]:
        found: list[Any] = []
        self.pos += 1
        self.skip()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return found
        while True:
            found.append(self.value((*path, len(found))))
            if self.close("]"):
                return found

    def close(self, bracket: str) -> bool:
        """After a member: True at the closing bracket, False after a comma; anything else is refused."""
        self.skip()
        char = self.text[self.pos : self.pos + 1]
        self.pos += 1
        if char == bracket:
            return True
        if char == ",":
            return False
        self.pos -= 1
        raise self.refuse(f"A comma or a closing {bracket} was expected here.")
