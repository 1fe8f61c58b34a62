"""The signed-in consultant as a model, for the domain functions that act in their name."""

from __future__ import annotations

from flask_login import current_user

from ..models import Consultant


def me() -> Consultant:
    """Call only behind login_required or access.assessment/client, which have checked there is one."""
    return current_user._get_current_object()  # type: ignore[no-any-return]
