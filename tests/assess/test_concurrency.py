"""Two saves of one page at the same instant, and a save over answers someone else saved meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, func, select

from questionnaire.extensions import db
from questionnaire.models import Answer

from ..helpers import form_data, is_checked, start
from .test_walkthrough import questionnaire

BANK = "iso14001-2015"


class WritesMeet:
    """Holds each armed thread at its first write until the other armed thread has reached its own first write.

    Both saves have then done all their reading: exactly the interleaving that broke read-then-insert.
    """

    def __init__(self) -> None:
        self.barrier = threading.Barrier(2, timeout=10)
        self.local = threading.local()

    def arm(self) -> None:
        self.local.armed = True

    def __call__(self, _conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        if getattr(self.local, "armed", False) and statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            self.local.armed = False
            self.barrier.wait()


@pytest.fixture
def writes_meet(app: Flask) -> Iterator[WritesMeet]:
    meet = WritesMeet()
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", meet)
    yield meet
    event.remove(engine, "before_cursor_execute", meet)


def answer_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Answer)) or 0


def test_two_saves_of_a_new_page_at_once_both_succeed(app: Flask, client: FlaskClient, writes_meet) -> None:  # type: ignore[no-untyped-def]
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    html = client.get(f"/a/{token}/s/{page.id}").text
    data = form_data(page, lambda e: "2", html)  # the same form submitted twice (a double click)
    statuses: list[int] = []

    def save() -> None:
        writes_meet.arm()
        statuses.append(client.post(f"/a/{token}/s/{page.id}", data=data).status_code)

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302, 302]
    assert answer_count(app) == len(page.entries)
    reopened = client.get(f"/a/{token}/s/{page.id}").text
    assert all(is_checked(reopened, entry.field_name, "2") for entry in page.entries)


def test_a_save_over_newer_answers_shows_both_and_keeps_theirs(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    first, second = page.entries[:2]
    colleague = app.test_client()
    mine, theirs = client.get(f"/a/{token}/s/{page.id}").text, colleague.get(f"/a/{token}/s/{page.id}").text
    their_form = form_data(page, lambda e: "3" if e is first else None, theirs)
    their_form[f"{first.field_name}-note"] = "Procedure QP-04 approved"
    assert colleague.post(f"/a/{token}/s/{page.id}", data=their_form).status_code == 302

    my_form = form_data(page, lambda e: "1" if e in (first, second) else None, mine)
    response = client.post(f"/a/{token}/s/{page.id}", data=my_form)
    assert response.status_code == 409
    assert "1 answer(s) on this page were changed by someone else" in response.text
    assert "Saved by someone else after you opened this page" in response.text
    assert "level 3, implemented" in response.text and "Procedure QP-04 approved" in response.text
    assert is_checked(response.text, first.field_name, "1")  # mine, as posted, to keep or change
    stored = client.get(f"/a/{token}/s/{page.id}").text
    assert is_checked(stored, first.field_name, "3")  # theirs was not overwritten...
    assert is_checked(stored, second.field_name, "1")  # ...and my other answer was saved

    again = form_data(page, lambda e: "1" if e in (first, second) else None, response.text)
    assert client.post(f"/a/{token}/s/{page.id}", data=again).status_code == 302  # saving again keeps mine
    assert is_checked(client.get(f"/a/{token}/s/{page.id}").text, first.field_name, "1")


def test_saving_the_same_answers_twice_is_no_conflict(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    html = client.get(f"/a/{token}/s/{page.id}").text
    data = form_data(page, lambda e: "4", html)
    assert client.post(f"/a/{token}/s/{page.id}", data=data).status_code == 302
    assert client.post(f"/a/{token}/s/{page.id}", data=data).status_code == 302
