"""Which standards can be assessed, alone or together."""

from __future__ import annotations

from wtforms import SelectChoice

from ..banks import Bank, BankRegistry


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


def edition_problem(registry: BankRegistry, bank_ids: list[str], kind: str, previous_link: str | None) -> str | None:
    """A transition, or carrying answers over, needs exactly one standard that supersedes a loaded edition."""
    if kind != "transition" and not previous_link:
        return None
    bank = registry.get(bank_ids[0]) if len(bank_ids) == 1 else None
    old = registry.get(bank.supersedes) if bank and bank.supersedes else None
    if old is None:
        what = "A transition assessment" if kind == "transition" else "Carrying answers over"
        return f"{what} covers one standard that replaces an earlier edition, such as ISO 14001:2026."
    return None


def edition_advice(registry: BankRegistry, bank: Bank) -> str:
    """One line on the start page for an edition that is not simply current: which one to choose, and why."""
    status = bank.status
    if status is None or status.state == "current":
        return ""
    as_of = f"{status.as_of.day} {status.as_of:%B %Y}"
    successor = registry.get(status.successor) if status.successor else None
    if successor is not None:
        ends = f" until {status.transition_ends:%B %Y}" if status.transition_ends else " until the transition ends"
        applicants = status.new_applicants or f"New applicants: choose {successor.name}."
        return (
            f"Replaced by {successor.name} (as of {as_of}). {applicants} "
            f"Certified to this edition: it stays valid{ends}; assess the transition with {successor.name}."
        )
    if status.state == "revision_under_way":
        return f"A new edition is being prepared (as of {as_of}); this one is what certificates are issued to today."
    return f"{status.state.replace('_', ' ').capitalize()} as of {as_of}."
