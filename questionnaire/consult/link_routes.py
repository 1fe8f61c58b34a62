"""Respondent and read-only links of one assessment: issue (and invite), revoke, regenerate (and resend), expiry.

A new or regenerated link is shown once, in the answer to the POST that made it: the token is stored only
as a hash, so it is never put in a redirect, a flash message, a cookie or a log. Revoking and regenerating
each ask first, on a page of their own: a link already sent is not killed by one misplaced click.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from ..domain import access, invitations, links
from ..domain.context import estimate_for
from ..extensions import db
from ..mail import sends_for_real
from ..models import Assessment
from .blueprint import bp
from .current import me
from .forms import ConfirmForm, ExpiryForm, LinkForm, ResendForm


def estimate_text(assessment: Assessment) -> str:
    return estimate_for(assessment.bank_ids, assessment.kind).text


def shown(invitation: invitations.Invitation) -> str:
    """The page that shows a link once, with the invitation to copy and what became of it."""
    return render_template(
        "consult/link_issued.html",
        link=invitation.link,
        invitation=invitation,
        assessment=invitation.link.assessment,
        for_real=sends_for_real(),
    )


@bp.post("/assessments/<assessment_id>/links")
def issue_link(assessment_id: str) -> ResponseReturnValue:
    found = access.assessment(assessment_id)
    form = LinkForm()
    if not form.validate_on_submit():
        for field in form:
            for error in field.errors:
                flash(f"{field.label.text}: {error}", "error")
        return redirect(url_for(".assessment", assessment_id=found.public_id, _anchor="links"))
    person = invitations.Person(form.name.data, form.role.data, form.email.data)
    invitation = invitations.invite(
        found, me(), person, form.access.data, form.expires_on.data, form.note.data, estimate_text(found)
    )
    db.session.commit()
    return shown(invitation)


@bp.route("/assessments/<assessment_id>/links/<link_id>/revoke", methods=["GET", "POST"])
def revoke_link(assessment_id: str, link_id: str) -> ResponseReturnValue:
    link = access.link(access.assessment(assessment_id), link_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        links.revoke(link)
        db.session.commit()
        flash(f"Link revoked: {link.name or 'the firm’s own link'} can no longer open this assessment.", "success")
        return redirect(url_for(".assessment", assessment_id=assessment_id, _anchor="links"))
    return render_template("consult/link_confirm.html", link=link, assessment=link.assessment, form=form, act="revoke")


@bp.route("/assessments/<assessment_id>/links/<link_id>/regenerate", methods=["GET", "POST"])
def regenerate_link(assessment_id: str, link_id: str) -> ResponseReturnValue:
    """Ask, then give the person a new link (the old one stops working), sent to them when there is an address."""
    link = access.link(access.assessment(assessment_id), link_id)
    form = ResendForm(data={"email": link.email} if request.method == "GET" else None)
    if form.validate_on_submit():
        invitation = invitations.resend(link, me(), form.email.data, form.note.data, estimate_text(link.assessment))
        db.session.commit()
        return shown(invitation)
    html = render_template(
        "consult/link_confirm.html",
        link=link,
        assessment=link.assessment,
        form=form,
        act="regenerate",
        may_send=invitations.may_send_as(me()),
    )
    return html, 400 if form.errors else 200


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
        problem = " ".join(form.expires_on.errors) or "Give the expiry as a date, or leave it empty."
        flash(f"{link.name or 'The firm’s own link'}: {problem}", "error")
    return redirect(url_for(".assessment", assessment_id=assessment_id, _anchor="links"))
