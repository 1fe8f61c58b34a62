"""Invitations through a real SMTP server: one, many from a pasted list or a CSV file, resent; the outbox and
copy when there is no MAIL_URL; nothing half-done when a line of the list is wrong."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote

from flask import Flask
from sqlalchemy import func, select

from questionnaire.domain.invitations import MAX_PEOPLE, parse_people
from questionnaire.extensions import db
from questionnaire.models import Link, MailRecord

from ..consult.helpers import ISSUED, add_assessment, add_client, consultant, link_ids, post
from ..mailserver import SmtpServer, outbox_messages
from .helpers import confirmed, paths_in

BANK = "iso9001-2015"
FIVE = """Name,Role,E-mail
Rita Respondent, Quality manager, rita@client.example
Sam Site; Site manager; sam@client.example
Tess Tabs\tHR lead\ttess@client.example
Uma Upfront <uma@client.example>
"Vic, Jr.",Finance,vic@client.example
"""


def setup(app: Flask, smtp: SmtpServer | None = None):  # type: ignore[no-untyped-def]
    owner = confirmed(app, firm="Northwind Consulting")
    if smtp is not None:
        smtp.inbox.messages.clear()  # the sign-up's confirmation message
    return owner, add_assessment(owner, add_client(owner, "Acme Precision Ltd"), BANK)


def counts(app: Flask) -> tuple[int, int]:
    with app.app_context():
        return db.session.scalar(select(func.count(Link.id))), db.session.scalar(select(func.count(MailRecord.id)))  # type: ignore[return-value]


def test_an_issued_link_is_sent_with_the_message_and_opens_the_questionnaire(app: Flask, smtp: SmtpServer) -> None:
    owner, assessment_id = setup(app, smtp)
    data = {"name": "Rita Respondent", "role": "Quality manager", "email": "Rita@Client.EXAMPLE", "access": "answer"}
    page = post(owner, f"/consult/assessments/{assessment_id}/links", {**data, "note": "Please answer by Friday."})
    assert page.status_code == 200 and "on its way to <strong>Rita@client.example</strong>" in page.text
    token = ISSUED.search(page.text).group(1)  # type: ignore[union-attr]
    [received] = smtp.inbox.messages
    assert received.recipients == ["Rita@client.example"]
    message = received.message
    assert message["From"] == '"Ann Auditor, Northwind Consulting via Preaudit" <preaudit@localhost>'
    assert message["Reply-To"] == '"Ann Auditor, Northwind Consulting" <ann@example.com>'
    assert message["Subject"] == "Acme Precision Ltd: your questions for the ISO 9001:2015 audit rehearsal"
    text, html = received.part("plain"), received.part("html")
    url = f"https://preaudit.test/a/{token}"
    assert text.count(url) == 1 and html.count(url) == 1  # the link appears once in each part
    assert "Please answer by Friday." in text and "Please answer by Friday." in html
    assert "as Quality manager" in text and "Hello Rita Respondent" in html
    [path] = paths_in(text)
    overview = app.test_client().get(path)
    assert overview.status_code == 200 and "Answering as <strong>Rita Respondent</strong>" in overview.text
    assert "Sent " in owner.get(f"/consult/assessments/{assessment_id}").text


def test_five_people_from_one_pasted_list_each_get_their_own_working_link(app: Flask, smtp: SmtpServer) -> None:
    owner, assessment_id = setup(app, smtp)
    page = post(owner, f"/consult/assessments/{assessment_id}/links/bulk", {"people": FIVE, "note": "Thanks!"})
    assert page.status_code == 200 and "5 links issued" in page.text
    assert sorted(r for m in smtp.inbox.messages for r in m.recipients) == [
        f"{name}@client.example" for name in ("rita", "sam", "tess", "uma", "vic")
    ]
    browser = app.test_client()
    names = set()
    for received in smtp.inbox.messages:
        [path] = paths_in(received.part("plain"))
        overview = browser.get(path)
        assert overview.status_code == 200
        names.add(overview.text.split("Answering as <strong>")[1].split("<")[0])
    assert names == {"Rita Respondent", "Sam Site", "Tess Tabs", "Uma Upfront", "Vic, Jr."}
    with app.app_context():
        roles = dict(db.session.execute(select(Link.name, Link.role)).all())
    assert roles["Sam Site"] == "Site manager" and roles["Uma Upfront"] is None and roles["Vic, Jr."] == "Finance"


def test_a_list_with_a_bad_line_changes_nothing(app: Flask, smtp: SmtpServer) -> None:
    owner, assessment_id = setup(app, smtp)
    before = counts(app)
    bad = "Rita, QA, rita@client.example\nSam, Site, sam@\n\nTess, HR, rita@client.example\nno address here\n"
    page = post(owner, f"/consult/assessments/{assessment_id}/links/bulk", {"people": bad})
    assert page.status_code == 400 and "Nothing was issued: 3 lines need fixing" in page.text
    assert "Line 2 (“Sam, Site, sam@”): “sam@” is not an e-mail address" in page.text
    assert "Line 4" in page.text and "already on line 1" in page.text and "Line 5" in page.text
    assert "Rita, QA, rita@client.example" in page.text  # the list is still there to fix
    assert counts(app) == before and smtp.inbox.messages == []


def test_a_csv_file_works_like_a_pasted_list(app: Flask, smtp: SmtpServer) -> None:
    owner, assessment_id = setup(app, smtp)
    url = f"/consult/assessments/{assessment_id}/links/bulk"
    upload = ("\ufeff" + FIVE).encode("utf-8")
    sent = post(owner, url, {"file": (io.BytesIO(upload), "people.csv")}, content_type="multipart/form-data")
    assert sent.status_code == 200 and len(smtp.inbox.messages) == 5
    latin = post(owner, url, {"file": (io.BytesIO("Zoë, QA, zoe@x.example".encode("latin-1")), "p.csv")},
                 content_type="multipart/form-data")  # fmt: skip
    assert latin.status_code == 400 and "not UTF-8" in latin.text
    again = post(owner, url, {"people": "Rita Respondent, QA, rita@client.example"})
    assert again.status_code == 400 and "already has a link to this assessment" in again.text


def test_resending_makes_a_new_link_and_the_old_one_stops(app: Flask, smtp: SmtpServer) -> None:
    owner, assessment_id = setup(app, smtp)
    issued = post(
        owner, f"/consult/assessments/{assessment_id}/links", {"name": "Rita", "email": "rita@client.example"}
    )
    old = ISSUED.search(issued.text).group(1)  # type: ignore[union-attr]
    url = f"/consult/assessments/{assessment_id}/links/{link_ids(app, assessment_id)[0]}/regenerate"
    ask = owner.get(url)
    assert ask.status_code == 200 and "stops working the moment you confirm" in ask.text
    assert app.test_client().get(f"/a/{old}").status_code == 200  # asking changed nothing
    resent = post(owner, url, {"email": "rita@client.example", "note": "A new link, as asked."})
    new = ISSUED.search(resent.text).group(1)  # type: ignore[union-attr]
    assert len(smtp.inbox.messages) == 2 and new in smtp.inbox.messages[1].part("plain")
    assert (
        app.test_client().get(f"/a/{old}").status_code == 404 and app.test_client().get(f"/a/{new}").status_code == 200
    )


def test_without_mail_url_the_message_goes_to_the_outbox_and_is_shown_to_copy(app: Flask, outbox: Path) -> None:
    owner, assessment_id = setup(app)
    data = {"name": "Rita", "email": "rita@client.example", "note": "See you Monday & thanks"}
    page = post(owner, f"/consult/assessments/{assessment_id}/links", data)
    token = ISSUED.search(page.text).group(1)  # type: ignore[union-attr]
    assert "No mail server is set up here" in page.text
    [message] = [m for m in outbox_messages(outbox) if "rita@" in m["To"]]
    assert message["To"] == "Rita <rita@client.example>" and token in message.get_body(("plain",)).get_content()
    assert 'id="message-body"' in page.text and "See you Monday &amp; thanks" in page.text  # to copy, escaped
    mailto = page.text.split('href="mailto:')[1].split('"')[0]
    assert mailto.startswith("rita@client.example?subject=")
    body = unquote(mailto.split("body=")[1].replace("&amp;", "&"))
    assert f"/a/{token}" in body and "See you Monday & thanks" in body and "Sent by Preaudit" not in body
    assert "In the outbox" in owner.get(f"/consult/assessments/{assessment_id}").text


def test_nothing_goes_out_in_the_name_of_an_unconfirmed_consultant(app: Flask, smtp: SmtpServer) -> None:
    owner = consultant(app, "new@example.com", "New Consultant")
    smtp.inbox.messages.clear()  # the sign-up's confirmation message
    assessment_id = add_assessment(owner, add_client(owner), BANK)
    page = post(owner, f"/consult/assessments/{assessment_id}/links", {"name": "Rita", "email": "rita@client.example"})
    assert "Not sent to rita@client.example" in page.text and 'id="message-body"' in page.text
    assert smtp.inbox.messages == []


def test_pasted_lists_are_read_line_by_line() -> None:
    people, problems = parse_people(FIVE)
    assert problems == [] and [p.email for p in people][:2] == ["rita@client.example", "sam@client.example"]
    assert parse_people("")[1][0].problem.startswith("The list is empty")
    _, problems = parse_people("Rita, QA, rita@x.example, extra\n, QA, nobody@x.example\nRita\nR\x00, QA, r@x.example")
    assert [p.line for p in problems] == [1, 2, 3, 4]
    assert "4 fields" in problems[0].problem and "name is missing" in problems[1].problem
    assert "control character" in problems[3].problem
    many = "\n".join(f"P{i}, QA, p{i}@x.example" for i in range(MAX_PEOPLE + 1))
    assert "at most 100" in parse_people(many)[1][0].problem
    _, taken = parse_people("Rita, QA, rita@x.example", taken={"rita@x.example"})
    assert "already has a link" in taken[0].problem
