"""Edition status, the change map between editions, and the sources page, as educators see them."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from questionnaire.banks import Bank, BankRegistry
from questionnaire.learn.editions import STATE_LABELS


def registry_of(app: Flask) -> BankRegistry:
    return app.extensions["banks"]


def bank(app: Flask, bank_id: str) -> Bank:
    found = registry_of(app).get(bank_id)
    assert found is not None
    return found


def row_for(html: str, href: str) -> str:
    """The table row whose first cell links to `href`."""
    rows = [row for row in html.split("<tr")[1:] if f'<th scope="row"><a href="{href}"' in row]
    assert len(rows) == 1, href
    return rows[0].split("</tr>")[0]


def test_standard_page_shows_dated_status(app: Flask, client: FlaskClient) -> None:
    status = bank(app, "iso9001-2015").status
    assert status is not None
    html = client.get("/learn/iso9001-2015").text
    assert f"Edition status: {STATE_LABELS[status.state]}" in html
    assert str(escape(status.text)) in html
    assert f"Checked as of {status.as_of.day} {status.as_of:%B %Y}" in html


def test_superseded_standard_links_its_successor_and_the_change_map(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = bank(app, "iso14001-2015")
    assert old.status is not None and old.status.state == "superseded"
    status = old.status.model_copy(update={"transition_ends": None})
    monkeypatch.setitem(registry_of(app).banks, old.id, old.model_copy(update={"status": status}))
    html = client.get("/learn/iso14001-2015").text
    assert "Edition status: Superseded by a newer edition" in html
    assert 'Replaced by <a href="/learn/iso14001-2026">ISO 14001:2026</a>' in html
    assert "Transition end not announced yet" in html
    assert 'href="/learn/iso14001-2026/changes"' in html


def test_successor_not_shipped_is_named_but_not_linked(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(registry_of(app).banks, "iso14001-2026")
    html = client.get("/learn/iso14001-2015").text
    assert "Replaced by ISO 14001:2026" in html  # the bank's own status text
    assert 'href="/learn/iso14001-2026' not in html


def test_known_transition_end_is_shown(app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    old = bank(app, "iso14001-2015")
    assert old.status is not None
    status = old.status.model_copy(update={"transition_ends": date(2029, 4, 30)})
    monkeypatch.setitem(registry_of(app).banks, old.id, old.model_copy(update={"status": status}))
    html = client.get("/learn/iso14001-2015").text
    assert "Transition ends 30 April 2029" in html and "not announced" not in html


def test_sources_move_off_the_standard_page(app: Flask, client: FlaskClient) -> None:
    for each in registry_of(app).available():
        standard = client.get(f"/learn/{each.id}").text
        assert str(escape(each.sources)) not in standard, each.id
        assert f'href="/learn/{each.id}/sources">Sources and confidence</a>' in standard
        sources = client.get(f"/learn/{each.id}/sources")
        assert sources.status_code == 200
        assert str(escape(each.sources)) in sources.text


def test_sources_page_lists_the_clauses_of_confidence_k(app: Flask, client: FlaskClient) -> None:
    new = bank(app, "iso14001-2026")
    uncertain = [c for s in new.sections for c in s.clauses if c.confidence == "K"]
    certain = [c for s in new.sections for c in s.clauses if c.confidence == "S"]
    assert uncertain and certain
    html = client.get("/learn/iso14001-2026/sources").text
    for clause in uncertain:
        assert f'href="/learn/iso14001-2026/{clause.id}"><span class="clause-ref">{clause.id}</span>' in html
    assert not any(f'href="/learn/iso14001-2026/{c.id}"' in html for c in certain)
    all_seen = bank(app, "iso22301-2019")
    assert all(c.confidence == "S" for s in all_seen.sections for c in s.clauses)
    none = client.get("/learn/iso22301-2019/sources").text
    assert "None: every clause title of ISO 22301:2019 was seen in a public source." in none


def test_change_map_counts_every_kind(app: Flask, client: FlaskClient) -> None:
    new = bank(app, "iso14001-2026")
    counts = Counter(c.change.kind for s in new.sections for c in s.clauses if c.change)
    html = client.get("/learn/iso14001-2026/changes").text
    assert "What changed from ISO 14001:2015 to ISO 14001:2026" in html
    for kind, label in (
        ("new", "New"),
        ("broadened", "Broadened"),
        ("unchanged", "Unchanged"),
        ("editorial", "Editorial"),
        ("renumbered", "Renumbered"),
    ):
        assert (
            f'<span class="change-number">{counts[kind]}</span> '
            f'<span class="tag tag-change tag-change-{kind}">{label}</span>' in html
        )
    assert sum(counts.values()) == 35


def test_change_map_links_a_renumbered_clause_to_its_2015_clause(app: Flask, client: FlaskClient) -> None:
    html = client.get("/learn/iso14001-2026/changes").text
    renumbered = row_for(html, "/learn/iso14001-2026/6.1.5")
    assert "tag-change-renumbered" in renumbered
    assert (
        '<a href="/learn/iso14001-2015/6.1.4"><span class="clause-ref">6.1.4</span> Planning action</a>' in renumbered
    )
    split = row_for(html, "/learn/iso14001-2026/6.1.2")
    assert 'href="/learn/iso14001-2015/6.1.2"' in split and 'href="/learn/iso14001-2015/6.1.1"' in split
    new_clause = row_for(html, "/learn/iso14001-2026/6.3")
    assert "tag-change-new" in new_clause and "nothing: new" in new_clause
    what = bank(app, "iso14001-2026").sections[0].clauses[0].change
    assert what is not None and what.what and str(escape(what.what)) in row_for(html, "/learn/iso14001-2026/4.1")


def test_change_map_shows_where_every_old_clause_went(app: Flask, client: FlaskClient) -> None:
    html = client.get("/learn/iso14001-2026/changes").text
    went = html.split("Where each ISO 14001:2015 clause went")[1]
    for clause in (c for s in bank(app, "iso14001-2015").sections for c in s.clauses):
        assert f'<th scope="row"><a href="/learn/iso14001-2015/{clause.id}">' in went
    review = went.split('href="/learn/iso14001-2015/9.3"')[1].split("</tr>")[0]
    assert all(f'href="/learn/iso14001-2026/{cid}"' in review for cid in ("9.3.1", "9.3.2", "9.3.3"))


def test_clause_pages_of_a_superseding_bank_show_their_change(client: FlaskClient) -> None:
    html = client.get("/learn/iso14001-2026/6.1.5").text
    assert "What changed since ISO 14001:2015" in html
    assert "tag-change-renumbered" in html
    assert '<a href="/learn/iso14001-2015/6.1.4"><span class="clause-ref">6.1.4</span> Planning action</a>' in html
    assert "What changed since" not in client.get("/learn/iso14001-2015/6.1.4").text


def test_change_map_only_for_a_bank_that_supersedes_another(client: FlaskClient) -> None:
    assert client.get("/learn/iso14001-2015/changes").status_code == 404
    assert client.get("/learn/iso99999-2030/changes").status_code == 404
    assert client.get("/learn/iso99999-2030/sources").status_code == 404
