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

COLUMNS = ["control", "title", "theme", "included", "justification", "level", "status"]
STATUS = {0: "Not in place", 1: "Planned or ad hoc", 2: "Partly implemented", 3: "Implemented", 4: "Evidenced"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 1000


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
        writer.writerow(
            [
                row.item.clause.id,
                row.item.clause.title,
                row.item.section.title,
                row.included,
                _safe(row.justification),
                "" if level is None else level,
                "Excluded" if row.included == "no" else STATUS.get(level, "") if level is not None else "",
            ]
        )
    return out.getvalue()


@dataclass(frozen=True)
class Parsed:
    values: dict[str, AnswerValue]
    errors: list[str]


def from_csv(bank: Bank, text: str) -> Parsed:
    """Read an edited SoA back; every problem is reported with its line, and any problem rejects the file."""
    by_control = {item.clause.id: item for item in controls(bank)}
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"control", "included", "justification", "level"} - set(reader.fieldnames or [])
    if missing:
        return Parsed({}, [f"The first line must name the columns; missing: {', '.join(sorted(missing))}."])
    values: dict[str, AnswerValue] = {}
    errors: list[str] = []
    for line, record in enumerate(reader, start=2):
        if line > MAX_ROWS:
            return Parsed({}, [f"More than {MAX_ROWS} lines: this is not a Statement of Applicability."])
        problem, key, value = _parse_row(by_control, record)
        if problem:
            errors.append(f"Line {line}: {problem}")
        elif key and value:
            values[key] = value
    return Parsed({} if errors else values, errors)


def _parse_row(
    by_control: dict[str, Item], record: dict[str, str | None]
) -> tuple[str | None, str, AnswerValue | None]:
    control = (record.get("control") or "").strip()
    item = by_control.get(control)
    if item is None:
        return f"'{control}' is not a control of this standard.", "", None
    included = (record.get("included") or "").strip().lower()
    justification = _unsafe((record.get("justification") or "").strip())
    level = (record.get("level") or "").strip()
    if included == "no":
        if not justification:
            return f"{control} is excluded without a justification.", "", None
        return None, item.key, AnswerValue(None, True, justification, "")
    if included not in {"yes", ""}:
        return f"{control}: 'included' must be yes, no or empty, not '{included}'.", "", None
    if level and level not in {"0", "1", "2", "3", "4"}:
        return f"{control}: level must be a whole number from 0 to 4, not '{level}'.", "", None
    if included == "" and not level and not justification:
        return None, "", None  # not decided yet
    return None, item.key, AnswerValue(int(level) if level else None, False, "", justification)
