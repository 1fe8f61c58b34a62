"""All banks of a folder, loaded once, checked together, with broken files kept aside.

A broken bank never takes the site down: it is recorded in `problems` and the others stay available.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .glossary import GLOSSARY_FILE, Glossary, load_glossary
from .harmonized import HarmonizedStructure
from .items import items
from .loader import BankFileError, BankProblem, validate
from .schema import Bank
from .transition import mapping_problems

HS_FILE = "_harmonized_structure.yaml"
T = TypeVar("T")


@dataclass
class BankRegistry:
    directory: Path
    harmonized: HarmonizedStructure | None = None
    glossary: Glossary | None = None
    banks: dict[str, Bank] = field(default_factory=dict)
    problems: dict[str, list[BankProblem]] = field(default_factory=dict)
    # answer key a question was stored under before it was renamed -> its answer key now
    renames: dict[str, str] = field(default_factory=dict)
    # answer keys of questions a bank removed on purpose (`retired`): kept in the database, never read
    retired: frozenset[str] = frozenset()
    # derived, immutable things built from banks (page layouts, pre-rendered pages), kept for the process's life
    cache: dict[tuple[str, ...], object] = field(default_factory=dict)

    def derived(self, key: tuple[str, ...], make: Callable[[], T]) -> T:
        """Something built from the banks (a page layout, a form class) once per process and reused."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]  # type: ignore[return-value]

    def get(self, bank_id: str) -> Bank | None:
        return self.banks.get(bank_id)

    def available(self) -> list[Bank]:
        return sorted(self.banks.values(), key=_display_order)

    def claimed_keys(self) -> set[str]:
        """Every answer key some question of a loaded bank reads: its own, or one it was renamed from."""
        return {item.key for bank in self.banks.values() for item in items(bank)} | set(self.renames)

    def _fail(self, filename: str, problems: list[BankProblem]) -> None:
        self.problems.setdefault(filename, []).extend(problems)


def _display_order(bank: Bank) -> tuple[int, int, str]:
    """Certifiable standards in number order (ISO 9001 before ISO/IEC 27001), then sector schemes, then guidelines."""
    digits = "".join(ch for ch in bank.standard if ch.isdigit())
    rank = {"certifiable": 0, "sector_scheme": 1, "guideline": 2}[bank.kind]
    return (rank, int(digits or 0), bank.name)


def load_registry(directory: Path) -> BankRegistry:
    registry = BankRegistry(directory)
    try:
        registry.harmonized = validate(HarmonizedStructure, directory / HS_FILE)
    except BankFileError as exc:
        registry._fail(HS_FILE, exc.problems)
    context = {"hs_keys": registry.harmonized.keys if registry.harmonized else frozenset()}
    raw: dict[str, tuple[str, Bank]] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        try:
            bank = validate(Bank, path, context)
        except BankFileError as exc:
            registry._fail(path.name, exc.problems)
            continue
        if problem := _check_file(path, bank, raw, registry.harmonized):
            registry._fail(path.name, [problem])
            continue
        raw[bank.id] = (path.name, bank)
    for filename, bank in raw.values():
        try:
            registry.banks[bank.id] = _resolve(bank, raw)
        except ValueError as exc:
            registry._fail(filename, [BankProblem(filename, "extends", str(exc))])
    _check_editions(registry, {bank.id: filename for filename, bank in raw.values()})
    broken = {name.removesuffix(".yaml") for name in registry.problems}
    registry.glossary, problems = load_glossary(directory, registry.banks, broken)
    if problems:
        registry._fail(GLOSSARY_FILE, problems)
    registry.renames = _renames(registry.banks.values())
    registry.retired = frozenset(f"{bank.id}/{old}" for bank in registry.banks.values() for old in bank.retired)
    return registry


def _check_editions(registry: BankRegistry, filenames: dict[str, str]) -> None:
    """A bank that supersedes another must map every clause of it; a broken map keeps the bank out.
    When the old edition itself is missing or broken, the new one stands alone, without transitions."""
    for bank in list(registry.banks.values()):
        old = registry.banks.get(bank.supersedes) if bank.supersedes else None
        if old is None:
            continue
        if problems := mapping_problems(bank, old):
            del registry.banks[bank.id]
            name = filenames[bank.id]
            registry._fail(name, [BankProblem(name, "supersedes", problem) for problem in problems])


def _renames(banks: Iterable[Bank]) -> dict[str, str]:
    """`renamed_from: [old id]` on a question: answers stored under the old id count for it."""
    renames: dict[str, str] = {}
    for bank in banks:
        for item in items(bank):
            owner = item.key.split("/", 1)[0] if "/" in item.key else bank.id
            for old in item.question.renamed_from:
                renames[f"{owner}/{old}"] = item.key
    return renames


def _check_file(path: Path, bank: Bank, seen: dict, harmonized: HarmonizedStructure | None) -> BankProblem | None:
    if path.stem != bank.id:
        return BankProblem(path.name, "id", f"file name must be '{bank.id}.yaml' to match the bank id")
    if bank.id in seen:
        return BankProblem(path.name, "id", f"bank id '{bank.id}' is already used by {seen[bank.id][0]}")
    if bank.hs_edition and harmonized:
        used = {item.question.hs_key for item in items(bank)}
        if missing := sorted(harmonized.required_keys(bank.hs_edition) - used):
            return BankProblem(path.name, "hs_key", f"harmonized-structure questions not mapped: {', '.join(missing)}")
    return None


def _resolve(bank: Bank, raw: dict[str, tuple[str, Bank]]) -> Bank:
    """A sector scheme asks every question of the bank it builds on, then its own."""
    if not bank.extends:
        return bank
    if bank.extends not in raw:
        raise ValueError(f"builds on '{bank.extends}', which is missing or broken")
    base = raw[bank.extends][1]
    if base.extends:
        raise ValueError(f"'{base.id}' itself extends another bank; only one level is supported")
    merged = bank.model_copy(update={"sections": [*base.sections, *bank.sections]})
    for what, values in (
        ("section", [s.id for s in merged.sections]),
        ("clause", [c.id for s in merged.sections for c in s.clauses]),
        ("question", [item.question.id for item in items(merged)]),
    ):
        if len(values) != len(set(values)):
            raise ValueError(f"{what} ids collide with those of '{base.id}'")
    merged._origins = {section.id: base.id for section in base.sections}
    return merged
