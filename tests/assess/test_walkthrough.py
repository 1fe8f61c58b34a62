"""A quality manager walks the whole of ISO 9001 through the real forms, CSRF included, to the results."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from questionnaire.assess.layout import Entry, Questionnaire, build

from ..helpers import answer_page, is_checked, start

BANK = "iso9001-2015"


def questionnaire(app: Flask, *bank_ids: str) -> Questionnaire:
    registry = app.extensions["banks"]
    return build(tuple(registry.banks[b] for b in bank_ids), registry.harmonized)


def by_weight(entry: Entry) -> str:
    """Known answer set: N/A where allowed, otherwise level 4 for weight >= 3, 3 for weight 2, 1 for the rest."""
    if entry.question.allow_na:
        return "na"
    return "4" if entry.question.weight >= 3 else "3" if entry.question.weight >= 2 else "1"


def expected_percent(q: Questionnaire) -> int:
    weighted = total = 0.0
    for page in q.pages:
        for entry in page.entries:
            if entry.question.allow_na:
                continue
            weighted += entry.question.weight * int(by_weight(entry)) / 4
            total += entry.question.weight
    return round(100 * weighted / total)


def score_on_page(html: str) -> str:
    match = re.search(r'class="score-value">([^<]+)<', html)
    assert match
    return match.group(1)


def test_home_lists_the_standard_and_explains_the_audit(client: FlaskClient) -> None:
    html = client.get("/").text
    assert "ISO 9001:2015" in html
    assert "Stage 2: on site" in html
    assert 'href="/start?standard=iso9001-2015"' in html


def test_full_walk_through_iso_9001(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    overview = client.get(f"/a/{token}")
    assert overview.status_code == 200
    assert f"http://preaudit.test/a/{token}" in overview.text  # the resume link, shown in full
    q = questionnaire(app, BANK)
    assert [p.id for p in q.pages] == ["4", "5", "6", "7", "8", "9", "10"]
    for index, page in enumerate(q.pages):
        response = answer_page(client, token, page, by_weight)
        assert response.status_code == 302, response.text
        following = q.pages[index + 1].id if index + 1 < len(q.pages) else None
        assert response.headers["Location"].endswith(f"/s/{following}" if following else "/results")
    results = client.get(f"/a/{token}/results")
    assert results.status_code == 200
    assert score_on_page(results.text) == f"{expected_percent(q)}%"
    # level 1 on weight-1 mandatory questions leaves blocking gaps, so the verdict must say "not yet" and name them
    assert "Not yet ready to invite a certification body" in results.text
    assert "Blocking gaps" in results.text
    assert 'data-chart="radar-iso9001-2015"' in results.text and 'data-chart="gaps-iso9001-2015"' in results.text
    assert "Mandatory documented information" in results.text and "Action plan" in results.text


def test_all_level_three_is_ready(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    for page in questionnaire(app, BANK).pages:
        assert answer_page(client, token, page, lambda e: "3").status_code == 302
    html = client.get(f"/a/{token}/results").text
    assert score_on_page(html) == "75%"
    assert "Not yet ready" in html  # 75% is below the 80% threshold even with no blocker
    for page in questionnaire(app, BANK).pages:
        answer_page(client, token, page, lambda e: "4")
    html = client.get(f"/a/{token}/results").text
    assert score_on_page(html) == "100%"
    assert "Ready to invite a certification body" in html


def test_saved_answers_show_when_the_page_is_reopened(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    answer_page(client, token, page, lambda e: "2")
    html = client.get(f"/a/{token}/s/{page.id}").text
    assert all(is_checked(html, entry.field_name, "2") for entry in page.entries)
    assert not any(is_checked(html, entry.field_name, "3") for entry in page.entries)


def test_aqap_asks_iso_9001_then_the_nato_requirements(app: Flask, client: FlaskClient) -> None:
    token = start(client, "aqap2110-d")
    q = questionnaire(app, "aqap2110-d")
    assert [p.id for p in q.pages] == ["4", "5", "6", "7", "8", "9", "10", "AQAP-4", "AQAP-5"]
    for page in q.pages:
        answer_page(client, token, page, lambda e: "4")
    html = client.get(f"/a/{token}/results").text
    assert "Ready to invite your national defence quality assurance authority" in html
    learn = client.get("/learn/aqap2110-d").text
    assert "Every requirement of" in learn and "ISO 9001:2015</a>" in learn
