"""Integrated assessment: shared requirements asked once and counted for every chosen standard."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from questionnaire.banks import items
from questionnaire.domain.layout import Entry

from ..helpers import answer_page, start
from .test_walkthrough import questionnaire

TRIO = ("iso9001-2015", "iso14001-2015", "iso45001-2018")
NAMES = ("ISO 9001:2015", "ISO 14001:2015", "ISO 45001:2018")


def scores(client: FlaskClient, token: str) -> dict[str, str]:
    html = client.get(f"/a/{token}/results").text
    found = dict(re.findall(r'id="title-([a-z0-9-]+)".*?class="score-value">([^<]+)<', html, flags=re.S))
    assert set(found) == set(TRIO)
    return found


def test_shared_questions_are_asked_once(app: Flask) -> None:
    q = questionnaire(app, *TRIO)
    keys = q.keys
    assert len(keys) == len(set(keys))
    shared = [e for p in q.pages for e in p.entries if e.key.startswith("hs-")]
    assert len(shared) == 21  # 9001 maps all 21 shared questions, 14001 and 45001 all but planning of changes
    audit = next(e for e in shared if e.key == "hs-9.2-internal-audit")
    assert audit.serves == NAMES
    asked_separately = sum(sum(len(c.questions) for s in b.sections for c in s.clauses) for b in q.banks)
    assert len(keys) == asked_separately - 2 * 20  # 14001 and 45001 each share 20 questions with 9001


HS_CURRENT = (*TRIO, "iso22301-2019", "iso27001-2022", "iso37001-2025", "iso42001-2023", "iso50001-2018")


def test_each_standard_keeps_its_own_climate_decision_when_context_is_shared(app: Flask) -> None:
    """The shared 4.1 question replaces each bank's own; the climate decision (Amendment 1:2024) must not go with it."""
    q = questionnaire(app, *HS_CURRENT)
    page = q.page("4")
    assert page is not None
    asked = {entry.key: entry for entry in page.entries}
    assert "hs-4.1-context" in asked and "iso9001-2015/4.1-c" in asked
    for bank in q.banks:
        climate = [
            item.key
            for item in items(bank)
            if item.clause.id == "4.1" and "climate change" in item.question.text.lower()
        ]
        assert climate, f"{bank.id}: no 4.1 climate-change question"
        for key in climate:
            assert key in asked and asked[key].serves == (bank.name,), key
            assert not asked[key].question.hs_key


def test_start_page_offers_combining_and_the_walk_works(app: Flask, client: FlaskClient) -> None:
    token = start(client, *TRIO)
    page = client.get(f"/a/{token}/s/9").text
    assert (
        "Shared by all chosen standards" in page and "Counts for ISO 9001:2015, ISO 14001:2015, ISO 45001:2018" in page
    )
    for p in questionnaire(app, *TRIO).pages:
        assert answer_page(client, token, p, lambda e: "3").status_code == 302
    html = client.get(f"/a/{token}/results").text
    assert "Your standards side by side" in html and 'data-chart="compare"' in html
    assert set(scores(client, token).values()) == {"100%"}


def set_one(client: FlaskClient, app: Flask, token: str, key: str, level: str) -> None:
    q = questionnaire(app, *TRIO)
    page = next(p for p in q.pages if any(e.key == key for e in p.entries))

    def choose(entry: Entry) -> str:
        return level if entry.key == key else "3"

    assert answer_page(client, token, page, choose).status_code == 302


@pytest.mark.parametrize(
    ("key", "changed"),
    [
        ("hs-9.2-internal-audit", set(TRIO)),
        ("iso14001-2015/6.1.2-a", {"iso14001-2015"}),
        ("iso45001-2018/5.4-a", {"iso45001-2018"}),
    ],
)
def test_an_answer_changes_exactly_the_standards_it_belongs_to(
    app: Flask, client: FlaskClient, key: str, changed: set[str]
) -> None:
    token = start(client, *TRIO)
    for p in questionnaire(app, *TRIO).pages:
        answer_page(client, token, p, lambda e: "3")
    before = scores(client, token)
    set_one(client, app, token, key, "0")
    after = scores(client, token)
    assert {bank for bank in TRIO if before[bank] != after[bank]} == changed
