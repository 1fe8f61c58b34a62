"""Transition assessments: a firm certified to ISO 14001:2015 checks only what the 2026 edition changed,
with the answers to unchanged requirements carried over."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from questionnaire.banks import BankRegistry, items
from questionnaire.banks.transition import carries, mapping_problems, transition_scope
from questionnaire.domain.layout import build

from ..conftest import csrf_from
from ..helpers import answer_page, start
from .test_walkthrough import questionnaire

OLD, NEW = "iso14001-2015", "iso14001-2026"


@pytest.fixture
def registry(app: Flask) -> BankRegistry:
    return app.extensions["banks"]


def test_every_old_clause_maps_somewhere_and_every_new_clause_is_new_or_mapped(registry: BankRegistry) -> None:
    new, old = registry.banks[NEW], registry.banks[OLD]
    assert mapping_problems(new, old) == []
    for section in new.sections:
        for clause in section.clauses:
            assert clause.change is not None
            assert (clause.change.kind == "new") == (not clause.change.previous)


def test_a_broken_map_is_named_and_keeps_the_new_edition_out(registry: BankRegistry) -> None:
    new, old = registry.banks[NEW], registry.banks[OLD]
    fewer = old.model_copy(update={"sections": [*old.sections, old.sections[0].model_copy(update={"id": "X"})]})
    assert mapping_problems(new, fewer) == []  # duplicate ids are fine; an unmapped one is not:
    extra_clause = old.sections[0].clauses[0].model_copy(update={"id": "4.9"})
    widened = old.model_copy(
        update={"sections": [old.sections[0].model_copy(update={"clauses": [*old.sections[0].clauses, extra_clause]})]}
    )
    assert any("no clause maps: " in p and "4.9" in p for p in mapping_problems(new, widened))


def test_transition_asks_only_new_and_broadened_clauses(registry: BankRegistry) -> None:
    scoped = transition_scope(registry.banks[NEW])
    kinds = {c.change.kind for s in scoped.sections for c in s.clauses if c.change}
    assert kinds <= {"new", "broadened"} and "6.3" in [c.id for s in scoped.sections for c in s.clauses]
    asked = {e.key for p in build((registry.banks[NEW],), registry.harmonized, "transition").pages for e in p.entries}
    assert asked == {item.key for item in items(scoped)}
    assert len(asked) < len(list(items(registry.banks[NEW])))


def test_carried_questions_come_from_unchanged_clauses_only(registry: BankRegistry) -> None:
    found = carries(registry.banks[NEW], registry.banks[OLD])
    assert found and all(c.new_item.clause.change.kind in {"unchanged", "editorial", "renumbered"} for c in found)
    by_new = {c.new_key: c.old_key for c in found}
    # 6.1.4 (planning action) became 6.1.5 in 2026: renumbered, with its answers
    assert by_new[f"{NEW}/6.1.5-b"] == f"{OLD}/6.1.4-b"
    assert by_new["hs-7.2-competence"] == "hs-7.2-competence"  # a shared answer keeps its key


def start_transition(client: FlaskClient, link: str, kind: str = "transition", standard: str = NEW):
    page = client.get("/start")
    return client.post(
        "/start",
        data={
            "csrf_token": csrf_from(page.text),
            "organisation": "Acme Precision Ltd",
            "standards": [standard],
            "kind": kind,
            "previous_link": link,
        },
    )


def test_certified_firm_walks_the_transition_with_answers_carried_over(app: Flask, client: FlaskClient) -> None:
    old_token = start(client, OLD)
    for page in questionnaire(app, OLD).pages:
        assert answer_page(client, old_token, page, lambda e: "3").status_code == 302
    response = start_transition(client, f"http://preaudit.test/a/{old_token}")
    assert response.status_code == 302
    token = re.search(r"/a/([A-Za-z0-9_-]{43})", response.headers["Location"]).group(1)  # type: ignore[union-attr]
    overview = client.get(f"/a/{token}").text
    assert "carried over from your ISO 14001:2015 assessment" in overview
    pages = build((app.extensions["banks"].banks[NEW],), app.extensions["banks"].harmonized, "transition").pages
    for page in pages:
        assert answer_page(client, token, page, lambda e: "3").status_code == 302
    html = client.get(f"/a/{token}/results").text
    assert "Transition to ISO 14001:2026" in html
    assert "Ready for the transition audit" in html
    # the whole edition, with what was carried over, is shown for information and is complete
    assert "The whole of ISO 14001:2026" in html and "<strong>Ready for stage 2</strong>." in html


def test_transition_without_carry_over_leaves_the_whole_edition_undecided(app: Flask, client: FlaskClient) -> None:
    response = start_transition(client, "")
    token = re.search(r"/a/([A-Za-z0-9_-]{43})", response.headers["Location"]).group(1)  # type: ignore[union-attr]
    html = client.get(f"/a/{token}/results").text
    assert "only what was answered here" in html and "<strong>Not enough answers yet to judge</strong> (" in html
    assert "gate questions and" in html


@pytest.mark.parametrize(
    ("link", "kind", "standard", "message"),
    [
        ("http://preaudit.test/a/" + "A" * 43, "transition", NEW, "does not open an assessment of ISO 14001:2015"),
        ("", "transition", "iso9001-2015", "covers one standard that replaces an earlier edition"),
    ],
)
def test_refused_starts_say_why_and_create_nothing(
    client: FlaskClient, link: str, kind: str, standard: str, message: str
) -> None:
    response = start_transition(client, link, kind, standard)
    assert response.status_code == 400 and message in response.text


def test_a_link_to_another_standard_is_refused(client: FlaskClient) -> None:
    other = start(client, "iso9001-2015")
    response = start_transition(client, other)
    assert response.status_code == 400 and "does not open an assessment of ISO 14001:2015" in response.text
