"""The dashboard, clients, new assessments, imports and adopting a firm's own assessment."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from wtforms import SelectChoice

from ..charts import dashboard as dashboard_charts
from ..domain import access, actions, clients, dashboard, evidence, transfer
from ..domain.cycle import cycle_events, next_due
from ..domain.operations import find_respondent
from ..domain.registry import registry
from ..domain.standards import combination_problem, standard_choices
from ..domain.tokens import token_from
from ..extensions import db
from ..scoring import Result
from .blueprint import bp
from .forms import AdoptForm, AssessmentForm, ClientForm, ConfirmForm, ImportForm

NEW_CLIENT = "new"


@bp.get("/", endpoint="dashboard")
@login_required
def dashboard_page() -> str:
    every = dashboard.clients_with_assessments(current_user)
    latest = [max(c.assessments, key=lambda a: (a.created_at, a.id)) for c in every if c.assessments]
    rows = {row.assessment.id: row for row in dashboard.rows(latest, registry())}
    charts = []
    if rows:
        pairs = [(row, result) for row in rows.values() for result in row.results]
        charts = [
            dashboard_charts.clause_scores("dash-clauses", [(label(row, res), res) for row, res in pairs]),
            dashboard_charts.level_spread("dash-spread", [(label(row, res), res, row.answers) for row, res in pairs]),
        ]
    tracked = actions.counts_per_client([c.id for c in every], datetime.now(UTC).date())
    return render_template(
        "consult/dashboard.html", clients=every, rows=rows, charts=charts, confirm=ConfirmForm(), actions=tracked
    )


def label(row: dashboard.AssessmentRow, result: Result) -> str:
    return f"{row.assessment.organisation.name} · {result.bank.standard}"


@bp.route("/clients/new", methods=["GET", "POST"])
@login_required
def new_client() -> ResponseReturnValue:
    form = ClientForm()
    if form.validate_on_submit():
        client = clients.create_client(current_user, fields(form))
        db.session.commit()
        flash(f"Client added: {client.name}. Now start an assessment for it.", "success")
        return redirect(url_for(".client", client_id=client.public_id))
    return render_template("consult/client_form.html", form=form, client=None), 400 if form.errors else 200


def fields(form: ClientForm) -> clients.ClientFields:
    return clients.ClientFields(form.name.data, form.sector.data, form.headcount.data, form.scope.data)


@bp.get("/clients/<client_id>")
def client(client_id: str) -> str:
    found = access.client(client_id)
    rows = dashboard.rows(clients.latest_first(found), registry())
    trend_figures = [
        dashboard_charts.trend(f"trend-{bank.id}", f"{bank.name}: score per clause over time", points)
        for bank, points in dashboard.trends(rows)
    ]
    dated = next((row.assessment for row in rows if row.assessment.certified_on or row.assessment.stage2_on), None)
    events = cycle_events(dated.stage1_on, dated.stage2_on, dated.certified_on) if dated else []
    due = next_due(events, datetime.now(UTC).date())
    stored = evidence.usage([row.assessment.id for row in rows])
    return render_template(
        "consult/client.html", client=found, rows=rows, trends=trend_figures, due=due, dated=dated, stored=stored
    )


@bp.route("/clients/<client_id>/edit", methods=["GET", "POST"])
def edit_client(client_id: str) -> ResponseReturnValue:
    found = access.client(client_id)
    form = ClientForm(obj=found)
    if form.validate_on_submit():
        clients.update_client(found, fields(form))
        db.session.commit()
        flash("Client details saved.", "success")
        return redirect(url_for(".client", client_id=found.public_id))
    return render_template("consult/client_form.html", form=form, client=found), 400 if form.errors else 200


@bp.route("/clients/<client_id>/delete", methods=["GET", "POST"])
def delete_client(client_id: str) -> ResponseReturnValue:
    found = access.client(client_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = found.name
        clients.delete_client(found)
        db.session.commit()
        evidence.sweep()  # the files of its assessments, unless another assessment holds the same bytes
        flash(f"{name} and all its assessments are deleted.", "success")
        return redirect(url_for(".dashboard"))
    return render_template("consult/confirm_delete.html", form=form, what="client", client=found, assessment=None)


@bp.route("/clients/<client_id>/assessments/new", methods=["GET", "POST"])
def new_assessment(client_id: str) -> ResponseReturnValue:
    found = access.client(client_id)
    form = AssessmentForm()
    form.standards.choices = standard_choices(registry())
    if form.validate_on_submit():
        problem = combination_problem(registry(), form.standards.data)
        if not problem:
            assessment = clients.new_assessment(found, form.standards.data)
            assessment.name = (form.name.data or "").strip() or None
            db.session.commit()
            flash("Assessment created. Issue a link to each person who should answer.", "success")
            return redirect(url_for(".assessment", assessment_id=assessment.public_id))
        form.standards.errors = [*form.standards.errors, problem]
    html = render_template("consult/assessment_new.html", form=form, client=found, registry=registry())
    return html, 400 if form.errors else 200


@bp.route("/clients/<client_id>/import", methods=["GET", "POST"])
def import_assessment(client_id: str) -> ResponseReturnValue:
    found = access.client(client_id)
    form = ImportForm()
    error = None
    if form.validate_on_submit():
        try:
            parsed, _ = transfer.parse(form.file.data.read(), registry())
        except transfer.ImportRefused as exc:
            error = str(exc)
        else:
            assessment, missing = transfer.import_into(found, parsed)
            db.session.commit()
            flash("Assessment imported as a new assessment. Regenerate a link for whoever should answer.", "success")
            if missing:
                flash(f"Files this site does not hold, to upload again: {', '.join(missing)}.", "info")
            return redirect(url_for(".assessment", assessment_id=assessment.public_id))
    html = render_template("consult/import.html", form=form, client=found, error=error)
    return html, 400 if (form.errors or error) else 200


@bp.route("/adopt", methods=["GET", "POST"])
@login_required
def adopt() -> ResponseReturnValue:
    form = AdoptForm()
    mine = clients.clients_of(current_user)
    form.client.choices = [SelectChoice(NEW_CLIENT, "A new client, from the firm's own details")] + [
        SelectChoice(c.public_id, c.name) for c in mine
    ]
    if form.validate_on_submit():
        token = token_from(form.link.data)
        link = find_respondent(token) if token else None
        if link is None or not access.permits(access.Principal(link=link), None, link.assessment_id, "answer"):
            form.link.errors = ["This is not a working resume link. Ask the firm to copy it again from its browser."]
        else:
            target = next((c for c in mine if c.public_id == form.client.data), None)
            firm = link.assessment.organisation
            twin = None if target or firm.consultant_id else clients.same_name(current_user, firm.name)
            if twin is not None and not form.same_name.data:
                return render_template("consult/adopt.html", form=form, twin=twin), 400
            try:
                owner = clients.adopt(link.assessment, current_user, target)
            except clients.AdoptError as exc:
                form.link.errors = [str(exc)]
            else:
                db.session.commit()
                flash(
                    f"The assessment is now under {owner.name}. The firm's own link keeps working until you revoke it.",
                    "success",
                )
                return redirect(url_for(".assessment", assessment_id=link.assessment.public_id))
    return render_template("consult/adopt.html", form=form, twin=None), 400 if form.errors else 200
