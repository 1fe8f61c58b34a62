"""The Statement of Applicability: page, CSV download, and CSV upload that round-trips."""

from __future__ import annotations

import csv
import io

from flask import Flask
from flask.testing import FlaskClient

from questionnaire.domain.layout import Entry

from ..assess.test_walkthrough import questionnaire
from ..conftest import csrf_from
from ..helpers import answer_page, start

BANK = "iso27001-2022"


def choose(entry: Entry) -> str:
    """Exclude physical controls (a remote company), implement the others at varying levels."""
    if entry.key.startswith(f"{BANK}/A.7."):
        return "na"
    return str(len(entry.key) % 5)


def download(client: FlaskClient, token: str) -> str:
    response = client.get(f"/a/{token}/soa/{BANK}.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    return response.data.decode("utf-8-sig")


def upload(client: FlaskClient, token: str, text: str):  # type: ignore[no-untyped-def]
    page = client.get(f"/a/{token}/soa/{BANK}").text
    data = {"csrf_token": csrf_from(page), "file": (io.BytesIO(text.encode()), "soa.csv")}
    return client.post(f"/a/{token}/soa/{BANK}", data=data, content_type="multipart/form-data")


def test_csv_lists_all_93_controls(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    for page in questionnaire(app, BANK).pages:
        answer_page(client, token, page, choose)
    rows = list(csv.DictReader(io.StringIO(download(client, token))))
    assert len(rows) == 93
    excluded = [r for r in rows if r["included"] == "no"]
    assert len(excluded) == 14 and all(r["control"].startswith("A.7.") for r in excluded)
    assert all(r["justification"] for r in excluded) and all(r["status"] == "Excluded" for r in excluded)
    assert {r["included"] for r in rows if not r["control"].startswith("A.7.")} == {"yes"}


def test_csv_round_trips(app: Flask, client: FlaskClient) -> None:
    source = start(client, BANK, organisation="Source Ltd")
    for page in questionnaire(app, BANK).pages:
        answer_page(client, source, page, choose)
    exported = download(client, source)
    target = start(client, BANK, organisation="Target Ltd")
    response = upload(client, target, exported)
    assert response.status_code == 302
    assert download(client, target) == exported


def test_upload_with_errors_changes_nothing(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    text = "control,included,justification,level\nA.5.1,yes,,3\nA.7.1,no,,\nA.9.9,yes,,2\nA.5.2,yes,,7\n"
    response = upload(client, token, text)
    assert response.status_code == 400
    for message in (
        "Line 3: A.7.1 is excluded without a justification.",
        "Line 4: &#39;A.9.9&#39; is not a control of this standard.",
        "Line 5: A.5.2: level must be a whole number from 0 to 4, not &#39;7&#39;.",
    ):
        assert message in response.text
    rows = list(csv.DictReader(io.StringIO(download(client, token))))
    assert rows[0]["control"] == "A.5.1" and rows[0]["level"] == ""  # the valid line was not applied either


def test_formula_cells_are_neutralised_and_restored(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    response = upload(client, token, 'control,included,justification,level\nA.7.1,no,=HYPERLINK("x"),\n')
    assert response.status_code == 302
    exported = download(client, token)
    assert "'=HYPERLINK" in exported
    again = start(client, BANK)
    assert upload(client, again, exported).status_code == 302
    assert download(client, again) == exported


def test_soa_only_for_standards_with_controls(client: FlaskClient) -> None:
    token = start(client, "iso9001-2015")
    assert client.get(f"/a/{token}/soa/iso9001-2015.csv").status_code == 404
    assert client.get(f"/a/{token}/soa/{BANK}.csv").status_code == 404  # not a standard of this assessment
