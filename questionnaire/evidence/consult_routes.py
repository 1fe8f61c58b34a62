"""Evidence and actions for the consultant who owns the client: /consult/assessments/<id>/..."""

from __future__ import annotations

from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from ..extensions import csrf
from . import action_views, views
from .blueprint import bp
from .scope import by_consultant

PREFIX = "/consult/assessments/<assessment_id>"


@bp.get(f"{PREFIX}/evidence", endpoint="consult_evidence")
def evidence_page(assessment_id: str) -> ResponseReturnValue:
    return views.evidence_page(by_consultant(assessment_id))


@bp.post(f"{PREFIX}/evidence", endpoint="consult_upload")
@csrf.exempt  # checked in the view, after its larger body limit is set (uploads.py)
def upload(assessment_id: str) -> ResponseReturnValue:
    return views.upload(by_consultant(assessment_id))


@bp.post(f"{PREFIX}/evidence/held", endpoint="consult_mark")
def mark(assessment_id: str) -> Response:
    return views.mark(by_consultant(assessment_id))


@bp.get(f"{PREFIX}/evidence/pack.zip", endpoint="consult_pack")
def pack_zip(assessment_id: str) -> Response:
    return views.pack_zip(by_consultant(assessment_id))


@bp.get(f"{PREFIX}/evidence/<file_id>", endpoint="consult_download")
def download(assessment_id: str, file_id: str) -> Response:
    return views.download(by_consultant(assessment_id), file_id)


@bp.post(f"{PREFIX}/evidence/<file_id>/delete", endpoint="consult_delete")
def delete(assessment_id: str, file_id: str) -> Response:
    return views.delete(by_consultant(assessment_id), file_id)


@bp.get(f"{PREFIX}/actions", endpoint="consult_actions")
def actions_page(assessment_id: str) -> str:
    return action_views.actions_page(by_consultant(assessment_id))


@bp.post(f"{PREFIX}/actions", endpoint="consult_track")
def track(assessment_id: str) -> Response:
    return action_views.track(by_consultant(assessment_id))


@bp.route(f"{PREFIX}/actions/<action_id>", methods=["GET", "POST"], endpoint="consult_action")
def action(assessment_id: str, action_id: str) -> ResponseReturnValue:
    return action_views.action_page(by_consultant(assessment_id), action_id)


@bp.post(f"{PREFIX}/actions/<action_id>/evidence", endpoint="consult_closure")
@csrf.exempt  # checked in the view, after its larger body limit is set (uploads.py)
def closure(assessment_id: str, action_id: str) -> ResponseReturnValue:
    return action_views.closure_upload(by_consultant(assessment_id), action_id)
