"""Tokens: one module makes them, hashes them, finds them in what a person pastes and masks them in logs."""

from __future__ import annotations

import pytest

from questionnaire.domain.tokens import TOKEN_ANYWHERE, hash_token, is_token, new_token, token_from


def test_a_new_token_is_43_url_safe_characters_and_never_repeats() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200 and all(is_token(token) for token in tokens)


def test_only_the_hash_is_kept_and_it_is_stable() -> None:
    token = new_token()
    assert hash_token(token) == hash_token(token) != hash_token(new_token())
    assert len(hash_token(token)) == 64 and token not in hash_token(token)


@pytest.mark.parametrize(
    "pasted",
    [
        "{t}",
        "  {t}\n",
        "https://preaudit.example/a/{t}",
        "https://preaudit.example/a/{t}/s/4/check",
        "http://127.0.0.1:5000/a/{t}?x=1",
        "preaudit.example/a/{t}#top",
    ],
)
def test_a_pasted_link_gives_its_token(pasted: str) -> None:
    token = new_token()
    assert token_from(pasted.format(t=token)) == token


@pytest.mark.parametrize(
    "pasted",
    ["", "hello", "https://preaudit.example/a/short", "{t}x", "x{t}", "https://preaudit.example/b/{t}", "/a/{t}x"],
)
def test_text_without_a_whole_token_gives_none(pasted: str) -> None:
    assert token_from(pasted.format(t=new_token())) is None


def test_logs_find_a_token_standing_alone_only() -> None:
    token = new_token()
    assert TOKEN_ANYWHERE.findall(f"GET /a/{token}/s/4 200") == [token]
    assert TOKEN_ANYWHERE.findall(f"hash {token}abc") == []
