"""Editions: how a bank maps onto the one it supersedes. Pure data, used by the loader's checks,
transition assessments (ask only what changed) and carrying answers over.

A clause that is new or broadened asks something the old edition did not; an unchanged, editorial or
renumbered clause asks the same, so an answer given to the old edition still holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from .items import Item, answer_key, items
from .schema import Bank, Question

CHANGED = frozenset({"new", "broadened"})


def is_changed(item: Item) -> bool:
    change = item.clause.change
    return change is not None and change.kind in CHANGED


def transition_scope(bank: Bank) -> Bank:
    """The bank reduced to its new and broadened clauses: what a certified firm must show at transition."""
    sections = []
    for section in bank.sections:
        clauses = [c for c in section.clauses if c.change and c.change.kind in CHANGED]
        if clauses:
            sections.append(section.model_copy(update={"clauses": clauses}))
    scoped = bank.model_copy(update={"sections": sections})
    scoped._origins = bank._origins
    return scoped


def mapping_problems(new: Bank, old: Bank) -> list[str]:
    """Every `previous` id must exist in the old edition, and every old clause must be mapped somewhere."""
    old_ids = [c.id for s in old.sections for c in s.clauses]
    mapped: set[str] = set()
    problems = []
    for section in new.sections:
        for clause in section.clauses:
            previous = clause.change.previous if clause.change else []
            if unknown := sorted(set(previous) - set(old_ids)):
                problems.append(f"clause {clause.id}: previous clause(s) not in {old.id}: {', '.join(unknown)}")
            mapped.update(previous)
    if unmapped := [cid for cid in old_ids if cid not in mapped]:
        problems.append(f"clauses of {old.id} that no clause maps: {', '.join(unmapped)}")
    return problems


@dataclass(frozen=True)
class Carry:
    """An answer to the old edition that still holds for a question of the new one."""

    old_key: str
    new_key: str
    new_item: Item


def carries(new: Bank, old: Bank) -> list[Carry]:
    """Questions of unchanged, editorial and renumbered clauses, with the old question they carry from
    (`carries_from`, or the question with the same id)."""
    old_questions: dict[str, Question] = {item.question.id: item.question for item in items(old)}
    found = []
    for item in items(new):
        if item.clause.change is None or is_changed(item):
            continue
        source = old_questions.get(item.question.carries_from or item.question.id)
        if source is not None:
            found.append(Carry(answer_key(old.id, source), item.key, item))
    return found
