"""Thin views: parse the form, call an operation, commit once, render or redirect."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from flask import flash, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from ..banks.flask_glue import registry
from ..errorsummary import Item, page_items
from ..extensions import db
from ..limits import start_limit
from ..memo import Memo
from ..models import Assessment
from ..scoring import AnswerValue, score
from ..scoring.consensus import CONSENSUS_RULE, effective
from ..service.consensus import answer_sets, carried_answers
from ..service.editions import carry_over, find_previous
from ..service.operations import Saved, answer_rows, answers_of, save_answers, start_assessment
from . import bp, nav
from .context import Context, estimate_for, load, load_light, page_or_404
from .done import DoneForm
from .forms import EntryInput, Parsed, StartForm, na_label, parse_page, read_revision, read_rows
from .layout import Page
from .progress import progress, progress_of
from .render import questions_html
from .standards import combination_problem, edition_problem, standard_choices

RESULTS: Memo[Markup] = Memo(64)  # rendered results content, keyed by everything it is made from
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


def page_with_messages(context: Context, token: str, current: Page, parsed: Parsed, saved: Saved) -> tuple[str, int]:
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


def render_page(
    context: Context,
    token: str,
    current: Page,
    inputs: Mapping[str, EntryInput],
    answered: AbstractSet[str],
    revision: int,
    problems: list[Item] | None = None,
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
        error_items=problems or [],
    )


def answered_keys(context: Context) -> set[str]:
    answers = answers_of(context.respondent, registry().renames)  # type: ignore[arg-type]
    return {key for key, value in answers.items() if value.answered}


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


def render_results(context: Context, links: nav.Nav) -> str:
    """The results page, for a respondent, a read-only link or the consultant: one score, one template.

    Its content is a pure function of the answers, the layout, the links and a few names, so it is kept
    (RESULTS) under exactly those: viewing results again without a new answer costs a lookup, not a render.
    """
    sets = answer_sets([context.assessment.id])[context.assessment.id]
    answers = effective(sets)
    several = len(sets.by_respondent) > 1
    assessment = context.assessment
    key = (
        assessment.id,
        context.layout_key,
        tuple(sorted(answers.items())),
        links.identity,
        several,
        assessment.organisation.name,
        getattr(assessment, "carried_from_id", None),
    )
    body = RESULTS.get(key, lambda: results_body(context, links, answers, several))
    return render_template("assess/results.html", context=context, body=body)


def results_body(context: Context, links: nav.Nav, answers: dict[str, AnswerValue], several: bool) -> Markup:
    from .. import charts  # plotly is a slow import: only results pages need it, not every worker at start-up

    outcomes = [score(bank, answers) for bank in context.banks]
    full = [score(registry().get(b.id), answers) for b in context.banks] if context.transition else []  # type: ignore[arg-type]
    carried_id = getattr(context.assessment, "carried_from_id", None)
    carried_from = db.session.get(Assessment, carried_id) if carried_id else None
    html = render_template(
        "assess/_results_body.html",
        context=context,
        nav=links,
        results=outcomes,
        figures=charts.result_figures(outcomes),
        progress=progress(context, answers),
        several=several,
        consensus_rule=CONSENSUS_RULE,
        full_results=full,
        carried_from=carried_from,
    )
    return Markup(html)  # noqa: S704 (an autoescaped template's output)
