"""The agreed-answers page at 10 and 100 respondents: bytes and milliseconds per page (section or part of one).

Prints figures; asserts nothing (tests/consult/test_agree_board.py holds the 150 KiB line).
Usage: .venv/bin/python benchmarks/agree_page.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from questionnaire import create_app  # noqa: E402
from questionnaire.domain.context import questionnaire_for  # noqa: E402
from questionnaire.extensions import db  # noqa: E402
from questionnaire.models import Answer, Assessment, AssessmentStandard, Client, Consultant, Link, hash_token  # noqa: E402

BANK = "iso9001-2015"


def build(people: int, seed: int = 7) -> int:
    rng = random.Random(seed)  # noqa: S311 (made-up answers)
    user = Consultant(email=f"bench{people}@example.com", name="Bench", password_hash="x")  # noqa: S106
    assessment = Assessment(
        organisation=Client(name="Bench Ltd", consultant=user), standards=[AssessmentStandard(bank_id=BANK)]
    )
    db.session.add(assessment)
    db.session.flush()
    links = [
        Link(assessment_id=assessment.id, name=f"Person {i:03d}", role="Staff", token_hash=hash_token(f"b{people}-{i}"))
        for i in range(people)
    ]
    db.session.add_all(links)
    db.session.flush()
    keys = [e.key for p in questionnaire_for([BANK]).pages for e in p.entries]
    rows = [
        {
            "respondent_id": link.id,
            "question_key": key,
            "level": rng.randint(0, 4),
            "note": f"Records in folder {rng.randint(1, 999)}, reviewed monthly" if rng.random() < 0.3 else "",
        }  # fmt: skip
        for link in links
        for key in keys
    ]
    db.session.execute(insert(Answer), rows)
    db.session.commit()
    return user.id, assessment.id  # type: ignore[return-value]


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}", "SECRET_KEY": "bench",
                      "WTF_CSRF_ENABLED": False})  # fmt: skip
    app.instance_path = str(folder)
    with app.app_context():
        upgrade()
        pages = questionnaire_for([BANK]).pages
    print(f"{'people':>6} {'page':>10} {'KiB':>7} {'ms (median of 5)':>17}")
    for people in (10, 100):
        with app.app_context():
            user_id, assessment_id = build(people)
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"] = f"{user_id}:"
        with app.app_context():
            stamp = db.session.get(Consultant, user_id).get_id()  # type: ignore[union-attr]
        with browser.session_transaction() as session:
            session["_user_id"], session["_fresh"] = stamp, True
        biggest = 0
        for page in pages:
            for part in (1, 2, 3, 4):
                url = f"/consult/assessments/{assessment_id}/agree?section={page.id}&part={part}"
                times, body = [], b""
                for _ in range(5):
                    start = time.perf_counter()
                    response = browser.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                    body = response.data
                if f"part {part} of" not in response.text and part > 1:
                    break
                biggest = max(biggest, len(body))
                print(f"{people:>6} {page.id + (f'/{part}' if part > 1 or 'part 1 of' in response.text else ''):>10} "
                      f"{len(body) / 1024:>7.1f} {statistics.median(times):>17.1f}")  # fmt: skip
        print(f"{people:>6} {'largest':>10} {biggest / 1024:>7.1f}")


if __name__ == "__main__":
    main()
