"""Text users type or upload: control characters are refused alike on every database.

PostgreSQL cannot store NUL at all and SQLite stores it silently; no control character other than tab and line
breaks belongs in a name, a note or a justification, so every form field and every CSV cell is checked here.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_problem(text: str) -> str | None:
    """A message naming the first control character, or None when the text is clean."""
    match = CONTROL.search(text)
    if match is None:
        return None
    return (
        f"Contains an invisible control character (U+{ord(match.group()):04X}) at position {match.start() + 1}, "
        "which cannot be stored: remove it (retype the text rather than pasting it) and save again."
    )
