"""One assessment, as its consultant sees it: dashboard, results, report, agreed answers, cycle, exports."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from ..charts import dashboard as dashboard_charts
from ..domain import access, actions, agreement, clients, consensus, cycle, dashboard, evidence, invitations, transfer
from ..domain.context import for_assessment
from ..domain.registry import registry
from ..extensions import db
from ..models import Assessment
from ..scoring.consensus import CONSENSUS_RULE
from ..web import nav
from ..web.report import render_pdf, render_report, slug
from ..web.results import render_results
from .blueprint import bp
from .forms import ConfirmForm, CycleForm, ExpiryForm, LinkForm, PlanForm


@bp.get("/assessments/<assessment_id>")
def assessment(assessment_id: str) -> str:
    found = access.assessment(assessment_id)
    row = dashboard.rows([found], registry())[0]
    charts = [
        dashboard_charts.clause_scores(f"clauses-{found.public_id}", [(r.bank.name, r) for r in row.results]),
        dashboard_charts.level_spread(
            f"spread-{found.public_id}", [(r.bank.name, r, row.answers) for r in row.results]
        ),
    ]
    return render_template(
        "consult/assessment.html",
        assessment=found,
        row=row,
        charts=charts,
        link_form=LinkForm(),
        expiry_form=ExpiryForm(),
        confirm=ConfirmForm(),
        today=datetime.now(UTC).date(),
        mail_state=invitations.latest_mail(found),
        plan_form=PlanForm(obj=found, prefix="plan"),
        stored=evidence.usage([found.id])[found.id],
        action_counts=actions.counts([found.id], datetime.now(UTC).date())[found.id],
    )


@bp.post("/assessments/<assessment_id>/plan")
def plan(assessment_id: str) -> Response:
    """Name, due date and reminders, trend chart: small settings saved together from the assessment page."""
    found = access.assessment(assessment_id)
    form = PlanForm(prefix="plan")
    if form.validate_on_submit():
        due = form.due_on.data
        if due and due < datetime.now(UTC).date() and due != found.due_on:
            form.due_on.errors = ["Give today or a later day: reminders go out before the due date."]
        else:
            days = 3 if form.remind_days.data is None else form.remind_days.data
            clients.set_plan(found, form.name.data, due, days, bool(form.in_trends.data))
            db.session.commit()
            flash("Assessment details saved.", "success")
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}: {error}", "error")
    return redirect(url_for(".assessment", assessment_id=found.public_id, _anchor="plan"))


@bp.get("/assessments/<assessment_id>/results")
def results(assessment_id: str) -> str:
    context = for_assessment(access.assessment(assessment_id))
    return render_results(context, nav.for_consultant(context))


@bp.get("/assessments/<assessment_id>/report")
def report_page(assessment_id: str) -> str:
    context = for_assessment(access.assessment(assessment_id))
    return render_report(context, nav.for_consultant(context))


@bp.get("/assessments/<assessment_id>/report.pdf")
def report_pdf(assessment_id: str) -> Response:
    return render_pdf(for_assessment(access.assessment(assessment_id)))


@bp.route("/assessments/<assessment_id>/agree", methods=["GET", "POST"])
def agree(assessment_id: str) -> ResponseReturnValue:
    """Disagreements of one section at a time; the agreed answers of a section recorded with one save."""
    found = access.assessment(assessment_id)
    context = for_assessment(found)
    pages = context.questionnaire.pages
    section = request.args.get("section") or request.form.get("section")
    part = request.args.get("part", type=int) or 1
    problems: dict[str, str] = {}
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        page = next((p for p in pages if p.id == section), None)
        changes, problems = agreement.parse(page.entries if page else [], request.form)
        if not problems:
            for key, value in changes.items():
                consensus.record_agreed(found, key, value)
            db.session.commit()
            flash(f"{len(changes)} agreed answer{'' if len(changes) == 1 else 's'} recorded." if changes
                  else "Nothing was chosen, so nothing changed.", "success" if changes else "info")  # fmt: skip
            return redirect(url_for(".agree", assessment_id=found.public_id, section=section, part=part))
    elif request.method == "POST":
        abort(400)
    refs = {e.key: b.ref for p in pages for b in p.blocks for e in b.entries}
    sets = consensus.answer_sets([found.id])[found.id]
    asked = frozenset(request.args.getlist("key"))  # an action's questions, to record their new agreed answer
    html = render_template(
        "consult/agree.html",
        assessment=found,
        board=agreement.board(pages, refs, sets, agreement.people_of(found.id), section, part, asked),
        agree_problems=problems,
        posted=request.form if problems else {},
        rule=CONSENSUS_RULE,
    )
    return html, 400 if problems else 200


@bp.post("/assessments/<assessment_id>/reassess")
def reassess(assessment_id: str) -> Response:
    found = access.assessment(assessment_id)
    if ConfirmForm().validate_on_submit():
        fresh = clients.reassess(found)
        db.session.commit()
        flash(
            "Re-assessment started from the last agreed answers. Issue links to the people who should review them.",
            "success",
        )
        return redirect(url_for(".assessment", assessment_id=fresh.public_id))
    return redirect(url_for(".assessment", assessment_id=found.public_id))


@bp.route("/assessments/<assessment_id>/cycle", methods=["GET", "POST"])
def certification(assessment_id: str) -> ResponseReturnValue:
    found = access.assessment(assessment_id)
    form = CycleForm(
        data={"stage1": found.stage1_on, "stage2": found.stage2_on, "certified": found.certified_on}
        if request.method == "GET"
        else None
    )
    if form.validate_on_submit():
        clients.set_cycle(found, form.stage1.data, form.stage2.data, form.certified.data)
        db.session.commit()
        flash("Certification dates saved.", "success")
        return redirect(url_for(".certification", assessment_id=found.public_id))
    events = cycle.cycle_events(found.stage1_on, found.stage2_on, found.certified_on)
    today = datetime.now(UTC).date()
    html = render_template(
        "consult/cycle.html", assessment=found, form=form, events=events, due=cycle.next_due(events, today), today=today
    )
    return html, 400 if form.errors else 200


@bp.get("/assessments/<assessment_id>/cycle.ics")
def calendar(assessment_id: str) -> Response:
    found = access.assessment(assessment_id)
    events = cycle.cycle_events(found.stage1_on, found.stage2_on, found.certified_on)
    events += [cycle.CycleEvent(due.key, due.title, due.day, due.description) for due in actions.due_dates(found.id)]
    body = cycle.to_ics(events, subject(found), f"preaudit-assessment-{found.public_id}", datetime.now(UTC))
    return download(body, "text/calendar", f"certification-{slug(found.organisation.name, 'client')}.ics")


@bp.get("/assessments/<assessment_id>/answers.csv")
def answers_csv(assessment_id: str) -> Response:
    found = access.assessment(assessment_id)
    body = "\ufeff" + transfer.answers_csv(found, dashboard.banks_of(found, registry()))
    return download(
        body.encode("utf-8"), "text/csv", f"answers-{slug(found.organisation.name, 'client')}-{found.public_id}.csv"
    )


@bp.get("/assessments/<assessment_id>/export.json")
def export_json(assessment_id: str) -> Response:
    found = access.assessment(assessment_id)
    body = transfer.export_json(found, registry()).encode("utf-8")
    return download(
        body, "application/json", f"assessment-{slug(found.organisation.name, 'client')}-{found.public_id}.json"
    )


@bp.route("/assessments/<assessment_id>/delete", methods=["GET", "POST"])
def delete_assessment(assessment_id: str) -> ResponseReturnValue:
    found = access.assessment(assessment_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        client_id = found.organisation.public_id
        clients.delete_assessment(found)
        db.session.commit()
        evidence.sweep()  # its files, unless another assessment holds the same bytes
        flash("The assessment, its links, answers, files and actions are deleted.", "success")
        return redirect(url_for(".client", client_id=client_id))
    html = render_template(
        "consult/confirm_delete.html", form=form, what="assessment", client=found.organisation, assessment=found
    )
    return html


def subject(assessment: Assessment) -> str:
    names = " + ".join(b.name for b in dashboard.banks_of(assessment, registry())) or "certification"
    return f"{assessment.organisation.name}, {names}"


def download(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
