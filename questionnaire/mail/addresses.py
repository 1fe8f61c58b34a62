"""E-mail addresses as people type them: one rule for every form and every pasted list."""

from __future__ import annotations

import re

ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
MAX_LENGTH = 254


def clean_address(text: str | None) -> str | None:
    """The address, trimmed and with its domain lower-cased; None when it is not one."""
    text = (text or "").strip()
    if len(text) > MAX_LENGTH or not ADDRESS.match(text):
        return None
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def address_problem(text: str) -> str:
    return f"“{text.strip()[:80]}” is not an e-mail address (like name@example.com)."
