"""A firm that started on its own deletes its assessment through its private link, after confirming."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import BooleanField
from wtforms.validators import DataRequired

from ..domain import access, evidence, leaving
from ..extensions import db
from .blueprint import bp


class DeleteOwnForm(FlaskForm):
    confirm = BooleanField(
        "I understand: every answer and note of this assessment is deleted and cannot be recovered",
        validators=[DataRequired("Tick the box to confirm, or go back: nothing was deleted.")],
    )


@bp.route("/a/<token>/delete", methods=["GET", "POST"])
def delete_own(token: str) -> Response | tuple[str, int]:
    link = access.firm_link(token)
    form = DeleteOwnForm()
    if form.validate_on_submit():
        name = leaving.delete_own_assessment(link)
        db.session.commit()
        evidence.sweep()  # its files, unless another assessment holds the same bytes
        flash(
            f"The assessment of {name} and every answer in it are deleted. Its private link opens nothing now.",
            "success",
        )
        return redirect(url_for("pages.home"))
    html = render_template("assess/delete.html", form=form, token=token, organisation=link.assessment.organisation.name)
    return html, 400 if form.errors else 200
