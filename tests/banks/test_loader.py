"""Broken bank files: each problem is reported with the file, the place in it and what is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from questionnaire.banks import BankFileError, load_registry
from questionnaire.banks.loader import validate
from questionnaire.banks.schema import Bank

from ..conftest import DATA

DEMO = DATA / "banks" / "demo-2024.yaml"
HS = DATA / "banks" / "_harmonized_structure.yaml"


def write_bank(folder: Path, text: str, name: str = "demo-2024.yaml") -> Path:
    shutil.copy(HS, folder / HS.name)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def demo() -> dict:
    return yaml.safe_load(DEMO.read_text(encoding="utf-8"))


def problems_for(tmp_path: Path, data: dict | str) -> list[str]:
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    write_bank(tmp_path, text)
    registry = load_registry(tmp_path)
    assert "demo-2024" not in registry.banks
    return [str(problem) for problem in registry.problems["demo-2024.yaml"]]


def test_the_demo_bank_is_valid() -> None:
    bank = validate(Bank, DEMO)
    assert bank.id == "demo-2024" and len(bank.sections) == 2


def test_not_yaml(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, "id: demo-2024\nsections: [unclosed\n")
    assert problem.startswith("demo-2024.yaml: line 3, column 1: not valid YAML")


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "- just\n- a list\n") == [
        "demo-2024.yaml: the top level must be a mapping of bank fields"
    ]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = DEMO.read_text(encoding="utf-8").replace("weight: 2\n", "weight: 2\n            weight: 3\n", 1)
    assert problems_for(tmp_path, text) == ["demo-2024.yaml: line 31: key 'weight' appears twice"]


def test_unknown_key(tmp_path: Path) -> None:
    data = demo()
    data["sections"][0]["clauses"][0]["questions"][1]["wieght"] = 2
    text = yaml.safe_dump(data, sort_keys=False)
    line = [row.strip() for row in text.splitlines()].index("wieght: 2") + 1
    assert problems_for(tmp_path, text) == [
        f"demo-2024.yaml: section '4' > clause '4.1' > question '4.1-b' > wieght (line {line}): "
        "unknown key (not part of the bank format)"
    ]


def test_missing_required_field(tmp_path: Path) -> None:
    data = demo()
    del data["sections"][1]["clauses"][0]["questions"][0]["guidance"]
    [problem] = problems_for(tmp_path, data)
    assert problem.startswith("demo-2024.yaml: section '8' > clause '8.1' > question '8.1-a' > guidance (line ")
    assert problem.endswith("required field is missing")


@pytest.mark.parametrize(
    ("weight", "message"), [(0, "greater than 0"), (9, "less than or equal to 5"), ("x", "valid number")]
)
def test_bad_weight(tmp_path: Path, weight: object, message: str) -> None:
    data = demo()
    data["sections"][0]["clauses"][0]["questions"][0]["weight"] = weight
    [problem] = problems_for(tmp_path, data)
    assert problem.startswith("demo-2024.yaml: section '4' > clause '4.1' > question '4.1-a' > weight (line 31): ")
    assert message in problem


def test_duplicate_question_id(tmp_path: Path) -> None:
    data = demo()
    data["sections"][1]["clauses"][0]["questions"][0]["id"] = "4.1-a"
    assert problems_for(tmp_path, data) == ["demo-2024.yaml: duplicate question id: 4.1-a"]


def test_shared_question_cannot_be_not_applicable(tmp_path: Path) -> None:
    data = demo()
    data["sections"][1]["clauses"][0]["questions"][0]["hs_key"] = "hs-8.1-operations"
    [problem] = problems_for(tmp_path, data)
    assert "question '8.1-a'" in problem and "cannot allow 'not applicable'" in problem


def test_unknown_hs_key(tmp_path: Path) -> None:
    data = demo()
    data["sections"][0]["clauses"][0]["questions"][0]["hs_key"] = "hs-4.9-nonsense"
    assert problems_for(tmp_path, data) == [
        "demo-2024.yaml: unknown hs_key: hs-4.9-nonsense (see _harmonized_structure.yaml)"
    ]


def test_guideline_with_mandatory_questions(tmp_path: Path) -> None:
    data = demo()
    data["kind"] = "guideline"
    data["certification"]["certifiable"] = False
    assert problems_for(tmp_path, data) == [
        "demo-2024.yaml: a guideline has no mandatory requirements: set mandatory: false everywhere"
    ]


def test_file_name_must_match_id(tmp_path: Path) -> None:
    write_bank(tmp_path, DEMO.read_text(encoding="utf-8"), name="other.yaml")
    registry = load_registry(tmp_path)
    assert [str(p) for p in registry.problems["other.yaml"]] == [
        "other.yaml: id: file name must be 'demo-2024.yaml' to match the bank id"
    ]


def test_hs_bank_must_map_every_shared_question(tmp_path: Path) -> None:
    data = demo()
    data["hs_edition"] = "2012"
    [problem] = problems_for(tmp_path, data)
    assert problem.startswith("demo-2024.yaml: hs_key: harmonized-structure questions not mapped: hs-10.1-improvement")
    assert "hs-6.3-changes" not in problem  # optional on the 2012 structure


def test_a_broken_bank_leaves_the_others_working(tmp_path: Path) -> None:
    write_bank(tmp_path, DEMO.read_text(encoding="utf-8"))
    (tmp_path / "broken-1.yaml").write_text("id: [\n", encoding="utf-8")
    registry = load_registry(tmp_path)
    assert list(registry.banks) == ["demo-2024"]
    assert list(registry.problems) == ["broken-1.yaml"]


def test_sector_scheme_extends_its_base(tmp_path: Path) -> None:
    write_bank(tmp_path, DEMO.read_text(encoding="utf-8"))
    scheme = demo()
    scheme.update(id="scheme-1", name="Scheme 1", kind="sector_scheme", extends="demo-2024")
    scheme["sections"] = [
        {
            "id": "S-1",
            "title": "Scheme additions",
            "clauses": [
                {
                    **scheme["sections"][1]["clauses"][0],
                    "id": "S-1.1",
                    "questions": [{**scheme["sections"][1]["clauses"][0]["questions"][0], "id": "s-1.1-a"}],
                }
            ],
        }
    ]
    (tmp_path / "scheme-1.yaml").write_text(yaml.safe_dump(scheme), encoding="utf-8")
    registry = load_registry(tmp_path)
    assert not registry.problems
    merged = registry.banks["scheme-1"]
    assert [s.id for s in merged.sections] == ["4", "8", "S-1"]
    from questionnaire.banks import items

    keys = [item.key for item in items(merged)]
    assert keys == ["demo-2024/4.1-a", "demo-2024/4.1-b", "demo-2024/8.1-a", "scheme-1/s-1.1-a"]


def test_sector_scheme_with_missing_base(tmp_path: Path) -> None:
    shutil.copy(HS, tmp_path / HS.name)
    scheme = demo()
    scheme.update(id="scheme-1", kind="sector_scheme", extends="absent-1")
    (tmp_path / "scheme-1.yaml").write_text(yaml.safe_dump(scheme), encoding="utf-8")
    registry = load_registry(tmp_path)
    assert [str(p) for p in registry.problems["scheme-1.yaml"]] == [
        "scheme-1.yaml: extends: builds on 'absent-1', which is missing or broken"
    ]


def test_validate_raises_with_all_problems(tmp_path: Path) -> None:
    data = demo()
    del data["name"]
    del data["summary"]
    path = write_bank(tmp_path, yaml.safe_dump(data))
    with pytest.raises(BankFileError) as caught:
        validate(Bank, path)
    assert [p.location.split(" ")[0] for p in caught.value.problems] == ["name", "summary"]
