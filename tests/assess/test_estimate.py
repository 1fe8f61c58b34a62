"""Time estimates come from the bank's own words and questions."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from questionnaire.domain.estimate import Estimate, estimate
from questionnaire.domain.layout import build

from ..helpers import start


def test_estimate_counts_words_and_questions(app: Flask) -> None:
    registry = app.extensions["banks"]
    layout = build((registry.banks["iso9001-2015"],), registry.harmonized)
    found = estimate(layout)
    assert found.questions == sum(len(p.entries) for p in layout.pages)
    assert 8_000 < found.words < 20_000
    assert found.minutes == round(found.words / 200 + found.questions / 2)


def test_estimates_read_the_way_people_plan() -> None:
    assert Estimate(10, 100).text == "about 5 minutes"
    assert Estimate(39, 4400).text == "about 40 minutes"
    assert Estimate(99, 10600).text == "about 1.5 hours"
    assert Estimate(144, 17600).text == "about 2.5 hours"


def test_start_page_and_overview_say_how_long(app: Flask, client: FlaskClient) -> None:
    registry = app.extensions["banks"]
    quality = estimate(build((registry.banks["iso9001-2015"],), registry.harmonized))
    risk = estimate(build((registry.banks["iso31000-2018"],), registry.harmonized))
    assert f"{quality.questions} questions, {quality.text}" in client.get("/start").text
    token = start(client, "iso31000-2018")
    assert f"Answering everything takes {risk.text}" in client.get(f"/a/{token}").text
