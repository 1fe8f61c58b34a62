from __future__ import annotations

from flask import abort, render_template

from ..banks.flask_glue import registry
from . import bp
from .catalog import clause_view, hs_matrix


def bank_or_404(bank_id: str):  # type: ignore[no-untyped-def]
    bank = registry().get(bank_id)
    if bank is None:
        abort(404)
    return bank


@bp.get("/")
def index() -> str:
    return render_template("learn/index.html", banks=registry().available())


@bp.get("/certification")
def certification() -> str:
    return render_template("learn/certification.html")


@bp.get("/harmonized-structure")
def harmonized_structure() -> str:
    banks, rows, beyond = hs_matrix(registry())
    return render_template("learn/matrix.html", banks=banks, rows=rows, beyond=beyond)


@bp.get("/<bank_id>")
def standard(bank_id: str) -> str:
    return render_template("learn/standard.html", bank=bank_or_404(bank_id))


@bp.get("/<bank_id>/<clause_id>")
def clause(bank_id: str, clause_id: str) -> str:
    view = clause_view(bank_or_404(bank_id), clause_id)
    if view is None:
        abort(404)
    return render_template("learn/clause.html", view=view)
