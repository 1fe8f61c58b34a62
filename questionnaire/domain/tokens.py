"""Private-link tokens, in one place: how they are made, stored, recognised in a pasted text and masked in logs.

A token is 256 random bits written as 43 URL-safe characters. Only its SHA-256 hash is stored, so a leaked
database hands out no working link. Light on purpose: gunicorn.conf.py reaches it through logs.py.
"""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_BYTES = 32
_URLSAFE_43 = r"[A-Za-z0-9_-]{43}"
TOKEN = re.compile(rf"^{_URLSAFE_43}$")
# standing alone in a log line: not part of a longer word, hash or public id
TOKEN_ANYWHERE = re.compile(rf"(?<![A-Za-z0-9_-]){_URLSAFE_43}(?![A-Za-z0-9_-])")
# what a person pastes: the bare token, or any address whose path holds /a/<token>
_PASTED = re.compile(rf"^(?:{_URLSAFE_43}|.*/a/({_URLSAFE_43})(?:[/?#].*)?)$")


def new_token() -> str:
    """256 random bits, URL-safe: unguessable, and only its hash is stored."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_token(text: str) -> bool:
    return TOKEN.match(text) is not None


def hash_token(token: str) -> str:
    """Tokens are stored hashed: a leaked database does not hand out working resume links."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def token_from(pasted: str) -> str | None:
    """The token in a pasted private link (a whole address or the bare token); None when there is none."""
    text = pasted.strip()
    match = _PASTED.match(text)
    if match is None:
        return None
    return match.group(1) or text
