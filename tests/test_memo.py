"""The memo keeps the most recently used things and makes each one once."""

from __future__ import annotations

from questionnaire.web.memo import Memo


def test_made_once_then_looked_up_and_the_oldest_evicted() -> None:
    memo: Memo[str] = Memo(2)
    made: list[str] = []

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    assert memo.get("a", lambda: make("a")) == "A"
    assert memo.get("a", lambda: make("a")) == "A"
    memo.get("b", lambda: make("b"))
    memo.get("a", lambda: make("a"))  # a is now the most recent
    memo.get("c", lambda: make("c"))  # evicts b, the least recent
    memo.get("b", lambda: make("b"))
    assert made == ["a", "b", "c", "b"]
