"""Several respondents: the consensus rule until an answer is agreed, disagreements side by side, agreed answers."""

from __future__ import annotations

import re

from flask import Flask

from questionnaire.scoring import AnswerValue
from questionnaire.scoring.consensus import CONSENSUS_RULE, AnswerSets, disagreements, effective, is_disagreement, merge

from ..assess.test_walkthrough import questionnaire
from ..conftest import csrf_from
from ..helpers import form_data
from .helpers import add_assessment, add_client, consultant, issue, post

BANK = "iso14001-2015"
NA = AnswerValue(None, True, "not our scope")


def test_the_lowest_level_counts_until_agreed() -> None:
    assert merge([AnswerValue(4, note="minutes"), AnswerValue(1, note="nothing written")]) == AnswerValue(
        1, note="nothing written"
    )
    assert merge([AnswerValue(2), AnswerValue(None, note="a note only")]) == AnswerValue(2)
    assert merge([]) is None


def test_not_applicable_counts_only_when_everyone_says_so() -> None:
    assert merge([NA, AnswerValue(None, True, "other reason")]).not_applicable  # type: ignore[union-attr]
    assert merge([NA, AnswerValue(3)]) == AnswerValue(3)


def test_two_levels_apart_or_na_against_a_level_is_a_disagreement() -> None:
    assert is_disagreement([AnswerValue(1), AnswerValue(3)])
    assert not is_disagreement([AnswerValue(2), AnswerValue(3)])
    assert is_disagreement([NA, AnswerValue(3)])
    assert not is_disagreement([AnswerValue(0)])
    sets = AnswerSets(
        by_respondent={1: {"a": AnswerValue(4), "b": AnswerValue(2)}, 2: {"a": AnswerValue(0), "b": AnswerValue(3)}}
    )
    assert disagreements(sets, ["b", "a"]) == ["a"]


def test_agreed_beats_the_respondents_which_beat_last_time() -> None:
    sets = AnswerSets(
        by_respondent={1: {"a": AnswerValue(4), "b": AnswerValue(1), "c": AnswerValue(None, note="just a note")}},
        agreed={"a": AnswerValue(3, note="agreed in the meeting")},
        carried={"b": AnswerValue(2), "c": AnswerValue(2), "d": AnswerValue(3)},
    )
    assert effective(sets) == {
        "a": AnswerValue(3, note="agreed in the meeting"),
        "b": AnswerValue(1),
        "c": AnswerValue(2),  # a note alone does not undo last time's answer
        "d": AnswerValue(3),
    }


def score_of(html: str) -> str:
    match = re.search(r'class="score-value">([^<]+)<', html)
    assert match
    return match.group(1)


def test_disagreement_page_and_agreed_answers_drive_the_score(app: Flask) -> None:
    owner = consultant(app)
    assessment_id = add_assessment(owner, add_client(owner), BANK)
    quality, site = (
        issue(owner, assessment_id, "Quinn", "Quality manager"),
        issue(owner, assessment_id, "Sam <b>", "Site manager"),
    )
    page = questionnaire(app, BANK).pages[0]
    first, second = page.entries[0], page.entries[1]
    browser = app.test_client()
    for token, level, note in ((quality, "4", "Minutes of 3 March"), (site, "1", "=nothing <i>written</i>")):
        html = browser.get(f"/a/{token}/s/{page.id}").text
        data = form_data(page, lambda e, level=level: level if e is first else "3", html)
        data[f"{first.field_name}-note"] = note
        data[f"{second.field_name}-level"] = "2" if token == quality else "3"  # one level apart: no disagreement
        assert browser.post(f"/a/{token}/s/{page.id}", data=data).status_code == 302

    results = owner.get(f"/consult/assessments/{assessment_id}/results").text
    assert f"Several people answered this assessment. {CONSENSUS_RULE}" in results
    before = score_of(results)

    agree = owner.get(f"/consult/assessments/{assessment_id}/agree").text
    assert "the lowest level any respondent gave counts" in agree  # the rule, stated until agreed
    assert agree.count('class="disagreement panel') == 1 and first.text in agree and second.text not in agree
    assert "Minutes of 3 March" in agree and "=nothing &lt;i&gt;written&lt;/i&gt;" in agree  # notes, escaped
    assert "Sam &lt;b&gt;" in agree and "Site manager" in agree
    assert "Counts until agreed:</strong> <strong>1</strong>" in agree
    assert "<strong>1 left to settle</strong> of 1" in agree

    url = f"/consult/assessments/{assessment_id}/agree?section={page.id}"
    data = {
        "csrf_token": csrf_from(owner.get("/consult/signin").text),
        "section": page.id,
        f"level-{first.field_name}": "3",
        f"note-{first.field_name}": "Seen the minutes",
    }
    assert owner.post(url, data=data).status_code == 302
    agreed = owner.get(url).text
    assert "Agreed:</strong> <strong>3</strong>" in agreed and "<strong>0 left to settle</strong> of 1" in agreed
    assert 'class="disagreement panel' not in agreed  # settled: folded away under "Settled in this section"
    after = score_of(owner.get(f"/consult/assessments/{assessment_id}/results").text)
    assert int(after.rstrip("%")) > int(before.rstrip("%"))  # the score uses the agreed 3, not the merged 1
    respondent_view = score_of(browser.get(f"/a/{quality}/results").text)
    assert respondent_view == after  # one score for everyone who looks

    withdrawn = owner.post(url, data={**data, f"withdraw-{first.field_name}": "1"})
    assert withdrawn.status_code == 302
    assert score_of(owner.get(f"/consult/assessments/{assessment_id}/results").text) == before


def test_agreed_answers_are_checked(app: Flask) -> None:
    owner = consultant(app)
    assessment_id = add_assessment(owner, add_client(owner), BANK)
    page = questionnaire(app, BANK).pages[0]
    name = page.entries[0].field_name
    url = f"/consult/assessments/{assessment_id}/agree"
    na = post(owner, url, {"section": page.id, f"level-{name}": "na", f"reason-{name}": ""})
    assert na.status_code == 400 and "needs a question that allows it" in na.text
    assert post(owner, url, {"section": page.id, f"level-{name}": "7"}).status_code == 400
    bad_note = post(owner, url, {"section": page.id, f"level-{name}": "3", f"note-{name}": "a\x00b"})
    assert bad_note.status_code == 400 and "control character" in bad_note.text
    unknown = post(owner, url, {"section": "no-such-section", "level-iso9001_2015_4_1_a": "3"})
    assert unknown.status_code == 302  # nothing of this assessment was named: nothing recorded
    assert "Nothing to settle" in owner.get(url).text
