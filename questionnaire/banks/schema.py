"""The one schema every question bank file is validated against.

Banks are data: adding a standard means writing a YAML file that passes these models.
Models are frozen so a loaded bank can be shared safely by every request of a process.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, ValidationInfo, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")]
BankId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9\-]*$")]
HsKey = Annotated[str, StringConstraints(pattern=r"^hs-[0-9.]+-[a-z\-]+$")]
AuditMethod = Literal["document_review", "interview", "observation"]
Gate = Literal["stage1", "stage2"]
Interviewee = Literal[
    "top_management", "process_owner", "internal_auditor", "staff", "worker_representatives", "anti_bribery_function"
]
ChangeKind = Literal["new", "broadened", "unchanged", "editorial", "renumbered"]

AUDIT_METHOD_LABELS: dict[str, str] = {
    "document_review": "Document review",
    "interview": "Staff interview",
    "observation": "On-site observation",
}


class StrictModel(BaseModel):
    """Unknown keys are errors, so a typo in a bank never passes silently.

    defer_build: validators are built on first validation, not at import; a server that reads the banks from
    their cache (banks/cache.py) never validates, so it never pays for building them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _duplicates(values: list[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


class DocumentedInfo(StrictModel):
    """Documented information the standard makes mandatory: a document kept up to date or a record kept."""

    kind: Literal["document", "record"]
    name: Text


def _check_levels(levels: dict[int, str] | None) -> None:
    if levels is not None and sorted(levels) != [1, 2, 3, 4]:
        raise ValueError("levels must describe exactly the levels 1, 2, 3 and 4")


LevelGuide = dict[int, Text]


class Question(StrictModel):
    id: Identifier
    text: Text
    guidance: Text
    evidence: list[Text] = Field(min_length=1)
    action: Text
    weight: float = Field(gt=0, le=5)
    mandatory: bool
    # a requirement whose absence alone leaves the system unable to achieve its results: at level 0 it is a
    # likely major even at weight 1 (weight >= 2 implies it); see DESIGN.md "Answers and scores"
    core: bool = False
    documented_info: DocumentedInfo | None = None
    audit_methods: list[AuditMethod] = Field(min_length=1)
    allow_na: bool = False
    hs_key: HsKey | None = None
    # a stage 1 gate: the system is designed and documented; a stage 2 gate: it has run (see docs/question-banks.md)
    gate: Gate | None = None
    # the level a gate must reach not to block its stage: 2 by default (0-1 block); 3 where the scheme's own rules
    # (ISO 50003 for 50001 9.1.1 b, say) need the requirement fully in place before that stage
    gate_level: Literal[2, 3] = 2
    # what levels 1-4 look like for this question; required on gates, useful wherever levels are easy to confuse
    levels: LevelGuide | None = None
    # whom an auditor would interview about it; when omitted, derived from the clause (reports.interviews)
    interviewee: Interviewee | None = None
    # earlier ids of this question, so answers given under an old id keep counting
    renamed_from: list[Identifier] = []
    # in a bank that supersedes another: the old edition's question whose answer carries over when this
    # question's clause is unchanged, editorial or renumbered (default: the question with the same id)
    carries_from: Identifier | None = None

    @model_validator(mode="after")
    def _shared_questions_always_apply(self) -> Question:
        if self.allow_na and self.hs_key:
            raise ValueError("a shared harmonized-structure question (hs_key) cannot allow 'not applicable'")
        if self.gate and not self.mandatory:
            raise ValueError("a stage gate must be a mandatory requirement (mandatory: true)")
        if self.gate_level != 2 and not self.gate:
            raise ValueError("gate_level applies to stage gates only (set 'gate')")
        if self.core and not self.mandatory:
            raise ValueError("a core requirement must be mandatory (mandatory: true)")
        if self.gate and self.allow_na:
            raise ValueError("a stage gate cannot be marked not applicable")
        if self.gate and self.levels is None:
            raise ValueError("a stage gate needs 'levels': what levels 1-4 look like for this question")
        _check_levels(self.levels)
        if self.id in self.renamed_from:
            raise ValueError("renamed_from cannot list the question's own id")
        if dupes := _duplicates(list(self.audit_methods)):
            raise ValueError(f"audit method listed twice: {', '.join(dupes)}")
        return self


class ClauseChange(StrictModel):
    """How a clause relates to the edition the bank supersedes (for transition assessments)."""

    kind: ChangeKind
    previous: list[Identifier] = []  # clause ids of the superseded edition this clause comes from
    what: Text | None = None  # what changed, in our own words

    @model_validator(mode="after")
    def _previous_matches_kind(self) -> ClauseChange:
        if self.kind == "new" and self.previous:
            raise ValueError("a new clause has no previous clauses")
        if self.kind != "new" and not self.previous:
            raise ValueError(f"a clause that is {self.kind} must name its previous clause ids in 'previous'")
        if self.kind in ("new", "broadened") and not self.what:
            raise ValueError(f"say in 'what' what a {self.kind} clause asks for")
        return self


class Clause(StrictModel):
    id: Identifier
    title: Text
    summary: Text
    why: Text
    hs_clause: Annotated[str, StringConstraints(pattern=r"^(4|5|6|7|8|9|10)(\.[0-9]+)*$")] | None = None
    confidence: Literal["S", "K"] = "S"
    change: ClauseChange | None = None
    # where auditors commonly raise findings on this clause, our own words (shown to educators)
    typical_findings: list[Text] = []
    # ids of clauses in this bank that this one feeds or depends on (4.1 -> 6.1)
    related: list[Identifier] = []
    questions: list[Question] = Field(min_length=1)


class Section(StrictModel):
    id: Identifier
    title: Text
    summary: Text | None = None
    kind: Literal["requirements", "controls"] = "requirements"
    clauses: list[Clause] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_question_per_control(self) -> Section:
        """A control is one line of the Statement of Applicability: included (and scored) or excluded."""
        if self.kind == "controls":
            for clause in self.clauses:
                if len(clause.questions) != 1 or not clause.questions[0].allow_na:
                    raise ValueError(f"control {clause.id} must have exactly one question, with allow_na: true")
        return self


class Certification(StrictModel):
    certifiable: bool
    who: Text
    assessor: Text
    typical_duration: Text
    notes: Text | None = None
    # which public audit-time table a certification body uses for this standard (see questionnaire/audit_time.py)
    audit_time: Literal["qms", "ems", "ohs", "isms"] | None = None


class EditionStatus(StrictModel):
    """Where this edition stands, dated, so a notice never goes stale silently."""

    state: Literal["current", "revision_under_way", "superseded", "withdrawn"]
    as_of: date
    text: Text
    successor: BankId | None = None
    transition_ends: date | None = None
    # what a firm starting a certification project now should do, with dates and how sure they are; shown on the
    # start page beside the edition instead of the generic advice (initial certification to an old edition
    # usually stops well before its transition ends)
    new_applicants: Text | None = None


class Bank(StrictModel):
    schema_version: Literal[1]
    id: BankId
    name: Text
    standard: Text
    edition: Text
    title: Text
    kind: Literal["certifiable", "guideline", "sector_scheme"]
    extends: BankId | None = None
    summary: Text
    audience: Text
    certification: Certification
    hs_edition: Literal["2012", "2021"] | None = None
    status: EditionStatus | None = None
    supersedes: BankId | None = None
    notices: list[Text] = []
    sources: Text
    # ids of questions removed on purpose: answers stored under them stay in the database, unused, and are not
    # reported as orphans by `flask banks check --db`
    retired: list[Identifier] = []
    sections: list[Section] = Field(min_length=1)
    # section id -> bank id that defines it, for sections a sector scheme takes from its base bank
    _origins: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def certifiable(self) -> bool:
        return self.certification.certifiable

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Bank:
        clauses = [clause for section in self.sections for clause in section.clauses]
        questions = [q for clause in clauses for q in clause.questions]
        for what, ids in (
            ("section id", [s.id for s in self.sections]),
            ("clause id", [c.id for c in clauses]),
            ("question id", [q.id for q in questions]),
            ("hs_key", [q.hs_key for q in questions if q.hs_key]),
        ):
            if dupes := _duplicates(ids):
                raise ValueError(f"duplicate {what}: {', '.join(dupes)}")
        if self.kind == "guideline":
            if self.certification.certifiable:
                raise ValueError("a guideline cannot be certifiable (certification.certifiable must be false)")
            if any(q.mandatory for q in questions):
                raise ValueError("a guideline has no mandatory requirements: set mandatory: false everywhere")
        if self.supersedes and (unmapped := [c.id for c in clauses if c.change is None]):
            raise ValueError(f"a bank that supersedes another needs 'change' on every clause: {', '.join(unmapped)}")
        if not self.supersedes and (mapped := [c.id for c in clauses if c.change is not None]):
            raise ValueError(f"'change' needs 'supersedes' at the top of the bank: {', '.join(mapped)}")
        if still := sorted(set(self.retired) & {q.id for q in questions}):
            raise ValueError(f"retired question ids still asked: {', '.join(still)}")
        if renamed := sorted(set(self.retired) & {old for q in questions for old in q.renamed_from}):
            raise ValueError(f"retired ids also listed in renamed_from (answers would count): {', '.join(renamed)}")
        clause_ids = {c.id for c in clauses}
        if unknown := sorted({r for c in clauses for r in c.related} - clause_ids):
            raise ValueError(f"'related' names clauses not in this bank: {', '.join(unknown)}")
        if self.kind == "sector_scheme" and not self.extends:
            raise ValueError("a sector scheme must name the bank it builds on in 'extends'")
        if self.kind != "sector_scheme" and self.extends:
            raise ValueError("only a sector_scheme may extend another bank")
        known = (info.context or {}).get("hs_keys")
        if known is not None and (unknown := sorted({q.hs_key for q in questions if q.hs_key} - set(known))):
            raise ValueError(f"unknown hs_key: {', '.join(unknown)} (see _harmonized_structure.yaml)")
        return self
