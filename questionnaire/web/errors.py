"""Error pages and security headers. Nothing reaches the user as a bare 500 traceback.

A database fault (down, disk full, read-only) is a 503 that says nothing on the page was saved and hands the
posted answers back, with a fresh CSRF token, so the user can save them again once the database is back.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import suppress

from flask import Flask, current_app, g, render_template, request
from flask_wtf.csrf import CSRFError, generate_csrf
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from ..extensions import db

# No 'unsafe-inline' anywhere: styles come from our stylesheets; a page drawing plotly charts gets a per-request
# nonce for the one empty <style> element plotly fills through the CSSOM (see csp_nonce and templates/base.html)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'{nonce}; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # resume links carry a secret token: never leak them in Referer
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
MESSAGES = {
    400: "The request could not be understood. Go back and try again.",
    404: "There is nothing here. Check the link, or start from the home page.",
    405: "That action is not allowed here.",
    413: "That form was far larger than any page of this site sends, so it was refused. Nothing was saved.",
    429: "Too many attempts came from your network in a short time, so this one was refused and nothing was saved. "
    "Wait a minute, then try again.",
    503: "This part of the site is temporarily unavailable.",
}
NOT_SAVED = (
    "Nothing on this page was saved: our database could not store it just now. Your answers are still below; "
    "save again in a minute."
)
UNAVAILABLE = "Our database cannot be reached just now. Nothing you saved before is lost; try again in a minute."


def csp_nonce() -> str:
    """A nonce for this response's Content-Security-Policy, made when a template first asks for one."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy() -> str:
    nonce = g.get("csp_nonce")
    return CSP.format(nonce=f" 'nonce-{nonce}'" if nonce else "")


def render_error(code: int, description: str | None = None) -> tuple[str, int]:
    message = description or MESSAGES.get(code, "Something went wrong on our side. Please try again.")
    return render_template("errors/error.html", code=code, message=message), code


def database_fault(error: Exception) -> tuple[str, int]:
    """Roll back, log, and give the user back what they posted."""
    return recover_from_database_fault(error, None)


def recover_from_database_fault(error: Exception, page_as_posted: Callable[[], str] | None) -> tuple[str, int]:
    """The 503 of a database fault; `page_as_posted` redraws the posted page itself, where a blueprint can."""
    try:
        db.session.rollback()
    except DBAPIError:
        db.session.remove()
    current_app.logger.error("database error on %s %s", request.method, request.path, exc_info=error)
    try:
        if request.method != "POST":
            return render_error(503, UNAVAILABLE)
        if page_as_posted is not None:
            try:
                return page_as_posted(), 503
            except DBAPIError:
                db.session.remove()  # cannot even read: fall back to the form without the page around it
        return unsaved_form(), 503
    finally:
        _discard_connection()


def _discard_connection() -> None:
    """A connection opened while the database refused writes may keep refusing them: never pool it."""
    with suppress(DBAPIError):
        db.session.connection().invalidate()
    db.session.remove()


def unsaved_form() -> str:
    """Every posted text field, as a form that posts them again to the same address."""
    fields = [(name, value) for name, value in request.form.items(multi=True) if name != "csrf_token"]
    files = [file.filename for file in request.files.values() if file.filename]
    return render_template(
        "errors/unsaved.html", fields=fields, files=files, action=request.path, csrf=generate_csrf(), message=NOT_SAVED
    )


def expired_form(error: CSRFError) -> tuple[str, int]:
    return render_error(400, "This form had expired, so nothing was saved. Go back, reload the page and try again.")


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        code = error.code or 500
        custom = error.description if code == 503 else None
        return render_error(code, custom)

    app.register_error_handler(CSRFError, expired_form)
    app.register_error_handler(DBAPIError, database_fault)
    app.register_error_handler(PoolTimeout, database_fault)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):  # type: ignore[no-untyped-def]
        db.session.rollback()
        return render_error(500)

    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def security_headers(response):  # type: ignore[no-untyped-def]
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.path.startswith(("/a/", "/consult/")):  # private links and a consultant's client data
            response.headers.setdefault("Cache-Control", "no-store")
            response.headers.setdefault("X-Robots-Tag", "noindex")
        return response
