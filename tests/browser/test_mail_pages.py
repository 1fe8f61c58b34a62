"""Invitations and confirmations in a real browser: the copy buttons copy, revoke and regenerate ask first, and
every new page passes axe and reflows, at 1280 and 320 px."""

from __future__ import annotations

import pytest

from .conftest import WIDTHS, axe_violations, shot, sideways_scroll
from .test_pages import check_page

NEW_PAGES = {
    "consult-account": "/consult/account",
    "consult-bulk": "/consult/assessments/{assessment}/links/bulk",
    "consult-forgot": "/consult/forgot",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", NEW_PAGES)
def test_new_consultant_page_is_accessible_and_reflows(  # type: ignore[no-untyped-def]
    consultant_page, base_url: str, consulting: dict[str, object], name: str, width: int
) -> None:
    check_page(consultant_page, base_url + NEW_PAGES[name].format(**consulting), name, width)


def checked(tab, name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    tab.wait_for_load_state("networkidle")
    shot(tab, f"{name}-{width}")
    assert axe_violations(tab) == [], name
    assert sideways_scroll(tab) == 0, name


@pytest.mark.parametrize("width", WIDTHS)
def test_an_invitation_is_shown_with_copy_buttons_that_copy(  # type: ignore[no-untyped-def]
    consultant_page, base_url: str, consulting: dict[str, object], width: int
) -> None:
    tab = consultant_page
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(f"{base_url}/consult/assessments/{consulting['assessment']}#links")
    tab.fill("#name", f"Rita {width}")
    tab.fill("#email", f"rita{width}@client.example")
    tab.fill("#note", "Please answer by Friday.")
    tab.get_by_role("button", name="Issue the link").click()
    tab.wait_for_url("**/links")
    checked(tab, "consult-link-issued", width)
    url = tab.input_value("#issued-url")
    assert "/a/" in url
    link_button = tab.get_by_role("button", name="Copy the private link")
    link_button.click()
    tab.get_by_role("button", name="Copied").first.wait_for()
    assert tab.evaluate("navigator.clipboard.readText()") == url
    tab.get_by_role("button", name="Copy the message").click()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert url in copied and "Please answer by Friday." in copied and "Sent by Preaudit" not in copied
    mailto = tab.get_by_role("link", name="Open it in your mail program").get_attribute("href")
    assert mailto.startswith(f"mailto:rita{width}@client.example?subject=")


@pytest.mark.parametrize("width", WIDTHS)
def test_revoke_and_regenerate_ask_before_they_act(  # type: ignore[no-untyped-def]
    consultant_page, base_url: str, consulting: dict[str, object], width: int
) -> None:
    tab = consultant_page
    tab.set_viewport_size({"width": width, "height": 900})
    assessment = f"{base_url}/consult/assessments/{consulting['assessment']}"
    tab.goto(assessment)
    tab.fill("#name", f"Tess {width}")
    tab.get_by_role("button", name="Issue the link").click()
    tab.wait_for_url("**/links")
    token_url = tab.input_value("#issued-url")
    tab.goto(assessment)
    tab.get_by_role("link", name=f"Revoke… Tess {width}").click()
    checked(tab, "consult-revoke-confirm", width)
    tab.get_by_role("link", name="Keep it").click()
    row = tab.get_by_role("row", name=f"Tess {width}")
    assert "Active" in row.inner_text()
    row.get_by_role("link", name=f"Regenerate… Tess {width}").click()
    checked(tab, "consult-regenerate-confirm", width)
    tab.get_by_role("link", name="Keep the old one").click()
    tab.goto(token_url)
    assert "Answering as" in tab.content()  # neither question changed the link
    tab.goto(assessment)
    tab.get_by_role("link", name=f"Revoke… Tess {width}").click()
    tab.get_by_role("button", name="Revoke the link").click()
    assert "Revoked" in tab.get_by_role("row", name=f"Tess {width}").inner_text()
