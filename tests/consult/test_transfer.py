"""Exports and imports: the JSON round trip is byte-identical, bad files are refused, the CSV is safe to open."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from questionnaire.domain.soa import _unsafe
from questionnaire.extensions import db
from questionnaire.models import Assessment

from ..assess.test_walkthrough import questionnaire
from ..conftest import csrf_from
from ..helpers import form_data
from .helpers import ID_IN, add_assessment, add_client, consultant, issue, post

BANK = "iso9001-2015"  # 4.1 allows "not applicable" in none; scope exclusions live in 4.3


def answered_assessment(app: Flask, owner: FlaskClient) -> tuple[int, int]:
    client_id = add_client(owner, "Acme =Precision")
    assessment_id = add_assessment(owner, client_id, BANK)
    page = questionnaire(app, BANK).pages[0]
    browser = app.test_client()
    for name, role, level in (("=Quinn", "@Quality", "4"), ("Sam", "+Site", "1")):
        token = issue(owner, assessment_id, name, role)
        html = browser.get(f"/a/{token}/s/{page.id}").text
        data = form_data(page, lambda e, level=level: "na" if e.question.allow_na else level, html)
        data[f"{page.entries[0].field_name}-note"] = f'=HYPERLINK("http://evil.example","{name}")\nline two, "quoted"'
        assert browser.post(f"/a/{token}/s/{page.id}", data=data).status_code == 302
    issue(owner, assessment_id, "Board", access="read")
    second = page.entries[1].field_name
    post(
        owner,
        f"/consult/assessments/{assessment_id}/agree",
        {"section": page.id, f"level-{second}": "2", f"note-{second}": "-agreed"},
    )
    post(owner, f"/consult/assessments/{assessment_id}/cycle", {"stage1": "2026-01-12", "certified": "2026-03-15"})
    return client_id, assessment_id


def upload(owner: FlaskClient, client_id: str, body: bytes):  # type: ignore[no-untyped-def]
    token = csrf_from(owner.get(f"/consult/clients/{client_id}/import").text)
    return owner.post(
        f"/consult/clients/{client_id}/import",
        data={"csrf_token": token, "file": (io.BytesIO(body), "export.json")},
        content_type="multipart/form-data",
    )


def test_json_export_import_export_gives_identical_bytes(app: Flask) -> None:
    owner = consultant(app)
    client_id, assessment_id = answered_assessment(app, owner)
    exported = owner.get(f"/consult/assessments/{assessment_id}/export.json")
    assert exported.mimetype == "application/json" and exported.headers["Cache-Control"] == "no-store"
    data = json.loads(exported.data)
    assert data["standards"] == [{"bank": BANK, "edition": "2015"}]
    assert [r["name"] for r in data["respondents"]] == ["=Quinn", "Sam"]  # read-only links hold no answers
    assert data["agreed"][questionnaire(app, BANK).pages[0].entries[1].key]["note"] == "-agreed"
    assert data["certification"] == {"stage1": "2026-01-12", "stage2": None, "certified": "2026-03-15"}
    assert "token" not in exported.text and "_hash" not in exported.text

    response = upload(owner, client_id, exported.data)
    assert response.status_code == 302
    imported = ID_IN.search(response.headers["Location"]).group(1)  # type: ignore[union-attr]
    assert imported != assessment_id
    again = owner.get(f"/consult/assessments/{imported}/export.json")
    assert again.data == exported.data
    original = owner.get(f"/consult/assessments/{assessment_id}/results").text.split('class="score-value">')[1][:6]
    copy = owner.get(f"/consult/assessments/{imported}/results").text.split('class="score-value">')[1][:6]
    assert original == copy
    assert "regenerate" in owner.get(f"/consult/assessments/{imported}").text.lower()


def first_key(data: dict[str, Any]) -> str:
    """The first question the first respondent answered: one that does not allow "not applicable"."""
    return next(iter(data["respondents"][0]["answers"]))


def change(data: dict[str, Any], path: list[Any], value: Any) -> bytes:
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: b"not json at all", "not a JSON file"),
        (lambda d: b"\xff\xfe\x00", "not a JSON file"),
        (lambda d: b"[1, 2]", "not a Preaudit assessment export"),
        (lambda d: change(d, ["format"], "someone-else"), "not a Preaudit assessment export"),
        (lambda d: change(d, ["version"], 2), "format version 2"),
        (lambda d: change(d, ["version"], 1.0), "format version 1.0; this site reads version 1"),
        (lambda d: change(d, ["version"], True), "format version true; this site reads version 1"),
        (lambda d: json.dumps(d)[:-1].encode() + b', "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nests more"),
        (lambda d: json.dumps(d)[:-1].encode() + b', "x": ' + b"9" * 5000 + b"}", "A number has 5000 digits"),
        (lambda d: change(d, ["respondents", 0, "name"], "bad\u0085name"), "(U+0085)"),
        (lambda d: change(d, ["respondents", 0, "role"], "two\nlines"), "Keep this on one line"),
        (lambda d: change(d, ["scope"], "x\ud800y"), "(U+D800)"),
        (lambda d: json.dumps(d).replace('"version": 1', '"version": 1, "version": 1').encode(), "appears twice"),
        (lambda d: change(d, ["standards", 0, "bank"], "iso99999-2030"), "not available on this site"),
        (lambda d: change(d, ["standards", 0, "edition"], "2008"), "edition 2008"),
        (
            lambda d: change(d, ["respondents", 0, "answers", "iso9001-2015/no-such-question"], {"level": 2}),
            "not part of these standards",
        ),
        (
            lambda d: change(d, ["respondents", 0, "answers", next(iter(d["respondents"][0]["answers"])), "level"], 7),
            "does not match",
        ),
        (
            lambda d: change(
                d, ["respondents", 0, "answers", next(iter(d["respondents"][0]["answers"])), "level"], "3"
            ),
            "does not match",
        ),
        (lambda d: change(d, ["respondents", 0, "name"], "bad\u0000name"), "does not match"),
        (lambda d: change(d, ["id"], 1), "does not match"),
        (
            lambda d: change(d, ["agreed", first_key(d)], {"level": None, "not_applicable": True, "reason": "x"}),
            "not applicable",
        ),
        (lambda d: change(d, ["agreed", first_key(d)], {"level": None}), "must have a level"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(app: Flask, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    owner = consultant(app)
    client_id, assessment_id = answered_assessment(app, owner)
    exported = owner.get(f"/consult/assessments/{assessment_id}/export.json").data
    with app.app_context():
        count = db.session.scalar(select(func.count(Assessment.id)))
    response = upload(owner, client_id, mutate(json.loads(exported)))
    assert response.status_code == 400 and message in response.text, response.text[-3000:]
    with app.app_context():
        assert db.session.scalar(select(func.count(Assessment.id))) == count
    assert owner.get(f"/consult/assessments/{assessment_id}/export.json").data == exported


def test_a_schema_error_names_its_line_and_wrong_types_are_refused(app: Flask) -> None:
    owner = consultant(app)
    client_id, assessment_id = answered_assessment(app, owner)
    exported = owner.get(f"/consult/assessments/{assessment_id}/export.json").text
    lines = exported.splitlines()
    where = next(number for number, line in enumerate(lines, 1) if '"level": 1' in line)
    for wrong in ("1.0", "true", '"1"'):
        changed = lines[where - 1].replace('"level": 1', f'"level": {wrong}')
        bad = "\n".join([*lines[: where - 1], changed, *lines[where:]])
        response = upload(owner, client_id, bad.encode())
        assert response.status_code == 400 and f"Line {where}: the file does not match" in response.text, wrong
        assert "Input should be a valid integer" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Assessment.id))) == 1


def test_a_file_with_a_byte_order_mark_imports(app: Flask) -> None:
    owner = consultant(app)
    client_id, assessment_id = answered_assessment(app, owner)
    exported = owner.get(f"/consult/assessments/{assessment_id}/export.json").data
    response = upload(owner, client_id, b"\xef\xbb\xbf" + exported)
    assert response.status_code == 302
    imported = ID_IN.search(response.headers["Location"]).group(1)  # type: ignore[union-attr]
    assert owner.get(f"/consult/assessments/{imported}/export.json").data == exported


def test_an_import_never_lands_in_another_consultants_client(app: Flask) -> None:
    owner = consultant(app)
    _, assessment_id = answered_assessment(app, owner)
    exported = owner.get(f"/consult/assessments/{assessment_id}/export.json").data
    other = consultant(app, "other@example.com")
    other_client = add_client(other, "Other Ltd")
    assert upload(other, other_client, exported).status_code == 302  # into their own client: fine
    response = post(
        other,
        "/consult/clients/1/import",
        {"file": (io.BytesIO(exported), "x.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 404


def test_csv_of_every_answer_reads_back_and_opens_safely(app: Flask) -> None:
    owner = consultant(app)
    _, assessment_id = answered_assessment(app, owner)
    response = owner.get(f"/consult/assessments/{assessment_id}/answers.csv")
    assert response.mimetype == "text/csv"
    text = response.data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    page = questionnaire(app, BANK).pages[0]
    first = [r for r in rows if r["question_key"] == page.entries[0].key]
    assert [(r["answered_by"], r["role"], r["level"]) for r in first] == [
        ("'=Quinn", "'@Quality", "4"),
        ("Sam", "'+Site", "1"),
    ]
    assert first[0]["note"].startswith("'=HYPERLINK")  # a spreadsheet shows it as text, never runs it
    assert _unsafe(first[0]["note"]) == '=HYPERLINK("http://evil.example","=Quinn")\nline two, "quoted"'
    agreed = [r for r in rows if r["answered_by"] == "Agreed"]
    assert [(r["question_key"], r["level"], r["note"]) for r in agreed] == [(page.entries[1].key, "2", "'-agreed")]
    for cell in (c for r in rows for c in r.values()):
        assert not cell.startswith(("=", "+", "-", "@")), cell
    answers_per_respondent = len([r for r in rows if r["answered_by"] == "Sam"])
    assert answers_per_respondent == len(page.entries)
