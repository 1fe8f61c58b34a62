"""A question in context (its answer key, clause and section): what scoring and every page iterate over."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .schema import Bank, Clause, Question, Section


@dataclass(frozen=True)
class Item:
    """One question in context: the answer key it is stored under, and where it sits in the bank."""

    key: str
    question: Question
    clause: Clause
    section: Section


def answer_key(bank_id: str, question: Question) -> str:
    """Shared harmonized-structure questions are stored once, under their hs_key, for every standard."""
    return question.hs_key or f"{bank_id}/{question.id}"


def items(bank: Bank) -> Iterator[Item]:
    origins = bank._origins
    for section in bank.sections:
        owner = origins.get(section.id, bank.id)
        for clause in section.clauses:
            for question in clause.questions:
                yield Item(answer_key(owner, question), question, clause, section)
