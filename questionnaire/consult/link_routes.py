"""Respondent and read-only links of one assessment: issue, revoke, regenerate, set the expiry date.

A new or regenerated link is shown once, in the answer to the POST that made it: the token is stored only
as a hash, so it is never put in a redirect, a flash message, a cookie or a log.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from ..domain import access, links
from ..extensions import db
from ..models import LINK_ANSWER, Link
from .blueprint import bp
from .forms import ConfirmForm, ExpiryForm, LinkForm


def shown(link: Link, token: str) -> str:
    """The page that shows a link once, with what it opens."""
    endpoint = "assess.overview" if link.access == LINK_ANSWER else "assess.results"
    url = url_for(endpoint, token=token, _external=True)
    return render_template("consult/link_issued.html", link=link, url=url, assessment=link.assessment)


@bp.post("/assessments/<assessment_id>/links")
def issue_link(assessment_id: str) -> ResponseReturnValue:
    found = access.assessment(assessment_id)
    form = LinkForm()
    if not form.validate_on_submit():
        for field in form:
            for error in field.errors:
                flash(f"{field.label.text}: {error}", "error")
        return redirect(url_for(".assessment", assessment_id=found.public_id, _anchor="links"))
    link, token = links.issue(found, form.name.data, form.role.data, form.access.data, form.expires_on.data)
    db.session.commit()
    return shown(link, token)


@bp.post("/assessments/<assessment_id>/links/<link_id>/revoke")
def revoke_link(assessment_id: str, link_id: str) -> Response:
    link = access.link(access.assessment(assessment_id), link_id)
    if ConfirmForm().validate_on_submit():
        links.revoke(link)
        db.session.commit()
        flash(f"Link revoked: {link.name or 'the firm’s own link'} can no longer open this assessment.", "success")
    return redirect(url_for(".assessment", assessment_id=assessment_id, _anchor="links"))


@bp.post("/assessments/<assessment_id>/links/<link_id>/regenerate")
def regenerate_link(assessment_id: str, link_id: str) -> ResponseReturnValue:
    link = access.link(access.assessment(assessment_id), link_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".assessment", assessment_id=assessment_id, _anchor="links"))
    token = links.regenerate(link)
    db.session.commit()
    return shown(link, token)


@bp.post("/assessments/<assessment_id>/links/<link_id>/expiry")
def link_expiry(assessment_id: str, link_id: str) -> Response:
    link = access.link(access.assessment(assessment_id), link_id)
    form = ExpiryForm()
    if form.validate_on_submit():
        links.set_expiry(link, form.expires_on.data)
        db.session.commit()
        when = form.expires_on.data.isoformat() if form.expires_on.data else "never"
        flash(
            f"{link.name or 'The firm’s own link'}: expires {'after ' + when if form.expires_on.data else when}.",
            "success",
        )
    else:
        flash("Give the expiry as a date, or leave it empty for a link that does not expire.", "error")
    return redirect(url_for(".assessment", assessment_id=assessment_id, _anchor="links"))
