"""Editions: starting an assessment of a new edition from the answers given to the old one."""

from __future__ import annotations

from ..banks import Bank
from ..banks.transition import carries
from ..extensions import db
from ..models import Assessment, Link
from .access import Principal, permits
from .consensus import effective_answers
from .operations import find_respondent, save_answers
from .tokens import token_from


def find_previous(link: str, bank_id: str) -> Assessment | None:
    """The assessment a pasted private link (or bare token) opens, if the link still works (not revoked,
    not expired) and the assessment covers `bank_id`."""
    token = token_from(link)
    respondent = find_respondent(token) if token else None
    if respondent is None or not permits(Principal(link=respondent), None, respondent.assessment_id, "read"):
        return None
    if bank_id not in respondent.assessment.bank_ids:
        return None
    return respondent.assessment


def carry_over(respondent: Link, source: Assessment, new: Bank, old: Bank) -> int:
    """Copy the answers that still hold (unchanged, editorial, renumbered clauses) from an assessment of
    the old edition; notes and reasons travel with them."""
    answers = effective_answers(source)
    values = {c.new_key: answers[c.old_key] for c in carries(new, old) if c.old_key in answers}
    respondent.assessment.carried_from = source
    db.session.flush()
    return save_answers(respondent, values).written
