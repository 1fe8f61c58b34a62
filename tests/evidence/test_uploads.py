"""Uploading, downloading and deleting evidence through a link: limits and refusals say why and store nothing;
nothing uploaded is ever served for the browser to render; deleting an assessment deletes its files."""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ..conftest import csrf_from
from ..consult.helpers import add_assessment, add_client, consultant, issue, post
from ..helpers import start
from .helpers import FILE_LINK, HTML, POLICY_KEY, SVG, docx, pdf, png, rows, stored_files, upload


@pytest.fixture
def token(client: FlaskClient) -> str:
    return start(client, "iso9001-2015")


def page(token: str) -> str:
    return f"/a/{token}/evidence"


def test_a_pdf_is_stored_by_its_hash_and_listed_under_its_document(app: Flask, client: FlaskClient, token: str) -> None:
    body = pdf()
    response = upload(client, page(token), body, "Quality policy 2026.pdf")
    assert response.status_code == 302
    listed = client.get(page(token)).text
    assert "Quality policy 2026.pdf" in listed and "Present (1 file)" in listed
    [row] = rows(app)
    assert (row.question_key, row.content_type, row.size) == (POLICY_KEY, "application/pdf", len(body))
    assert stored_files(app) == [row.sha256]
    assert row.uploaded_by == "The firm (its own link)"


@pytest.mark.parametrize(
    ("body", "name", "says"),
    [
        (HTML, "policy.pdf", "a web page (HTML)"),  # a web page renamed to look like a PDF
        (HTML, "policy.html", "a web page (HTML)"),
        (SVG, "diagram.png", "an SVG image"),
        (
            b"Our policy, reviewed yearly.\n" * 40 + b"<svg onload=alert(1)>\n",
            "policy.txt",
            "web-page markup",
        ),  # text/csv
        (b"MZ\x90\x00" + b"\x00" * 200, "policy.pdf", "of a kind we do not keep"),
        (b"", "empty.pdf", "The file is empty"),
    ],
    ids=["html-renamed-pdf", "html", "svg-renamed-png", "csv-with-svg", "executable", "empty"],
)
def test_refused_types_say_why_and_store_nothing(
    app: Flask, client: FlaskClient, token: str, body: bytes, name: str, says: str
) -> None:
    response = upload(client, page(token), body, name)
    assert response.status_code == 400
    assert says in response.text and "nothing was stored" in response.text.lower()
    assert rows(app) == [] and stored_files(app) == []


def test_a_file_over_the_size_limit_is_refused_with_the_limit_named(
    app: Flask, client: FlaskClient, token: str
) -> None:
    app.config["EVIDENCE_MAX_FILE_BYTES"] = 2000
    try:
        response = upload(client, page(token), pdf("x" * 3000), "big.pdf")  # within the request's slack: a form error
        assert response.status_code == 400 and "a file may be at most 2 KB" in response.text
        huge = upload(client, page(token), pdf("x" * 200_000), "huge.pdf")  # past it: the body is refused unread
        assert huge.status_code == 413 and "larger than the 2 KB a file may be" in huge.text
        assert "Nothing was stored" in huge.text
    finally:
        app.config["EVIDENCE_MAX_FILE_BYTES"] = 20 * 1024 * 1024
    assert rows(app) == [] and stored_files(app) == []


def test_the_assessment_limit_counts_each_file_once(app: Flask, client: FlaskClient, token: str) -> None:
    first, second = pdf("first"), pdf("second")
    app.config["EVIDENCE_MAX_ASSESSMENT_BYTES"] = len(first) + len(second) - 1
    try:
        assert upload(client, page(token), first, "a.pdf").status_code == 302
        # the same bytes for another question take no more room
        assert upload(client, page(token), first, "a.pdf", target="hs-9.2-internal-audit").status_code == 302
        refused = upload(client, page(token), second, "b.pdf")
        assert refused.status_code == 400 and "would go over" in refused.text
    finally:
        app.config["EVIDENCE_MAX_ASSESSMENT_BYTES"] = 500 * 1024 * 1024
    assert len(rows(app)) == 2 and len(stored_files(app)) == 1


def test_the_same_file_twice_in_one_place_is_refused(app: Flask, client: FlaskClient, token: str) -> None:
    assert upload(client, page(token), pdf(), "policy.pdf").status_code == 302
    again = upload(client, page(token), pdf(), "policy (copy).pdf")
    assert again.status_code == 400 and "already attached here" in again.text
    assert len(rows(app)) == 1


