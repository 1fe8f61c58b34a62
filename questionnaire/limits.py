"""Rate limits on the forms that create things or check secrets. One decorator per kind of form.

Limits count per client address (behind a proxy, set PROXY_COUNT so that is the client's, not the proxy's),
in memory by default and in Redis when REDIS_URL is set, so several app hosts share one count.
A refused request gets the 429 page (errors.py) with a Retry-After header.
"""

from __future__ import annotations

from flask import current_app

from .extensions import limiter

# starting an assessment writes an organisation, an assessment and a respondent: 1,000 in 21 s was possible
start_limit = limiter.limit(lambda: current_app.config["START_RATE_LIMIT"], methods=["POST"])
# for the sign-in view of consultant accounts: `@sign_in_limit` on it is all it takes
sign_in_limit = limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"])
# password-reset and confirmation requests send mail: few per address, and the page answers the same either way
reset_limit = limiter.limit(lambda: current_app.config["RESET_RATE_LIMIT"], methods=["POST"])
