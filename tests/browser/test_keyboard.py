"""Keyboard alone: the skip link, a visible focus on everything, the elderly-mode switch."""

import re

import pytest

from .conftest import BROWSER_TEST

pytestmark = BROWSER_TEST

FOCUSED_JS = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim(),
        elderlySwitch: el.hasAttribute('data-js-elderly-switch'),
        outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
        background: style.backgroundColor,
        visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight,
    };
}"""


def _focused(page):
    return page.evaluate(FOCUSED_JS)


def _tab_to_elderly_switch(page, limit=10):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page)["elderlySwitch"]:
            return
    pytest.fail("the elderly-mode switch is not reachable with Tab")


@pytest.mark.parametrize("mode", ["normal", "elderly", "english"])
def test_first_tab_shows_the_skip_link_and_enter_moves_focus_to_the_main_content(open_page, mode):
    page = open_page("scenario", mode)

    page.keyboard.press("Tab")
    skip = _focused(page)
    page.keyboard.press("Enter")
    target = _focused(page)
    page.keyboard.press("Tab")
    after = page.evaluate("document.activeElement.closest('main') !== null")

    assert skip["tag"] == "a" and skip["visible"], skip
    assert skip["text"] == {"english": "Skip to main content"}.get(mode, "跳到主要内容")
    assert target["id"] == "main-content"
    assert page.url.endswith("#main-content")
    assert after, "the Tab after the skip link should land inside <main>"


def test_every_element_tab_reaches_has_a_visible_focus_style(open_page):
    page = open_page("item")

    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["tag"] == "body":
            break
        seen.append(focused)

    assert len(seen) > 20
    for focused in seen:
        # A solid outline at least 3px wide, whatever the element; links also turn yellow.
        assert focused["outline"] == "solid" and focused["outlineWidth"] >= 3, focused
        assert focused["visible"], focused
        if focused["tag"] == "a":
            assert focused["background"] == "rgb(255, 204, 0)", focused


def test_elderly_mode_turns_on_and_off_by_keyboard_and_stays_on_the_same_page(open_page, portal):
    page = open_page("item")

    _tab_to_elderly_switch(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    on_url = page.url
    on_cookie = {c["name"]: c["value"] for c in page.context.cookies()}.get("elderly")
    on = page.locator("body.app-page--elderly").count()

    _tab_to_elderly_switch(page)
    with page.expect_navigation():
        page.keyboard.press("Space")
    off = page.locator("body.app-page--elderly").count()
    off_cookie = {c["name"]: c["value"] for c in page.context.cookies()}.get("elderly")

    assert on_url == portal.url + "/weihai/enterprise/items/2/"
    assert on == 1 and on_cookie == "1"
    assert off == 0 and off_cookie is None
    assert re.search(r"/weihai/enterprise/items/2/$", page.url)


def test_elderly_mode_persists_across_pages(open_page, portal):
    page = open_page("item")
    _tab_to_elderly_switch(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto(portal.url + "/weihai/departments/")

    assert page.locator("body.app-page--elderly").count() == 1
