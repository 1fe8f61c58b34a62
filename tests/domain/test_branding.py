"""The consultant's firm and logo: re-encoded by Pillow, refused when not a usable PNG or JPEG, shown on the
report cover and its PDF and in the e-mails; their own notes never in the client's report."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from PIL import Image, PngImagePlugin

from questionnaire.domain.branding import LOGO_BOX, MAX_LOGO_BYTES, LogoRefused, reencode_logo

from ..consult.helpers import ISSUED, add_assessment, add_client, post
from ..mailserver import SmtpServer
from .helpers import confirmed

BANK = "iso9001-2015"


def picture(kind: str = "PNG", size: tuple[int, int] = (1200, 300), **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (15, 110, 110)).save(out, format=kind, **options)
    return out.getvalue()


def test_a_logo_is_redrawn_as_png_within_its_box_without_the_uploaded_metadata() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret path C:/Users/ann")
    png, width, height = reencode_logo(picture(pnginfo=info))
    assert (width, height) == (600, 150) and width <= LOGO_BOX[0] and height <= LOGO_BOX[1]
    assert png.startswith(b"\x89PNG") and b"secret path" not in png
    jpeg, *_ = reencode_logo(picture("JPEG", (300, 100)))
    assert Image.open(io.BytesIO(jpeg)).format == "PNG"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (picture("GIF", (50, 50)), "give a PNG or JPEG"),
        (b"not an image at all", "not a PNG or JPEG"),
        (picture()[:200], "not a PNG or JPEG"),  # cut short
        (b"\x89PNG" + b"0" * (MAX_LOGO_BYTES + 1), "at most 200 KiB"),
        (picture("PNG", (6000, 5000), optimize=True), "far more pixels"),
    ],
)
def test_a_file_that_is_not_a_usable_logo_is_refused(raw: bytes, problem: str) -> None:
    with pytest.raises(LogoRefused, match=problem):
        reencode_logo(raw)


def upload(browser, raw: bytes):  # type: ignore[no-untyped-def]
    return post(browser, "/consult/account/logo", {"logo": (io.BytesIO(raw), "logo.png")},
                content_type="multipart/form-data")  # fmt: skip


def test_firm_and_logo_on_the_cover_page_pdf_and_in_the_invitation(app: Flask, smtp: SmtpServer) -> None:
    owner = confirmed(app, firm="Northwind Consulting")
    refused = upload(owner, b"GIF89a....")
    assert "The logo was not changed" in owner.get(refused.headers["Location"]).text
    upload(owner, picture())
    account = owner.get("/consult/account").text
    assert 'src="data:image/png;base64,' in account
    assessment_id = add_assessment(owner, add_client(owner), BANK)
    smtp.inbox.messages.clear()
    issued = post(owner, f"/consult/assessments/{assessment_id}/links", {"name": "Rita", "email": "rita@x.example"})
    token = ISSUED.search(issued.text).group(1)  # type: ignore[union-attr]
    report = app.test_client().get(f"/a/{token}/report").text
    assert (
        "Prepared with Ann Auditor, Northwind Consulting" in report
        and 'class="report-logo" src="data:image/png' in report
    )
    [received] = smtp.inbox.messages
    html = received.part("html")
    [logo] = [p for p in received.message.walk() if p.get_content_type() == "image/png"]
    assert f'src="cid:{logo["Content-ID"][1:-1]}"' in html and 'alt="Northwind Consulting"' in html
    pdf = owner.get(f"/consult/assessments/{assessment_id}/report.pdf")
    if pdf.status_code == 200:  # 503 where WeasyPrint's libraries are missing
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(pdf.data))
        assert "Northwind Consulting" in reader.pages[0].extract_text()
        assert any(reader.pages[0].images)
    post(owner, "/consult/account/logo/remove")
    assert "report-logo" not in app.test_client().get(f"/a/{token}/report").text


def test_the_consultants_notes_on_agreed_answers_stay_out_of_the_report(app: Flask) -> None:
    from ..assess.test_walkthrough import questionnaire
    from ..helpers import answer_page

    owner = confirmed(app)
    assessment_id = add_assessment(owner, add_client(owner), BANK)
    page = questionnaire(app, BANK).pages[0]
    first = page.entries[0]
    browser = app.test_client()
    for name, level in (("Quinn", "4"), ("Sam", "0")):
        token = ISSUED.search(post(owner, f"/consult/assessments/{assessment_id}/links", {"name": name}).text).group(1)  # type: ignore[union-attr]
        answer_page(browser, token, page, lambda e, level=level: level if e is first else "3")
    post(owner, f"/consult/assessments/{assessment_id}/agree", {"section": page.id, f"level-{first.field_name}": "2",
         f"note-{first.field_name}": "QM overstates; keep an eye on him"})  # fmt: skip
    report = owner.get(f"/consult/assessments/{assessment_id}/report").text
    assert "QM overstates" not in report and "Until you record" not in report
    assert "until the consultant records the answer agreed with them" in report
    assert "QM overstates" in owner.get(f"/consult/assessments/{assessment_id}/agree?section={page.id}").text
