"""Agreed answers at 100 respondents: one section at a time stays small, counts down, records several at once."""

from __future__ import annotations

import random
import re

from flask import Flask
from sqlalchemy import insert, select

from questionnaire.domain.tokens import hash_token
from questionnaire.extensions import db
from questionnaire.models import Answer, Assessment, Link

from ..assess.test_walkthrough import questionnaire
from .helpers import add_assessment, add_client, consultant, post

BANK = "iso9001-2015"
PEOPLE = 100
LIMIT = 150 * 1024
ROLES = ("Quality manager", "Site manager", "Operator", "Buyer", "HR lead")
LEFT = re.compile(r"<strong>(\d+) left to settle</strong> of (\d+)")


def crowd(app: Flask, assessment_id: int, people: int = PEOPLE, seed: int = 7) -> None:
    """`people` respondents answering every question at random levels, a third of them with a note each time."""
    rng = random.Random(seed)  # noqa: S311 (made-up answers)
    keys = [entry.key for page in questionnaire(app, BANK).pages for entry in page.entries]
    with app.app_context():
        internal = db.session.scalar(select(Assessment.id).where(Assessment.public_id == assessment_id))
        links = [
            Link(
                assessment_id=internal,
                name=f"Person {i:03d}",
                role=rng.choice(ROLES),
                token_hash=hash_token(f"crowd-{seed}-{assessment_id}-{i}"),
            )  # fmt: skip
            for i in range(people)
        ]
        db.session.add_all(links)
        db.session.flush()
        rows = [
            {
                "respondent_id": link.id,
                "question_key": key,
                "level": rng.randint(0, 4),
                "note": "Records kept in the shared drive, reviewed monthly" if rng.random() < 0.3 else "",
            }  # fmt: skip
            for link in links
            for key in keys
        ]
        db.session.execute(insert(Answer), rows)
        db.session.commit()


def test_every_section_stays_under_150_kib_at_100_respondents_and_counts_down(app: Flask) -> None:
    owner = consultant(app)
    assessment_id = add_assessment(owner, add_client(owner), BANK)
    crowd(app, assessment_id)
    url = f"/consult/assessments/{assessment_id}/agree"
    sizes = {}
    for page in questionnaire(app, BANK).pages:
        html = owner.get(f"{url}?section={page.id}").data
        sizes[page.id] = len(html)
    assert max(sizes.values()) < LIMIT, sizes
    first = questionnaire(app, BANK).pages[0]
    html = owner.get(f"{url}?section={first.id}").text
    left, total = map(int, LEFT.search(html).groups())  # type: ignore[union-attr]
    assert left == total == sum(len(p.entries) for p in questionnaire(app, BANK).pages)  # random: all disagree
    assert f"{PEOPLE - 1}" not in re.findall(r'class="muted">· (\d+) people', html)  # grouped by level, not 100 cards
    choices = {f"level-{entry.field_name}": "2" for entry in first.entries}
    assert post(owner, url, {"section": first.id, **choices}).status_code == 302
    after = owner.get(f"{url}?section={first.id}").text
    assert LEFT.search(after).groups() == (str(total - len(first.entries)), str(total))  # type: ignore[union-attr]
    assert "Everything in this section is settled" in after and 'class="disagreement panel' not in after
    assert f"Settled in this section ({len(first.entries)})" in after
