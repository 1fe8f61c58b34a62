"""Error pages and security headers. Nothing reaches the user as a bare 500 traceback."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # resume links carry a secret token: never leak them in Referer
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
MESSAGES = {
    400: "The request could not be understood. Go back and try again.",
    404: "There is nothing here. Check the link, or start from the home page.",
    405: "That action is not allowed here.",
    413: "That form was far larger than any page of this site sends, so it was refused. Nothing was saved.",
    429: "Too many attempts from your address. Wait a minute and try again.",
    503: "This part of the site is temporarily unavailable.",
}


def render_error(code: int, description: str | None = None) -> tuple[str, int]:
    message = description or MESSAGES.get(code, "Something went wrong on our side. Please try again.")
    return render_template("errors/error.html", code=code, message=message), code


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        code = error.code or 500
        custom = error.description if code == 503 else None
        return render_error(code, custom)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # type: ignore[no-untyped-def]
        if request.endpoint == "assess.page":
            from .assess.recovery import page_after_csrf_failure

            return page_after_csrf_failure(**request.view_args)  # type: ignore[arg-type]
        return render_error(400, "This form had expired, so nothing was saved. Go back, reload the page and try again.")

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):  # type: ignore[no-untyped-def]
        db.session.rollback()
        return render_error(500)

    @app.after_request
    def security_headers(response):  # type: ignore[no-untyped-def]
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith(("/a/", "/consult/")):  # private links and a consultant's client data
            response.headers.setdefault("Cache-Control", "no-store")
            response.headers.setdefault("X-Robots-Tag", "noindex")
        return response
