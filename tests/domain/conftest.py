"""Each test starts with clean rate limits, as in tests/consult: these tests sign consultants up too."""

from __future__ import annotations

from ..consult.conftest import _fresh_rate_limits  # noqa: F401  (autouse fixture)
