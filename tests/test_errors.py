"""Database faults: a 503 that says nothing was saved and gives the answers back; the app recovers by itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from questionnaire.extensions import db

from .assess.test_walkthrough import questionnaire
from .conftest import csrf_from
from .helpers import form_data, is_checked, start

BANK = "iso14001-2015"


def _read_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """What a full disk, a read-only file or a failover to a standby look like to the app: writes fail."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA query_only=ON")
    else:
        dbapi_connection.read_only = True


@contextmanager
def database_refusing_writes(app: Flask) -> Iterator[None]:
    """Every connection opened meanwhile refuses writes, and keeps refusing after: only discarding it helps."""
    with app.app_context():
        engine = db.engine
    event.listen(engine, "connect", _read_only)
    engine.dispose()  # so the pool opens connections that refuse writes
    try:
        yield
    finally:
        event.remove(engine, "connect", _read_only)


def test_a_save_the_database_refuses_is_a_503_with_the_answers_and_the_next_save_works(
    app: Flask, client: FlaskClient
) -> None:
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    entry = page.entries[0]
    url = f"/a/{token}/s/{page.id}"
    data = form_data(page, lambda e: "3", client.get(url).text)
    data[f"{entry.field_name}-note"] = "Typed during the outage"
    with database_refusing_writes(app):
        refused = client.post(url, data=data)
    assert refused.status_code == 503
    assert "Nothing on this page was saved" in refused.text
    assert is_checked(refused.text, entry.field_name, "3") and "Typed during the outage" in refused.text
    assert not is_checked(client.get(url).text, entry.field_name, "3")

    retry = form_data(page, lambda e: "3", refused.text)  # the token and revision the 503 page carries
    retry[f"{entry.field_name}-note"] = "Typed during the outage"
    assert client.post(url, data=retry).status_code == 302  # no restart needed
    reopened = client.get(url).text
    assert is_checked(reopened, entry.field_name, "3") and "Typed during the outage" in reopened


def test_a_refused_start_form_comes_back_ready_to_post_again(client: FlaskClient, app: Flask) -> None:
    html = client.get("/start").text
    data = {"csrf_token": csrf_from(html), "organisation": "Outage & Sons", "standards": BANK}
    with database_refusing_writes(app):
        refused = client.post("/start", data=data)
    assert refused.status_code == 503
    assert "Nothing on this page was saved" in refused.text
    assert '<input type="hidden" name="organisation" value="Outage &amp; Sons">' in refused.text
    again = client.post("/start", data={**data, "csrf_token": csrf_from(refused.text)})
    assert again.status_code == 302


def test_a_post_without_its_form_token_to_a_link_that_may_not_answer_is_the_usual_404(
    app: Flask, client: FlaskClient
) -> None:
    """The expired-form handler loads the page to hand the answers back; a link that may not answer it gets the
    same 404 as any missing page (it was a 500 when the handler's own 404 escaped it). Mutation: drop the
    `except HTTPException` in assess/recovery.py and this answers 500."""
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    assert "Your assessment is ready" in client.get(f"/a/{token}").text  # the flash of the start, shown once
    unknown = client.post(f"/a/{'x' * 43}/s/{page.id}", data={"go": "next"})
    missing = client.get("/a/" + "x" * 43)
    assert unknown.status_code == 404 and unknown.text == missing.text
    own = client.post(f"/a/{token}/s/{page.id}", data={"go": "next"})  # a live link: the page comes back, as posted
    assert own.status_code == 400 and "Your browser session had expired" in own.text
