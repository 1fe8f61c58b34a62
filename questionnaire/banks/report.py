"""A readable summary of a registry: what loaded, what is broken and why."""

from .items import items
from .registry import BankRegistry


def check_report(registry: BankRegistry) -> tuple[bool, list[str]]:
    lines = []
    for bank in registry.available():
        count = sum(1 for _ in items(bank))
        clauses = sum(len(section.clauses) for section in bank.sections)
        lines.append(f"ok     {bank.id}: {bank.name}, {clauses} clauses, {count} questions")
    for problems in registry.problems.values():
        lines.extend(f"ERROR  {problem}" for problem in problems)
    if not registry.banks and not registry.problems:
        lines.append(f"ERROR  no bank files found in {registry.directory}")
    return bool(registry.banks) and not registry.problems, lines
