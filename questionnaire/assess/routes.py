"""Thin views: parse the form, call an operation, commit once, render or redirect."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..extensions import db
from ..limits import start_limit
from ..scoring import score
from . import bp
from .context import Context, load, load_light, page_or_404, registry
from .forms import EntryInput, Parsed, StartForm, na_label, parse_page, read_revision, read_rows
from .layout import Page
from .operations import Saved, answer_rows, answers_of, assessment_answers, save_answers, start_assessment
from .progress import progress, progress_of
from .render import questions_html
from .standards import combination_problem, standard_choices


@bp.route("/start", methods=["GET", "POST"])
@start_limit
def start() -> Response | tuple[str, int] | str:
    form = StartForm()
    form.standards.choices = standard_choices(registry())
    if request.method == "GET" and request.args.get("standard"):
        form.standards.data = request.args.getlist("standard")
    if form.validate_on_submit():
        problem = combination_problem(registry(), form.standards.data)
        if not problem:
            respondent, token = start_assessment(
                form.organisation.data, form.sector.data, form.headcount.data, form.standards.data
            )
            db.session.commit()
            flash("Your assessment is ready. Bookmark the private link below: it is the only way back in.", "success")
            return redirect(url_for(".overview", token=token))
        form.standards.errors = [*form.standards.errors, problem]
    status = 400 if form.errors else 200
    return render_template("assess/start.html", form=form, registry=registry()), status


@bp.get("/a/<token>")
def overview(token: str) -> str:
    context = load(token)
    answers = answers_of(context.respondent, registry().renames)
    return render_template("assess/overview.html", context=context, token=token, progress=progress(context, answers))


@bp.route("/a/<token>/s/<page_id>", methods=["GET", "POST"])
def page(token: str, page_id: str) -> Response | str | tuple[str, int]:
    context = load_light(token)
    current = page_or_404(context, page_id)
    if request.method == "GET":
        inputs, answered = read_rows(current, answer_rows(context.respondent), registry().renames)
        return render_page(context, token, current, inputs, answered, context.respondent.assessment.revision)
    parsed = parse_page(current, request.form)
    saved = save_answers(context.respondent, parsed.values, read_revision(request.form))
    db.session.commit()
    if parsed.errors or saved.conflicts:
        return page_with_messages(context, token, current, parsed, saved)
    if saved.written:
        flash(f"Saved: {current.id} {current.title}.", "success")
    return redirect(destination(context, token, current, request.form.get("go", "next")))


def page_with_messages(context: Context, token: str, current: Page, parsed: Parsed, saved: Saved) -> tuple[str, int]:
    """The page again, as posted: each wrong answer with its message, each newer answer beside the posted one."""
    fields = {entry.key: entry.field_name for entry in current.entries}
    for key, theirs in saved.conflicts.items():
        parsed.inputs[fields[key]].theirs = theirs
    if saved.conflicts:
        flash(
            f"{len(saved.conflicts)} answer(s) on this page were changed by someone else after you opened it, so "
            "yours were not saved there: both are shown below. The rest of the page is saved.",
            "error",
        )
    if parsed.errors:
        flash(f"{parsed.errors} answer(s) on this page need your attention; the others are saved.", "error")
    html = render_page(context, token, current, parsed.inputs, answered_keys(context), saved.revision)
    return html, 409 if saved.conflicts else 400


def render_page(
    context: Context,
    token: str,
    current: Page,
    inputs: Mapping[str, EntryInput],
    answered: AbstractSet[str],
    revision: int,
) -> str:
    before, after = context.questionnaire.neighbours(current.id)
    label = na_label(current)
    questions = questions_html(
        context.layout_key, current, inputs, na_label=label, several_standards=len(context.banks) > 1
    )
    return render_template(
        "assess/page.html",
        context=context,
        token=token,
        page=current,
        questions=questions,
        revision=revision,
        before=before,
        after=after,
        position=context.questionnaire.pages.index(current) + 1,
        progress=progress_of(context, answered),
    )


def answered_keys(context: Context) -> set[str]:
    return {key for key, value in answers_of(context.respondent, registry().renames).items() if value.answered}


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
    from .. import charts  # plotly is a slow import: only results pages need it, not every worker at start-up

    context = load(token)
    answers = assessment_answers(context.respondent.assessment, registry().renames)
    outcomes = [score(bank, answers) for bank in context.banks]
    return render_template(
        "assess/results.html",
        context=context,
        token=token,
        results=outcomes,
        figures=charts.result_figures(outcomes),
        progress=progress(context, answers),
    )
