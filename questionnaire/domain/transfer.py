"""A whole assessment as JSON (exported, and imported back exactly) and every answer as CSV.

The JSON holds what makes the assessment: standards with their editions, scope, certification dates, each
respondent's name, role and answers (notes and N/A reasons included) and the agreed answers. It holds no
token, no database id and no timestamp, so export, import and export again give identical bytes. An import
always creates a new assessment: it can never overwrite another one.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, ValidationError
from sqlalchemy import insert

from ..banks import Bank, BankRegistry, items
from ..extensions import db
from ..models import Answer, Assessment, Client, Link, utcnow
from ..scoring import AnswerValue
from ..scoring.consensus import AnswerSets
from . import evidence_transfer
from .clients import new_assessment
from .consensus import agreed_row, answer_sets
from .evidence_transfer import ActionIn, FileIn, HeldIn
from .inputs import NAME_MAX, NOTE_MAX, REASON_MAX, SCOPE_MAX, InputRefused, read_json, text_problem
from .soa import neutralise
from .standards import combination_problem
from .tokens import hash_token, new_token

FORMAT = "preaudit-assessment"
VERSION = 1
MAX_RESPONDENTS = 100


def _policy(multiline: bool) -> AfterValidator:
    """The one input policy (domain/inputs.py), as the forms apply it."""

    def check(text: str) -> str:
        if problem := text_problem(text, multiline):
            raise ValueError(problem)
        return text

    return AfterValidator(check)


OneLine = _policy(multiline=False)  # names and roles
NoControl = _policy(multiline=True)  # notes, reasons, scopes


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class AnswerIn(Strict):
    level: Annotated[int, Field(ge=0, le=4)] | None = None
    not_applicable: bool = False
    reason: Annotated[str, NoControl, Field(max_length=REASON_MAX)] = ""
    note: Annotated[str, NoControl, Field(max_length=NOTE_MAX)] = ""


class AgreedIn(AnswerIn):
    carried: bool = False


class StandardIn(Strict):
    bank: Annotated[str, Field(max_length=64)]
    edition: Annotated[str, Field(max_length=40)]


class RespondentIn(Strict):
    name: Annotated[str, OneLine, Field(max_length=NAME_MAX)] | None = None
    role: Annotated[str, OneLine, Field(max_length=NAME_MAX)] | None = None
    answers: dict[Annotated[str, Field(max_length=160)], AnswerIn] = {}


class CycleIn(Strict):
    stage1: date | None = None
    stage2: date | None = None
    certified: date | None = None


class AssessmentFile(Strict):
    format: Literal["preaudit-assessment"]
    version: Annotated[StrictInt, Field(ge=VERSION, le=VERSION)]  # Literal[1] would take 1.0 and true
    standards: Annotated[list[StandardIn], Field(min_length=1, max_length=12)]
    scope: Annotated[str, NoControl, Field(max_length=SCOPE_MAX)] | None = None
    certification: CycleIn = CycleIn()
    respondents: Annotated[list[RespondentIn], Field(max_length=MAX_RESPONDENTS)] = []
    agreed: dict[Annotated[str, Field(max_length=160)], AgreedIn] = {}
    actions: Annotated[list[ActionIn], Field(max_length=2000)] = []
    evidence: Annotated[list[FileIn], Field(max_length=10000)] = []
    documents_held: Annotated[list[HeldIn], Field(max_length=2000)] = []


def _answer(value: AnswerValue) -> dict[str, Any]:
    return {"level": value.level, "not_applicable": value.not_applicable, "reason": value.reason, "note": value.note}


def export_json(assessment: Assessment, registry: BankRegistry) -> str:
    return json.dumps(export_data(assessment, registry), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export_data(assessment: Assessment, registry: BankRegistry) -> dict[str, Any]:
    """The export as plain data: what the JSON file holds, and what the account export lists per assessment."""
    sets = answer_sets([assessment.id])[assessment.id]
    return {
        "format": FORMAT,
        "version": VERSION,
        "standards": [
            {"bank": bank_id, "edition": getattr(registry.get(bank_id), "edition", "")}
            for bank_id in assessment.bank_ids
        ],
        "scope": assessment.scope,
        "certification": {
            "stage1": _iso(assessment.stage1_on),
            "stage2": _iso(assessment.stage2_on),
            "certified": _iso(assessment.certified_on),
        },
        "respondents": [
            {
                "name": link.name,
                "role": link.role,
                "answers": {key: _answer(value) for key, value in sorted(sets.by_respondent.get(link.id, {}).items())},
            }
            for link in assessment.respondents
            if link.access == "answer"
        ],
        "agreed": {
            **{key: {**_answer(value), "carried": False} for key, value in sets.agreed.items()},
            **{key: {**_answer(value), "carried": True} for key, value in sets.carried.items()},
        },
        **evidence_transfer.export_extras(assessment),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class ImportRefused(ValueError):
    """The file is not an assessment this site can load; nothing was changed."""


def parse(raw: bytes, registry: BankRegistry) -> tuple[AssessmentFile, list[Bank]]:
    """Read and check an uploaded file completely before anything is written; ImportRefused names the line."""
    try:
        document = read_json(raw)
    except InputRefused as exc:
        raise ImportRefused(f"This is not a JSON file this site can read. {exc}") from exc
    data = document.value
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused("This JSON file is not a Preaudit assessment export.")
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        shown = json.dumps(version)
        raise ImportRefused(
            f"Line {document.line_of(('version',))}: this export has format version {shown}; this site reads version 1."
        )
    try:
        parsed = AssessmentFile.model_validate_json(document.text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = " > ".join(str(part) for part in first["loc"])
        line = document.line_of(tuple(first["loc"]))
        raise ImportRefused(
            f"Line {line}: the file does not match the export format at {where}: {first['msg']}."
        ) from exc
    return parsed, _check(parsed, registry)


def _check(parsed: AssessmentFile, registry: BankRegistry) -> list[Bank]:
    banks = []
    for standard in parsed.standards:
        bank = registry.get(standard.bank)
        if bank is None:
            raise ImportRefused(f"The standard '{standard.bank}' is not available on this site.")
        if bank.edition != standard.edition:
            raise ImportRefused(
                f"The file was answered against {bank.standard} edition {standard.edition}; this site has edition "
                f"{bank.edition}. Nothing was imported."
            )
        banks.append(bank)
    if problem := combination_problem(registry, [bank.id for bank in banks]):
        raise ImportRefused(problem)
    questions = {item.key: item.question for bank in banks for item in items(bank)}
    answers = [(key, value) for r in parsed.respondents for key, value in r.answers.items()]
    if any(not value.not_applicable and value.level is None for value in parsed.agreed.values()):
        raise ImportRefused("An agreed answer must have a level or be “not applicable”.")
    for key, value in [*answers, *parsed.agreed.items()]:
        question = questions.get(key)
        if question is None and key in registry.retired:
            continue  # a file made before the question was removed: its answer is stored and, like ours, unused
        if question is None:
            raise ImportRefused(f"The question '{key}' is not part of these standards.")
        if value.not_applicable and (value.level is not None or not question.allow_na or not value.reason.strip()):
            raise ImportRefused(
                f"The answer to '{key}' is “not applicable” where that is not allowed, or without a reason."
            )
    if problem := evidence_transfer.problem(parsed.actions, parsed.evidence, set(questions)):
        raise ImportRefused(problem)
    return banks


def import_into(client: Client, parsed: AssessmentFile) -> tuple[Assessment, list[str]]:
    """A new assessment for this client holding exactly what the file holds. Respondents' links start revoked:
    the tokens were never in the file, so the consultant regenerates a link for whoever should answer again.
    Returns it with the names of the files whose bytes this site does not hold (see domain/evidence_transfer.py)."""
    assessment = new_assessment(client, [s.bank for s in parsed.standards], None)
    assessment.scope, assessment.origin, assessment.in_trends = (
        parsed.scope,
        "imported",
        False,
    )  # a copy: no trend point
    cycle = parsed.certification
    assessment.stage1_on, assessment.stage2_on, assessment.certified_on = cycle.stage1, cycle.stage2, cycle.certified
    for person in parsed.respondents:
        link = Link(name=person.name, role=person.role, token_hash=hash_token(new_token()), revoked_at=utcnow())
        assessment.respondents.append(link)
    db.session.flush()
    rows: list[dict[str, Any]] = []
    for person, link in zip(parsed.respondents, assessment.respondents, strict=True):
        rows.extend(
            {"respondent_id": link.id, "question_key": key, **value.model_dump()}
            for key, value in person.answers.items()
        )
    if rows:
        db.session.execute(insert(Answer), rows)
    db.session.add_all(
        agreed_row(assessment.id, key, AnswerValue(v.level, v.not_applicable, v.reason, v.note), v.carried)
        for key, v in parsed.agreed.items()
    )
    missing = evidence_transfer.import_extras(assessment, parsed.actions, parsed.evidence, parsed.documents_held)
    return assessment, missing


CSV_COLUMNS = [
    "standard",
    "clause",
    "question_key",
    "question",
    "answered_by",
    "role",
    "level",
    "not_applicable",
    "reason",
    "note",
]


def answers_csv(assessment: Assessment, banks: list[Bank]) -> str:
    """Every answer of every respondent, then the agreed answers, one row each; formula-like cells neutralised."""
    sets: AnswerSets = answer_sets([assessment.id])[assessment.id]
    people = {link.id: link for link in assessment.respondents}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    seen: set[str] = set()
    for bank in banks:
        for item in items(bank):
            if item.key in seen:
                continue  # a shared harmonized-structure question is listed once
            seen.add(item.key)
            for rid, value in sets.given(item.key):
                writer.writerow(_row(bank, item, people[rid].name or "Respondent", people[rid].role or "", value))
            for label, source in (("Agreed", sets.agreed), ("Carried from the last assessment", sets.carried)):
                if item.key in source:
                    writer.writerow(_row(bank, item, label, "", source[item.key]))
    return out.getvalue()


def _row(bank: Bank, item: Any, who: str, role: str, value: AnswerValue) -> list[str]:
    level = "" if value.level is None else str(value.level)
    cells = [
        bank.name,
        item.clause.id,
        item.key,
        item.question.text,
        who,
        role,
        level,
        "yes" if value.not_applicable else "",
        value.reason,
        value.note,
    ]
    return [neutralise(cell) for cell in cells]
