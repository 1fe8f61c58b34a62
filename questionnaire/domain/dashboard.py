"""What the consultant's dashboard and client pages show, read for many assessments in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..banks import Bank, BankRegistry, items
from ..extensions import db
from ..models import Assessment, Client, Consultant
from ..scoring import AnswerValue, Result, score
from ..scoring.consensus import disagreements, effective
from .consensus import answer_sets
from .operations import RespondentSummary, respondent_summaries_of


@dataclass(frozen=True)
class AssessmentRow:
    assessment: Assessment
    results: list[Result]
    answers: dict[str, AnswerValue]
    respondents: list[RespondentSummary]
    disagreements: int
    questions: int  # asked in this assessment (a shared harmonized-structure question once)

    @property
    def last_activity(self) -> datetime | None:
        times = [r.last_activity for r in self.respondents if r.last_activity]
        return max(times, default=None)


def banks_of(assessment: Assessment, registry: BankRegistry) -> list[Bank]:
    return [bank for bank_id in assessment.bank_ids if (bank := registry.get(bank_id)) is not None]


def rows(assessments: list[Assessment], registry: BankRegistry) -> list[AssessmentRow]:
    """Scores, verdicts, respondents and disagreements of every assessment: one query for answers, one for people."""
    ids = [assessment.id for assessment in assessments]
    sets = answer_sets(ids)
    people = respondent_summaries_of(ids)
    found = []
    for assessment in assessments:
        banks = banks_of(assessment, registry)
        answers = effective(sets[assessment.id])
        keys = list(dict.fromkeys(item.key for bank in banks for item in items(bank)))
        found.append(
            AssessmentRow(
                assessment,
                [score(bank, answers) for bank in banks],
                answers,
                people[assessment.id],
                len(disagreements(sets[assessment.id], keys)),
                len(keys),
            )
        )
    return found


def clients_with_assessments(user: Consultant) -> list[Client]:
    """Every client of the consultant with its assessments and their standards, in three queries."""
    statement = (
        select(Client)
        .where(Client.consultant_id == user.id)
        .options(selectinload(Client.assessments).selectinload(Assessment.standards))
        .order_by(Client.name, Client.id)
    )
    return list(db.session.scalars(statement))


def trends(assessment_rows: list[AssessmentRow]) -> list[tuple[Bank, list[tuple[str, Result]]]]:
    """Per standard, its results over the client's assessments, oldest first (the client page's chart).

    Imported copies and adopted assessments are left out unless the consultant chose to show them (in_trends)."""
    series: dict[str, tuple[Bank, list[tuple[str, Result]]]] = {}
    oldest_first = sorted(assessment_rows, key=lambda r: (r.assessment.created_at, r.assessment.id))
    number = {row.assessment.id: n for n, row in enumerate(oldest_first, 1)}  # the client's own count, not an id
    for row in (row for row in oldest_first if row.assessment.in_trends):
        for result in row.results:
            name = f"{row.assessment.name}, " if row.assessment.name else ""
            label = f"{name}{row.assessment.created_at:%d %b %Y} (no. {number[row.assessment.id]})"
            series.setdefault(result.bank.id, (result.bank, []))[1].append((label, result))
    return list(series.values())
