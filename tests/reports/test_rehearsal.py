"""The report's own views of the results: shared findings once, interviews by whom, documents once."""

from __future__ import annotations

from flask import Flask

from questionnaire.banks import items
from questionnaire.domain.rehearsal import combined_documents, combined_findings, interview_plan, interviewee
from questionnaire.scoring import AnswerValue, score


def test_integrated_findings_list_a_shared_question_once_with_its_standards(app: Flask) -> None:
    registry = app.extensions["banks"]
    banks = [registry.banks["iso9001-2015"], registry.banks["iso14001-2015"]]
    answers = {item.key: AnswerValue(level=0) for bank in banks for item in items(bank)}
    results = [score(bank, answers) for bank in banks]
    grouped = combined_findings(results)
    shared = [s for group in grouped.values() for s in group]
    leads = [s.finding.item.key for s in shared if s.finding.item and s.finding.item.question.hs_key]
    assert len(leads) == len(set(leads))
    audit = next(s for s in shared if s.finding.item and s.finding.item.key == "hs-9.2-internal-audit")
    # one finding for the missing internal audit, citing each standard's clauses, with both standards' evidence
    assert audit.banks == ("ISO 9001:2015 9.2", "ISO 14001:2015 9.2.2, 9.2.1") and audit.finding.grade == "blocker"
    assert {"iso9001-2015/9.2-b", "iso14001-2015/9.2.1-a"} <= {w.item.key for w in audit.finding.evidence}
    assert len(shared) < sum(len(r.findings) for r in results)
    documents = combined_documents(results)
    assert len({d.document.item.key for d in documents}) == len(documents)


def test_interviewees_follow_the_clause_unless_the_bank_says_otherwise(app: Flask) -> None:
    bank = app.extensions["banks"].banks["iso9001-2015"]
    by_id = {item.question.id: item for item in items(bank)}
    assert interviewee(by_id["5.2.1-a"]) == "top_management"
    assert interviewee(by_id["9.2-a"]) == "internal_auditor"
    assert interviewee(by_id["7.3-a"]) == "staff"
    assert interviewee(by_id["8.5.1-a"]) == by_id["8.5.1-a"].question.interviewee == "staff"  # set in the bank
    assert interviewee(by_id["8.4.1-a"]) == "process_owner"
    plan = interview_plan([bank])
    assert [g.who for g in plan] == ["top_management", "process_owner", "internal_auditor", "staff"]
    assert all(len(topic.samples) <= 4 for group in plan for topic in group.topics)


def test_excluded_questions_are_not_in_the_interview_plan(app: Flask) -> None:
    bank = app.extensions["banks"].banks["iso9001-2015"]
    design = frozenset(item.key for item in items(bank) if item.clause.id.startswith("8.3."))

    def clauses(excluded: frozenset[str]) -> set[str]:
        return {c.id for group in interview_plan([bank], excluded) for t in group.topics for c in t.clauses}

    assert design and not any(clause.startswith("8.3.") for clause in clauses(design))
    assert any(clause.startswith("8.3.") for clause in clauses(frozenset()))
