"""The start page's advice beside an edition that is not simply current."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from questionnaire.banks import BankRegistry
from questionnaire.domain.standards import edition_advice


def registry_of(app: Flask) -> BankRegistry:
    return app.extensions["banks"]


@pytest.mark.parametrize("bank_id", ["iso14001-2015", "iso37001-2016"])
def test_old_editions_tell_new_applicants_when_initial_certification_ends(client: FlaskClient, bank_id: str) -> None:
    html = client.get("/start").text
    bank = registry_of(client.application).get(bank_id)
    assert bank is not None and bank.status is not None and bank.status.new_applicants
    assert str(escape(bank.status.new_applicants)) in html
    assert "Check with your certification body." in bank.status.new_applicants
    assert "as of 8 December 2026" in bank.status.new_applicants  # a dated statement, not a timeless one


def test_without_a_bank_text_the_advice_stays_generic(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = registry_of(app)
    old = registry.get("iso14001-2015")
    assert old is not None and old.status is not None
    plain = old.model_copy(update={"status": old.status.model_copy(update={"new_applicants": None})})
    monkeypatch.setitem(registry.banks, old.id, plain)
    advice = edition_advice(registry, plain)
    assert "New applicants: choose ISO 14001:2026." in advice
    assert "initial certification" not in advice.lower()
