"""A consultant leaves: downloads everything as one JSON file, then deletes the account after typing the password."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from ..domain import accounts, evidence, leaving
from ..domain.registry import registry
from ..extensions import db
from ..web.report import slug
from .blueprint import bp
from .forms import DeleteAccountForm


@bp.get("/account/export.json")
@login_required
def account_export() -> Response:
    body = leaving.account_export(current_user, registry()).encode("utf-8")
    response = Response(body, mimetype="application/json")
    filename = f"preaudit-account-{slug(current_user.name, 'consultant')}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account() -> ResponseReturnValue:
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if accounts.check_password(current_user, form.password.data):
            leaving.delete_account(current_user._get_current_object())
            db.session.commit()
            evidence.sweep()  # the account's files, unless another account holds the same bytes
            logout_user()
            session.clear()
            flash("Your account, its clients, assessments, links and answers are deleted.", "success")
            return redirect(url_for("pages.home"))
        form.password.errors = ["That is not the password of this account. Nothing was deleted."]
    clients = len(current_user.clients)
    html = render_template("consult/account_delete.html", form=form, clients=clients)
    return html, 400 if form.errors else 200
