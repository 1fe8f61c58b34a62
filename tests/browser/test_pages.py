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
    "delete-own": "/a/{guideline}/delete",
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


def check_page(tab, url: str, name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """Open a page at a width, keep its screenshot, and hold it to axe and to no sideways scroll."""
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    shot(tab, f"{name}-{width}")
    assert axe_violations(tab) == []
    assert sideways_scroll(tab) == 0


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_reflows(page, base_url: str, seeded: dict[str, str], name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    check_page(page, base_url + PAGES[name].format(**seeded), name, width)


CONSULTANT_PAGES = {
    "consult-dashboard": "/consult/",
    "consult-client": "/consult/clients/{client}",
    "consult-assessment": "/consult/assessments/{assessment}",
    "consult-agree": "/consult/assessments/{assessment}/agree",
    "consult-results": "/consult/assessments/{assessment}/results",
    "consult-new-client": "/consult/clients/new",
    "consult-account": "/consult/account",
    "consult-account-delete": "/consult/account/delete",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CONSULTANT_PAGES)
def test_consultant_page_is_accessible_and_reflows(  # type: ignore[no-untyped-def]
    consultant_page, base_url: str, consulting: dict[str, object], name: str, width: int
) -> None:
    check_page(consultant_page, base_url + CONSULTANT_PAGES[name].format(**consulting), name, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_sign_in_page(page, base_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    check_page(page, base_url + "/consult/signin", "consult-signin", width)
