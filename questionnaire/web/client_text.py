"""What of the consultant's side may reach a client's report: their firm and logo on the cover, nothing else.

The consultant's notes on agreed answers are their working notes: the report shows the respondents' own notes
instead. The rule for several respondents is stated to the reader, not to the consultant.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..domain.branding import data_uri, logo_of
from ..models import Assessment
from ..scoring import AnswerValue
from ..scoring.consensus import AnswerSets, effective, merge

CONSENSUS_NOTE = (
    "Where people answered differently, the lowest level anyone gave counts (an auditor samples the weakest "
    "evidence) until the consultant records the answer agreed with them; “not applicable” counts only when "
    "everyone who answered said so."
)


@dataclass(frozen=True)
class Brand:
    """The consultant's firm as the cover shows it."""

    firm: str | None
    consultant: str
    logo: str | None  # a data: URI, so the page and the PDF need no route of their own


def brand_of(assessment: Assessment) -> Brand | None:
    consultant = assessment.organisation.consultant
    if consultant is None:
        return None
    return Brand(consultant.firm_name, consultant.name, data_uri(logo_of(consultant.id)))


def client_answers(sets: AnswerSets) -> dict[str, AnswerValue]:
    """The answers every score uses, with the consultant's agreed-answer notes replaced by the respondents'."""
    answers = effective(sets)
    for key in sets.agreed:
        if key in answers:
            merged = merge(value for _, value in sets.given(key))
            answers[key] = replace(answers[key], note=merged.note if merged else "")
    return answers
