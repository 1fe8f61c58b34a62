"""Thin views: parse the form, call an operation, commit once, render or redirect."""

from __future__ import annotations

from collections.abc import Mapping

from flask import flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from .. import charts
from ..banks.flask_glue import registry
from ..extensions import db
from ..scoring import AnswerValue, score
from ..scoring.consensus import CONSENSUS_RULE, effective
from ..service.consensus import answer_sets, carried_answers
from ..service.editions import carry_over, find_previous
from ..service.operations import answers_of, save_answers, start_assessment
from . import bp, nav
from .context import Context, estimate_for, form_for, load, page_or_404
from .forms import StartForm, fill_page, na_label, parse_page
from .layout import Page
from .progress import progress
from .standards import combination_problem, edition_problem, standard_choices

READY = "Your assessment is ready. Bookmark the private link below: it is the only way back in."


@bp.route("/start", methods=["GET", "POST"])
def start() -> Response | tuple[str, int] | str:
    form = StartForm()
    form.standards.choices = standard_choices(registry())
    if request.method == "GET" and request.args.get("standard"):
        form.standards.data = request.args.getlist("standard")
    if form.validate_on_submit():
        bank_ids, link = form.standards.data, form.previous_link.data
        reg = registry()
        problem = combination_problem(reg, bank_ids) or edition_problem(reg, bank_ids, form.kind.data, link)
        if problem:
            form.standards.errors = [*form.standards.errors, problem]
        else:
            token = start_from(form)
            if token:
                db.session.commit()
                flash(READY, "success")
                return redirect(url_for(".overview", token=token))
    status = 400 if form.errors else 200
    estimates = {bank.id: estimate_for([bank.id]) for bank in registry().available()}
    return render_template("assess/start.html", form=form, registry=registry(), estimates=estimates), status


def start_from(form: StartForm) -> str | None:
    """Create the assessment the start form describes; None (with the field's error set) for a bad link."""
    bank_ids = form.standards.data
    new = registry().get(bank_ids[0])
    old = registry().get(new.supersedes) if new and new.supersedes else None
    source = find_previous(form.previous_link.data, old.id) if old and form.previous_link.data else None
    if form.previous_link.data and source is None:
        old_name = old.name if old else "the previous edition"
        form.previous_link.errors = [f"That link does not open an assessment of {old_name}."]
        return None
    respondent, token = start_assessment(
        form.organisation.data, form.sector.data, form.headcount.data, bank_ids, form.scope.data, form.kind.data
    )
    if source is not None and new and old:
        carried = carry_over(respondent, source, new, old)
        flash(f"{carried} answer(s) to unchanged requirements carried over from your {old.name} assessment.", "success")
    return token


@bp.get("/a/<token>")
def overview(token: str) -> str:
    context = load(token)
    answers = answers_of(context.respondent)
    assessment = context.assessment
    return render_template(
        "assess/overview.html",
        context=context,
        token=token,
        progress=progress(context, answers),
        estimate=estimate_for(assessment.bank_ids, assessment.kind),
    )


@bp.route("/a/<token>/s/<page_id>", methods=["GET", "POST"])
def page(token: str, page_id: str) -> Response | str | tuple[str, int]:
    context = load(token)
    current = page_or_404(context, page_id)
    form = form_for(context, current)
    if request.method == "GET":
        answers = answers_of(context.respondent)
        fill_page(form, current, {**carried_answers(context.assessment), **answers})
        return render_page(context, token, current, form, answers)
    form.validate()
    parsed = parse_page(form, current)
    saved = save_answers(context.respondent, parsed.values)
    db.session.commit()
    if parsed.errors:
        flash(f"{parsed.errors} answer(s) on this page need your attention; the others are saved.", "error")
        return render_page(context, token, current, form, answers_of(context.respondent)), 400
    if saved:
        flash(f"Saved: {current.id} {current.title}.", "success")
    return redirect(destination(context, token, current, request.form.get("go", "next")))


def render_page(
    context: Context, token: str, current: Page, form: FlaskForm, answers: Mapping[str, AnswerValue]
) -> str:
    before, after = context.questionnaire.neighbours(current.id)
    return render_template(
        "assess/page.html",
        context=context,
        token=token,
        page=current,
        form=form,
        before=before,
        after=after,
        na_label=na_label(current),
        position=context.questionnaire.pages.index(current) + 1,
        progress=progress(context, answers),
    )


def destination(context: Context, token: str, current: Page, go: str) -> str:
    """Where the buttons of a page lead after saving: next, previous, any page, overview or results."""
    before, after = context.questionnaire.neighbours(current.id)
    target = {"next": after, "prev": before}.get(go)
    if go.startswith("page:") and context.questionnaire.page(go[5:]):
        return url_for(".page", token=token, page_id=go[5:])
    if target is not None:
        return url_for(".page", token=token, page_id=target.id)
    if go == "overview":
        return url_for(".overview", token=token)
    return url_for(".results", token=token)


@bp.get("/a/<token>/results")
def results(token: str) -> str:
    context = load(token, need="read")
    return render_results(context, nav.for_link(context, token))


def render_results(context: Context, links: nav.Nav) -> str:
    """The results page, for a respondent, a read-only link or the consultant: one score, one template."""
    sets = answer_sets([context.assessment.id])[context.assessment.id]
    answers = effective(sets)
    outcomes = [score(bank, answers) for bank in context.banks]
    return render_template(
        "assess/results.html",
        context=context,
        nav=links,
        results=outcomes,
        figures=charts.result_figures(outcomes),
        progress=progress(context, answers),
        several=len(sets.by_respondent) > 1,
        consensus_rule=CONSENSUS_RULE,
        full_results=[score(registry().get(bank.id), answers) for bank in context.banks] if context.transition else [],
    )
