"""The evidence, pack and action pages, and the pack's index opened from the unzipped folder, at 1280 and 320 px:
no axe violations, no sideways scroll (screenshots in build/screenshots/)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from flask import Flask

from ..conftest import csrf_from
from ..evidence.helpers import POLICY_KEY, RECORD_KEYS, pdf, png, upload
from .conftest import WIDTHS, axe_violations, shot, sideways_scroll
from .test_pages import check_page


@pytest.fixture(scope="session")
def with_evidence(live_app: Flask, seeded: dict[str, str]) -> dict[str, str]:
    """The answered ISO 9001 assessment with a policy, three records, and two findings made actions."""
    token = seeded["quality"]
    client = live_app.test_client()
    url = f"/a/{token}/evidence"
    upload(client, url, pdf("Quality policy"), "Quality policy 2026.pdf", POLICY_KEY)
    for number, key in enumerate(RECORD_KEYS):
        upload(client, url, png(3 + number), f"Record {number + 1}.png", key)
    html = client.get(f"/a/{token}/actions").text
    findings = re.findall(r'name="finding" value="([^"]+\|[^"]+)"', html)[:2]
    for value in findings:
        client.post(f"/a/{token}/actions", data={"csrf_token": csrf_from(client.get(url).text), "finding": value})
    html = client.get(f"/a/{token}/actions").text
    action = re.search(rf"/a/{token}/actions/([A-Za-z0-9_-]{{16}})", html).group(1)  # type: ignore[union-attr]
    page = client.get(f"/a/{token}/actions/{action}").text
    upload(
        client,
        f"/a/{token}/actions/{action}/evidence",
        pdf("minutes"),
        "minutes.pdf",
        None,
        f"/a/{token}/actions/{action}",
    )
    form = {
        "csrf_token": csrf_from(page),
        "owner": "Dana Reyes",
        "due_on": "2026-01-15",
        "status": "done",
        "note": "Done.",
    }
    client.post(f"/a/{token}/actions/{action}", data=form)
    return {"token": token, "action": action}


PAGES = {
    "evidence": "/a/{token}/evidence",
    "actions": "/a/{token}/actions",
    "action": "/a/{token}/actions/{action}",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_evidence_pages(page, base_url: str, with_evidence: dict[str, str], name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    check_page(page, base_url + PAGES[name].format(**with_evidence), name, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_pack_index_opened_from_the_zip(
    page, live_app: Flask, with_evidence: dict[str, str], tmp_path: Path, width: int
) -> None:  # type: ignore[no-untyped-def]
    response = live_app.test_client().get(f"/a/{with_evidence['token']}/evidence/pack.zip")
    zipfile.ZipFile(io.BytesIO(response.data)).extractall(tmp_path)
    response.close()
    [index] = tmp_path.glob("*/index.html")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(index.as_uri())
    shot(page, f"pack-index-{width}")
    assert axe_violations(page) == []
    assert sideways_scroll(page) == 0
    link = page.locator("td a").first
    assert (index.parent / link.get_attribute("href").replace("%20", " ")).is_file()
