"""Issuing and sending many links at once, from a pasted list or a CSV file: every line is checked first, and
one bad line changes nothing."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from ..domain import access, invitations
from ..extensions import db
from ..mail import sends_for_real
from .blueprint import bp
from .current import me
from .forms import BulkForm
from .link_routes import estimate_text


@bp.route("/assessments/<assessment_id>/links/bulk", methods=["GET", "POST"])
def bulk_links(assessment_id: str) -> ResponseReturnValue:
    found = access.assessment(assessment_id)
    form = BulkForm()
    problems: list[invitations.LineProblem] = []
    if form.validate_on_submit():
        text, problem = list_text(form)
        taken = invitations.addresses_with_links(found)
        people, problems = ([], [problem]) if problem else invitations.parse_people(text, taken)
        if not problems:
            done = invitations.invite_many(
                found, me(), people, form.note.data, form.expires_on.data, estimate_text(found)
            )
            db.session.commit()
            return render_template(
                "consult/bulk_sent.html", assessment=found, invitations=done, for_real=sends_for_real()
            )
    html = render_template("consult/bulk.html", assessment=found, form=form, line_problems=problems)
    return html, 400 if (form.errors or problems) else 200


def list_text(form: BulkForm) -> tuple[str, invitations.LineProblem | None]:
    """The list as text, from the file when one was chosen; a problem when there is none or it is not text."""
    upload = form.file.data
    pasted = (form.people.data or "").strip()
    if upload and getattr(upload, "filename", ""):
        if pasted:
            return "", invitations.LineProblem(0, "", "Give the list either pasted or as a file, not both.")
        try:
            return upload.read().decode("utf-8-sig"), None
        except UnicodeDecodeError:
            problem = "The file is not UTF-8 text: save it as “CSV UTF-8” and try again."
            return "", invitations.LineProblem(0, "", problem)
    return pasted, None
