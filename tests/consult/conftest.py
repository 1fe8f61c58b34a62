"""Each test starts with a clean sign-in rate limit, since one app serves the whole run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from questionnaire.extensions import limiter


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app: Flask) -> Iterator[None]:
    with app.app_context():
        limiter.reset()
    yield
