"""The access-control matrix: every route of the assess, reports and consult blueprints, tried by everyone.

Who tries: the owning consultant, another consultant, a respondent of another assessment, the holder of a
read-only link, and someone anonymous. Object routes (a client, an assessment, a link in the URL) must work
for the owner only; everyone else gets a 404 byte-for-byte identical to that browser's 404 for a page that
does not exist. Token routes open only with a working token of the right kind. A test at the end checks
that no route of these blueprints is missing from the tables.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from questionnaire.extensions import db
from questionnaire.models import Assessment, Evidence, FindingAction

from ..assess.test_walkthrough import questionnaire
from ..evidence.helpers import pdf, upload
from ..helpers import answer_page
from .helpers import add_assessment, add_client, age_link, consultant, csrf, issue, link_ids, post

BANK = "iso27001-2022"  # has an Annex A, so the Statement of Applicability routes exist
DOCUMENT = "hs-4.3-scope"  # a mandatory document of every management-system standard


@dataclass
class World:
    app: Flask
    browsers: dict[str, FlaskClient] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)

    def url(self, rule: str, **override: Any) -> str:
        values = {**self.values, **override}
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), rule)


def build_world(app: Flask) -> World:
    world = World(app)
    owner = consultant(app, "owner@example.com", "Owner")
    other = consultant(app, "other@example.com", "Other")
    client_id = add_client(owner, "Owner Client Ltd")
    assessment_id = add_assessment(owner, client_id, BANK)
    answer = issue(owner, assessment_id, "Quinn", "Quality manager")
    read = issue(owner, assessment_id, "Board", access="read")
    revoked = issue(owner, assessment_id, "Gone")
    expired = issue(owner, assessment_id, "Late")
    ids = link_ids(app, assessment_id)
    age_link(app, ids[3], datetime.now(UTC).date() - timedelta(days=1))
    post(owner, f"/consult/assessments/{assessment_id}/links/{ids[2]}/revoke")
    elsewhere_client = add_client(other, "Elsewhere Ltd")
    elsewhere = add_assessment(other, elsewhere_client, BANK)
    elsewhere_token = issue(other, elsewhere, "Someone else")
    respondent_elsewhere, read_only, anonymous = app.test_client(), app.test_client(), app.test_client()
    first_page = questionnaire(app, BANK).pages[0]
    answer_page(respondent_elsewhere, elsewhere_token, first_page, lambda e: "2")
    answer_page(respondent_elsewhere, answer, first_page, lambda e: "3")  # so the assessment has answers
    read_only.get(f"/a/{read}/results")
    assert upload(app.test_client(), f"/a/{answer}/evidence", pdf(), "policy.pdf", DOCUMENT).status_code == 302
    with app.app_context():
        file_id = db.session.scalar(db.select(Evidence.public_id))
        internal = db.session.scalar(db.select(Assessment.id).where(Assessment.public_id == assessment_id))
        action = FindingAction(assessment_id=internal, bank_id=BANK, clause_id="4.1", title="4.1", note="")
        db.session.add(action)
        db.session.commit()
        action_id = action.public_id
    for browser in (owner, other, respondent_elsewhere, read_only):
        browser.get("/")  # show any pending flash message, so error pages are compared like for like
    world.browsers = {
        "owner": owner,
        "another consultant": other,
        "respondent of another assessment": respondent_elsewhere,
        "read-only link": read_only,
        "anonymous": anonymous,
    }
    world.values = {
        "client_id": client_id,
        "assessment_id": assessment_id,
        "link_id": ids[0],
        "token": answer,
        "page_id": first_page.id,
        "bank_id": BANK,
        "other_link_id": link_ids(app, elsewhere)[0],
        "file_id": file_id,
        "action_id": action_id,
        "tokens": {
            "answer": answer,
            "read": read,
            "revoked": revoked,
            "expired": expired,
            "elsewhere": elsewhere_token,
        },
    }
    return world


Data = Callable[[World], dict[str, Any]]


def nothing(_world: World) -> dict[str, Any]:
    return {}


def export_file(world: World) -> dict[str, Any]:
    owner = world.browsers["owner"]
    body = owner.get(world.url("/consult/assessments/<assessment_id>/export.json")).data
    return {"file": (io.BytesIO(body), "assessment.json")}


def first_key(world: World) -> dict[str, Any]:
    page = questionnaire(world.app, BANK).pages[0]
    return {"section": page.id, f"level-{page.entries[0].field_name}": "3"}


def a_file(world: World) -> dict[str, Any]:
    return {"target": DOCUMENT, "file": (io.BytesIO(pdf("another version")), "scope.pdf")}


def closure_file(world: World) -> dict[str, Any]:
    return {"file": (io.BytesIO(pdf("minutes")), "minutes.pdf")}


EVIDENCE = "/consult/assessments/<assessment_id>/evidence"
ACTIONS = "/consult/assessments/<assessment_id>/actions"
# (method, rule, post data, the owner's expected status codes)
OBJECT_ROUTES: list[tuple[str, str, Data, tuple[int, ...]]] = [
    ("GET", "/consult/clients/<client_id>", nothing, (200,)),
    ("GET", "/consult/clients/<client_id>/edit", nothing, (200,)),
    ("POST", "/consult/clients/<client_id>/edit", lambda w: {"name": "Renamed Ltd"}, (302,)),
    ("GET", "/consult/clients/<client_id>/delete", nothing, (200,)),
    ("POST", "/consult/clients/<client_id>/delete", nothing, (302,)),
    ("GET", "/consult/clients/<client_id>/assessments/new", nothing, (200,)),
    ("POST", "/consult/clients/<client_id>/assessments/new", lambda w: {"standards": BANK}, (302,)),
    ("GET", "/consult/clients/<client_id>/import", nothing, (200,)),
    ("POST", "/consult/clients/<client_id>/import", export_file, (302,)),
    ("GET", "/consult/assessments/<assessment_id>", nothing, (200,)),
    ("GET", "/consult/assessments/<assessment_id>/results", nothing, (200,)),
    ("GET", "/consult/assessments/<assessment_id>/report", nothing, (200,)),
    ("GET", "/consult/assessments/<assessment_id>/report.pdf", nothing, (200, 503)),
    ("GET", "/consult/assessments/<assessment_id>/agree", nothing, (200,)),
    ("POST", "/consult/assessments/<assessment_id>/agree", first_key, (302,)),
    ("POST", "/consult/assessments/<assessment_id>/reassess", nothing, (302,)),
    ("GET", "/consult/assessments/<assessment_id>/cycle", nothing, (200,)),
    ("POST", "/consult/assessments/<assessment_id>/cycle", lambda w: {"certified": "2026-03-15"}, (302,)),
    ("GET", "/consult/assessments/<assessment_id>/cycle.ics", nothing, (200,)),
    ("GET", "/consult/assessments/<assessment_id>/answers.csv", nothing, (200,)),
    ("GET", "/consult/assessments/<assessment_id>/export.json", nothing, (200,)),
    ("GET", "/consult/assessments/<assessment_id>/delete", nothing, (200,)),
    ("POST", "/consult/assessments/<assessment_id>/delete", nothing, (302,)),
    ("POST", "/consult/assessments/<assessment_id>/links", lambda w: {"name": "New", "access": "answer"}, (200,)),
    ("GET", "/consult/assessments/<assessment_id>/links/<link_id>/revoke", nothing, (200,)),
    ("POST", "/consult/assessments/<assessment_id>/links/<link_id>/revoke", nothing, (302,)),
    ("GET", "/consult/assessments/<assessment_id>/links/<link_id>/regenerate", nothing, (200,)),
    ("POST", "/consult/assessments/<assessment_id>/links/<link_id>/regenerate", nothing, (200,)),
    ("GET", "/consult/assessments/<assessment_id>/links/bulk", nothing, (200,)),
    (
        "POST",
        "/consult/assessments/<assessment_id>/links/bulk",
        lambda w: {"people": "Pat Doe, Quality, pat@example.com"},
        (200,),
    ),
    ("POST", "/consult/assessments/<assessment_id>/plan", lambda w: {"plan-name": "Gap analysis"}, (302,)),
    (
        "POST",
        "/consult/assessments/<assessment_id>/links/<link_id>/expiry",
        lambda w: {"expires_on": "2030-01-01"},
        (302,),
    ),
    ("GET", EVIDENCE, nothing, (200,)),
    ("POST", EVIDENCE, a_file, (302,)),
    ("POST", f"{EVIDENCE}/held", lambda w: {"key": DOCUMENT, "held": "1"}, (302,)),
    ("GET", f"{EVIDENCE}/pack.zip", nothing, (200,)),
    ("GET", f"{EVIDENCE}/<file_id>", nothing, (200,)),
    ("POST", f"{EVIDENCE}/<file_id>/delete", nothing, (302,)),
    ("GET", ACTIONS, nothing, (200,)),
    ("POST", ACTIONS, lambda w: {"finding": "all"}, (302,)),
    ("GET", f"{ACTIONS}/<action_id>", nothing, (200,)),
    ("POST", f"{ACTIONS}/<action_id>", lambda w: {"status": "in_progress", "owner": "Quinn"}, (302,)),
    ("POST", f"{ACTIONS}/<action_id>/evidence", closure_file, (302,)),
]

# token routes: which kind of link may use each (read = a read-only link or a respondent's)
TOKEN_ROUTES: list[tuple[str, str, str]] = [
    ("GET", "/a/<token>", "answer"),
    ("GET", "/a/<token>/s/<page_id>", "answer"),
    ("POST", "/a/<token>/s/<page_id>", "answer"),
    ("GET", "/a/<token>/s/<page_id>/check", "answer"),
    ("GET", "/a/<token>/results", "read"),
    ("GET", "/a/<token>/report", "read"),
    ("GET", "/a/<token>/report.pdf", "read"),
    ("GET", "/a/<token>/soa/<bank_id>.csv", "read"),
    ("GET", "/a/<token>/soa/<bank_id>", "answer"),
    ("POST", "/a/<token>/soa/<bank_id>", "answer"),
    # evidence and actions: answering links only (a read-only link sees the report, not the files)
    ("GET", "/a/<token>/evidence", "answer"),
    ("POST", "/a/<token>/evidence", "answer"),
    ("POST", "/a/<token>/evidence/held", "answer"),
    ("GET", "/a/<token>/evidence/pack.zip", "answer"),
    ("GET", "/a/<token>/evidence/<file_id>", "answer"),
    ("POST", "/a/<token>/evidence/<file_id>/delete", "answer"),
    ("GET", "/a/<token>/actions", "answer"),
    ("POST", "/a/<token>/actions", "answer"),
    ("GET", "/a/<token>/actions/<action_id>", "answer"),
    ("POST", "/a/<token>/actions/<action_id>", "answer"),
    ("POST", "/a/<token>/actions/<action_id>/evidence", "answer"),
    ("GET", "/a/<token>/delete", "firm"),  # only a self-started firm's own link: none in this world
    ("POST", "/a/<token>/delete", "firm"),
    ("POST", "/a/<token>/done", "answer"),
]

# routes that reach no object: public, or the signed-in consultant's own lists (anonymous -> sign-in page)
OPEN_ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/start"): "public",
    ("POST", "/start"): "public",
    ("GET", "/consult/signup"): "public",
    ("POST", "/consult/signup"): "public",
    ("GET", "/consult/signin"): "public",
    ("POST", "/consult/signin"): "public",
    ("POST", "/consult/signout"): "own session",
    ("GET", "/consult/"): "own",
    ("GET", "/consult/clients/new"): "own",
    ("POST", "/consult/clients/new"): "own",
    ("GET", "/consult/adopt"): "own",
    ("POST", "/consult/adopt"): "own",
    ("GET", "/consult/password"): "own",
    ("POST", "/consult/password"): "own",
    ("POST", "/consult/signout-everywhere"): "own",
    ("GET", "/consult/account/export.json"): "own",
    ("GET", "/consult/account/delete"): "own",
    ("POST", "/consult/account/delete"): "own",
    ("GET", "/consult/forgot"): "public",
    ("POST", "/consult/forgot"): "public",
    ("GET", "/consult/reset/<token>"): "public (the e-mailed token is the key: tests/consult/test_password_reset.py)",
    ("POST", "/consult/reset/<token>"): "public (the e-mailed token is the key)",
    ("GET", "/consult/confirm/<token>"): "public (the e-mailed token is the key)",
    ("POST", "/consult/confirm/<token>"): "public (the e-mailed token is the key)",
    ("GET", "/consult/account"): "own",
    ("POST", "/consult/account"): "own",
    ("POST", "/consult/account/logo"): "own",
    ("POST", "/consult/account/logo/remove"): "own",
    ("POST", "/consult/account/email"): "own",
    ("POST", "/consult/account/confirm"): "own",
}


def request(browser: FlaskClient, method: str, url: str, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    if method == "GET":
        response = browser.get(url)
    else:
        response = browser.post(url, data={"csrf_token": csrf(browser), **data}, content_type="multipart/form-data")
    response.get_data()  # read a streamed file download whole, then close it: no file handle outlives the test
    response.close()
    return response


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.mark.parametrize(
    ("method", "rule", "data", "ok"), OBJECT_ROUTES, ids=[f"{m} {r}" for m, r, *_ in OBJECT_ROUTES]
)
def test_object_routes_open_for_their_owner_only(
    world: World, method: str, rule: str, data: Data, ok: tuple[int, ...]
) -> None:
    url = world.url(rule)
    for who, browser in world.browsers.items():
        if who == "owner":
            continue
        refused = request(browser, method, url, data(world))
        missing = browser.get("/no-such-page")
        assert refused.status_code == 404, (who, refused.status_code)
        assert refused.data == missing.data, who  # the same page as a missing one: nothing to tell them apart
    allowed = request(world.browsers["owner"], method, url, data(world))
    assert allowed.status_code in ok, allowed.text[:2000]


def test_a_link_of_another_assessment_is_not_reached_through_yours(world: World) -> None:
    owner = world.browsers["owner"]
    for action in ("revoke", "regenerate", "expiry"):
        url = world.url(f"/consult/assessments/<assessment_id>/links/{world.values['other_link_id']}/{action}")
        assert request(owner, "POST", url, {}).status_code == 404
    for made_up in ("A" * 16, "1", "x" * 200):
        assert owner.get(world.url("/consult/assessments/<assessment_id>", assessment_id=made_up)).status_code == 404
        assert owner.get(world.url("/consult/clients/<client_id>", client_id=made_up)).status_code == 404


@pytest.mark.parametrize(("method", "rule", "need"), TOKEN_ROUTES, ids=[f"{m} {r}" for m, r, _ in TOKEN_ROUTES])
def test_token_routes_open_only_with_a_working_token_of_the_right_kind(
    world: World, method: str, rule: str, need: str
) -> None:
    tokens = world.values["tokens"]
    browser = world.browsers["anonymous"]
    missing = browser.get("/no-such-page").data
    expected = {
        "answer": need != "firm",
        "read": need == "read",
        "revoked": False,
        "expired": False,
        "made-up": False,
    }
    for kind, allowed in expected.items():
        token = tokens.get(kind, "x" * 43)
        response = request(browser, method, world.url(rule, token=token), {})
        if allowed:
            assert response.status_code in (200, 302, 400, 503), (kind, response.status_code)
        else:
            assert response.status_code == 404 and response.data == missing, kind
    for who in ("owner", "another consultant"):  # an account opens no link's page without the link
        response = request(world.browsers[who], method, world.url(rule, token="y" * 43), {})
        assert response.status_code == 404, who


def test_files_and_actions_of_another_assessment_are_not_reached_through_yours(world: World) -> None:
    """A file or action id is looked up within the assessment of the URL: another assessment's id is a 404."""
    other = world.browsers["another consultant"]
    elsewhere = world.values["tokens"]["elsewhere"]
    theirs = other.get("/consult/").text
    their_assessment = re.search(r"/consult/assessments/([A-Za-z0-9_-]{16})", theirs).group(1)  # type: ignore[union-attr]
    missing = other.get("/no-such-page").data
    for url in (
        f"/consult/assessments/{their_assessment}/evidence/{world.values['file_id']}",
        f"/consult/assessments/{their_assessment}/actions/{world.values['action_id']}",
    ):
        response = other.get(url)
        assert response.status_code == 404 and response.data == missing, url
    anonymous = world.browsers["anonymous"]
    for url in (
        f"/a/{elsewhere}/evidence/{world.values['file_id']}",
        f"/a/{elsewhere}/actions/{world.values['action_id']}",
    ):
        assert anonymous.get(url).status_code == 404, url


