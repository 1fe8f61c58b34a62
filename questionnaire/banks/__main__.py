"""`python -m questionnaire.banks [folder]`: the same check as `flask banks check`, without an app."""

import sys
from pathlib import Path

from .registry import load_registry
from .report import check_report

if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "question_banks"
    ok, lines = check_report(load_registry(folder))
    print("\n".join(lines))
    sys.exit(0 if ok else 1)
