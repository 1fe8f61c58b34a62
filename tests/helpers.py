"""Drive the site the way a browser does: fetch a page, scrape its CSRF token, post the form."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient

from questionnaire.domain.layout import Entry, QuestionPage

from .conftest import csrf_from

TOKEN_IN_URL = re.compile(r"/a/([A-Za-z0-9_-]{43})")
REVISION = re.compile(r'name="revision" value="(\d+)"')


def start(client: FlaskClient, *standards: str, organisation: str = "Acme Precision Ltd") -> str:
    """Create an assessment through the start form; return the resume token from the redirect."""
    page = client.get("/start")
    assert page.status_code == 200
    data = {"csrf_token": csrf_from(page.text), "organisation": organisation, "sector": "Metalwork", "headcount": "14"}
    response = client.post("/start", data={**data, "standards": list(standards)})
    assert response.status_code == 302, response.text
    match = TOKEN_IN_URL.search(response.headers["Location"])
    assert match
    return match.group(1)


def form_data(page: QuestionPage, choose: Callable[[Entry], str | None], token_html: str) -> dict[str, str]:
    """A page's post body: for each entry the level `choose` returns ('na' with a reason), blank if None.

    Like a browser, it sends back the revision the page carries, when it carries one.
    """
    data = {"csrf_token": csrf_from(token_html)}
    if match := REVISION.search(token_html):
        data["revision"] = match.group(1)
    for entry in page.entries:
        value = choose(entry)
        if value is None:
            continue
        data[f"{entry.field_name}-level"] = value
        if value == "na":
            data[f"{entry.field_name}-reason"] = "Outside our scope: we do not design products."
    return data


def answer_page(
    client: FlaskClient, token: str, page: QuestionPage, choose: Callable[[Entry], str | None], go: str = "next"
):  # type: ignore[no-untyped-def]
    url = f"/a/{token}/s/{page.id}"
    html = client.get(url).text
    return client.post(url, data={**form_data(page, choose, html), "go": go})


def is_checked(html: str, field_name: str, value: str) -> bool:
    """Is the radio for `value` of this question rendered as checked?"""
    for chunk in html.split("<input")[1:]:
        tag = chunk.split(">", 1)[0]
        if f'name="{field_name}-level"' in tag and f'value="{value}"' in tag:
            return "checked" in tag
    raise AssertionError(f"no radio {field_name}-level with value {value}")
