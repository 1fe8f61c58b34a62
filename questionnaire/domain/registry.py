"""The running app's bank registry. The only bank module that knows Flask; schema, loader and registry don't."""

from __future__ import annotations

from flask import current_app

from ..banks.registry import BankRegistry


def registry() -> BankRegistry:
    """Loaded once per process by `create_app` (register_banks)."""
    return current_app.extensions["banks"]
