"""Evidence and actions through a link that may answer (the firm's or a respondent's): /a/<token>/...

A read-only link, like a revoked or expired one, gets the same 404 as a wrong token.
"""

from __future__ import annotations

from flask.typing import ResponseReturnValue
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from ..extensions import csrf
from . import action_views, views
from .blueprint import bp
from .scope import by_link


@bp.get("/a/<token>/evidence", endpoint="link_evidence")
def evidence_page(token: str) -> ResponseReturnValue:
    return views.evidence_page(by_link(token))


@bp.post("/a/<token>/evidence", endpoint="link_upload")
@csrf.exempt  # checked in the view, after its larger body limit is set (uploads.py)
def upload(token: str) -> ResponseReturnValue:
    return views.upload(by_link(token))


@bp.post("/a/<token>/evidence/held", endpoint="link_mark")
def mark(token: str) -> Response:
    return views.mark(by_link(token))


@bp.get("/a/<token>/evidence/pack.zip", endpoint="link_pack")
def pack_zip(token: str) -> Response:
    return views.pack_zip(by_link(token))


@bp.get("/a/<token>/evidence/<file_id>", endpoint="link_download")
def download(token: str, file_id: str) -> Response:
    return views.download(by_link(token), file_id)


@bp.post("/a/<token>/evidence/<file_id>/delete", endpoint="link_delete")
def delete(token: str, file_id: str) -> Response:
    return views.delete(by_link(token), file_id)


@bp.get("/a/<token>/actions", endpoint="link_actions")
def actions_page(token: str) -> str:
    return action_views.actions_page(by_link(token))


@bp.post("/a/<token>/actions", endpoint="link_track")
def track(token: str) -> Response:
    return action_views.track(by_link(token))


@bp.route("/a/<token>/actions/<action_id>", methods=["GET", "POST"], endpoint="link_action")
def action(token: str, action_id: str) -> ResponseReturnValue:
    return action_views.action_page(by_link(token), action_id)


@bp.post("/a/<token>/actions/<action_id>/evidence", endpoint="link_closure")
@csrf.exempt  # checked in the view, after its larger body limit is set (uploads.py)
def closure(token: str, action_id: str) -> ResponseReturnValue:
    return action_views.closure_upload(by_link(token), action_id)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge) -> tuple[str, int]:
    return views.too_large()
