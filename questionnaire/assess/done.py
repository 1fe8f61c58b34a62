"""“My part is done”: a named respondent tells their consultant they have finished (and can take it back)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from ..domain import access, reminders
from ..extensions import db
from .blueprint import bp


class DoneForm(FlaskForm):
    """A button and a CSRF token."""


@bp.post("/a/<token>/done")
def done(token: str) -> Response:
    link = access.by_token(token, "answer")
    if DoneForm().validate_on_submit():
        if request.form.get("action") == "reopen":
            reminders.reopen(link)
            flash("Your part is open again: answer on, and say when you are done.", "success")
        else:
            reminders.mark_done(link)
            flash("Thank you: your part is marked done, and your consultant has been told. You can still change "
                  "answers with this link.", "success")  # fmt: skip
        db.session.commit()
    return redirect(url_for(".overview", token=token))
