"""Editions for educators: where an edition stands, and what changed clause by clause from the one before. Pure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..banks import Bank, BankRegistry, Clause

STATE_LABELS = {
    "current": "Current edition",
    "revision_under_way": "Current edition, revision under way",
    "superseded": "Superseded by a newer edition",
    "withdrawn": "Withdrawn",
}
# in the order a teacher would explain them: what is new first, what is merely moved last
CHANGE_KINDS = {
    "new": ("New", "A requirement the previous edition did not have."),
    "broadened": ("Broadened", "The same requirement, asking for more than before."),
    "unchanged": ("Unchanged", "Same number, same requirement."),
    "editorial": ("Editorial", "Wording or structure changed; a firm that met it before still meets it."),
    "renumbered": ("Renumbered", "The same requirement under a different number or split across clauses."),
}


@dataclass(frozen=True)
class ChangeMap:
    bank: Bank
    previous: Bank | None  # the superseded edition, when it is loaded (its clauses then get links)
    clauses: list[Clause]

    @property
    def counts(self) -> dict[str, int]:
        tally = Counter(c.change.kind for c in self.clauses if c.change)
        return {kind: tally[kind] for kind in CHANGE_KINDS}

    @property
    def previous_titles(self) -> dict[str, str]:
        return clause_titles(self.previous)

    def went_to(self) -> list[tuple[str, str | None, list[Clause]]]:
        """Each clause of the old edition (id, title when loaded) and the new clauses that took it over."""
        old = [(c.id, c.title) for s in self.previous.sections for c in s.clauses] if self.previous else []
        named = {pid for c in self.clauses if c.change for pid in c.change.previous}
        ids = [(cid, title) for cid, title in old] or [(cid, None) for cid in sorted(named, key=_numeric)]
        return [(cid, title, [c for c in self.clauses if c.change and cid in c.change.previous]) for cid, title in ids]


def _numeric(clause_id: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key: 9.2 before 10.1, numbers before letters."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in clause_id.split("."))


def clause_titles(bank: Bank | None) -> dict[str, str]:
    """Clause id -> title of a bank that may not be loaded (then nothing links to it)."""
    return {c.id: c.title for s in bank.sections for c in s.clauses} if bank else {}


def change_map(bank: Bank, registry: BankRegistry) -> ChangeMap | None:
    if not bank.supersedes:
        return None
    clauses = [clause for section in bank.sections for clause in section.clauses]
    return ChangeMap(bank, registry.get(bank.supersedes), clauses)


def successors(bank: Bank, registry: BankRegistry) -> list[Bank]:
    """Loaded editions that name this one in `supersedes` (their change maps explain the move)."""
    return [other for other in registry.available() if other.supersedes == bank.id]
