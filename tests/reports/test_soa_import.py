"""Statement of Applicability upload is strict: encoding, sizes, limits, duplicates, and nothing lost on re-import."""

from __future__ import annotations

import csv
import io

from flask import Flask
from flask.testing import FlaskClient

from ..assess.test_walkthrough import questionnaire
from ..conftest import csrf_from
from ..helpers import form_data, is_checked, start
from .test_soa import BANK, download

HEADER = "control,included,justification,level\n"


def upload_bytes(client: FlaskClient, token: str, data: bytes):  # type: ignore[no-untyped-def]
    page = client.get(f"/a/{token}/soa/{BANK}").text
    form = {"csrf_token": csrf_from(page), "file": (io.BytesIO(data), "soa.csv")}
    return client.post(f"/a/{token}/soa/{BANK}", data=form, content_type="multipart/form-data")


def first_row(client: FlaskClient, token: str) -> dict[str, str]:
    return next(csv.DictReader(io.StringIO(download(client, token))))


def test_a_cell_over_the_csv_field_limit_is_reported_by_line(client: FlaskClient) -> None:
    token = start(client, BANK)
    response = upload_bytes(client, token, (HEADER + "A.5.1,yes,,3\nA.5.2,yes," + "x" * 140_000 + ",2\n").encode())
    assert response.status_code == 400
    assert "Line 3: a cell is longer than 131,072 characters" in response.text
    assert first_row(client, token)["level"] == ""


def test_a_latin_1_file_is_refused_with_the_encoding_to_use(client: FlaskClient) -> None:
    token = start(client, BANK)
    response = upload_bytes(client, token, (HEADER + "A.5.1,no,Géré par la société mère,\n").encode("latin-1"))
    assert response.status_code == 400
    assert "The file is not UTF-8" in response.text and "CSV UTF-8" in response.text
    assert first_row(client, token)["included"] == ""
    with_bom = ("\ufeff" + HEADER + "A.5.1,no,Géré par la société mère,\n").encode()
    assert upload_bytes(client, token, with_bom).status_code == 302
    assert first_row(client, token)["justification"] == "Géré par la société mère"


def test_the_page_forms_limits_apply_to_every_field(client: FlaskClient) -> None:
    token = start(client, BANK)
    response = upload_bytes(client, token, (HEADER + "A.5.1,no," + "r" * 600 + ",\n").encode())
    assert response.status_code == 400
    assert (
        "Line 2: A.5.1: the justification of an exclusion is 600 characters; at most 500 are allowed." in response.text
    )
    response = upload_bytes(client, token, (HEADER + "A.5.1,yes," + "n" * 2001 + ",2\n").encode())
    assert "at most 2000 are allowed" in response.text


def test_a_duplicated_control_is_refused(client: FlaskClient) -> None:
    token = start(client, BANK)
    response = upload_bytes(client, token, (HEADER + "A.5.1,yes,,3\nA.5.2,yes,,1\nA.5.1,yes,,0\n").encode())
    assert response.status_code == 400
    assert "Line 4: A.5.1 appears twice (also on line 2)" in response.text
    assert first_row(client, token)["level"] == ""


def test_control_characters_are_refused_by_line(client: FlaskClient) -> None:
    token = start(client, BANK)
    response = upload_bytes(client, token, (HEADER + "A.5.1,no,Out of\x00 scope,\n").encode())
    assert response.status_code == 400
    assert "Line 2: column justification: contains an invisible control character (U+0000)" in response.text


def test_reimporting_an_unchanged_export_loses_nothing(app: Flask, client: FlaskClient) -> None:
    token = start(client, BANK)
    page = questionnaire(app, BANK).page("A.7")
    assert page is not None
    entry = page.entries[0]
    html = client.get(f"/a/{token}/s/A.7").text
    data = form_data(page, lambda e: "na" if e is entry else "2", html)
    data[f"{entry.field_name}-note"] = "Revisit if we rent an office"
    assert client.post(f"/a/{token}/s/A.7", data=data).status_code == 302
    exported = download(client, token)
    assert upload_bytes(client, token, exported.encode()).status_code == 302
    assert download(client, token) == exported
    reopened = client.get(f"/a/{token}/s/A.7").text
    assert is_checked(reopened, entry.field_name, "na") and "Revisit if we rent an office" in reopened


def test_an_unterminated_quote_is_refused_on_its_line_and_clears_nothing(client: FlaskClient) -> None:
    token = start(client, BANK)
    assert upload_bytes(client, token, (HEADER + "A.5.1,yes,In place,3\n").encode()).status_code == 302
    broken = HEADER + 'A.5.1,yes,"Done by IT,3\nA.5.2,yes,,2\n'  # the quote swallows the rest of the file
    response = upload_bytes(client, token, broken.encode())
    assert response.status_code == 400
    assert "Line 2: a cell opens a quote (&#34;) here that is never closed" in response.text
    row = first_row(client, token)
    assert (row["level"], row["justification"]) == ("3", "In place")


def test_a_quote_followed_by_more_text_is_refused(client: FlaskClient) -> None:
    token = start(client, BANK)
    response = upload_bytes(client, token, (HEADER + 'A.5.1,yes,"Done" by IT,3\n').encode())
    assert response.status_code == 400 and "Line 2: a quoted cell goes on after its closing quote" in response.text


def test_a_semicolon_csv_from_a_european_excel_is_read(client: FlaskClient) -> None:
    token = start(client, BANK)
    text = "\ufeffcontrol;included;justification;level\r\nA.5.1;no;Pas de sous-traitance, donc hors périmètre;\r\n"
    assert upload_bytes(client, token, text.encode()).status_code == 302
    row = first_row(client, token)
    assert (row["included"], row["justification"]) == ("no", "Pas de sous-traitance, donc hors périmètre")


def test_c1_control_characters_are_refused_as_on_the_question_page(client: FlaskClient) -> None:
    token = start(client, BANK)
    response = upload_bytes(client, token, (HEADER + "A.5.1,no,Out of\u0085 scope,\n").encode())
    assert response.status_code == 400
    assert "Line 2: column justification: contains an invisible control character (U+0085)" in response.text
    assert first_row(client, token)["included"] == ""
