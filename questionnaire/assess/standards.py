"""Which standards can be assessed, alone or together."""

from __future__ import annotations

from wtforms import SelectChoice

from ..banks import BankRegistry


def standard_choices(registry: BankRegistry) -> list[SelectChoice]:
    return [SelectChoice(bank.id, bank.name) for bank in registry.available()]


def integrable(registry: BankRegistry, bank_id: str) -> bool:
    """Only certifiable standards on the harmonized structure can share answers in one assessment."""
    bank = registry.get(bank_id)
    return bool(bank and bank.kind == "certifiable" and bank.hs_edition)


def combination_problem(registry: BankRegistry, bank_ids: list[str]) -> str | None:
    if len(set(bank_ids)) != len(bank_ids):
        return "Each standard can be chosen once."
    if len(bank_ids) > 1 and not all(integrable(registry, bank_id) for bank_id in bank_ids):
        names = [registry.get(b).name for b in bank_ids if not integrable(registry, b)]  # type: ignore[union-attr]
        return (
            f"{', '.join(names)} cannot be combined with other standards: only certifiable management-system "
            "standards on the harmonized structure can share answers. Assess it on its own."
        )
    return None
