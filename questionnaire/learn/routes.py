from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, render_template

from ..banks import Bank
from ..banks.glossary import GLOSSARY_FILE, anchor_for
from ..domain.registry import registry
from .blueprint import bp
from .catalog import ClauseView, by_letter, clause_views, hs_matrix, uncertain_clauses
from .editions import CHANGE_KINDS, STATE_LABELS, change_map, clause_titles, successors


def bank_or_404(bank_id: str) -> Bank:
    bank = registry().get(bank_id)
    if bank is None:
        abort(404)
    return bank


def views_of(bank: Bank) -> list[ClauseView]:
    return registry().derived(("learn", bank.id), lambda: clause_views(bank))


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@bp.context_processor
def edition_words() -> dict[str, Any]:
    return {
        "state_labels": STATE_LABELS,
        "change_kinds": CHANGE_KINDS,
        "long_date": long_date,
        "anchor_for": anchor_for,
    }


@bp.get("/")
def index() -> str:
    reg = registry()
    return render_template("learn/index.html", banks=reg.available(), has_glossary=reg.glossary is not None)


@bp.get("/certification")
def certification() -> str:
    return render_template("learn/certification.html")


@bp.get("/harmonized-structure")
def harmonized_structure() -> str:
    banks, rows, beyond = hs_matrix(registry())
    return render_template("learn/matrix.html", banks=banks, rows=rows, beyond=beyond)


@bp.get("/glossary")
def glossary() -> str:
    reg = registry()
    if reg.glossary is None:
        if GLOSSARY_FILE in reg.problems:
            abort(503, description="The glossary cannot be shown right now. Every standard's pages still work.")
        abort(404)
    return render_template("learn/glossary.html", groups=by_letter(reg.glossary.alphabetical()))


@bp.get("/<bank_id>")
def standard(bank_id: str) -> str:
    bank, reg = bank_or_404(bank_id), registry()
    successor = reg.get(bank.status.successor) if bank.status and bank.status.successor else None
    return render_template("learn/standard.html", bank=bank, successor=successor, newer=successors(bank, reg))


@bp.get("/<bank_id>/sources")
def sources(bank_id: str) -> str:
    bank = bank_or_404(bank_id)
    return render_template("learn/sources.html", bank=bank, uncertain=uncertain_clauses(bank))


@bp.get("/<bank_id>/changes")
def changes(bank_id: str) -> str:
    changed = change_map(bank_or_404(bank_id), registry())
    if changed is None:
        abort(404)
    return render_template("learn/changes.html", bank=changed.bank, changes=changed)


@bp.get("/<bank_id>/handout")
def handout(bank_id: str) -> str:
    bank, reg = bank_or_404(bank_id), registry()
    successor = reg.get(bank.status.successor) if bank.status and bank.status.successor else None
    sections = [(s, [v for v in views_of(bank) if v.section.id == s.id]) for s in bank.sections]
    return render_template("learn/handout.html", bank=bank, sections=sections, successor=successor)


@bp.get("/<bank_id>/<clause_id>")
def clause(bank_id: str, clause_id: str) -> str:
    bank, reg = bank_or_404(bank_id), registry()
    view = next((v for v in views_of(bank) if v.clause.id == clause_id), None)
    if view is None:
        abort(404)
    own = [bank.id, bank.extends] if bank.extends else [bank.id]
    terms = reg.glossary.for_clause(own, clause_id) if reg.glossary else []
    titles = clause_titles(reg.get(bank.supersedes)) if bank.supersedes else {}
    return render_template("learn/clause.html", view=view, terms=terms, previous_titles=titles)
