"""The agreed-answers board: disagreements one section at a time, counted down as they are settled.

A question is open while respondents disagree (see scoring.consensus) and no answer is agreed; settled once the
consultant has recorded one. People who gave the same answer are grouped (at 100 respondents a question lists
a handful of levels, not a hundred cards), and several agreed answers are recorded with one save.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..models import Link
from ..scoring import AnswerValue
from ..scoring.consensus import AnswerSets, is_disagreement, merge
from .inputs import NOTE_MAX, REASON_MAX
from .inputs import text_problem as control_problem

LEVEL_VALUES = ("0", "1", "2", "3", "4")
PART_SIZE = 10  # questions a page shows: at 100 respondents a long section (38 questions of 9001's clause 8) is split
NA = "na"


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    note: str


@dataclass(frozen=True)
class Group:
    """Everyone who gave one answer (a level, or not applicable) to a question, with their notes."""

    level: int | None
    not_applicable: bool
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Item:
    entry: Any  # assess.layout.Entry: key, field_name, text, question
    ref: str
    groups: tuple[Group, ...]
    merged: AnswerValue | None
    agreed: AnswerValue | None
    carried: AnswerValue | None


@dataclass(frozen=True)
class SectionCount:
    page: Any  # assess.layout.Page
    open: int
    settled: int


@dataclass(frozen=True)
class Board:
    sections: tuple[SectionCount, ...]  # only the sections with something to settle or settled
    current: Any | None
    open_items: tuple[Item, ...]
    settled_items: tuple[Item, ...]
    total: int
    settled: int
    part: int = 1
    parts: int = 1

    @property
    def left(self) -> int:
        return self.total - self.settled


def people_of(assessment_id: int) -> dict[int, Any]:
    """Names and roles of the assessment's links, as plain rows (a hundred ORM objects cost more than the page)."""
    rows = db.session.execute(select(Link.id, Link.name, Link.role).where(Link.assessment_id == assessment_id))
    return {row.id: row for row in rows}


def state(sets: AnswerSets, key: str) -> str | None:
    """ "settled", "open", or None for a question nobody disagrees on and nobody agreed."""
    if key in sets.agreed:
        return "settled"
    return "open" if is_disagreement([value for _, value in sets.given(key)]) else None


def board(
    pages: Sequence[Any],
    refs: Mapping[str, str],
    sets: AnswerSets,
    people: Mapping[int, Any],
    section: str | None,
    part: int = 1,
    asked: frozenset[str] = frozenset(),
) -> Board:
    """The counts of every section, and the items of the one asked for (or the first with something open), at
    most PART_SIZE of them: `part` says which. `asked` are questions to answer anew although nobody disagrees (an
    action closed with evidence): they count as open, and their section is shown first."""
    counts, states = [], {}
    for page in pages:
        found = {
            entry.key: state(sets, entry.key) or ("open" if entry.key in asked else None) for entry in page.entries
        }
        states.update(found)
        opened, settled = sum(s == "open" for s in found.values()), sum(s == "settled" for s in found.values())
        if opened or settled:
            counts.append(SectionCount(page, opened, settled))
    if section is None and asked:
        section = next((c.page.id for c in counts if any(e.key in asked for e in c.page.entries)), None)
    chosen = next((c.page for c in counts if c.page.id == section), None)
    chosen = chosen or next((c.page for c in counts if c.open), None) or (counts[0].page if counts else None)
    keyed = [entry for entry in (chosen.entries if chosen else []) if states[entry.key]]
    parts = max(1, -(-len(keyed) // PART_SIZE))
    part = min(max(part, 1), parts)
    items = [item(entry, refs, sets, people) for entry in keyed[(part - 1) * PART_SIZE : part * PART_SIZE]]
    return Board(
        sections=tuple(counts),
        current=chosen,
        open_items=tuple(i for i in items if states[i.entry.key] == "open"),
        settled_items=tuple(i for i in items if states[i.entry.key] == "settled"),
        total=sum(c.open + c.settled for c in counts),
        settled=sum(c.settled for c in counts),
        part=part,
        parts=parts,
    )


def item(entry: Any, refs: Mapping[str, str], sets: AnswerSets, people: Mapping[int, Any]) -> Item:
    given = sets.given(entry.key)
    groups: dict[tuple[int | None, bool], list[Person]] = {}
    for rid, value in given:
        if not value.answered and not value.note:
            continue
        link = people.get(rid)
        person = Person(getattr(link, "name", None) or "The firm’s own link", getattr(link, "role", None), value.note)
        groups.setdefault((value.level, value.not_applicable), []).append(person)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0][1], -1 if kv[0][0] is None else kv[0][0]))
    return Item(
        entry=entry,
        ref=refs.get(entry.key, ""),
        groups=tuple(Group(level, na, tuple(p)) for (level, na), p in ordered),
        merged=merge(value for _, value in given),
        agreed=sets.agreed.get(entry.key),
        carried=sets.carried.get(entry.key),
    )


def parse(entries: Sequence[Any], form: Mapping[str, str]) -> tuple[dict[str, AnswerValue | None], dict[str, str]]:
    """Agreed answers posted for a section: key -> answer (None withdraws); problems by field name. A question
    left without a choice is left as it is."""
    changes: dict[str, AnswerValue | None] = {}
    problems: dict[str, str] = {}
    for entry in entries:
        name = entry.field_name
        level = form.get(f"level-{name}", "")
        note, reason = form.get(f"note-{name}", "").strip(), form.get(f"reason-{name}", "").strip()
        if problem := control_problem(note) or control_problem(reason):
            problems[name] = problem
        elif form.get(f"withdraw-{name}"):
            changes[entry.key] = None
        elif level in LEVEL_VALUES:
            changes[entry.key] = AnswerValue(int(level), False, "", note[:NOTE_MAX])
        elif level == NA and entry.question.allow_na and reason:
            changes[entry.key] = AnswerValue(None, True, reason[:REASON_MAX], note[:NOTE_MAX])
        elif level == NA:
            problems[name] = "“Not applicable” needs a question that allows it and a reason."
        elif level:
            problems[name] = "Choose a level from 0 to 4."
    return changes, problems
