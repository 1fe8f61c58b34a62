"""Each test starts with an empty file store and fresh sign-in limits, since one app serves the whole run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from questionnaire.extensions import limiter


@pytest.fixture(autouse=True)
def _empty_store(app: Flask) -> Iterator[None]:
    with app.app_context():
        limiter.reset()
    yield
    shutil.rmtree(Path(app.instance_path) / "evidence", ignore_errors=True)
