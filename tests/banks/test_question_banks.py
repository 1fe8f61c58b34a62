"""The shipped banks: complete, consistent, and keyed by standard edition."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from questionnaire.banks import BankRegistry, items, load_registry

from ..conftest import ROOT

EXPECTED = {
    "iso9001-2015",
    "iso14001-2015",
    "iso14001-2026",
    "iso27001-2022",
    "iso45001-2018",
    "iso22301-2019",
    "iso50001-2018",
    "iso42001-2023",
    "iso37001-2016",
    "iso37001-2025",
    "iso31000-2018",
    "aqap2110-d",
}
HS_SECTIONS = [str(n) for n in range(4, 11)]


@pytest.fixture(scope="module")
def registry() -> BankRegistry:
    return load_registry(ROOT / "question_banks")


def test_every_bank_loads_without_problems(registry: BankRegistry) -> None:
    assert registry.problems == {}
    assert set(registry.banks) == EXPECTED


@pytest.mark.parametrize("bank_id", sorted(EXPECTED))
def test_bank_is_complete(registry: BankRegistry, bank_id: str) -> None:
    bank = registry.banks[bank_id]
    keys = [item.key for item in items(bank)]
    assert len(keys) == len(set(keys))
    assert all(k.startswith(("hs-", f"{bank_id}/", "iso9001-2015/")) for k in keys)
    if bank.kind == "guideline":
        return
    section_ids = [s.id for s in bank.sections]
    assert section_ids[:7] == HS_SECTIONS
    for section in bank.sections[:7]:
        assert section.clauses and all(clause.questions for clause in section.clauses)
    mandatory = [i for i in items(bank) if i.question.mandatory]
    kinds = Counter(i.question.documented_info.kind for i in mandatory if i.question.documented_info)
    assert kinds["document"] >= 3 and kinds["record"] >= 4, kinds


@pytest.mark.parametrize("bank_id", sorted(EXPECTED - {"iso31000-2018", "aqap2110-d"}))
def test_core_documented_information_is_flagged(registry: BankRegistry, bank_id: str) -> None:
    """Every harmonized-structure standard makes scope, policy, audit and review documented information mandatory."""
    bank = registry.banks[bank_id]
    flagged = {
        (i.clause.id.split(".")[0] + "." + i.clause.id.split(".")[1])
        for i in items(bank)
        if i.question.documented_info and i.question.mandatory and "." in i.clause.id
    }
    for clause in ("4.3", "5.2", "6.2", "7.2", "9.1", "9.2", "9.3"):
        assert clause in flagged, f"{bank_id}: no mandatory documented information at {clause}"


def test_iso27001_annex_a(registry: BankRegistry) -> None:
    bank = registry.banks["iso27001-2022"]
    themes = {s.id: len(s.clauses) for s in bank.sections if s.kind == "controls"}
    assert themes == {"A.5": 37, "A.6": 8, "A.7": 14, "A.8": 34}
    controls = [i for i in items(bank) if i.section.kind == "controls"]
    assert len(controls) == 93 and all(i.question.allow_na for i in controls)
    assert not any(i.question.allow_na for i in items(bank) if i.section.kind == "requirements")


def test_iso42001_annex_a(registry: BankRegistry) -> None:
    bank = registry.banks["iso42001-2023"]
    controls = [c for s in bank.sections if s.kind == "controls" for c in s.clauses]
    assert len(controls) == 38
    assert [s.id for s in bank.sections if s.kind == "controls"] == [f"A.{n}" for n in range(2, 11)]
    assert not any(i.question.allow_na for i in items(bank) if i.section.kind == "requirements")


def test_iso9001_exclusions_only_where_scope_may_exclude(registry: BankRegistry) -> None:
    bank = registry.banks["iso9001-2015"]
    excludable = {i.clause.id for i in items(bank) if i.question.allow_na}
    assert excludable and all(c.startswith(("7.1.5", "8.3", "8.5.3", "8.5.5")) for c in excludable)
    assert 60 <= sum(1 for _ in items(bank)) <= 110


def test_iso31000_is_a_guideline(registry: BankRegistry) -> None:
    bank = registry.banks["iso31000-2018"]
    assert bank.kind == "guideline" and not bank.certifiable
    assert not any(i.question.mandatory for i in items(bank))
    assert [s.id for s in bank.sections] == ["4", "5", "6"]


def test_aqap_extends_iso9001_without_copying_it(registry: BankRegistry) -> None:
    aqap, base = registry.banks["aqap2110-d"], registry.banks["iso9001-2015"]
    base_keys = [i.key for i in items(base)]
    aqap_keys = [i.key for i in items(aqap)]
    assert aqap_keys[: len(base_keys)] == base_keys
    own = aqap_keys[len(base_keys) :]
    assert own and all(k.startswith("aqap2110-d/") for k in own)
    raw = (Path(registry.directory) / "aqap2110-d.yaml").read_text(encoding="utf-8")
    assert "extends: iso9001-2015" in raw
    assert not any(q.question.text in raw for q in items(base))


def test_question_keys_never_collide_across_standards(registry: BankRegistry) -> None:
    owners: dict[str, set[str]] = {}
    for bank in registry.banks.values():
        if bank.extends:
            continue
        for item in items(bank):
            if not item.key.startswith("hs-"):
                owners.setdefault(item.key, set()).add(bank.id)
    assert all(len(banks) == 1 for banks in owners.values())


def test_37001_notice_and_guideline_wording(registry: BankRegistry) -> None:
    assert any("2025" in notice for notice in registry.banks["iso37001-2016"].notices)
    assert "cannot be certified" in registry.banks["iso31000-2018"].certification.assessor


# the clauses whose gate a certification body's stage checks, per standard (docs/reference/gates/)
STAGE1_CORE = {
    "iso9001-2015": {"4.3", "5.2.1", "6.1", "6.2"},
    "iso14001-2015": {"4.3", "5.2", "6.1.2", "6.1.3", "6.2.1"},
    "iso14001-2026": {"4.3", "5.2", "6.1.2", "6.1.3", "6.2.1"},
    "iso45001-2018": {"4.3", "5.2", "6.1.2.1", "6.1.3", "6.2.1"},
    "iso27001-2022": {"4.3", "5.2", "6.1.2", "6.1.3", "6.2"},
    "iso42001-2023": {"4.3", "5.2", "6.1.2", "6.1.3", "6.1.4", "6.2"},
    "iso22301-2019": {"4.3.1", "5.2.1", "8.2.2", "8.2.3"},
    "iso50001-2018": {"4.3", "5.2", "6.3", "6.4", "6.5"},
    "iso37001-2016": {"4.3", "4.5", "5.2", "5.3.2"},
    "iso37001-2025": {"4.3", "4.5", "5.2", "5.3.2"},
}


def gate_clauses(registry: BankRegistry, bank_id: str, stage: str) -> set[str]:
    return {item.clause.id for item in items(registry.banks[bank_id]) if item.question.gate == stage}


@pytest.mark.parametrize("bank_id", sorted(STAGE1_CORE))
def test_stage_gates_cover_design_then_operation(registry: BankRegistry, bank_id: str) -> None:
    assert STAGE1_CORE[bank_id] <= gate_clauses(registry, bank_id, "stage1")
    stage2 = gate_clauses(registry, bank_id, "stage2")
    # stage 2: an internal audit over the scope, a management review, corrective action or improvement
    assert any(c.startswith("9.2") for c in stage2) and any(c.startswith("9.3") for c in stage2)
    assert any(c.startswith("10") for c in stage2)
    for item in items(registry.banks[bank_id]):
        if item.question.gate:
            assert item.question.mandatory and not item.question.allow_na and item.question.levels


def test_sector_scheme_inherits_the_base_gates(registry: BankRegistry) -> None:
    assert gate_clauses(registry, "aqap2110-d", "stage1") == gate_clauses(registry, "iso9001-2015", "stage1")


@pytest.mark.parametrize("bank_id", sorted(EXPECTED))
def test_mandatory_flags_follow_the_grading_rules(registry: BankRegistry, bank_id: str) -> None:
    bank = registry.banks[bank_id]
    for item in items(bank):
        if item.section.kind == "controls":
            assert not item.question.mandatory, f"{item.key}: an Annex control is graded by the SoA, not as mandatory"
        if bank.kind == "guideline":
            assert not item.question.mandatory and not item.question.gate


def test_known_flags(registry: BankRegistry) -> None:
    """Regression: a "shall" that was missed, and good practice that was flagged as a requirement."""
    by_key = {item.key: item.question for bank in registry.banks.values() for item in items(bank)}
    assert by_key["iso14001-2015/6.1.4-b"].mandatory  # considering technological options is a requirement
    assert not by_key["iso9001-2015/9.1.3-b"].mandatory  # statistical techniques are examples
    assert not by_key["iso37001-2016/8.7-b"].mandatory  # a gifts register is guidance, not a requirement


@pytest.mark.parametrize("bank_id", sorted(EXPECTED))
def test_every_bank_has_a_dated_edition_status(registry: BankRegistry, bank_id: str) -> None:
    status = registry.banks[bank_id].status
    assert status is not None and status.as_of.year >= 2026
    if status.successor:
        assert status.state in {"superseded", "withdrawn"}


def test_no_bank_text_says_shall() -> None:
    """Our own words: the standards' "shall" sentences are never reproduced."""
    for path in sorted((ROOT / "question_banks").glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not re.search(r"\bshall\b", line, re.IGNORECASE), f"{path.name}:{number}: {line.strip()}"


REFERENCE = {"iso14001-2026": "03b_iso14001_2026.txt", "iso37001-2025": "10b_iso37001_2025.txt"}


def reference_clause_ids(name: str) -> set[str]:
    """Clause ids of the CLAUSE LIST section of a reference file (up to the next blank line)."""
    text = (ROOT / "docs" / "reference" / name).read_text(encoding="utf-8")
    listing = text.split("CLAUSE LIST", 1)[1].split("\n\n", 1)[0]
    ids = set()
    for line in listing.splitlines()[1:]:
        if not re.match(r"\s*\d", line):
            continue  # a remark or a continuation line, not a listed clause
        label = line.split("[", 1)[0].split("(", 1)[0]  # leave out source notes and old-edition remarks
        ids.update(re.findall(r"(?<![\d.])(\d{1,2}(?:\.\d+)+)(?![\d.])", label))
    return ids


@pytest.mark.parametrize("bank_id", sorted(REFERENCE))
def test_new_edition_banks_cover_their_reference_clause_list(registry: BankRegistry, bank_id: str) -> None:
    bank = registry.banks[bank_id]
    in_bank = {clause.id for section in bank.sections for clause in section.clauses}
    listed = reference_clause_ids(REFERENCE[bank_id])
    parents = {".".join(cid.split(".")[:n]) for cid in in_bank for n in range(1, cid.count(".") + 1)}
    assert in_bank <= listed, f"asked but not in the reference list: {sorted(in_bank - listed)}"
    assert listed <= in_bank | parents, f"listed but not asked: {sorted(listed - in_bank - parents)}"


HS_CERTIFIABLE = sorted(EXPECTED - {"iso31000-2018", "aqap2110-d"})


@pytest.mark.parametrize("bank_id", HS_CERTIFIABLE)
def test_climate_amendment_is_asked_and_noted(registry: BankRegistry, bank_id: str) -> None:
    """Amendment 1:2024 (IAF decision, Feb 2024): a 4.1 climate decision of the bank's own, kept in integrated mode
    (no hs_key), and the 4.2 note that interested parties can have climate-related requirements."""
    bank = registry.banks[bank_id]
    decision = [
        i.question
        for i in items(bank)
        if i.clause.id == "4.1" and "climate change" in i.question.text.lower() and not i.question.hs_key
    ]
    assert decision and all(q.mandatory for q in decision)
    shared_42 = [i.question for i in items(bank) if i.question.hs_key == "hs-4.2-interested-parties"]
    assert len(shared_42) == 1 and "climate" in shared_42[0].guidance.lower()
    assert registry.harmonized is not None
    assert "climate" in registry.harmonized.question("hs-4.2-interested-parties").guidance.lower()


def test_interviews_go_to_whoever_an_auditor_would_ask(registry: BankRegistry) -> None:
    """IAF MD 22: OH&S consultation is checked with worker representatives; a 37001 auditor interviews the
    anti-bribery (compliance) function holder about its own role and reviews."""
    by_key = {item.key: item.question for bank in registry.banks.values() for item in items(bank)}
    for key in ("iso45001-2018/5.4-a", "iso45001-2018/5.4-b", "iso45001-2018/5.4-d"):
        assert by_key[key].interviewee == "worker_representatives", key
    for key in ("5.3.2-a", "5.3.2-b", "9.4-a"):
        for bank_id in ("iso37001-2016", "iso37001-2025"):
            assert by_key[f"{bank_id}/{key}"].interviewee == "anti_bribery_function", (bank_id, key)
    assert not any(q.interviewee == "top_management" for k, q in by_key.items() if k.startswith("iso45001-2018/5.4-"))


def test_iso50003_needs_demonstrated_improvement_before_certification(registry: BankRegistry) -> None:
    """ISO 50003: the EnPI-versus-baseline comparison is a stage 2 gate that level 2 (raw or one-off) does not pass."""
    by_key = {item.key: item.question for item in items(registry.banks["iso50001-2018"])}
    comparison = by_key["iso50001-2018/9.1.1-b"]
    assert comparison.gate == "stage2" and comparison.gate_level == 3
    gate_levels = {q.gate_level for bank in registry.banks.values() for i in items(bank) if (q := i.question).gate}
    assert gate_levels == {2, 3}
    raised = [i.key for bank in registry.banks.values() for i in items(bank) if i.question.gate_level == 3]
    assert raised == ["iso50001-2018/9.1.1-b"]  # documented in docs/reference/gates/iso50001-2018.md


# ISO/IEC 27001:2022 clauses 4-10, from the 27001 block of docs/reference/13_mandatory_documented_information.txt
ISO27001_DOCUMENTED_INFORMATION = Counter(
    {
        ("4.3", "document"): 1,  # scope
        ("5.2", "document"): 1,  # policy
        ("6.1.2", "document"): 1,  # risk assessment process
        ("6.1.3", "document"): 3,  # risk treatment process, Statement of Applicability, risk treatment plan
        ("6.2", "document"): 1,  # objectives
        ("7.2", "record"): 1,  # evidence of competence
        ("7.5.1", "document"): 1,  # documented information the organisation decided it needs
        ("8.1", "record"): 1,  # operational planning and control: processes carried out as planned
        ("8.2", "record"): 1,  # results of the risk assessments
        ("8.3", "record"): 1,  # results of the risk treatment
        ("9.1", "record"): 1,  # monitoring and measurement results
        ("9.2.2", "record"): 1,  # audit programme and audit results
        ("9.3.3", "record"): 1,  # management review results
        ("10.2", "record"): 1,  # nonconformities and corrective action results
    }
)


def test_iso27001_mandatory_documents_and_records(registry: BankRegistry) -> None:
    """Every item the standard asks to keep is flagged, as a document (maintained) or a record (retained)."""
    found = Counter(
        (i.clause.id, i.question.documented_info.kind)
        for i in items(registry.banks["iso27001-2022"])
        if i.section.kind == "requirements" and i.question.documented_info
    )
    assert found == ISO27001_DOCUMENTED_INFORMATION
    flagged = [i for i in items(registry.banks["iso27001-2022"]) if i.question.documented_info]
    assert all(i.question.mandatory for i in flagged if i.section.kind == "requirements")


YEARLY = re.compile(r"\b(yearly|every year|each year|once a year|annual(ly)?)\b", re.IGNORECASE)


@pytest.mark.parametrize("bank_id", sorted(EXPECTED))
def test_no_interval_is_hard_coded_where_the_standard_leaves_it_open(registry: BankRegistry, bank_id: str) -> None:
    """Audits, reviews and evaluations run 'at planned intervals': what a firm is asked and told to do, and what
    each level means, never fixes a year. A remark on common practice (in brackets) may name one."""
    for item in items(registry.banks[bank_id]):
        q = item.question
        for field, text in (
            ("text", q.text),
            ("action", q.action),
            *((f"level {n}", t) for n, t in (q.levels or {}).items()),
        ):
            said = re.sub(r"\([^)]*\)", "", text)
            assert not YEARLY.search(said) or "budget" in said, f"{item.key} {field}: {text}"


def test_aqap_says_who_assesses_it(registry: BankRegistry) -> None:
    """AQAP 2110: the acquirer's GQA contract by contract, or national certification where it exists; no MD 5 days."""
    certification = registry.banks["aqap2110-d"].certification
    assert certification.audit_time is None
    assert "government quality assurance (GQA)" in certification.who and "contract by contract" in certification.who
    assert "no two-stage certification audit" in certification.who and "Poland" in certification.who
    assert "GQA" in certification.assessor and "national AQAP certification body" in certification.assessor


CORE = {  # weight-1 mandatory questions whose absence alone is a likely major (docs/reference/core.md)
    ("iso14001-2015", "8.2-d"),
    ("iso14001-2026", "8.2-d"),
    ("iso45001-2018", "8.1.2-b"),
    ("iso22301-2019", "7.3-a"),  # shared awareness question: core for 22301 only
}
NARROW_RECORDS = {  # a record beside a process asked elsewhere: a 0 is an isolated lapse, a minor
    ("iso9001-2015", "7.1.5-c"),
    ("iso9001-2015", "8.7-b"),
    ("iso9001-2015", "10.2-b"),
    ("iso9001-2015", "9.3.3-a"),
    ("iso14001-2015", "9.1.2-b"),
    ("iso14001-2026", "9.1.2-b"),
    ("iso14001-2026", "9.3.3-a"),
    ("iso27001-2022", "9.3.3-a"),
    ("iso22301-2019", "9.3.3-a"),
    ("iso22301-2019", "10.1-b"),
    ("iso42001-2023", "9.3.3-a"),
    ("iso37001-2025", "4.5-f"),
}


def test_core_marks_only_what_weight_does_not_say(registry: BankRegistry) -> None:
    own = {
        (bank.id, item.question.id): item.question
        for bank in registry.banks.values()
        if not bank.extends
        for item in items(bank)
    }
    assert {key for key, q in own.items() if q.core} == CORE
    assert all(own[key].mandatory and own[key].weight == 1 for key in CORE)
    for key in NARROW_RECORDS:
        q = own[key]
        assert q.mandatory and q.weight == 1 and not q.core, key
        assert q.documented_info is not None and q.documented_info.kind == "record", key
