"""A page posted with an expired or missing CSRF token comes back with every answer still filled in."""

from __future__ import annotations

from flask import flash

from ..service.operations import answers_of
from .context import form_for, load, page_or_404


def page_after_csrf_failure(token: str, page_id: str) -> tuple[str, int]:
    from .routes import render_page

    context = load(token)
    current = page_or_404(context, page_id)
    form = form_for(context, current)  # bound to the posted data; renders with a fresh token
    flash(
        "Your browser session had expired, so this page was not saved yet. Your answers are still below: "
        "press a save button to keep them.",
        "error",
    )
    return render_page(context, token, current, form, answers_of(context.respondent)), 400
