"""One input policy: the same characters and limits refused from a form, a CSV file and a JSON file."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from questionnaire.domain.inputs import InputRefused, read_csv, read_json, text_problem
from questionnaire.extensions import db
from questionnaire.models import Client

from ..consult.helpers import consultant, post


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x80", "\x85", "\x9f", "\ud800"])
def test_controls_and_surrogates_are_refused_everywhere(char: str) -> None:
    assert text_problem(f"a{char}b", multiline=True) is not None
    assert text_problem(f"a{char}b", multiline=False) is not None


def test_tab_and_line_breaks_only_in_multiline_text() -> None:
    for char in "\t\n\r":
        assert text_problem(f"a{char}b", multiline=True) is None
        assert "one line" in (text_problem(f"a{char}b", multiline=False) or "")
    assert text_problem("Société Générale — “quoted” ☃", multiline=False) is None
    assert "at most 5" in (text_problem("x" * 6, max_length=5) or "")


def test_a_consultant_form_refuses_c1_characters_and_writes_nothing(app: Flask) -> None:
    browser = consultant(app)
    response = post(browser, "/consult/clients/new", {"name": "Acme\u0085 Ltd"})
    assert response.status_code == 400 and "(U+0085)" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Client.id))) == 0


def test_csv_reading_is_strict_and_locates_problems() -> None:
    table = read_csv('a;b\n1;"two\nlines"\n3;4\n', {"a", "b"}, 10)
    assert table.delimiter == ";" and table.rows == [(2, ["1", "two\nlines"]), (4, ["3", "4"])]
    with pytest.raises(InputRefused, match=r"^Line 3: a cell opens a quote"):
        read_csv('a,b\n1,2\n3,"4\n5,6\n', {"a", "b"}, 10)
    with pytest.raises(InputRefused, match="missing: b"):
        read_csv("a,c\n", {"a", "b"}, 10)
    with pytest.raises(InputRefused, match="More than 2 rows"):
        read_csv("a,b\n1,2\n3,4\n5,6\n", {"a", "b"}, 2)


def test_json_reading_has_limits_and_knows_every_line() -> None:
    document = read_json(b'\xef\xbb\xbf{\n  "a": [\n    1,\n    {"b": true}\n  ]\n}')
    assert document.value == {"a": [1, {"b": True}]}
    assert document.line_of(("a", 1, "b")) == 4 and document.line_of(("a", 1, "missing")) == 4
    for raw, message in [
        (b"[" * 17 + b"]" * 17, "nests more than 16"),
        (b"[" + b"1" * 21 + b"]", "21 digits"),
        (b'{"a": 1, "a": 2}', "appears twice"),
        (b'{"a": 1} []', "follows the end"),
        (b'{"a": NaN}', "not JSON here"),
        (b"\xff", "not UTF-8"),
        (b"x" * 11, "at most 10 are read"),
    ]:
        with pytest.raises(InputRefused, match=message):
            read_json(raw, max_bytes=10 if message.startswith("at most") else 1000)
