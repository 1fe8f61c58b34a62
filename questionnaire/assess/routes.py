"""Thin views: parse the form, call an operation, commit once, render or redirect."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..domain import actions
from ..domain.consensus import carried_answers
from ..domain.context import Context, estimate_for, load, load_light, page_or_404
from ..domain.editions import carry_over, find_previous
from ..domain.layout import QuestionPage
from ..domain.operations import Saved, answer_rows, answers_of, save_answers, start_assessment
from ..domain.progress import progress
from ..domain.registry import registry
from ..domain.standards import combination_problem, edition_problem, standard_choices
from ..extensions import db
from ..web import nav
from ..web.ratelimits import start_limit
from ..web.results import render_results
from .blueprint import bp
from .done import DoneForm
from .forms import Parsed, StartForm, page_items, parse_page, read_revision, read_rows
from .pages import answered_keys, render_page

READY = "Your assessment is ready. Bookmark the private link below: it is the only way back in."


@bp.route("/start", methods=["GET", "POST"])
@start_limit
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
    answers = answers_of(context.respondent, registry().renames)  # type: ignore[arg-type]
    assessment = context.assessment
    return render_template(
        "assess/overview.html",
        context=context,
        token=token,
        progress=progress(context, answers),
        estimate=estimate_for(assessment.bank_ids, assessment.kind),
        actions=actions.counts([assessment.id], date.today())[assessment.id],
        carried=len(carried_answers(assessment)),
        consultant=assessment.organisation.consultant,  # type: ignore[union-attr]
        done_form=DoneForm(),
    )


@bp.route("/a/<token>/s/<page_id>", methods=["GET", "POST"])
def page(token: str, page_id: str) -> Response | str | tuple[str, int]:
    context = load_light(token)
    current = page_or_404(context, page_id)
    if request.method == "GET":
        own = answer_rows(context.respondent)  # type: ignore[arg-type]
        carried = [  # last assessment's answers, shown until this respondent answers (re-assessment)
            (key, v.level, v.not_applicable, v.reason, v.note) for key, v in carried_answers(context.assessment).items()
        ]
        inputs, answered = read_rows(current, carried + own, registry().renames)
        if carried:
            yours, answered = read_rows(current, own, registry().renames)
            for name in inputs.keys() - yours.keys():
                inputs[name].carried = True  # shown as last time's until this respondent saves the page
        return render_page(context, token, current, inputs, answered, context.assessment.revision)
    parsed = parse_page(current, request.form)
    saved = save_answers(context.respondent, parsed.values, read_revision(request.form))  # type: ignore[arg-type]
    db.session.commit()
    if parsed.errors or saved.conflicts:
        return page_with_messages(context, token, current, parsed, saved)
    if saved.written:
        flash(f"Saved: {current.id} {current.title}.", "success")
    return redirect(destination(context, token, current, request.form.get("go", "next")))


def page_with_messages(
    context: Context, token: str, current: QuestionPage, parsed: Parsed, saved: Saved
) -> tuple[str, int]:
    """The page again, as posted: each wrong answer with its message, each newer answer beside the posted one."""
    fields = {entry.key: entry.field_name for entry in current.entries}
    for key, theirs in saved.conflicts.items():
        parsed.inputs[fields[key]].theirs = theirs
    if saved.conflicts:
        flash(
            f"{len(saved.conflicts)} answer(s) on this page were changed by someone else after you opened it, so "
            "yours were not saved there: both are shown below. The rest of the page is saved.",
            "info",
        )
    elif parsed.errors:
        flash("The other answers on this page are saved.", "info")
    problems = page_items(current, parsed.inputs)
    html = render_page(context, token, current, parsed.inputs, answered_keys(context), saved.revision, problems)
    return html, 409 if saved.conflicts else 400


def destination(context: Context, token: str, current: QuestionPage, go: str) -> str:
    """Where the buttons of a page lead after saving: next, previous, any page, overview or results."""
    before, after = context.questionnaire.neighbours(current.id)
    target = {"next": after, "prev": before}.get(go)
    if go.startswith("page:") and context.questionnaire.page(go[5:]):
        return url_for(".page", token=token, page_id=go[5:])
    if target is not None:
        return url_for(".page", token=token, page_id=target.id)
    if go == "overview":
        return url_for(".overview", token=token)
    if go == "check":
        return url_for(".check", token=token, page_id=current.id)
    return url_for(".results", token=token)


@bp.get("/a/<token>/s/<page_id>/check")
def check(token: str, page_id: str) -> str:
    """Check your answers: every question of a section with what was answered, each with a link to change it."""
    context = load(token)
    current = page_or_404(context, page_id)
    answers = answers_of(context.respondent, registry().renames)  # type: ignore[arg-type]
    _, after = context.questionnaire.neighbours(current.id)
    return render_template(
        "assess/check.html", context=context, token=token, page=current, answers=answers, after=after
    )


@bp.get("/a/<token>/results")
def results(token: str) -> str:
    context = load_light(token, need="read")
    return render_results(context, nav.for_link(context, token))
