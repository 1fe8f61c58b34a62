"""Read-only views of the banks for browsing: clause views, the harmonized-structure matrix, glossary letters. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..banks import Bank, BankRegistry, Clause, DocumentedInfo, Item, Section, items
from ..banks.glossary import Term


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

    @property
    def feeds_into(self) -> list[Clause]:
        """The clauses this one names as related: what it feeds or depends on."""
        by_id = {c.id: c for s in self.bank.sections for c in s.clauses}
        return [by_id[clause_id] for clause_id in self.clause.related if clause_id in by_id]

    @property
    def fed_by(self) -> list[Clause]:
        """The clauses that name this one as related."""
        return [c for s in self.bank.sections for c in s.clauses if self.clause.id in c.related]


def _ordered_union(groups: Iterable[Iterable[str]]) -> list[str]:
    """Every distinct value, in the order first seen."""
    return list(dict.fromkeys(value for group in groups for value in group))


def clause_views(bank: Bank) -> list[ClauseView]:
    """Every clause of a bank in order, with its questions: one pass, for the handout and the clause pages."""
    grouped: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in items(bank):
        grouped[(item.section.id, item.clause.id)].append(item)
    ordered = [(s, c) for s in bank.sections for c in s.clauses]
    return [
        ClauseView(
            bank,
            section,
            clause,
            grouped[(section.id, clause.id)],
            ordered[index - 1][1] if index else None,
            ordered[index + 1][1] if index + 1 < len(ordered) else None,
        )
        for index, (section, clause) in enumerate(ordered)
    ]


def clause_view(bank: Bank, clause_id: str) -> ClauseView | None:
    return next((view for view in clause_views(bank) if view.clause.id == clause_id), None)


def uncertain_clauses(bank: Bank) -> list[Clause]:
    """Clauses whose id or title was recalled rather than seen in a source (confidence K)."""
    return [clause for section in bank.sections for clause in section.clauses if clause.confidence == "K"]


def by_letter(terms: list[Term]) -> list[tuple[str, list[Term]]]:
    """Alphabetical terms grouped under their initial, for the glossary's letter index."""
    groups: dict[str, list[Term]] = {}
    for term in terms:
        groups.setdefault(term.term[0].upper(), []).append(term)
    return list(groups.items())


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
