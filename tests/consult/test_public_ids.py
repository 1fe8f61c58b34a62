"""No integer id in any URL: a crawl of every consultant page, following every link and noting every form."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from flask import Flask
from sqlalchemy import select

from questionnaire.extensions import db
from questionnaire.models import Assessment, Client

from ..assess.test_walkthrough import questionnaire
from ..helpers import answer_page
from .helpers import ID_IN, add_assessment, add_client, consultant, issue, post

BANK = "iso27001-2022"
URL_IN_HTML = re.compile(r'(href|action|src)="([^"]+)"')
DOWNLOADS = (".json", ".csv", ".pdf", ".ics")
SKIP = (
    "/consult/signout",
    "/static/",
    "/learn/",
)  # signing out ends the crawl; static files and learn pages hold no objects


def integer_segments(url: str) -> list[str]:
    return [segment for segment in urlsplit(url).path.split("/") if segment.isdigit()]


def test_no_consultant_page_links_or_posts_to_an_integer_id(app: Flask) -> None:
    owner = consultant(app)
    client_id = add_client(owner, "Crawl Ltd")
    for name in ("Second Client", "Third Client"):
        add_client(owner, name)
    assessment_id = add_assessment(owner, client_id, BANK)
    token = issue(owner, assessment_id, "Quinn", "Quality manager")
    issue(owner, assessment_id, "Board", access="read")
    answer_page(app.test_client(), token, questionnaire(app, BANK).pages[0], lambda e: "2")
    post(owner, f"/consult/assessments/{assessment_id}/cycle", {"certified": "2026-03-15"})
    reassessed = post(owner, f"/consult/assessments/{assessment_id}/reassess").headers["Location"]
    assert ID_IN.search(reassessed)

    with app.app_context():
        internal = {n for model in (Assessment, Client) for n in db.session.scalars(select(model.id))}
    seen: set[str] = set()
    queue = deque(["/consult/"])
    found: list[str] = []
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = owner.get(url)
        response.get_data()
        response.close()  # a file download streams from an open file: close it once read
        assert response.status_code in (200, 503), (url, response.status_code)  # 503: a PDF without a browser
        if url.endswith(DOWNLOADS) or not response.mimetype.startswith("text/html"):  # a file, not a page
            disposition = response.headers.get("Content-Disposition", "")
            assert not any(f"-{number}." in disposition for number in internal), disposition
            continue
        for attribute, target in URL_IN_HTML.findall(response.text):
            absolute = urljoin(url, target.replace("&amp;", "&"))
            found.append(absolute)
            path = urlsplit(absolute).path
            if urlsplit(absolute).netloc not in ("", "preaudit.test") or path.startswith(SKIP) or "/a/" in path:
                continue
            if attribute == "href" and path.startswith("/consult/") and not path.endswith("/delete"):
                queue.append(path)
    assert len(seen) > 20, sorted(seen)  # the crawl reached every kind of page
    assert any("/links/" in url for url in found) and any("/clients/" in url for url in found)
    leaks = [url for url in found if integer_segments(url)]
    assert leaks == []
