"""The shipped banks: complete, consistent, and keyed by standard edition."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from questionnaire.banks import BankRegistry, items, load_registry

from ..conftest import ROOT

EXPECTED = {
    "iso9001-2015",
    "iso14001-2015",
    "iso27001-2022",
    "iso45001-2018",
    "iso22301-2019",
    "iso50001-2018",
    "iso42001-2023",
    "iso37001-2016",
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
