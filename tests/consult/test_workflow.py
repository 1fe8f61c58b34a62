"""The consultant's workflow: revoke and regenerate ask first; a named person's page speaks to them; adopting a
firm whose name is already a client asks first; stage dates in order; assessments named, imported and adopted
ones labelled and out of the trend chart unless chosen."""

from __future__ import annotations

import io

from flask import Flask

from ..assess.test_walkthrough import questionnaire
from ..helpers import answer_page, start
from .helpers import ID_IN, add_assessment, add_client, consultant, issue, link_ids, post

BANK = "iso14001-2015"


def test_revoke_and_regenerate_ask_first_on_a_page_of_their_own(app: Flask) -> None:
    owner = consultant(app)
    assessment_id = add_assessment(owner, add_client(owner), BANK)
    token = issue(owner, assessment_id, "Quinn")
    link_id = link_ids(app, assessment_id)[0]
    table = owner.get(f"/consult/assessments/{assessment_id}").text
    assert f'href="/consult/assessments/{assessment_id}/links/{link_id}/revoke">Revoke…' in table
    assert f'href="/consult/assessments/{assessment_id}/links/{link_id}/regenerate">Regenerate…' in table
    revoke_url = f"/consult/assessments/{assessment_id}/links/{link_id}/revoke"
    ask = owner.get(revoke_url)
    assert ask.status_code == 200 and "Revoke the link of Quinn?" in ask.text and "Keep it" in ask.text
    assert owner.get(f"/consult/assessments/{assessment_id}/links/{link_id}/regenerate").status_code == 200
    respondent = app.test_client()
    assert respondent.get(f"/a/{token}").status_code == 200  # looking at either question changed nothing
    assert post(owner, revoke_url).status_code == 302
    assert respondent.get(f"/a/{token}").status_code == 404


def test_a_named_persons_page_does_not_ask_them_to_pass_the_link_on(app: Flask) -> None:
    owner = consultant(app)
    token = issue(owner, add_assessment(owner, add_client(owner), BANK), "Quinn")
    named = app.test_client().get(f"/a/{token}").text
    assert "send it to a colleague" not in named and "cannot recover" not in named
    assert "This link is yours alone" in named and "Ann Auditor\n    can send you a new one" in named
    firm = app.test_client()
    own = firm.get(f"/a/{start(firm, BANK)}").text
    assert "send it to a colleague" in own  # a firm on its own: its link is the only way in, for anyone it trusts


def test_adopting_a_firm_named_like_a_client_asks_first(app: Flask) -> None:
    owner = consultant(app)
    existing = add_client(owner, "Greenfield Foods")
    firm = app.test_client()
    token = start(firm, BANK, organisation="greenfield  FOODS")
    asked = post(owner, "/consult/adopt", {"link": token, "client": "new"})
    assert asked.status_code == 400 and "You already have a client called Greenfield Foods" in asked.text
    assert "Greenfield Foods" in owner.get(f"/consult/clients/{existing}").text
    adopted = post(owner, "/consult/adopt", {"link": token, "client": "new", "same_name": "y"})
    assert adopted.status_code == 302
    assessment_id = ID_IN.search(adopted.headers["Location"]).group(1)  # type: ignore[union-attr]
    page = owner.get(f"/consult/assessments/{assessment_id}").text
    assert "Adopted: the firm’s own" in page and "Not in the trend chart" in page


def test_stage_dates_come_in_order(app: Flask) -> None:
    owner = consultant(app)
    url = f"/consult/assessments/{add_assessment(owner, add_client(owner), BANK)}/cycle"
    early = post(owner, url, {"stage1": "2027-05-10", "stage2": "2027-04-01"})
    assert early.status_code == 400 and "Stage 2 comes after stage 1" in early.text
    certified = post(owner, url, {"stage1": "2027-04-01", "stage2": "2027-05-10", "certified": "2027-05-01"})
    assert certified.status_code == 400 and "issued after the audits" in certified.text
    assert (
        post(owner, url, {"stage1": "2027-04-01", "stage2": "2027-05-10", "certified": "2027-06-20"}).status_code == 302
    )


def test_a_link_cannot_be_issued_already_expired(app: Flask) -> None:
    owner = consultant(app)
    assessment_id = add_assessment(owner, add_client(owner), BANK)
    refused = post(owner, f"/consult/assessments/{assessment_id}/links", {"name": "Late", "expires_on": "2020-01-01"})
    assert "today or a later day" in owner.get(refused.headers["Location"]).text
    assert link_ids(app, assessment_id) == []


def test_assessments_are_named_and_imported_copies_stay_out_of_the_trend(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner)
    first = add_assessment(owner, client_id, BANK)
    answer_page(app.test_client(), issue(owner, first, "Quinn"), questionnaire(app, BANK).pages[0], lambda e: "2")
    plan = {"plan-name": "Gap analysis", "plan-in_trends": "y"}
    assert post(owner, f"/consult/assessments/{first}/plan", plan).status_code == 302
    past = post(owner, f"/consult/assessments/{first}/plan", {"plan-name": "Gap analysis", "plan-due_on": "2020-01-01"})
    assert "reminders go out before the due date" in owner.get(past.headers["Location"]).text
    exported = owner.get(f"/consult/assessments/{first}/export.json").data
    imported = post(owner, f"/consult/clients/{client_id}/import", {"file": (io.BytesIO(exported), "a.json")},
                    content_type="multipart/form-data")  # fmt: skip
    copy = ID_IN.search(imported.headers["Location"]).group(1)  # type: ignore[union-attr]
    client_page = owner.get(f"/consult/clients/{client_id}").text
    assert "Gap analysis: ISO 14001:2015" in client_page and "Imported copy" in client_page
    assert "(no. 1)" in client_page and "(no. 2)" not in client_page  # the trend's points: the copy is no. 2
    post(owner, f"/consult/assessments/{copy}/plan", {"plan-name": "Copy", "plan-in_trends": "y"})
    assert "(no. 2)" in owner.get(f"/consult/clients/{client_id}").text
