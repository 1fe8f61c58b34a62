"""The learners' glossary: terms an ISO learner meets, in our own words, tied to standards and clauses.

The file is optional. A broken one is reported like a broken bank and left out; the site keeps working.
Clause references are checked against the loaded banks, so a link from the glossary never leads to a 404.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from .loader import BankFileError, BankProblem, validate
from .schema import Bank, BankId, Identifier, StrictModel, Text, _duplicates

GLOSSARY_FILE = "_glossary.yaml"
ALL = "all"


def anchor_for(term: str) -> str:
    """A stable fragment id for a term, so other pages can link straight to its definition."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-")


class Term(StrictModel):
    term: Text
    definition: Text
    # bank ids the term belongs to, or just "all" for a term every management-system standard uses
    standards: list[BankId] = Field(min_length=1)
    # bank id -> clause ids where the term is the subject of the clause
    clauses: dict[BankId, list[Identifier]] = {}
    # other terms of this glossary worth reading next (contrasts such as correction / corrective action)
    see: list[Text] = []

    @property
    def anchor(self) -> str:
        return anchor_for(self.term)

    @property
    def for_all(self) -> bool:
        return self.standards == [ALL]

    @model_validator(mode="after")
    def _consistent(self) -> Term:
        if ALL in self.standards and len(self.standards) > 1:
            raise ValueError(f"'{ALL}' stands alone in 'standards'")
        if dupes := _duplicates(self.standards):
            raise ValueError(f"standard listed twice: {', '.join(dupes)}")
        if not self.for_all and (outside := sorted(set(self.clauses) - set(self.standards))):
            raise ValueError(f"'clauses' names banks missing from 'standards': {', '.join(outside)}")
        for bank_id, clause_ids in self.clauses.items():
            if not clause_ids:
                raise ValueError(f"'clauses' lists no clause for {bank_id}")
            if dupes := _duplicates(clause_ids):
                raise ValueError(f"clause listed twice for {bank_id}: {', '.join(dupes)}")
        return self


class Glossary(StrictModel):
    schema_version: Literal[1]
    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_and_linked(self) -> Glossary:
        if dupes := _duplicates([t.term.casefold() for t in self.terms]):
            raise ValueError(f"term defined twice: {', '.join(dupes)}")
        if dupes := _duplicates([t.anchor for t in self.terms]):
            raise ValueError(f"terms too alike to tell apart in a link: {', '.join(dupes)}")
        known = {t.term.casefold() for t in self.terms}
        if unknown := sorted({s for t in self.terms for s in t.see if s.casefold() not in known}):
            raise ValueError(f"'see' names terms not in the glossary: {', '.join(unknown)}")
        return self

    def alphabetical(self) -> list[Term]:
        return sorted(self.terms, key=lambda t: t.term.casefold())

    def term(self, name: str) -> Term | None:
        return next((t for t in self.terms if t.term.casefold() == name.casefold()), None)

    def for_clause(self, bank_ids: Collection[str], clause_id: str) -> list[Term]:
        """Terms whose clause references name this clause (in the bank or the bank it builds on)."""
        return [t for t in self.alphabetical() if any(clause_id in t.clauses.get(bank_id, ()) for bank_id in bank_ids)]


def load_glossary(
    directory: Path, banks: Mapping[str, Bank], broken: Collection[str]
) -> tuple[Glossary | None, list[BankProblem]]:
    """The glossary with every reference checked; references to a broken bank are dropped (it is reported)."""
    path = directory / GLOSSARY_FILE
    if not path.exists():
        return None, []
    try:
        glossary = validate(Glossary, path)
    except BankFileError as exc:
        return None, exc.problems
    problems = list(_reference_problems(glossary, banks, broken))
    return _keep_known(glossary, banks), problems


def _reference_problems(
    glossary: Glossary, banks: Mapping[str, Bank], broken: Collection[str]
) -> Iterator[BankProblem]:
    for term in glossary.terms:
        where = f"term '{term.term}'"
        for bank_id in term.standards:
            if bank_id != ALL and bank_id not in banks and bank_id not in broken:
                yield BankProblem(GLOSSARY_FILE, f"{where} > standards", f"no bank '{bank_id}'")
        for bank_id, clause_ids in term.clauses.items():
            if bank_id not in banks:
                if bank_id not in broken:
                    yield BankProblem(GLOSSARY_FILE, f"{where} > clauses", f"no bank '{bank_id}'")
                continue
            if unknown := [c for c in clause_ids if c not in _clause_ids(banks[bank_id])]:
                yield BankProblem(GLOSSARY_FILE, f"{where} > clauses", f"not in {bank_id}: {', '.join(unknown)}")


def _keep_known(glossary: Glossary, banks: Mapping[str, Bank]) -> Glossary:
    """Drop references the site could not link to, so a reported mistake never shows as a dead link."""
    terms = []
    for term in glossary.terms:
        standards = [s for s in term.standards if s == ALL or s in banks]
        clauses = {
            bank_id: kept
            for bank_id, clause_ids in term.clauses.items()
            if bank_id in banks and (kept := [c for c in clause_ids if c in _clause_ids(banks[bank_id])])
        }
        terms.append(term.model_copy(update={"standards": standards, "clauses": clauses}))
    return glossary.model_copy(update={"terms": terms})


def _clause_ids(bank: Bank) -> set[str]:
    return {clause.id for section in bank.sections for clause in section.clauses}
