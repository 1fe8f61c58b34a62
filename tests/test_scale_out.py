"""Several app hosts sharing only PostgreSQL and Redis: two gunicorn instances, one database, one Redis.

A resume link made on one host opens on the other, a save on one shows on the other, and the rate limit counts
requests to both together. Needs TEST_DATABASE_URL (PostgreSQL) and REDIS_URL; .ci/run sets both.
"""

from __future__ import annotations

import os
import re
import uuid

import pytest
from flask import Flask

from .conftest import csrf_from
from .helpers import REVISION, TOKEN_IN_URL
from .servers import Browser, app_env, gunicorn

DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = pytest.mark.skipif(
    not (DATABASE_URL.startswith("postgresql") and REDIS_URL),
    reason="needs TEST_DATABASE_URL (PostgreSQL) and REDIS_URL",
)
BANK = "iso14001-2015"


def start_on(host: Browser, organisation: str) -> tuple[int, str]:
    _, html = host.get("/start")
    return host.post("/start", {"csrf_token": csrf_from(html), "organisation": organisation, "standards": BANK})


def test_two_hosts_share_links_saves_and_the_rate_limit(app: Flask) -> None:  # app: the migrated database
    env = app_env(
        DATABASE_URL,
        REDIS_URL=REDIS_URL,
        FLASK_START_RATE_LIMIT="3 per minute",
        FLASK_RATELIMIT_KEY_PREFIX=f"two-hosts-{uuid.uuid4().hex}",
    )
    with gunicorn(env) as first_url, gunicorn(env) as second_url:
        first, second = Browser(first_url), Browser(second_url)
        status, location = start_on(first, "Two Hosts Ltd")
        assert status == 302
        match = TOKEN_IN_URL.search(location)
        assert match
        token = match.group(1)

        status, page = second.get(f"/a/{token}/s/4")  # the resume link, on the other host, in another browser
        assert status == 200 and "Two Hosts Ltd" in page
        fields = dict.fromkeys(re.findall(r'name="([^"]+)-level"', page))
        form = {"csrf_token": csrf_from(page), "revision": REVISION.search(page).group(1)}  # type: ignore[union-attr]
        form |= {f"{name}-level": "3" for name in fields}
        assert second.post(f"/a/{token}/s/4", form)[0] == 302
        _, on_first = first.get(f"/a/{token}/s/4")
        assert on_first.count(' value="3" checked') == len(fields)

        assert start_on(second, "Second")[0] == 302
        assert start_on(first, "Third")[0] == 302  # the third start of this minute, counted across both hosts
        status, refused = start_on(second, "Fourth")
        assert status == 429 and "Too many requests" in refused
