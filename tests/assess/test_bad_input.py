"""Bad input gets a clear answer and loses nothing."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from questionnaire.domain.tokens import new_token

from ..conftest import csrf_from
from ..helpers import is_checked, start
from .test_walkthrough import questionnaire

BANK = "iso14001-2015"
NA_BANK = "iso27001-2022"  # its Annex A controls may be excluded (N/A); clauses 4-10 may not


def post_page(client: FlaskClient, token: str, page_id: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    html = client.get(f"/a/{token}/s/{page_id}").text
    return client.post(f"/a/{token}/s/{page_id}", data={"csrf_token": csrf_from(html), **data})


def test_unknown_standard_and_section_are_404(client: FlaskClient) -> None:
    token = start(client, BANK)
    assert client.get(f"/a/{token}/s/99").status_code == 404
    assert client.get("/learn/iso99999-2030").status_code == 404
    response = client.get("/start?standard=iso99999-2030")
    assert response.status_code == 200  # an unknown choice is simply not preselected


def test_unknown_standard_in_start_form_is_refused(client: FlaskClient) -> None:
    html = client.get("/start").text
    data = {"csrf_token": csrf_from(html), "organisation": "Acme", "standards": "iso99999-2030"}
    response = client.post("/start", data=data)
    assert response.status_code == 400
    assert "iso99999-2030&#39; is not a valid choice" in response.text


def test_start_needs_a_name_and_a_standard(client: FlaskClient) -> None:
    html = client.get("/start").text
    response = client.post("/start", data={"csrf_token": csrf_from(html), "organisation": " ", "headcount": "-3"})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert "Choose at least one standard." in response.text
    assert "Number must be between 1 and 1000000." in response.text


def test_guideline_cannot_be_combined(client: FlaskClient) -> None:
    html = client.get("/start").text
    data = {"csrf_token": csrf_from(html), "organisation": "Acme", "standards": [BANK, "iso31000-2018"]}
    response = client.post("/start", data=data)
    assert response.status_code == 400
    assert "ISO 31000:2018 cannot be combined" in response.text


def test_bad_tokens_get_the_ordinary_404(client: FlaskClient) -> None:
    real = client.get("/no-such-page")
    assert real.status_code == 404
    for token in ("short", new_token(), new_token()[:-1] + "!", "x" * 200):
        for suffix in ("", "/s/4", "/results"):
            response = client.get(f"/a/{token}{suffix}")
            assert response.status_code == 404
            assert response.text == real.text  # no hint whether the link ever existed


def test_value_outside_the_scale_keeps_every_other_answer(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    first, second, third = page.entries[:3]
    response = post_page(
        client,
        token,
        page.id,
        {
            f"{first.field_name}-level": "7",
            f"{first.field_name}-note": "Draft list on the shared drive",
            f"{second.field_name}-level": "3",
            f"{third.field_name}-level": "2",
            f"{third.field_name}-note": "Owner: Jane",
        },
    )
    assert response.status_code == 400
    assert "Choose one of the levels 0 to 4." in response.text
    assert "There is a problem" in response.text and "<title>Error: " in response.text
    assert f'<a href="#{first.field_name}-level-0">Question 1: Choose one of the levels 0 to 4.</a>' in response.text
    assert f'aria-invalid="true" aria-describedby="{first.field_name}-level-error"' in response.text
    assert "The other answers on this page are saved." in response.text
    assert "Draft list on the shared drive" in response.text  # the rejected question's note is still on the page
    reopened = client.get(f"/a/{token}/s/{page.id}").text
    assert is_checked(reopened, second.field_name, "3") and is_checked(reopened, third.field_name, "2")
    assert "Owner: Jane" in reopened


def test_not_applicable_where_not_allowed(app: Flask, client: FlaskClient) -> None:
    token = start(client, NA_BANK)
    page = questionnaire(app, NA_BANK).pages[0]
    entry = page.entries[0]
    assert not entry.question.allow_na
    response = post_page(
        client, token, page.id, {f"{entry.field_name}-level": "na", f"{entry.field_name}-reason": "Not us"}
    )
    assert response.status_code == 400
    assert "cannot be marked not applicable" in response.text


def test_not_applicable_needs_a_reason(app: Flask, client: FlaskClient) -> None:
    token = start(client, NA_BANK)
    page = questionnaire(app, NA_BANK).page("A.7")
    assert page is not None
    entry, other = page.entries[0], page.entries[1]
    assert entry.question.allow_na
    data = {f"{entry.field_name}-level": "na", f"{other.field_name}-level": "4"}
    response = post_page(client, token, page.id, data)
    assert response.status_code == 400
    assert "Give the reason it does not apply" in response.text
    assert is_checked(response.text, other.field_name, "4")
    data[f"{entry.field_name}-reason"] = "Fully remote company: no offices of our own."
    assert post_page(client, token, page.id, data).status_code == 302
    reopened = client.get(f"/a/{token}/s/{page.id}").text
    assert "Fully remote company" in reopened and is_checked(reopened, entry.field_name, "na")


def test_missing_csrf_token_keeps_answers_on_the_page(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    entry = page.entries[0]
    fresh = app.test_client()  # a browser whose session expired: no session cookie, stale token
    response = fresh.post(
        f"/a/{token}/s/{page.id}",
        data={"csrf_token": "stale", f"{entry.field_name}-level": "3", f"{entry.field_name}-note": "Kept note"},
    )
    assert response.status_code == 400
    assert "Your browser session had expired" in response.text
    assert is_checked(response.text, entry.field_name, "3") and "Kept note" in response.text
    resubmit = fresh.post(
        f"/a/{token}/s/{page.id}",
        data={"csrf_token": csrf_from(response.text), f"{entry.field_name}-level": "3", "go": "overview"},
    )
    assert resubmit.status_code == 302


def test_csrf_is_enforced_on_start(client: FlaskClient) -> None:
    response = client.post("/start", data={"organisation": "Acme", "standards": BANK})
    assert response.status_code == 400
    assert "This form had expired" in response.text


def test_oversized_post_is_refused_with_413(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    response = client.post(f"/a/{token}/s/4", data={"x": "a" * (app.config["MAX_CONTENT_LENGTH"] + 1)})
    assert response.status_code == 413
    assert "far larger than any page" in response.text


def test_overlong_note_is_refused_at_its_question(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    page = questionnaire(app, BANK).pages[0]
    entry = page.entries[0]
    response = post_page(client, token, page.id, {f"{entry.field_name}-note": "n" * 2001})
    assert response.status_code == 400
    assert "Field cannot be longer than 2000 characters." in response.text


def test_start_form_errors_are_summarised_and_linked(client: FlaskClient) -> None:
    page = client.get("/start")
    response = client.post("/start", data={"csrf_token": csrf_from(page.text), "organisation": ""})
    html = response.text
    assert response.status_code == 400 and "<title>Error: Start an assessment" in html
    assert '<a href="#organisation">Organisation name: This field is required.</a>' in html
    assert '<a href="#standards-0">Standards: Choose at least one standard.</a>' in html
    field = (
        html.split('id="organisation"', 1)[0].rsplit("<input", 1)[1]
        + html.split('id="organisation"', 1)[1].split(">", 1)[0]
    )
    assert 'aria-invalid="true"' in field and 'aria-describedby="organisation-error"' in field
