"""The layers of docs/architecture.md, checked on the source: an import that breaks them fails here.

Blueprints parse input and render; `web` holds what blueprints share; the domain below them imports no blueprint
and nothing from `web`; the pure cores (banks, scoring, charts) import neither Flask nor the database; nothing
imports in a circle; and our own modules are imported at the top of a file, never inside a function (the app
factory aside), so the import graph read here is the whole graph.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "questionnaire"
CORES = {"banks": set(), "scoring": {"banks"}, "charts": {"banks", "scoring"}}
IMPURE = ("flask", "flask_", "sqlalchemy", "werkzeug", "wtforms", "questionnaire.models", "questionnaire.extensions")


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted
    target: str  # imported module (or the package an imported name lives in), dotted
    top_level: bool  # False when inside a function or class body
    type_only: bool  # under `if TYPE_CHECKING:`


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def _resolve(source: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = source.split(".") if is_package else source.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports() -> Iterator[Import]:
    known = modules()
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        yield from _walk(tree, name, path.name == "__init__.py", known, top_level=True, type_only=False)


def _walk(
    node: ast.AST, source: str, is_package: bool, known: dict, top_level: bool, type_only: bool
) -> Iterator[Import]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            yield from _walk(child, source, is_package, known, top_level, True)
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            yield from _walk(child, source, is_package, known, False, type_only)
        elif isinstance(child, ast.Import):
            for alias in child.names:
                yield Import(source, alias.name, top_level, type_only)
        elif isinstance(child, ast.ImportFrom):
            base = _resolve(source, is_package, child)
            for alias in child.names:
                target = f"{base}.{alias.name}"
                yield Import(source, target if target in known else base, top_level, type_only)
        else:
            yield from _walk(child, source, is_package, known, top_level, type_only)


def package_of(module: str) -> str:
    """The top-level part under questionnaire: 'questionnaire.domain.access' -> 'domain'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "questionnaire" else ""


def blueprints() -> set[str]:
    """Packages that make a Flask Blueprint: found, not listed, so a new blueprint is checked from its first day."""
    return {
        package.name
        for package in PACKAGE.iterdir()
        if package.is_dir()
        and any("Blueprint(" in module.read_text(encoding="utf-8") for module in package.glob("*.py"))
    }


ALL = list(imports())
OURS = [i for i in ALL if i.target.startswith("questionnaire.") and i.source != i.target]


def test_the_blueprints_are_found() -> None:
    assert {"assess", "consult", "learn", "pages", "reports"} <= blueprints()


def test_a_blueprint_is_imported_only_by_itself_and_the_app_factory() -> None:
    wrong = [
        f"{i.source} imports {i.target}"
        for i in OURS
        if package_of(i.target) in blueprints()
        and package_of(i.source) != package_of(i.target)
        and i.source != "questionnaire"
    ]
    assert wrong == []


@pytest.mark.parametrize("layer", ["domain", "web"])
def test_the_lower_layers_import_no_blueprint(layer: str) -> None:
    wrong = [
        f"{i.source} imports {i.target}"
        for i in OURS
        if package_of(i.source) == layer and package_of(i.target) in blueprints()
    ]
    assert wrong == []


def test_the_domain_imports_nothing_from_web() -> None:
    wrong = [
        f"{i.source} imports {i.target}"
        for i in OURS
        if package_of(i.source) == "domain" and package_of(i.target) == "web"
    ]
    assert wrong == []


@pytest.mark.parametrize("core", sorted(CORES))
def test_pure_cores_import_neither_flask_nor_the_database(core: str) -> None:
    mine = [i for i in ALL if package_of(i.source) == core]
    assert mine, f"no module found in {core}"
    impure = [f"{i.source} imports {i.target}" for i in mine if i.target.startswith(IMPURE)]
    allowed = CORES[core] | {core}
    sideways = [
        f"{i.source} imports {i.target}"
        for i in mine
        if i.target.startswith("questionnaire.") and package_of(i.target) not in allowed
    ]
    assert impure == [] and sideways == []


def test_our_modules_are_imported_at_the_top_of_a_file() -> None:
    """The app factory may defer (it builds the app in order); everything else imports at the top."""
    deferred = [f"{i.source} imports {i.target}" for i in OURS if not i.top_level and i.source != "questionnaire"]
    assert deferred == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_in_a_circle() -> None:
    edges: dict[str, set[str]] = {}
    for i in OURS:
        if i.source != "questionnaire" and i.target != "questionnaire":
            edges.setdefault(i.source, set()).add(i.target)
    assert _cycles(edges) == []


def test_no_package_imports_in_a_circle() -> None:
    edges: dict[str, set[str]] = {}
    for i in OURS:
        source, target = package_of(i.source), package_of(i.target)
        if source and target and source != target:
            edges.setdefault(source, set()).add(target)
    assert _cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a two-module circle and a three-module one are both reported."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}) == [
        ["a", "b"],
        ["c", "d", "e"],
    ]
