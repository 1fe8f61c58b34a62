"""One finding per requirement, and one per missing process.

A requirement is a clause. When a stage gate is at 0-1 the process it stands for is missing or has not run
(no internal audit, no management review): the weak questions of that clause's sister clauses without gates of
their own (9.3.2 inputs and 9.3.3 outputs under 9.3.1) are evidence of the same missing process, so they are
listed under the gate's finding instead of being findings of their own. An auditor writes one nonconformity
for "no management review", not three.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..banks import Clause, Item
from .answers import TARGET_LEVEL, AnswerValue
from .findings import GRADE_RANK, Finding, Graded, Weak, kind_of, question_grade, requirement_grade


def weak_by_clause(every: list[Item], values: Mapping[str, AnswerValue]) -> dict[str, list[Weak]]:
    """Each clause's answered, applicable questions below the target level, in bank order."""
    found: dict[str, list[Weak]] = {}
    for item in every:
        answer = values[item.key]
        if answer.level is not None and answer.level < TARGET_LEVEL:
            found.setdefault(item.clause.id, []).append(Weak(item, answer.level, answer.note))
    return found


def _worst_first(found: list[Weak], grades: list[Graded]) -> list[Weak]:
    """The question that sets the grade first (then the lower level, then the heavier question)."""
    unranked = len(GRADE_RANK)
    keys = [
        (GRADE_RANK[g[0]] if g else unranked, w.level, -w.item.question.weight, i)
        for i, (w, g) in enumerate(zip(found, grades, strict=True))
    ]
    return [found[key[-1]] for key in sorted(keys)]


def _process(clause_id: str) -> str | None:
    """The clause number a sub-clause belongs to (9.3.1 -> 9.3); None for a clause of two levels or fewer."""
    parts = clause_id.split(".")
    return ".".join(parts[:-1]) if len(parts) >= 3 else None


def _missing_processes(weak: dict[str, list[Weak]]) -> dict[str, str]:
    """Process number -> the clause whose gate says the process is missing (a gate at 0-1)."""
    missing: dict[str, str] = {}
    for clause_id, found in weak.items():
        if clause_id.count(".") < 2:  # most clauses: nothing to fold into them, checked without a split
            continue
        process = _process(clause_id)
        if process and any(kind_of(w.item) == "gate" and w.level <= 1 for w in found):
            missing.setdefault(process, clause_id)
    return missing


def _folded_into(clause: Clause, missing: dict[str, str]) -> str | None:
    """The gate clause whose missing process this gate-less clause belongs to, nearest first."""
    if clause.id.count(".") < 2 or any(question.gate for question in clause.questions):
        return None
    parts = clause.id.split(".")
    for size in range(len(parts) - 1, 1, -1):
        owner = missing.get(".".join(parts[:size]))
        if owner and owner != clause.id:
            return owner
    return None


def _process_title(clause: Clause, members: list[Clause]) -> str:
    """A missing process named by what its clauses share: 9.3.1 "General" with "Management review inputs" and
    "Management review outputs" is "Management review"."""
    if not members or clause.title.lower() != "general":
        return clause.title
    words = [member.title.split() for member in members]
    shared = [first for first, *rest in zip(*words, strict=False) if all(w == first for w in rest)]
    return " ".join(shared) if shared else members[0].title


def requirement_findings(every: list[Item], values: Mapping[str, AnswerValue]) -> list[Finding]:
    """Findings in bank order, one per requirement, sister clauses of a missing process folded into it."""
    weak = weak_by_clause(every, values)
    grades = {cid: [question_grade(w.item, w.level) for w in found] for cid, found in weak.items()}
    clauses = {cid: found[0].item.clause for cid, found in weak.items()}
    folded: dict[str, list[str]] = {}
    if missing := _missing_processes(weak):
        for clause_id in weak:
            if owner := _folded_into(clauses[clause_id], missing):
                folded.setdefault(owner, []).append(clause_id)
    skip = {clause_id for members in folded.values() for clause_id in members}
    findings = []
    for clause_id, found in weak.items():
        if clause_id in skip:
            continue
        clause, members = clauses[clause_id], folded.get(clause_id, [])
        if len(found) == 1 and not members:  # a control, or a clause with one weak question: its own grade
            grade, basis = grades[clause_id][0] or ("ofi", "practice")
            stage = found[0].item.question.gate if grade == "blocker" else None
            findings.append(Finding(grade, basis, clause, (found[0],), stage, (clause_id,), clause.title))
            continue
        grade, basis, stage = requirement_grade(found, grades[clause_id])
        evidence = _worst_first(found, grades[clause_id])
        for member in members:
            evidence += _worst_first(weak[member], grades[member])
        title = _process_title(clause, [clauses[m] for m in members])
        findings.append(Finding(grade, basis, clause, tuple(evidence), stage, (clause_id, *members), title))
    return findings