def test_a_respondent_of_another_assessment_sees_only_their_own(world: World) -> None:
    browser = world.browsers["respondent of another assessment"]
    own = browser.get(f"/a/{world.values['tokens']['elsewhere']}/results")
    assert own.status_code == 200 and "Elsewhere Ltd" in own.text and "Owner Client Ltd" not in own.text


def test_routes_without_an_object_send_strangers_to_sign_in_and_show_consultants_only_their_own(world: World) -> None:
    anonymous, other = world.browsers["anonymous"], world.browsers["another consultant"]
    for (method, rule), kind in OPEN_ROUTES.items():
        if kind == "own" and method == "GET":
            response = anonymous.get(rule)
            assert response.status_code == 302 and response.headers["Location"].startswith("/consult/signin?next=")
            assert "Owner Client Ltd" not in other.get(rule).text
    assert request(anonymous, "POST", "/consult/clients/new", {"name": "X"}).status_code == 302
    adopt = request(other, "POST", "/consult/adopt", {"link": world.values["tokens"]["answer"], "client": "new"})
    assert adopt.status_code == 400 and "another consultant" in adopt.text


def test_a_post_without_a_form_token_through_a_link_that_cannot_answer_is_a_404(world: World) -> None:
    """The form-token error handler must not load the page of a dead link (it answered 500 when it did)."""
    browser = world.browsers["anonymous"]
    missing = browser.get("/no-such-page").data
    for kind in ("read", "revoked", "expired", "made-up"):
        token = world.values["tokens"].get(kind, "x" * 43)
        response = browser.post(world.url("/a/<token>/s/<page_id>", token=token), data={"anything": "1"})
        assert response.status_code == 404 and response.data == missing, kind
    alive = browser.post(world.url("/a/<token>/s/<page_id>"), data={})
    assert alive.status_code == 400 and "session had expired" in alive.text


