"""The harmonized-structure vocabulary: shared clauses and the one question asked per clause."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .schema import HsKey, LevelGuide, StrictModel, Text, _check_levels, _duplicates


class HsClause(StrictModel):
    id: Text
    title: Text


class SharedQuestion(StrictModel):
    """Generic wording used when one answer serves several standards at once."""

    key: HsKey
    clause: Text
    text: Text
    guidance: Text
    evidence: list[Text] = Field(min_length=1)
    since: Literal["2012", "2021"] = "2012"
    levels: LevelGuide | None = None

    @model_validator(mode="after")
    def _levels_complete(self) -> SharedQuestion:
        _check_levels(self.levels)
        return self


class HarmonizedStructure(StrictModel):
    schema_version: Literal[1]
    clauses: list[HsClause] = Field(min_length=1)
    shared_questions: list[SharedQuestion] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> HarmonizedStructure:
        if dupes := _duplicates([q.key for q in self.shared_questions]):
            raise ValueError(f"duplicate key: {', '.join(dupes)}")
        clause_ids = {c.id for c in self.clauses}
        if unknown := sorted({q.clause for q in self.shared_questions} - clause_ids):
            raise ValueError(f"shared question on unknown clause: {', '.join(unknown)}")
        return self

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(q.key for q in self.shared_questions)

    def question(self, key: str) -> SharedQuestion:
        return next(q for q in self.shared_questions if q.key == key)

    def required_keys(self, hs_edition: str) -> frozenset[str]:
        """Keys every bank on this edition of the structure must map (2012 lacks 'planning of changes')."""
        return frozenset(q.key for q in self.shared_questions if q.since <= hs_edition)
