"""How long a typed text may be, wherever it comes from: a form, a CSV upload or a JSON import."""

from __future__ import annotations

NOTE_MAX = 2000  # a note beside an answer
REASON_MAX = 500  # why a question is not applicable (an SoA exclusion's justification)
SCOPE_MAX = 1000  # what the certificate would cover
