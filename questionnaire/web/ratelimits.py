"""Rate limit on starting assessments (Flask-Limiter). Consultants' sign-in, sign-up and reset requests are
throttled in the database instead (domain/throttle.py), per address and per account.

Limits count per client address (behind a proxy, set PROXY_COUNT so that is the client's, not the proxy's),
in memory by default and in Redis when REDIS_URL is set, so several app hosts share one count.
A refused request gets the 429 page (errors.py) with a Retry-After header.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, request
from flask.typing import ResponseReturnValue

from ..domain import throttle
from ..extensions import limiter
from .errors import render_error

# starting an assessment writes an organisation, an assessment and a respondent: 1,000 in 21 s was possible
start_limit = limiter.limit(lambda: current_app.config["START_RATE_LIMIT"], methods=["POST"])


def reset_limit(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
    """Password-reset, confirmation and address-change posts send mail or try a token: counted per client address in
    the database with sign-in and sign-up (domain/throttle.py), shared by every worker and host; over it, a 429."""

    @wraps(view)
    def limited(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if request.method == "POST" and (refusal := throttle.address_refusal(throttle.RESET, request.remote_addr)):
            html, code = render_error(429, refusal.message)
            return html, code, {"Retry-After": str(refusal.retry_after)}
        return view(*args, **kwargs)

    return limited
