"""Readiness scoring: a bank and answers in, plain results out. No Flask, no database, no I/O.

Every page, chart and export reads the `Result` built here, so each number is computed once.
"""

from .answers import MAX_LEVEL, TARGET_LEVEL, UNANSWERED, AnswerValue
from .findings import (
    GRADE_LABELS,
    GRADE_PLURALS,
    GRADE_RANK,
    SYSTEMIC_COUNT,
    Finding,
    Grade,
    Kind,
    Weak,
    action_plan,
    is_core,
    kind_of,
    question_grade,
)
from .result import ClauseResult, DocumentStatus, Result, SectionResult, document_status, score
from .tally import Tally
from .verdict import Reason, Verdict, decide

__all__ = [
    "GRADE_LABELS",
    "GRADE_PLURALS",
    "GRADE_RANK",
    "MAX_LEVEL",
    "SYSTEMIC_COUNT",
    "TARGET_LEVEL",
    "UNANSWERED",
    "AnswerValue",
    "ClauseResult",
    "DocumentStatus",
    "Finding",
    "Grade",
    "Kind",
    "Reason",
    "Result",
    "SectionResult",
    "Tally",
    "Verdict",
    "Weak",
    "action_plan",
    "decide",
    "document_status",
    "is_core",
    "kind_of",
    "question_grade",
    "score",
]
