"""The action pages, for a link and for the consultant alike: findings become actions, actions get closed."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from ..domain import actions, evidence
from ..extensions import db
from ..models import FindingAction
from .forms import ActionForm, ClosureForm, DeleteForm, TrackForm
from .scope import Scope
from .uploads import accept_upload, upload_of
from .views import results_of, today


def actions_page(scope: Scope) -> str:
    findings = actions.requirement_findings(results_of(scope))
    tracked = actions.actions_of(scope.assessment.id)
    shown = actions.views(tracked, findings, today())
    return render_template(
        "evidence/actions.html",
        scope=scope,
        shown=shown,
        untracked=actions.untracked(findings, tracked),
        counts=actions.counts([scope.assessment.id], today())[scope.assessment.id],
        track_form=TrackForm(formdata=None),
    )


def track(scope: Scope) -> Response:
    form = TrackForm()
    if not form.validate_on_submit():
        abort(400)
    findings = actions.requirement_findings(results_of(scope))
    wanted = findings if form.finding.data == "all" else [f for f in findings if "|".join(f.key) == form.finding.data]
    if not wanted:
        flash("That finding is no longer open, so no action was added.", "info")
        return redirect(scope.url("actions"))
    made = [actions.track(scope.assessment.id, finding) for finding in wanted]
    db.session.commit()
    if len(made) == 1:
        flash(f"Now an action: {made[0].title}. Name an owner and a due date.", "success")
        return redirect(scope.url("action", action_id=made[0].public_id))
    flash(f"{len(made)} findings are now actions.", "success")
    return redirect(scope.url("actions"))


def action_or_404(scope: Scope, action_id: str) -> FindingAction:
    found = actions.find(scope.assessment.id, action_id)
    if found is None:
        abort(404)
    return found  # type: ignore[return-value]


def action_page(scope: Scope, action_id: str) -> ResponseReturnValue:
    found = action_or_404(scope, action_id)
    form = ActionForm(obj=found if request.method == "GET" else None)
    may_verify = actions.may_verify(scope.assessment, scope.consultant)
    if not may_verify:
        keep = [c for c in form.status.choices if c.value != "verified" or found.status == "verified"]  # type: ignore[union-attr]
        form.status.choices = keep  # type: ignore[assignment]
    if form.validate_on_submit():
        was_closed = found.status in ("done", "verified")
        actions.update(found, form.owner.data, form.due_on.data, form.status.data, form.note.data or "")
        db.session.commit()
        flash(closing_message(found, was_closed), "success")
        return redirect(scope.url("action", action_id=found.public_id))
    return render_action(scope, found, form, ClosureForm(formdata=None), 400 if form.errors else 200)


def closing_message(action: FindingAction, was_closed: bool) -> str:
    if action.status in ("done", "verified") and not was_closed:
        if action.evidence:
            return "Action closed with evidence. Now re-answer its questions below, so the score shows the change."
        return "Action marked done. Attach evidence of closure below: an auditor will ask for it."
    return "Action saved."


def render_action(
    scope: Scope, found: FindingAction, form: ActionForm, closure: ClosureForm, status: int
) -> tuple[str, int]:
    findings = actions.requirement_findings(results_of(scope))
    view = actions.views([found], findings, today())[0]
    html = render_template(
        "evidence/action.html",
        scope=scope,
        view=view,
        form=form,
        closure=closure,
        delete_form=DeleteForm(formdata=None),
    )
    return html, status


def closure_upload(scope: Scope, action_id: str) -> ResponseReturnValue:
    accept_upload()
    found = action_or_404(scope, action_id)
    closure = ClosureForm()
    if closure.validate_on_submit():
        try:
            added = evidence.add_file(scope.assessment.id, *upload_of(closure.file.data), scope.uploader, action=found)
        except evidence.UploadRefused as refused:
            db.session.rollback()
            closure.file.errors = [str(refused)]  # type: ignore[assignment]
        else:
            db.session.commit()
            flash(f"Evidence of closure stored: {added.name}.", "success")
            return redirect(scope.url("action", action_id=found.public_id, _anchor="closure"))
    return render_action(scope, found, ActionForm(obj=found), closure, 400)
