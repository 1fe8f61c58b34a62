"""Statement of Applicability: every Annex A control, included or excluded with a justification, as CSV.

Pure: builds rows from a bank and answers, writes and reads CSV. Export then import gives the same answers,
so a consultant can edit the SoA in a spreadsheet and load it back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

from ..banks import Bank, Item, items
from ..scoring import AnswerValue
from .inputs import InputRefused, read_csv, text_problem

# justification: why a control is excluded, or for an included one its note (why it is in, how it is done);
# note: an excluded control's own note, which would otherwise have no column and be lost on re-import
COLUMNS = ["control", "title", "theme", "included", "justification", "level", "status", "note"]
REQUIRED = {"control", "included", "justification", "level"}
STATUS = {0: "Not in place", 1: "Planned or ad hoc", 2: "Partly implemented", 3: "Implemented", 4: "Evidenced"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 1000
ENCODING_HELP = (
    "Save it as “CSV UTF-8” (Excel: Save As, then “CSV UTF-8 (Comma delimited)”; LibreOffice: character set "
    "“Unicode (UTF-8)”) and upload it again."
)


def controls(bank: Bank) -> list[Item]:
    return [item for item in items(bank) if item.section.kind == "controls"]


def has_soa(bank: Bank) -> bool:
    return any(section.kind == "controls" for section in bank.sections)


@dataclass(frozen=True)
class SoaRow:
    item: Item
    answer: AnswerValue | None

    @property
    def included(self) -> str:
        if self.answer is None or not self.answer.answered:
            return ""
        return "no" if self.answer.not_applicable else "yes"

    @property
    def justification(self) -> str:
        if self.answer is None:
            return ""
        return self.answer.reason if self.answer.not_applicable else self.answer.note


def rows(bank: Bank, answers: Mapping[str, AnswerValue]) -> list[SoaRow]:
    return [SoaRow(item, answers.get(item.key)) for item in controls(bank)]


def _safe(text: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; a leading apostrophe keeps them text."""
    return "'" + text if text.startswith(FORMULA_START) else text


neutralise = _safe  # every CSV export neutralises formula-like cells the same way


def _unsafe(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def to_csv(bank: Bank, answers: Mapping[str, AnswerValue]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(bank, answers):
        level = row.answer.level if row.answer and row.answer.level is not None else None
        note = row.answer.note if row.answer and row.answer.not_applicable else ""
        writer.writerow(
            [
                row.item.clause.id,
                row.item.clause.title,
                row.item.section.title,
                row.included,
                _safe(row.justification),
                "" if level is None else level,
                "Excluded" if row.included == "no" else STATUS.get(level, "") if level is not None else "",
                _safe(note),
            ]
        )
    return out.getvalue()


@dataclass(frozen=True)
class Parsed:
    values: dict[str, AnswerValue]
    errors: list[str]


def decode(data: bytes) -> tuple[str | None, str | None]:
    """UTF-8, with or without the BOM spreadsheets write; anything else is refused, never guessed."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        found = "UTF-16 (“Unicode text”)" if utf16 else "Windows-1252 or Latin-1 (a plain “CSV” from Excel)"
        return None, f"The file is not UTF-8: it looks like {found}. {ENCODING_HELP}"


def from_csv(bank: Bank, text: str, limits: Limits) -> Parsed:
    """Read an edited SoA back; every problem is reported with its line, and any problem rejects the file.

    The file's structure is read strictly first (domain/inputs.py: an unterminated quote is an error on its line,
    a comma or semicolon separator, a BOM or none); then every row is checked.
    """
    try:
        table = read_csv(text, REQUIRED, MAX_ROWS)
    except InputRefused as exc:
        return Parsed({}, [str(exc)])
    by_control = {item.clause.id: item for item in controls(bank)}
    values: dict[str, AnswerValue] = {}
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue
        problem, key, value = _parse_cells(by_control, table.header, cells, limits, seen, line)
        if problem:
            errors.append(f"Line {line}: {problem}")
        elif key and value:
            values[key] = value
    return Parsed({} if errors else values, errors)


@dataclass(frozen=True)
class Limits:
    """The page form's own limits, so an imported answer can always be saved again from its page."""

    reason: int
    note: int


def _parse_cells(
    by_control: dict[str, Item],
    header: list[str],
    cells: list[str],
    limits: Limits,
    seen: dict[str, int],
    line: int,
) -> tuple[str | None, str, AnswerValue | None]:
    if len(cells) > len(header):
        return f"{len(cells)} cells but the first line names {len(header)} columns (an unquoted comma?).", "", None
    record = dict(zip(header, cells, strict=False))
    for column, cell in record.items():
        if problem := text_problem(cell):
            return f"column {column}: {problem[0].lower()}{problem[1:]}", "", None
    control = record.get("control", "").strip()
    if control in seen:
        return f"{control} appears twice (also on line {seen[control]}); keep one line per control.", "", None
    if control in by_control:
        seen[control] = line
    return _parse_row(by_control, record, limits)


def _too_long(control: str, what: str, text: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"{control}: the {what} is {len(text)} characters; at most {limit} are allowed."
    return None


def _parse_row(
    by_control: dict[str, Item], record: dict[str, str], limits: Limits
) -> tuple[str | None, str, AnswerValue | None]:
    control = record.get("control", "").strip()
    item = by_control.get(control)
    if item is None:
        return f"'{control}' is not a control of this standard.", "", None
    included = record.get("included", "").strip().lower()
    justification = _unsafe(record.get("justification", "").strip())
    note = _unsafe(record.get("note", "").strip())
    level = record.get("level", "").strip()
    if included == "no":
        problem = (
            (None if justification else f"{control} is excluded without a justification.")
            or _too_long(control, "justification of an exclusion", justification, limits.reason)
            or _too_long(control, "note", note, limits.note)
            or (f"{control} is excluded, so it has no level: empty the level cell or include it." if level else None)
        )
        return (problem, "", None) if problem else (None, item.key, AnswerValue(None, True, justification, note))
    if included not in {"yes", ""}:
        return f"{control}: 'included' must be yes, no or empty, not '{included}'.", "", None
    if note:
        return (
            f"{control}: the note column is for excluded controls; an included one's goes in justification.",
            "",
            None,
        )
    if problem := _too_long(control, "justification", justification, limits.note):
        return problem, "", None
    if level and level not in {"0", "1", "2", "3", "4"}:
        return f"{control}: level must be a whole number from 0 to 4, not '{level}'.", "", None
    if included == "" and not level and not justification:
        return None, "", None  # not decided yet
    return None, item.key, AnswerValue(int(level) if level else None, False, "", justification)
