"""How the questions of one or several standards are laid out as pages. Pure: no Flask, no database.

One standard: a page per section, a block per clause, the bank's own wording.
Several harmonized-structure standards (an integrated assessment): a page per section id; shared
harmonized-structure questions come first, asked once in generic wording and counting for every
standard that maps them; then each standard's own questions under its clause headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..banks import Bank, Clause, HarmonizedStructure, Item, Question, items
from ..banks.transition import transition_scope


@dataclass(frozen=True)
class Entry:
    """One question as asked: its storage key, wording and the standards its answer counts for."""

    key: str
    question: Question
    text: str
    guidance: str
    evidence: tuple[str, ...]
    serves: tuple[str, ...]
    levels: dict[int, str] | None = None  # what levels 1-4 look like for this question, shown beside the scale
    control: bool = False  # an Annex A control: a line of the Statement of Applicability

    @cached_property
    def field_name(self) -> str:
        return re.sub(r"[^A-Za-z0-9]", "_", self.key)


@dataclass(frozen=True)
class Block:
    ref: str
    title: str
    summary: str
    standard: str
    entries: tuple[Entry, ...]
    shared: bool = False


@dataclass(frozen=True)
class QuestionPage:
    id: str
    title: str
    summary: str | None
    kind: str
    blocks: tuple[Block, ...]

    @cached_property
    def entries(self) -> list[Entry]:
        return [entry for block in self.blocks for entry in block.entries]


@dataclass(frozen=True)
class Questionnaire:
    banks: tuple[Bank, ...]
    pages: tuple[QuestionPage, ...]

    def page(self, page_id: str) -> QuestionPage | None:
        return next((page for page in self.pages if page.id == page_id), None)

    def neighbours(self, page_id: str) -> tuple[QuestionPage | None, QuestionPage | None]:
        ids = [page.id for page in self.pages]
        index = ids.index(page_id)
        before = self.pages[index - 1] if index > 0 else None
        after = self.pages[index + 1] if index + 1 < len(self.pages) else None
        return before, after

    @property
    def keys(self) -> list[str]:
        return [entry.key for page in self.pages for entry in page.entries]

    @cached_property
    def _places(self) -> dict[str, tuple[str, str]]:
        return {entry.key: (page.id, entry.field_name) for page in self.pages for entry in page.entries}

    def locate(self, key: str) -> tuple[str, str] | None:
        """The page a question is asked on and its anchor, so results can link back to it."""
        return self._places.get(key)


def build(banks: tuple[Bank, ...], harmonized: HarmonizedStructure | None, kind: str = "full") -> Questionnaire:
    """A transition assessment asks only the new and broadened clauses of the one standard it covers."""
    if kind == "transition":
        banks = tuple(transition_scope(bank) for bank in banks)
    pages = _single_pages(banks) if len(banks) == 1 or harmonized is None else _integrated_pages(banks, harmonized)
    return Questionnaire(banks, tuple(pages))


def _entry(item: Item, serves: tuple[str, ...]) -> Entry:
    q = item.question
    return Entry(item.key, q, q.text, q.guidance, tuple(q.evidence), serves, q.levels, item.section.kind == "controls")


def _single_pages(banks: tuple[Bank, ...]) -> list[QuestionPage]:
    pages = []
    for bank in banks:
        by_clause: dict[str, list[Entry]] = {}
        for item in items(bank):
            by_clause.setdefault(item.clause.id, []).append(_entry(item, (bank.name,)))
        for section in bank.sections:
            blocks = tuple(Block(c.id, c.title, c.summary, bank.name, tuple(by_clause[c.id])) for c in section.clauses)
            pages.append(QuestionPage(section.id, section.title, section.summary, section.kind, blocks))
    return pages


def _integrated_pages(banks: tuple[Bank, ...], harmonized: HarmonizedStructure) -> list[QuestionPage]:
    all_items = {bank.id: list(items(bank)) for bank in banks}
    serves: dict[str, list[str]] = {}
    for bank in banks:
        for item in all_items[bank.id]:
            if item.question.hs_key:
                serves.setdefault(item.key, []).append(bank.name)
    hs_titles = {clause.id: clause.title for clause in harmonized.clauses}
    pages: dict[str, QuestionPage] = {}
    for bank in banks:
        for section in bank.sections:
            if section.id in pages:
                continue
            pages[section.id] = QuestionPage(
                section.id,
                section.title,
                section.summary,
                section.kind,
                _shared_blocks(banks, all_items, section.id, serves, harmonized, hs_titles)
                + _own_blocks(banks, all_items, section.id),
            )
    return list(pages.values())


ItemsByBank = dict[str, list[Item]]


def _shared_blocks(
    banks: tuple[Bank, ...],
    all_items: ItemsByBank,
    section_id: str,
    serves: dict[str, list[str]],
    harmonized: HarmonizedStructure,
    hs_titles: dict[str, str],
) -> tuple[Block, ...]:
    blocks: dict[str, list[Entry]] = {}
    seen: set[str] = set()
    for bank in banks:
        for item in all_items[bank.id]:
            key = item.question.hs_key
            if item.section.id != section_id or not key or key in seen:
                continue
            seen.add(key)
            shared = harmonized.question(key)
            entry = Entry(
                key,
                item.question,
                shared.text,
                shared.guidance,
                tuple(shared.evidence),
                tuple(serves[key]),
                shared.levels or item.question.levels,
            )
            blocks.setdefault(shared.clause, []).append(entry)
    label = "Shared requirement"
    return tuple(
        Block(ref, hs_titles.get(ref, ref), label, "All chosen standards", tuple(entries), shared=True)
        for ref, entries in blocks.items()
    )


def _own_blocks(banks: tuple[Bank, ...], all_items: ItemsByBank, section_id: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for bank in banks:
        by_clause: dict[str, list[Entry]] = {}
        clauses: dict[str, Clause] = {}
        for item in all_items[bank.id]:
            if item.section.id == section_id and not item.question.hs_key:
                by_clause.setdefault(item.clause.id, []).append(_entry(item, (bank.name,)))
                clauses[item.clause.id] = item.clause
        blocks.extend(
            Block(cid, clauses[cid].title, clauses[cid].summary, bank.name, tuple(entries))
            for cid, entries in by_clause.items()
        )
    return tuple(blocks)
