"""The audit rehearsal report: what it says on the page and in the PDF made on the server."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from questionnaire.web import pdf

from ..assess.test_walkthrough import questionnaire
from ..conftest import csrf_from
from ..helpers import answer_page, form_data, start

BANK = "iso9001-2015"
NOTE = "Scope statement signed by the MD, on the intranet"


def half_answered(app: Flask, client: FlaskClient) -> str:
    """Section 4 at level 3 with a note on the first question, section 5 at level 0, the rest unanswered."""
    token = start(client, BANK)
    first, second = questionnaire(app, BANK).pages[:2]
    url = f"/a/{token}/s/{first.id}"
    data = form_data(first, lambda e: "3", client.get(url).text)
    data[f"{first.entries[0].field_name}-note"] = NOTE
    assert client.post(url, data={**data, "go": "next"}).status_code == 302
    answer_page(client, token, second, lambda e: "0")
    return token


def test_report_page_has_cover_verdict_checklist_interviews_cycle_and_appendix(app: Flask, client: FlaskClient) -> None:
    token = half_answered(app, client)
    html = client.get(f"/a/{token}/report").text
    total = sum(len(p.entries) for p in questionnaire(app, BANK).pages)
    answered = sum(len(p.entries) for p in questionnaire(app, BANK).pages[:2])
    assert "Acme Precision Ltd" in html and "ISO 9001:2015" in html
    assert date.today().strftime("%-d %B %Y") in html
    assert f"{answered} of {total}" in html and "partial report" in html
    assert "not an audit by a certification body" in html
    assert "Provisional verdict" in html and "Not ready for stage 1" in html
    assert "Stage 1 document checklist" in html and "Not assessed" in html
    assert "Stage 2 interview plan" in html and "Top management" in html and "The internal auditor" in html
    # 14 people: IAF MD 5 table QMS 1 gives 2.5 days for 11-15
    assert "<strong>2.5 audit days</strong>" in html and "IAF MD 5:2019" in html
    assert "within 12 and 24 months" in html
    assert NOTE in html and "Not answered" in html
    # handed to managers: no private link anywhere in the report body
    body = html.split('<article class="report">', 1)[1]
    assert token not in body


def test_report_pdf_names_the_organisation_the_verdict_and_the_date(app: Flask, client: FlaskClient) -> None:
    token = half_answered(app, client)
    response = client.get(f"/a/{token}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert re.search(
        r'filename="audit-rehearsal-acme-precision-ltd-\d{4}-\d{2}-\d{2}\.pdf"', response.headers["Content-Disposition"]
    )
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"\s+", " ", text)
    assert "Acme Precision Ltd" in text
    assert "Not ready for stage 1" in text
    assert date.today().strftime("%-d %B %Y") in text
    assert "Stage 2 interview plan" in text and NOTE in text
    assert len(reader.pages) >= 4


def test_pdf_without_a_browser_keeps_the_chart_data(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def no_browser(figures):  # type: ignore[no-untyped-def]
        raise RuntimeError("no Chromium here")

    monkeypatch.setattr(pdf, "_render", no_browser)
    monkeypatch.setattr(pdf, "_drawn", type(pdf._drawn)())
    token = half_answered(app, client)
    response = client.get(f"/a/{token}/report.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert response.status_code == 200
    assert "Readiness by section" in text and "4 Context of the organization" in text


def test_without_weasyprint_the_pdf_link_explains_and_the_page_still_works(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(html: str, stylesheet: object) -> bytes:
        raise pdf.PdfUnavailable("cannot load library 'pango'")

    monkeypatch.setattr(pdf, "to_pdf", missing)
    token = start(client, BANK)
    response = client.get(f"/a/{token}/report.pdf")
    assert response.status_code == 503 and "print it instead" in response.text
    assert client.get(f"/a/{token}/report").status_code == 200


def test_report_of_a_wrong_token_is_the_ordinary_404(client: FlaskClient) -> None:
    assert client.get("/a/" + "x" * 43 + "/report.pdf").status_code == 404
    assert client.get("/a/" + "x" * 43 + "/report").status_code == 404


def test_scope_from_the_start_form_is_on_the_cover(client: FlaskClient) -> None:
    page = client.get("/start")
    response = client.post(
        "/start",
        data={
            "csrf_token": csrf_from(page.text),
            "organisation": "Bolt & Nut GmbH",
            "scope": "Machining of fasteners at the Linz plant",
            "standards": [BANK],
        },
    )
    token = re.search(r"/a/([A-Za-z0-9_-]{43})", response.headers["Location"]).group(1)  # type: ignore[union-attr]
    html = client.get(f"/a/{token}/report").text
    assert "Machining of fasteners at the Linz plant" in html and "Bolt &amp; Nut GmbH" in html


def test_an_unchanged_report_is_not_laid_out_twice(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "_render", lambda figures: (_ for _ in ()).throw(RuntimeError("no browser")))
    token = start(client, BANK)
    first = client.get(f"/a/{token}/report.pdf").data

    def must_not_run(html: str, stylesheet: object) -> bytes:
        raise AssertionError("laid out again")

    monkeypatch.setattr(pdf, "to_pdf", must_not_run)
    assert client.get(f"/a/{token}/report.pdf").data == first
    answer_page(client, token, questionnaire(app, BANK).pages[0], lambda e: "2")  # new answers: a new report
    with pytest.raises(AssertionError, match="laid out again"):
        client.get(f"/a/{token}/report.pdf")
