"""Every page type at a desktop and a phone width: no axe violations, no sideways scroll."""

from __future__ import annotations

import pytest

from .conftest import WIDTHS, axe_violations, shot, sideways_scroll

PAGES = {
    "home": "/",
    "start": "/start",
    "overview": "/a/{quality}",
    "question": "/a/{empty}/s/8",
    "check-answers": "/a/{quality}/s/4/check",
    "results": "/a/{quality}/results",
    "results-guideline": "/a/{guideline}/results",
    "results-integrated": "/a/{integrated}/results",
    "report": "/a/{quality}/report",
    "soa": "/a/{security}/soa/iso27001-2022",
    "learn": "/learn/",
    "learn-standard": "/learn/iso14001-2026",
    "learn-clause": "/learn/iso9001-2015/4.1",
    "learn-changes": "/learn/iso14001-2026/changes",
    "learn-glossary": "/learn/glossary",
    "learn-sources": "/learn/iso9001-2015/sources",
    "learn-handout": "/learn/iso31000-2018/handout",
    "transition-start": "/start?standard=iso14001-2026",
    "learn-certification": "/learn/certification",
    "matrix": "/learn/harmonized-structure",
    "not-found": "/no/such/page",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_reflows(page, base_url: str, seeded: dict[str, str], name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + PAGES[name].format(**seeded))
    page.wait_for_load_state("networkidle")
    shot(page, f"{name}-{width}")
    assert axe_violations(page) == []
    assert sideways_scroll(page) == 0


CONSULTANT_PAGES = {
    "consult-dashboard": "/consult/",
    "consult-client": "/consult/clients/{client}",
    "consult-assessment": "/consult/assessments/{assessment}",
    "consult-agree": "/consult/assessments/{assessment}/agree",
    "consult-results": "/consult/assessments/{assessment}/results",
    "consult-new-client": "/consult/clients/new",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CONSULTANT_PAGES)
def test_consultant_page_is_accessible_and_reflows(  # type: ignore[no-untyped-def]
    consultant_page, base_url: str, consulting: dict[str, object], name: str, width: int
) -> None:
    consultant_page.set_viewport_size({"width": width, "height": 900})
    consultant_page.goto(base_url + CONSULTANT_PAGES[name].format(**consulting))
    consultant_page.wait_for_load_state("networkidle")
    shot(consultant_page, f"{name}-{width}")
    assert axe_violations(consultant_page) == []
    assert sideways_scroll(consultant_page) == 0


@pytest.mark.parametrize("width", WIDTHS)
def test_sign_in_page(page, base_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "/consult/signin")
    shot(page, f"consult-signin-{width}")
    assert axe_violations(page) == []
    assert sideways_scroll(page) == 0