@pytest.mark.parametrize(
    ("name", "stored_as"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("..%2F..%2Fsecret.pdf", "2F.._2Fsecret.pdf"),  # percent-encoded slashes stay text, never a path
        ("/abs/path/policy.pdf", "policy.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("policy\x00.exe", "policy.exe.pdf"),
        ("policy.html", "policy.html.pdf"),
    ],
)
def test_names_lose_every_path_and_keep_an_extension_true_to_the_content(
    app: Flask, client: FlaskClient, token: str, name: str, stored_as: str
) -> None:
    assert upload(client, page(token), pdf(), name).status_code == 302
    [row] = rows(app)
    assert row.name == stored_as
    download = client.get(f"{page(token)}/{row.public_id}")
    assert download.headers["Content-Disposition"] == f"attachment; filename={stored_as}"
    download.close()


@pytest.mark.parametrize(
    ("body", "name", "mimetype"),
    [
        (pdf(), "policy.pdf", "application/pdf"),
        (docx(), "procedure.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (png(), "notice board.png", "image/png"),
        (b"Calibration log\n2026-01-05 caliper 12 ok\n", "log.txt", "text/plain"),
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n", "polyglot.pdf", "application/pdf"),
    ],
    ids=["pdf", "docx", "png", "text", "pdf-html-polyglot"],
)
def test_downloads_are_attachments_never_sniffed_never_rendered(
    app: Flask, client: FlaskClient, token: str, body: bytes, name: str, mimetype: str
) -> None:
    assert upload(client, page(token), body, name).status_code == 302
    [row] = rows(app)
    response = client.get(f"{page(token)}/{row.public_id}")
    assert response.status_code == 200 and response.data == body
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    response.close()


def test_an_upload_needs_the_csrf_token(app: Flask, client: FlaskClient, token: str) -> None:
    data = {"target": POLICY_KEY, "file": (io.BytesIO(pdf()), "policy.pdf")}
    response = client.post(page(token), data=data, content_type="multipart/form-data")
    assert response.status_code == 400 and rows(app) == []


def test_an_unknown_target_is_refused(app: Flask, client: FlaskClient, token: str) -> None:
    response = upload(client, page(token), pdf(), "policy.pdf", target="iso27001-2022/A.5.1")
    assert response.status_code == 400 and rows(app) == []


def test_a_link_deletes_only_its_own_files_and_the_bytes_go_with_the_last_row(app: Flask) -> None:
    owner = consultant(app)
    assessment = add_assessment(owner, add_client(owner), "iso9001-2015")
    quinn, sam = issue(owner, assessment, "Quinn"), issue(owner, assessment, "Sam")
    mine, theirs = app.test_client(), app.test_client()
    assert upload(mine, page(quinn), pdf(), "policy.pdf").status_code == 302
    [row] = rows(app)
    html = theirs.get(page(sam)).text
    assert "policy.pdf" in html and f"/evidence/{row.public_id}/delete" not in html  # no button for another's file
    refused = theirs.post(f"{page(sam)}/{row.public_id}/delete", data={"csrf_token": csrf_from(html)})
    assert refused.status_code == 404 and len(rows(app)) == 1
    html = mine.get(page(quinn)).text
    deleted = mine.post(f"{page(quinn)}/{row.public_id}/delete", data={"csrf_token": csrf_from(html)})
    assert deleted.status_code == 302 and rows(app) == [] and stored_files(app) == []


def test_deleting_an_assessment_deletes_its_files_but_not_bytes_another_still_holds(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    first, second = add_assessment(owner, client_id, "iso9001-2015"), add_assessment(owner, client_id, "iso9001-2015")
    shared, own = pdf("shared"), pdf("only in the first")
    for assessment, body, name in ((first, shared, "a.pdf"), (first, own, "b.pdf"), (second, shared, "c.pdf")):
        url = f"/consult/assessments/{assessment}/evidence"
        assert upload(owner, url, body, name, target="hs-9.2-internal-audit").status_code == 302
    assert len(stored_files(app)) == 2
    assert post(owner, f"/consult/assessments/{first}/delete").status_code == 302
    assert [row.name for row in rows(app)] == ["c.pdf"]
    [kept] = rows(app)
    assert stored_files(app) == [kept.sha256]
    assert post(owner, f"/consult/clients/{client_id}/delete").status_code == 302
    assert rows(app) == [] and stored_files(app) == []


def test_a_document_is_marked_present_without_a_file_and_unmarked(app: Flask, client: FlaskClient, token: str) -> None:
    html = client.get(page(token)).text
    data = {"csrf_token": csrf_from(html), "key": POLICY_KEY, "held": "1"}
    assert client.post(f"{page(token)}/held", data=data).status_code == 302
    assert "Marked present, no file" in client.get(page(token)).text
    assert client.post(f"{page(token)}/held", data={**data, "held": "0"}).status_code == 302
    html = client.get(page(token)).text
    assert (
        "Marked present, no file"
        not in html.split('id="pack"')[1].split("</section>")[0].replace("0 marked present", "")
        or "0 marked present without a file" in html
    )
    unknown = client.post(f"{page(token)}/held", data={**data, "key": "hs-4.1-context"})  # not a document
    assert unknown.status_code == 400


def test_file_links_on_the_page_lead_to_downloads(app: Flask, client: FlaskClient, token: str) -> None:
    assert upload(client, page(token), png(), "board.png", target="hs-4.1-context").status_code == 302
    html = client.get(page(token)).text
    [(url, public_id)] = FILE_LINK.findall(html)
    assert re.search(r"Evidence for other questions", html) and public_id == rows(app)[0].public_id
    response = client.get(url)
    assert response.status_code == 200 and response.data == png()
    response.close()
