"""A page, a save and the results each run a small, fixed number of SQL statements, whatever the bank size."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ..conftest import QueryCounter, csrf_from
from ..helpers import answer_page, form_data, start
from .test_walkthrough import questionnaire

# iso45001 section 10 has 6 questions, section 6 has 14; iso27001 A.8 has 34
CASES = [("iso45001-2018", "10"), ("iso45001-2018", "6"), ("iso27001-2022", "A.8")]


@pytest.mark.parametrize(("bank", "page_id"), CASES)
def test_question_page_and_save(app: Flask, client: FlaskClient, count_queries: QueryCounter, bank, page_id) -> None:  # type: ignore[no-untyped-def]
    token = start(client, bank)
    page = questionnaire(app, bank).page(page_id)
    assert page is not None
    answer_page(client, token, page, lambda e: "1")  # existing answers, so the save below updates rows

    count_queries.statements.clear()
    html = client.get(f"/a/{token}/s/{page_id}").text
    assert count_queries.count == 2, count_queries.statements  # respondent with assessment; its answers

    count_queries.statements.clear()
    response = client.post(f"/a/{token}/s/{page_id}", data=form_data(page, lambda e: "3", html))
    assert response.status_code == 302
    # respondent; existing answers; one executemany UPDATE; assessment timestamp (no COMMIT statement is counted)
    assert count_queries.count <= 4, count_queries.statements


@pytest.mark.parametrize("bank", ["iso45001-2018", "iso27001-2022"])
def test_results_page(app: Flask, client: FlaskClient, count_queries: QueryCounter, bank: str) -> None:
    token = start(client, bank)
    for page in questionnaire(app, bank).pages[:3]:
        answer_page(client, token, page, lambda e: "2")
    count_queries.statements.clear()
    assert client.get(f"/a/{token}/results").status_code == 200
    assert count_queries.count == 2, count_queries.statements


def test_first_save_inserts_in_one_statement(app: Flask, client: FlaskClient, count_queries: QueryCounter) -> None:
    token = start(client, "iso45001-2018")
    page = questionnaire(app, "iso45001-2018").page("6")
    assert page is not None
    html = client.get(f"/a/{token}/s/6").text
    count_queries.statements.clear()
    client.post(f"/a/{token}/s/6", data=form_data(page, lambda e: "3", html))
    inserts = [s for s in count_queries.statements if s.lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 1 and count_queries.count <= 4, count_queries.statements
    assert csrf_from(html)