def test_a_self_started_firms_own_link_deletes_its_assessment_and_nothing_else(world: World) -> None:
    from sqlalchemy import func, select

    from questionnaire.extensions import db
    from questionnaire.models import Answer, Assessment, Client

    from ..helpers import start

    firm = world.app.test_client()
    token = start(firm, BANK, organisation="Firm On Its Own")
    answer_page(firm, token, questionnaire(world.app, BANK).pages[0], lambda e: "2")
    with world.app.app_context():
        before = [db.session.scalar(select(func.count(model.id))) for model in (Client, Assessment, Answer)]
    assert "Delete this assessment" in firm.get(f"/a/{token}").text
    unconfirmed = request(firm, "POST", f"/a/{token}/delete", {})
    assert unconfirmed.status_code == 400 and "Tick the box" in unconfirmed.text
    deleted = request(firm, "POST", f"/a/{token}/delete", {"confirm": "y"})
    assert deleted.status_code == 302
    assert firm.get(f"/a/{token}").status_code == 404
    with world.app.app_context():
        after = [db.session.scalar(select(func.count(model.id))) for model in (Client, Assessment, Answer)]
    answered = len(questionnaire(world.app, BANK).pages[0].entries)
    assert after == [before[0] - 1, before[1] - 1, before[2] - answered]  # the owner's client is untouched
    owner = world.browsers["owner"]
    assert owner.get(world.url("/consult/assessments/<assessment_id>")).status_code == 200


def test_every_route_is_in_the_matrix(app: Flask) -> None:
    covered = {(m, r) for m, r, *_ in OBJECT_ROUTES} | {(m, r) for m, r, _ in TOKEN_ROUTES} | set(OPEN_ROUTES)
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in ("assess", "reports", "consult", "evidence")
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }
    assert routes == covered, (routes - covered, covered - routes)


def test_every_post_needs_the_csrf_token(world: World) -> None:
    owner = world.browsers["owner"]
    for method, rule, data, _ in OBJECT_ROUTES:
        if method == "POST":
            response = owner.post(world.url(rule), data=data(world), content_type="multipart/form-data")
            assert response.status_code == 400, rule
    assert owner.get(world.url("/consult/assessments/<assessment_id>")).status_code == 200  # nothing was deleted
