"""Rate limit on starting assessments (Flask-Limiter). Consultants' sign-in, sign-up and reset requests are
throttled in the database instead (domain/throttle.py), per address and per account.

Limits count per client address (behind a proxy, set PROXY_COUNT so that is the client's, not the proxy's),
in memory by default and in Redis when REDIS_URL is set, so several app hosts share one count.
A refused request gets the 429 page (errors.py) with a Retry-After header.
"""

from __future__ import annotations

from flask import current_app

from ..extensions import limiter

# starting an assessment writes an organisation, an assessment and a respondent: 1,000 in 21 s was possible
start_limit = limiter.limit(lambda: current_app.config["START_RATE_LIMIT"], methods=["POST"])
