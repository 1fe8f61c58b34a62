"""Re-assessment starts from the last agreed answers; the client page charts score per clause over time."""

from __future__ import annotations

import json
import re

from flask import Flask
from sqlalchemy import select

from questionnaire.banks import items
from questionnaire.charts import dashboard as dashboard_charts
from questionnaire.extensions import db
from questionnaire.models import AgreedAnswer, Assessment
from questionnaire.scoring import AnswerValue, score

from ..assess.test_walkthrough import questionnaire
from ..helpers import answer_page, is_checked
from .helpers import ID_IN, add_assessment, add_client, consultant, issue, post

BANK = "iso14001-2015"


def score_of(html: str) -> str:
    return re.search(r'class="score-value">([^<]+)<', html).group(1)  # type: ignore[union-attr]


def test_reassessment_starts_from_the_agreed_answers_and_respondents_take_over(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    first = add_assessment(owner, client_id, BANK)
    pages = questionnaire(app, BANK).pages
    token = issue(owner, first, "Quinn")
    browser = app.test_client()
    for page in pages[:3]:
        answer_page(browser, token, page, lambda e: "2")
    key, name = pages[0].entries[0].key, pages[0].entries[0].field_name
    post(
        owner,
        f"/consult/assessments/{first}/agree",
        {"section": pages[0].id, f"level-{name}": "4", f"note-{name}": "agreed"},
    )
    post(owner, f"/consult/assessments/{first}/cycle", {"certified": "2026-03-15"})
    before = score_of(owner.get(f"/consult/assessments/{first}/results").text)

    response = post(owner, f"/consult/assessments/{first}/reassess")
    second = ID_IN.search(response.headers["Location"]).group(1)  # type: ignore[union-attr]
    assert second != first
    with app.app_context():
        fresh = db.session.scalars(select(Assessment).where(Assessment.public_id == second)).one()
        previous = db.session.scalars(select(Assessment).where(Assessment.public_id == first)).one()
        assert fresh.previous_id == previous.id and fresh.bank_ids == [BANK] and str(fresh.certified_on) == "2026-03-15"
        carried = {
            row.question_key: row
            for row in db.session.scalars(select(AgreedAnswer).where(AgreedAnswer.assessment_id == fresh.id))
        }
    answered = sum(len(p.entries) for p in pages[:3])
    assert len(carried) == answered and all(row.carried for row in carried.values())
    assert carried[key].level == 4 and carried[key].note == "agreed"  # the agreed answer, not the respondent's 2
    assert score_of(owner.get(f"/consult/assessments/{second}/results").text) == before  # same answers, same score

    new_token = issue(owner, second, "Quinn")
    page_html = browser.get(f"/a/{new_token}/s/{pages[0].id}").text
    assert "A re-assessment" in page_html
    assert is_checked(page_html, pages[0].entries[0].field_name, "4")  # filled in from last time
    assert is_checked(page_html, pages[0].entries[1].field_name, "2")
    assert page_html.count("Last time’s answer") == len(pages[0].entries)  # each marked as last time's until saved
    overview = browser.get(f"/a/{new_token}").text
    assert "0 of" in overview and f"{answered} of last assessment’s answers fill in" in overview  # "0 of 99" explained
    answer_page(browser, new_token, pages[0], lambda e: "0")  # things got worse; the respondent's answer counts
    assert "Last time’s answer" not in browser.get(f"/a/{new_token}/s/{pages[0].id}").text
    after = score_of(owner.get(f"/consult/assessments/{second}/results").text)
    assert int(after.rstrip("%")) < int(before.rstrip("%"))
    assert score_of(owner.get(f"/consult/assessments/{first}/results").text) == before  # history is untouched


def test_the_client_page_charts_score_per_clause_over_time(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    first = add_assessment(owner, client_id, BANK)
    pages = questionnaire(app, BANK).pages
    browser = app.test_client()
    for page in pages:
        answer_page(browser, issue(owner, first, f"P {page.id}"), page, lambda e: "1")
    second = ID_IN.search(post(owner, f"/consult/assessments/{first}/reassess").headers["Location"]).group(1)  # type: ignore[union-attr]
    answer_page(browser, issue(owner, second, "Quinn"), pages[0], lambda e: "3")
    html = owner.get(f"/consult/clients/{client_id}").text
    assert 'data-chart="trend-iso14001-2015"' in html
    figure = json.loads(re.search(r'data-chart="trend-iso14001-2015">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    first_section = next(trace for trace in figure["data"] if trace["name"].startswith(f"{pages[0].id} "))
    assert first_section["y"] == [33.3, 100.0]  # level 1 of the target 3, then level 3: a point per assessment
    assert len(first_section["x"]) == 2
    assert "Over 2 assessments the overall score went from" in html


def test_trend_figure_has_a_point_per_assessment_and_its_table(app: Flask) -> None:
    bank = app.extensions["banks"].get(BANK)
    results = [score(bank, {}), score(bank, {item.key: AnswerValue(3) for item in items(bank)})]
    figure = dashboard_charts.trend("t", "Trend", [("Jan", results[0]), ("Jun", results[1])])
    assert figure.table.columns == ("Clause", "Jan", "Jun")
    assert figure.table.rows[0][1:] == ("not assessed", "100%")
    assert figure.description == "Over 2 assessments the overall score went from not assessed to 100%."
