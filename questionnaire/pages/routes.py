from __future__ import annotations

from flask import abort, current_app, render_template, request
from werkzeug.wrappers import Response

from ..domain.registry import registry
from .assets import ONE_YEAR, plotly_asset, plotly_version
from .blueprint import bp


@bp.get("/")
def home() -> str:
    reg = registry()
    return render_template("pages/home.html", banks=reg.available(), broken=sorted(reg.problems))


@bp.get("/assets/plotly-<version>.min.js")
def plotly_js(version: str) -> Response:
    """Versioned URL, so it can be cached for a year; gzip-encoded for browsers that accept it."""
    folder = current_app.static_folder or "static"
    if version != plotly_version(folder):
        abort(404)
    asset = plotly_asset(folder)
    compressed = "gzip" in request.headers.get("Accept-Encoding", "")
    response = Response(asset.gzipped if compressed else asset.raw, mimetype="text/javascript")
    if compressed:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.set_etag(asset.etag)
    response.cache_control.public = True
    response.cache_control.max_age = ONE_YEAR
    response.cache_control.immutable = True
    return response.make_conditional(request)
