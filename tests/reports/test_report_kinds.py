"""The report speaks for the kind of standard: a Statement of Applicability where there is Annex A, no
certification language for a guideline, the transition audit for a certified firm, the acquirer's assessment
for a sector scheme."""

from __future__ import annotations

import html as markup
import io
import re

from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from ..assess.test_transition import NEW, start_transition
from ..assess.test_walkthrough import questionnaire
from ..helpers import answer_page, start

REASON = "Outside our scope: we do not design products."  # what tests/helpers.py writes for "na"


def report_text(client: FlaskClient, token: str) -> str:
    """The report body as plain text, without the links and buttons around it."""
    page = client.get(f"/a/{token}/report").text
    body = page.split('<article class="report">', 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", markup.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_an_isms_report_carries_the_statement_of_applicability(app: Flask, client: FlaskClient) -> None:
    token = start(client, "iso27001-2022")

    def answer(entry):  # type: ignore[no-untyped-def]
        control = entry.key.split("/")[-1]
        return {"A.5.1-a": "0", "A.5.2-a": "1", "A.7.4-a": "na"}.get(control, "3")

    for page in questionnaire(app, "iso27001-2022").pages:
        assert answer_page(client, token, page, answer).status_code == 302
    text = report_text(client, token)
    assert "ISO/IEC 27001:2022: Statement of Applicability" in text
    assert "Control Included Justification Level" in text
    assert f"A.7.4 Physical security monitoring Excluded {REASON} excluded" in text
    assert "A.5.1 Policies for information security Included 0 not in place" in text
    assert "Statement of Applicability, Annex A" in text  # its score stands beside readiness
    assert "A.7.4" not in text.split("Stage 2 interview plan", 1)[1].split("The certification ahead", 1)[0]
    pdf = client.get(f"/a/{token}/report.pdf")
    reader = PdfReader(io.BytesIO(pdf.data))
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    soa = [number for number, page in enumerate(pages) if "27001:2022: Statement of Applicability" in page]
    assert soa and "JUSTIFICATION" in pages[soa[0]] and "A.5.1" in pages[soa[0]]


def test_a_guideline_gets_a_maturity_report_without_certification_language(app: Flask, client: FlaskClient) -> None:
    token = start(client, "iso31000-2018")
    for page in questionnaire(app, "iso31000-2018").pages:
        assert answer_page(client, token, page, lambda e: "2").status_code == 302
    text = report_text(client, token)
    assert "Maturity report" in text and "Improvement plan" in text and "Where to improve" in text
    banned = ("stage 1", "stage 2", "certif", "nonconformit", "likely major", "likely minor", "audit day", "stage gate")
    for word in banned:
        assert not re.search(rf"\b{word}", text, re.IGNORECASE), word
    # gaps against the same target as the plan: level 2 is two thirds of the way to level 3
    assert "67% of the way to level 3" in text


def test_a_transition_report_names_the_transition_audit(app: Flask, client: FlaskClient) -> None:
    response = start_transition(client, "")
    token = re.search(r"/a/([A-Za-z0-9_-]{43})", response.headers["Location"]).group(1)  # type: ignore[union-attr]
    registry = app.extensions["banks"]
    from questionnaire.domain.layout import build

    for page in build((registry.banks[NEW],), registry.harmonized, "transition").pages:
        assert answer_page(client, token, page, lambda e: "3").status_code == 302
    text = report_text(client, token)
    assert "Ready for the transition audit" in text and "The transition audit" in text
    assert "surveillance or recertification audit" in text
    assert "for stage 1" not in text and "The three-year cycle" not in text and "IAF MD 5" not in text
    assert "Interview plan for the transition audit" in text


def test_a_sector_scheme_report_says_who_assesses_it(app: Flask, client: FlaskClient) -> None:
    token = start(client, "aqap2110-d")
    for page in questionnaire(app, "aqap2110-d").pages:
        assert answer_page(client, token, page, lambda e: "3").status_code == 302
    text = report_text(client, token)
    assert "Ready for the acquirer's assessment" in text and "Who assesses it:" in text
    assert "Government Quality Assurance" in text and "contract by contract" in text
    ahead = text.split("The assessment ahead", 1)[1].split("Appendix: every answer", 1)[0]
    assert "IAF MD 5" not in ahead and "audit days" not in ahead.split("quotes its own")[0], ahead
    assert "The three-year cycle" not in text
    assert "The assessment ahead" in text and "Stage 2 interview plan" not in text


def test_exclusions_stay_out_of_the_interview_plan_and_checklist(app: Flask, client: FlaskClient) -> None:
    token = start(client, "iso9001-2015")
    for page in questionnaire(app, "iso9001-2015").pages:
        answer_page(client, token, page, lambda e: "na" if e.key.split("/")[-1].startswith("8.3.") else "3")
    text = report_text(client, token)
    plan = text.split("Stage 2 interview plan", 1)[1].split("The certification ahead", 1)[0]
    checklist = text.split("Stage 1 document checklist", 1)[1].split("Stage 2 interview plan", 1)[0]
    assert "8.3" not in plan and "8.3." not in checklist
    results = client.get(f"/a/{token}/results").text
    assert f"excluded ({REASON})" in results and "8.3.1 General</th><td>not assessed" not in results
