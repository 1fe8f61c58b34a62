"""Reading one YAML file into a validated model, with errors a bank author can act on.

Every problem names the file, the place in it (by ids, not list indexes, plus the line) and what is wrong.
YAML is parsed with the safe loader only; duplicate mapping keys, which `safe_load` would silently
collapse, are reported as errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

SINGULAR = {
    "sections": "section",
    "clauses": "clause",
    "questions": "question",
    "evidence": "evidence item",
    "notices": "notice",
    "shared_questions": "shared question",
    "audit_methods": "audit method",
}
FRIENDLY = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown key (not part of the bank format)",
}

ModelT = TypeVar("ModelT", bound=BaseModel)
# Composing builds only a node tree (no objects), used for line numbers and duplicate keys; libyaml makes it cheap.
NodeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class BankProblem:
    file: str
    location: str
    message: str

    def __str__(self) -> str:
        where = f" {self.location}:" if self.location else ""
        return f"{self.file}:{where} {self.message}"


class BankFileError(Exception):
    """One file failed to load; carries every problem found in it."""

    def __init__(self, problems: list[BankProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Parse with the safe loader; return the data and the node tree (for line numbers)."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BankFileError([BankProblem(name, "", f"cannot be read: {exc}")]) from exc
    try:
        root = yaml.compose(text, Loader=NodeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise BankFileError([BankProblem(name, where, f"not valid YAML: {problem}")]) from exc
    duplicates = list(_duplicate_keys(root))
    if duplicates:
        raise BankFileError(
            [BankProblem(name, f"line {line}", f"key '{key}' appears twice") for key, line in duplicates]
        )
    if not isinstance(data, dict):
        raise BankFileError([BankProblem(name, "", "the top level must be a mapping of bank fields")])
    return data, root


def _duplicate_keys(node: yaml.Node | None):
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                yield key, key_node.start_mark.line + 1
            seen.add(key)
            yield from _duplicate_keys(value_node)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item)


def validate(model: type[ModelT], path: Path, context: dict[str, Any] | None = None) -> ModelT:
    """Load a file and validate it against `model`, turning pydantic errors into located problems."""
    data, root = read_yaml(path)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems = [
            BankProblem(path.name, describe_location(data, root, error["loc"]), _message(error))
            for error in exc.errors()
        ]
        raise BankFileError(problems) from exc


def _message(error: Any) -> str:
    message = FRIENDLY.get(error["type"], error["msg"])
    return message.removeprefix("Value error, ")


def describe_location(data: Any, root: yaml.Node | None, loc: tuple[Any, ...]) -> str:
    """Turn ('sections', 2, 'clauses', 0, 'weight') into "section '6' > clause '6.1' > weight (line 40)"."""
    parts: list[str] = []
    value, node = data, root
    parent_key = ""
    for step in loc:
        if isinstance(step, int) and isinstance(value, list) and step < len(value):
            value = value[step]
            ident = value.get("id") or value.get("key") if isinstance(value, dict) else None
            label = SINGULAR.get(parent_key, parent_key or "item")
            parts[-1:] = [f"{label} '{ident}'" if ident else f"{label} #{step + 1}"]
            node = node.value[step] if isinstance(node, yaml.SequenceNode) else node
        elif isinstance(step, str):
            parts.append(step)
            parent_key = step
            value = value.get(step) if isinstance(value, dict) else None
            node = _child(node, step)
    if not parts:
        return ""  # a rule about the whole bank: the message itself names the ids involved
    line = f" (line {node.start_mark.line + 1})" if node is not None else ""
    return " > ".join(parts) + line


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    return node
