"""Systemic findings at system level: what many findings together say about the whole system.

Two rules, each a likely major with its reason named (facts: reference/standards/14_certification_process.txt,
"GRADING, SECOND LOOK"):
- more than a quarter of the applicable Annex A controls at 0-1, overall or within one theme: the controls the
  Statement of Applicability claims are not there, so risk treatment is not implemented (6.1.3 and 8.3). The
  weak controls become the evidence of that one finding. A handful of weak controls (five or fewer) stays
  minors, however small the theme;
- findings on more than half of the applicable requirements (clauses 4-10): the system is not yet implemented.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..banks import Bank, Clause, Item
from .answers import TARGET_LEVEL, AnswerValue
from .findings import Finding, Weak, kind_of

CONTROL_SHARE = 0.25
HANDFUL = 5  # this many weak controls or fewer never add up to a systemic finding
REQUIREMENT_SHARE = 0.5
RISK_TREATMENT_CLAUSES = ("6.1.3", "8.3")
SYSTEM_CLAUSE = "4.4"


def _clause(bank: Bank, clause_id: str) -> Clause | None:
    return next((c for s in bank.sections for c in s.clauses if c.id == clause_id), None)


Themes = tuple[dict[str, list[Weak]], dict[str, int]]


def _weak_controls(every: list[Item], values: Mapping[str, AnswerValue]) -> Themes:
    """Per Annex A theme: the controls at 0-1, and how many are applicable (not excluded; unanswered ones count,
    so a few answers alone never make a share)."""
    weak: dict[str, list[Weak]] = {}
    assessed: dict[str, int] = {}
    for item in every:
        answer = values[item.key]
        if item.section.kind != "controls" or answer.not_applicable:
            continue
        assessed[item.section.id] = assessed.get(item.section.id, 0) + 1
        if answer.level is not None and answer.level <= 1:
            weak.setdefault(item.section.id, []).append(Weak(item, answer.level, answer.note))
    return weak, assessed


def _more_than(part: int, whole: int, share: float) -> bool:
    return whole > 0 and part > share * whole


def risk_treatment(bank: Bank, every: list[Item], values: Mapping[str, AnswerValue]) -> Finding | None:
    """The likely major when too many controls kept in the SoA are missing, overall or within one theme."""
    weak, assessed = _weak_controls(every, values)
    total_weak, total = sum(map(len, weak.values())), sum(assessed.values())
    if total_weak <= HANDFUL:
        return None
    titles = {s.id: s.title for s in bank.sections}
    themes = [sid for sid, found in weak.items() if _more_than(len(found), assessed[sid], CONTROL_SHARE)]
    overall = _more_than(total_weak, total, CONTROL_SHARE)
    if not overall and not themes:
        return None
    scope = list(weak) if overall else themes
    parts = [f"{total_weak} of the {total} applicable Annex A controls are at level 0-1"] if overall else []
    parts += [f"in {sid} {titles[sid]}, {len(weak[sid])} of {assessed[sid]}" for sid in themes]
    refs = tuple(ref for ref in RISK_TREATMENT_CLAUSES if _clause(bank, ref)) or RISK_TREATMENT_CLAUSES
    return Finding(
        "major",
        "system",
        _clause(bank, refs[0]),
        tuple(w for sid in scope for w in weak[sid]),
        refs=refs,
        title="Risk treatment not implemented: controls the Statement of Applicability claims are missing",
        reason="; ".join(parts) + ".",
        code="risk_treatment",
    )


def _requirements_with_findings(every: list[Item], values: Mapping[str, AnswerValue]) -> tuple[int, int]:
    """(requirements with a mandatory question below the target, applicable requirements): a requirement is a
    clause outside Annex A with a mandatory question not marked not applicable; unanswered ones count as
    applicable, so a few answers alone never make a share."""
    applicable: set[str] = set()
    weak: set[str] = set()
    for item in every:
        answer = values[item.key]
        if item.section.kind == "controls" or answer.not_applicable or kind_of(item) not in ("gate", "mandatory"):
            continue
        applicable.add(item.clause.id)
        if answer.level is not None and answer.level < TARGET_LEVEL:
            weak.add(item.clause.id)
    return len(weak), len(applicable)


def not_implemented(bank: Bank, every: list[Item], values: Mapping[str, AnswerValue]) -> Finding | None:
    """The likely major when more than half of the applicable requirements have a finding."""
    weak, applicable = _requirements_with_findings(every, values)
    if not _more_than(weak, applicable, REQUIREMENT_SHARE):
        return None
    clause = _clause(bank, SYSTEM_CLAUSE)
    return Finding(
        "major",
        "system",
        clause,
        (),
        refs=(SYSTEM_CLAUSE,) if clause else (),
        title="The management system is not yet implemented",
        reason=f"Findings on {weak} of the {applicable} applicable requirements (clauses 4-10): "
        "most of the system is planned or partly in place, so it cannot yet be relied on.",
        code="not_implemented",
    )
