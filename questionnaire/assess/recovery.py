"""A question page whose post could not be saved comes back with every answer still filled in.

Registered on the assess blueprint, so they apply to its pages only; elsewhere the app's handlers in web/errors.py
answer. A form token that failed, or a database that refused the write, gives the page back as posted, with a fresh
CSRF token and the revision the page was read at, so nothing is overwritten later and nothing typed is lost.
"""

from __future__ import annotations

from flask import flash, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from ..domain.context import load_light, page_or_404
from ..web.errors import NOT_SAVED, expired_form, recover_from_database_fault, render_error
from .blueprint import bp
from .forms import parse_page, read_revision
from .pages import answered_keys, render_page

SESSION_EXPIRED = (
    "Your browser session had expired, so this page was not saved yet. Your answers are still below: "
    "press a save button to keep them."
)


def page_as_posted(token: str, page_id: str, message: str) -> str:
    """Posted answers, not the stored ones, with the revision the page was read at: nothing is overwritten later."""
    context = load_light(token)
    current = page_or_404(context, page_id)
    parsed = parse_page(current, request.form)
    flash(message, "error")
    revision = read_revision(request.form)
    if revision is None:
        revision = context.assessment.revision
    return render_page(context, token, current, parsed.inputs, answered_keys(context), revision)


def _posting_a_page() -> bool:
    return request.endpoint == "assess.page" and request.method == "POST" and bool(request.view_args)


@bp.errorhandler(CSRFError)
def page_after_csrf_failure(error: CSRFError) -> tuple[str, int]:
    """A link that may not answer (revoked, read-only, unknown) gets the same 404 as everywhere, never a 500."""
    if not _posting_a_page():
        return expired_form(error)
    try:
        return page_as_posted(**request.view_args, message=SESSION_EXPIRED), 400  # type: ignore[arg-type]
    except HTTPException as refused:
        return render_error(refused.code or 404)


@bp.errorhandler(DBAPIError)
@bp.errorhandler(PoolTimeout)
def page_after_database_fault(error: Exception) -> tuple[str, int]:
    if not _posting_a_page():
        return recover_from_database_fault(error, None)
    view_args = dict(request.view_args or {})
    return recover_from_database_fault(error, lambda: page_as_posted(**view_args, message=NOT_SAVED))
