"""The pre-rendered question page is the same HTML as rendering every question through the macro."""

from __future__ import annotations

from flask import Flask, render_template

from questionnaire.assess.forms import EntryInput, na_label
from questionnaire.assess.render import questions_html

from .test_walkthrough import questionnaire


def test_skeleton_and_full_rendering_agree(app: Flask) -> None:
    page = questionnaire(app, "iso27001-2022").page("A.7")
    assert page is not None
    first, second, third = page.entries[:3]
    inputs = {
        first.field_name: EntryInput("na", 'Fully remote <b>"office"</b> & co', "é ✓"),
        second.field_name: EntryInput("3", "", "Line one\r\nline two"),
        third.field_name: EntryInput("", "", ""),
    }
    context = {"na_label": na_label(page), "several_standards": False}
    with app.test_request_context():
        fast = str(questions_html(("iso27001-2022",), page, inputs, **context))
        full_inputs = {entry.field_name: inputs.get(entry.field_name, EntryInput()) for entry in page.entries}
        full = render_template("assess/_questions.html", page=page, inputs=full_inputs, **context)
    assert fast.encode("ascii", "xmlcharrefreplace") == full.encode("ascii", "xmlcharrefreplace")
    assert "&lt;b&gt;&#34;office&#34;&lt;/b&gt; &amp; co" in fast and ' value="3" checked' in fast
