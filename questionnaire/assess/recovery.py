"""A page whose post could not be saved comes back with every answer still filled in and a fresh CSRF token."""

from __future__ import annotations

from flask import flash, request

from ..domain.context import load_light, page_or_404
from .forms import parse_page, read_revision


def page_as_posted(token: str, page_id: str, message: str) -> str:
    """Posted answers, not the stored ones, with the revision the page was read at: nothing is overwritten later."""
    from .routes import answered_keys, render_page

    context = load_light(token)
    current = page_or_404(context, page_id)
    parsed = parse_page(current, request.form)
    flash(message, "error")
    revision = read_revision(request.form)
    if revision is None:
        revision = context.assessment.revision
    return render_page(context, token, current, parsed.inputs, answered_keys(context), revision)


def page_after_csrf_failure(token: str, page_id: str) -> tuple[str, int]:
    message = (
        "Your browser session had expired, so this page was not saved yet. Your answers are still below: "
        "press a save button to keep them."
    )
    return page_as_posted(token, page_id, message), 400
