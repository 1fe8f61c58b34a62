"""The issue's "done when", end to end through the site's own forms: a firm uploads its quality policy and three
records, the consultant downloads the stage 1 pack and opens its index, two findings become actions that are
closed with evidence, and the report shows them."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from flask import Flask

from ..assess.test_walkthrough import questionnaire
from ..conftest import csrf_from
from ..consult.helpers import consultant, post
from ..helpers import answer_page, start
from .helpers import POLICY_KEY, RECORD_KEYS, actions, pdf, png, upload

WEAK = ("hs-9.2", "hs-9.3")  # no internal audit, no management review yet: two requirements below the target


def level(entry) -> str:  # type: ignore[no-untyped-def]
    return "1" if entry.key.startswith(WEAK) else "na" if entry.question.allow_na else "3"


def test_firm_uploads_consultant_takes_the_pack_findings_close_with_evidence_and_the_report_shows_it(
    app: Flask,
) -> None:
    firm = app.test_client()
    token = start(firm, "iso9001-2015", organisation="Kestrel Valves Ltd")
    for page in questionnaire(app, "iso9001-2015").pages:
        answer_page(firm, token, page, level)

    # the firm: its quality policy and three records
    evidence_url = f"/a/{token}/evidence"
    assert upload(firm, evidence_url, pdf("Quality policy"), "Quality policy.pdf", POLICY_KEY).status_code == 302
    for number, key in enumerate(RECORD_KEYS):
        body, name = (png(2 + number), f"record {number}.png") if number else (pdf("Audit report"), "Audit 2026.pdf")
        assert upload(firm, evidence_url, body, name, key).status_code == 302

    # the consultant adopts the firm's assessment and downloads the stage 1 pack
    owner = consultant(app)
    adopted = post(owner, "/consult/adopt", {"link": f"http://preaudit.test/a/{token}", "client": "new"})
    assessment_id = re.search(r"/consult/assessments/([A-Za-z0-9_-]+)", adopted.headers["Location"]).group(1)  # type: ignore[union-attr]
    base = f"/consult/assessments/{assessment_id}"
    response = owner.get(f"{base}/evidence/pack.zip")
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    response.close()
    names = archive.namelist()
    root = names[0].split("/")[0]
    assert root.startswith("stage-1-pack-kestrel-valves-ltd-")
    assert f"{root}/index.html" in names and f"{root}/index.csv" in names
    assert f"{root}/files/04 5.2.2 Quality policy/Quality policy.pdf" in names
    assert archive.read(f"{root}/files/04 5.2.2 Quality policy/Quality policy.pdf") == pdf("Quality policy")
    assert len([n for n in names if "/files/" in n]) == 4
    index = archive.read(f"{root}/index.html").decode()
    for link in re.findall(r'<a href="(files/[^"]+)"', index):  # every link of the index opens a file of the pack
        assert f"{root}/{link.replace('%20', ' ')}" in names
    assert index.count('<td data-label="Status"><span class="status present">') == 4 and "Kestrel Valves Ltd" in index
    table = list(csv.DictReader(io.StringIO(archive.read(f"{root}/index.csv").decode("utf-8-sig"))))
    policy = next(row for row in table if row["documented information"] == "Quality policy")
    assert policy["status"] == "Present (1 file)" and policy["file"].endswith("Quality policy.pdf")
    assert {row["status"] for row in table} >= {"Present (1 file)", "Missing"}

    # two findings become actions, each with an owner and a date
    page = owner.get(f"{base}/actions").text
    findings = dict(
        re.findall(
            r'name="finding" value="([^"|]+\|[^"]+)">\s*<button[^>]*>Make it an action'
            r'<span class="visually-hidden">: ([^<]+)<',
            page,
        )
    )
    chosen = list(findings)
    assert [value.split("|")[1] for value in chosen] == ["9.2", "9.3.1"], findings
    for value in chosen:
        assert post(owner, f"{base}/actions", {"finding": value}).status_code == 302
    tracked = actions(app)
    assert [(a.bank_id, a.clause_id) for a in tracked] == [tuple(v.split("|")) for v in chosen]

    # the firm closes them with evidence, and is prompted to re-answer
    for action in tracked:
        url = f"/a/{token}/actions/{action.public_id}"
        closure = upload(firm, f"{url}/evidence", pdf(f"Minutes {action.clause_id}"), "minutes.pdf", None, url)
        assert closure.status_code == 302
        html = firm.get(url).text
        done = firm.post(
            url,
            data={
                "csrf_token": csrf_from(html),
                "owner": "Dana Reyes",
                "due_on": "2027-03-31",
                "status": "done",
                "note": "Done.",
            },
        )
        assert done.status_code == 302
        closed = firm.get(url).text
        assert "Action closed with evidence" in closed and "now re-answer its questions" in closed
        assert re.search(rf'href="/a/{token}/s/[^"#]+#q-[^"]+">Re-answer', closed)
        assert 'value="verified"' not in closed  # the consultant verifies, not the firm

    # the consultant verifies one; the firm re-answers the other's questions at the target
    first, second = actions(app)
    html = owner.get(f"{base}/actions/{first.public_id}").text
    assert 'value="verified"' in html
    verify = {"owner": "Dana Reyes", "due_on": "2027-03-31", "status": "verified", "note": "Checked the minutes."}
    assert post(owner, f"{base}/actions/{first.public_id}", verify).status_code == 302
    for page in questionnaire(app, "iso9001-2015").pages:
        if any(e.key.startswith("hs-9.3") for e in page.entries):
            answer_page(firm, token, page, lambda e: "3" if e.key.startswith("hs-9.3") else level(e))

    report = owner.get(f"{base}/report").text
    section = report.split('id="report-actions"')[1].split("</section>")[0]
    assert section.count('<tr><th scope="row">') == 2 and "Dana Reyes" in section and "minutes.pdf" in section
    assert "Verified" in section and "Done" in section and "Finding closed" in section
    checklist = report.split('id="report-documents"')[1].split("</section>")[0]
    assert "In the document pack" in checklist and "Present (1 file)" in checklist and "Missing" in checklist
    listing = owner.get(f"{base}/actions").text
    assert "Finding closed" in listing and "Verified" in listing and "Blocks stage 2" in listing  # 9.2 is still open
    assert second.clause_id == "9.3.1" and "Every finding is an action" in listing
