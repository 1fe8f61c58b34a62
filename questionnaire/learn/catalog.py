"""Read-only views of the banks for browsing: clause lookup and the harmonized-structure matrix. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..banks import Bank, BankRegistry, Clause, DocumentedInfo, Item, Section, items


@dataclass(frozen=True)
class ClauseView:
    bank: Bank
    section: Section
    clause: Clause
    questions: list[Item]
    previous: Clause | None
    following: Clause | None

    @property
    def evidence(self) -> list[str]:
        return _ordered_union(item.question.evidence for item in self.questions)

    @property
    def documents(self) -> list[tuple[DocumentedInfo, bool]]:
        """Documented information asked for here, with whether the standard makes it mandatory."""
        return [(q.documented_info, q.mandatory) for q in (i.question for i in self.questions) if q.documented_info]

    @property
    def methods(self) -> list[str]:
        return _ordered_union(item.question.audit_methods for item in self.questions)


def _ordered_union(groups: Iterable[Iterable[str]]) -> list[str]:
    """Every distinct value, in the order first seen."""
    return list(dict.fromkeys(value for group in groups for value in group))


def clause_view(bank: Bank, clause_id: str) -> ClauseView | None:
    ordered = [(s, c) for s in bank.sections for c in s.clauses]
    for index, (section, clause) in enumerate(ordered):
        if clause.id == clause_id:
            return ClauseView(
                bank,
                section,
                clause,
                [i for i in items(bank) if i.clause.id == clause_id and i.section.id == section.id],
                ordered[index - 1][1] if index else None,
                ordered[index + 1][1] if index + 1 < len(ordered) else None,
            )
    return None


@dataclass(frozen=True)
class Cell:
    clauses: list[Clause]
    own_questions: int
    shared: bool

    @property
    def adds(self) -> bool:
        return self.own_questions > 0


@dataclass(frozen=True)
class MatrixRow:
    id: str
    title: str
    cells: list[Cell]


def hs_matrix(registry: BankRegistry) -> tuple[list[Bank], list[MatrixRow], dict[str, list[Clause]]]:
    """Rows: shared clauses; columns: standards on the harmonized structure; cells: where each adds its own."""
    banks = [b for b in registry.available() if b.hs_edition]
    rows: list[MatrixRow] = []
    if registry.harmonized is None:
        return banks, rows, {}
    for hs_clause in registry.harmonized.clauses:
        cells = []
        for bank in banks:
            mapped = [i for i in items(bank) if i.clause.hs_clause == hs_clause.id]
            clauses = list({i.clause.id: i.clause for i in mapped}.values())
            own = sum(1 for i in mapped if not i.question.hs_key)
            cells.append(Cell(clauses, own, any(i.question.hs_key for i in mapped)))
        rows.append(MatrixRow(hs_clause.id, hs_clause.title, cells))
    beyond = {
        bank.id: [c for s in bank.sections if s.kind == "requirements" for c in s.clauses if not c.hs_clause]
        for bank in banks
    }
    return banks, rows, beyond
