"""One set of tags for a question, on the question page and on the learn pages alike."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from ..helpers import start

TAGS = re.compile(r'<p class="q-meta">(.*?)</p>', re.DOTALL)


def tags(html: str, question_text: str) -> list[str]:
    """The tag texts shown under the question whose text is given."""
    after = html.split(question_text, 1)[1]
    found = TAGS.search(after)
    assert found, question_text
    return [
        re.sub(r"\s+", " ", t).strip() for t in re.findall(r'<span class="tag[^"]*">([^<]*)</span>', found.group(1))
    ]


def test_annex_a_controls_are_statement_of_applicability_commitments_everywhere(client: FlaskClient, app) -> None:  # type: ignore[no-untyped-def]
    bank = app.extensions["banks"].banks["iso27001-2022"]
    control = next(s for s in bank.sections if s.kind == "controls").clauses[0]
    question = control.questions[0]
    token = start(client, "iso27001-2022")
    on_page = tags(client.get(f"/a/{token}/s/{control.id.rsplit('.', 1)[0]}").text, question.text)
    on_learn = tags(client.get(f"/learn/iso27001-2022/{control.id}").text, question.text)
    on_handout = tags(client.get("/learn/iso27001-2022/handout").text, question.text)
    assert "In your Statement of Applicability" in on_page and "Good practice" not in on_page
    assert on_page[: len(on_learn)] == on_learn == on_handout


def test_a_requirement_carries_the_same_tags_on_every_page(client: FlaskClient, app) -> None:  # type: ignore[no-untyped-def]
    question = app.extensions["banks"].banks["iso9001-2015"].sections[0].clauses[2].questions[0]  # 4.3-a, a gate
    token = start(client, "iso9001-2015")
    on_page = tags(client.get(f"/a/{token}/s/4").text, question.text)
    on_learn = tags(client.get("/learn/iso9001-2015/4.3").text, question.text)
    assert on_page[:3] == on_learn == ["Stage 1 gate", "Requirement", f"Document: {question.documented_info.name}"]
