"""The learners' glossary: our own words, unique terms, clause references that exist, never fatal when broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from questionnaire.banks import load_registry
from questionnaire.banks.glossary import GLOSSARY_FILE, anchor_for

from ..conftest import DATA, ROOT

SHIPPED = ROOT / "question_banks" / GLOSSARY_FILE
REQUIRED = [
    "Documented information to maintain",
    "Documented information to retain",
    "Interested party",
    "Context of the organization",
    "Risks and opportunities",
    "Nonconformity",
    "Major nonconformity",
    "Minor nonconformity",
    "Opportunity for improvement",
    "Correction",
    "Corrective action",
    "Internal audit",
    "Management review",
    "Top management",
    "Scope of the management system",
    "Statement of Applicability",
    "Risk treatment plan",
    "Annex A control",
    "Significant environmental aspect",
    "Compliance obligation",
    "Life cycle perspective",
    "Hazard",
    "OH&S risk",
    "Worker consultation and participation",
    "Significant energy use",
    "Energy performance indicator",
    "Energy baseline",
    "Energy review",
    "Business impact analysis",
    "Maximum tolerable period of disruption",
    "Recovery time objective",
    "Recovery point objective",
    "Business continuity strategy",
    "Exercise programme",
    "Due diligence",
    "Anti-bribery compliance function",
    "Facilitation payment",
    "AI system impact assessment",
    "Stage 1 audit",
    "Stage 2 audit",
    "Surveillance audit",
    "Recertification audit",
    "Accreditation",
    "Certification body",
    "Harmonized structure",
]


def demo_folder(tmp_path: Path, glossary: dict | str | None) -> Path:
    """The demo bank and harmonized structure, plus a glossary file written as given."""
    for name in ("demo-2024.yaml", "_harmonized_structure.yaml"):
        shutil.copy(DATA / "banks" / name, tmp_path / name)
    if glossary is not None:
        text = glossary if isinstance(glossary, str) else yaml.safe_dump(glossary, sort_keys=False)
        (tmp_path / GLOSSARY_FILE).write_text(text, encoding="utf-8")
    return tmp_path


def term(name: str, **extra: object) -> dict:
    return {"term": name, "definition": f"What {name} means, in our words.", "standards": ["all"], **extra}


def glossary_problems(tmp_path: Path, glossary: dict | str) -> list[str]:
    registry = load_registry(demo_folder(tmp_path, glossary))
    assert "demo-2024" in registry.banks  # a broken glossary never takes a bank with it
    return [str(problem) for problem in registry.problems.get(GLOSSARY_FILE, [])]


def test_shipped_glossary_loads_with_every_required_term() -> None:
    registry = load_registry(ROOT / "question_banks")
    assert GLOSSARY_FILE not in registry.problems
    glossary = registry.glossary
    assert glossary is not None and len(glossary.terms) >= 40
    missing = [name for name in REQUIRED if glossary.term(name) is None]
    assert not missing
    for entry in glossary.terms:
        assert entry.standards, entry.term
        assert len(entry.definition) < 450, f"{entry.term}: keep it to one or two sentences"


def test_shipped_references_resolve_to_real_clauses() -> None:
    registry = load_registry(ROOT / "question_banks")
    raw = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    referenced = sum(len(ids) for entry in raw["terms"] for ids in entry.get("clauses", {}).values())
    assert registry.glossary is not None
    kept = sum(len(ids) for entry in registry.glossary.terms for ids in entry.clauses.values())
    assert kept == referenced > 150  # nothing had to be dropped
    sap = registry.glossary.term("Statement of Applicability")
    assert sap is not None and sap.clauses["iso27001-2022"] == ["6.1.3"]
    assert [t.term for t in registry.glossary.for_clause(["iso50001-2018"], "6.5")] == [
        "Energy baseline",
        "Relevant variable",
    ]


def test_no_glossary_file_is_not_a_problem(tmp_path: Path) -> None:
    registry = load_registry(demo_folder(tmp_path, None))
    assert registry.glossary is None and registry.problems == {}


def test_a_term_defined_twice(tmp_path: Path) -> None:
    data = {"schema_version": 1, "terms": [term("Interested party"), term("interested party")]}
    assert glossary_problems(tmp_path, data) == ["_glossary.yaml: term defined twice: interested party"]


def test_not_yaml_is_reported_and_the_glossary_left_out(tmp_path: Path) -> None:
    [problem] = glossary_problems(tmp_path, "terms: [unclosed\n")
    assert problem.startswith("_glossary.yaml: line 2, column 1: not valid YAML")
    assert load_registry(tmp_path).glossary is None


def test_unknown_key_and_missing_definition(tmp_path: Path) -> None:
    bad = {"term": "Scope", "standards": ["all"], "defintion": "typo"}
    problems = glossary_problems(tmp_path, {"schema_version": 1, "terms": [bad]})
    assert any("defintion" in p and "unknown key" in p for p in problems)
    assert any("definition" in p and "required field is missing" in p for p in problems)


def test_clause_references_are_checked_against_the_banks(tmp_path: Path) -> None:
    data = {
        "schema_version": 1,
        "terms": [
            term("Context", standards=["demo-2024"], clauses={"demo-2024": ["4.1", "4.9"]}),
            term("Energy", standards=["iso50001-2018"]),
        ],
    }
    assert glossary_problems(tmp_path, data) == [
        "_glossary.yaml: term 'Context' > clauses: not in demo-2024: 4.9",
        "_glossary.yaml: term 'Energy' > standards: no bank 'iso50001-2018'",
    ]
    glossary = load_registry(tmp_path).glossary
    assert glossary is not None  # kept, without the references it could not link to
    context = glossary.term("Context")
    energy = glossary.term("Energy")
    assert context is not None and context.clauses == {"demo-2024": ["4.1"]}
    assert energy is not None and energy.standards == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"standards": ["all", "demo-2024"]}, "'all' stands alone in 'standards'"),
        ({"standards": ["demo-2024"], "clauses": {"iso9001-2015": ["4.1"]}}, "names banks missing from 'standards'"),
        ({"see": ["Nothing like it"]}, "'see' names terms not in the glossary: Nothing like it"),
    ],
)
def test_rules_within_the_file(tmp_path: Path, extra: dict, message: str) -> None:
    problems = glossary_problems(tmp_path, {"schema_version": 1, "terms": [term("Scope", **extra)]})
    assert len(problems) == 1 and message in problems[0]


def test_anchors_are_stable_fragment_ids() -> None:
    assert anchor_for("OH&S risk") == "term-oh-s-risk"
    assert anchor_for("Stage 1 audit") == "term-stage-1-audit"
