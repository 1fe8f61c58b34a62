"""Answering with a keyboard only, errors that say where they are, Enter that stays put, and a chosen
level that forced-colours mode still shows."""

from __future__ import annotations

import re

from flask import Flask

from ..assess.test_walkthrough import questionnaire
from .conftest import axe_violations, shot

ACTIVE = (
    "(() => { const e = document.activeElement; return [e.tagName, e.type || '', e.name || '', e.value || '',"
    " e.id || '', (e.textContent || '').trim().slice(0, 60)]; })()"
)


def active(page):  # type: ignore[no-untyped-def]
    return page.evaluate(ACTIVE)


def tab_until(page, wanted, limit: int = 60):  # type: ignore[no-untyped-def]
    """Press Tab until the focused element satisfies `wanted`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = active(page)
        if wanted(element):
            return element
    raise AssertionError(f"never reached the element; last focus {active(page)}")


def choose_level_by_keyboard(page, field: str, level: str) -> None:  # type: ignore[no-untyped-def]
    """Tab into a question's radio group, then use the arrow keys until `level` is checked."""
    element = tab_until(page, lambda e: e[1] == "radio" and e[2] == f"{field}-level")
    if element[3] == "" or not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    for _ in range(8):
        if page.evaluate("document.activeElement.value") == level:
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"could not reach level {level} for {field}")


def test_whole_iso_9001_with_the_keyboard_only(page, base_url: str, live_app: Flask) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/start")
    tab_until(page, lambda e: e[4] == "organisation")
    page.keyboard.type("Keyboard Only Ltd")
    tab_until(page, lambda e: e[1] == "checkbox" and e[3] == "iso9001-2015")
    page.keyboard.press("Space")
    tab_until(page, lambda e: e[0] == "BUTTON" and "Create assessment" in e[5])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/a/[A-Za-z0-9_-]{43}$"))
    tab_until(page, lambda e: e[0] == "A" and e[5] in ("Begin", "Continue"))
    page.keyboard.press("Enter")
    for index, section in enumerate(questionnaire(live_app, "iso9001-2015").pages):
        page.wait_for_url(re.compile(rf"/s/{re.escape(section.id)}$"))
        for entry in section.entries:
            choose_level_by_keyboard(page, entry.field_name, "3")
        label = (
            "Save and continue"
            if index + 1 < len(questionnaire(live_app, "iso9001-2015").pages)
            else "Save and see results"
        )
        tab_until(page, lambda e, label=label: e[0] == "BUTTON" and e[5].startswith(label), limit=200)
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/results$"))
    assert page.inner_text(".verdict-headline") == "Ready for stage 2"
    shot(page, "keyboard-walk-results")


def test_error_summary_takes_focus_and_links_to_the_field(page, base_url: str, seeded: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/a/{seeded['empty']}/s/8")
    radio = page.locator('input[type="radio"][value="na"]').first
    field = radio.get_attribute("name").removesuffix("-level")  # type: ignore[union-attr]
    radio.check()
    page.get_by_role("button", name=re.compile("^Save and continue")).last.click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    summary_link = page.locator(".error-summary a").first
    target = summary_link.get_attribute("href")
    assert target == f"#{field}-reason"
    reason = page.locator(target)
    assert reason.get_attribute("aria-invalid") == "true"
    message_id = reason.get_attribute("aria-describedby")
    assert message_id and "reason it does not apply" in page.locator(f"#{message_id.split()[0]}").inner_text()
    summary_link.click()
    assert page.evaluate("document.activeElement.id") == f"{field}-reason"
    shot(page, "error-summary")
    assert axe_violations(page) == []


def test_enter_in_a_text_field_saves_and_continues_never_jumps_to_another_section(  # type: ignore[no-untyped-def]
    page, base_url: str, seeded: dict[str, str]
) -> None:
    page.goto(f"{base_url}/a/{seeded['empty']}/s/8")
    radio = page.locator('input[type="radio"][value="na"]').first
    field = radio.get_attribute("name").removesuffix("-level")  # type: ignore[union-attr]
    radio.check()
    page.locator(f"#{field}-reason").fill("We design nothing: we make to customer drawings")
    page.locator(f"#{field}-reason").press("Enter")
    page.wait_for_url(re.compile(r"/s/9$"))  # the page after 8, as "Save and continue" does
    page.goto(f"{base_url}/a/{seeded['empty']}/s/8")
    assert page.locator(f'input[name="{field}-level"][value="na"]').is_checked()


def test_chosen_level_visible_in_forced_colours(page, base_url: str, seeded: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(forced_colors="active")
    page.goto(f"{base_url}/a/{seeded['quality']}/s/4")
    checked = page.locator('input[type="radio"]:checked').first
    assert checked.evaluate("e => getComputedStyle(e).opacity") == "1"
    box = checked.bounding_box()
    assert box and box["width"] >= 10 and box["height"] >= 10
    border = checked.evaluate("e => getComputedStyle(e.nextElementSibling).borderTopWidth")
    assert float(border.removesuffix("px")) >= 3
    shot(page, "forced-colours-question")


def test_focus_ring_has_contrast_on_a_chosen_level(page, base_url: str, seeded: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/a/{seeded['quality']}/s/4")
    checked = page.locator('input[type="radio"]:checked').first
    checked.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement.nextElementSibling);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; })()"
    )
    assert style[0] == "solid" and float(style[1].removesuffix("px")) >= 3
    assert style[2] in ("rgb(31, 42, 55)",)  # --focus, 14:1 on white
