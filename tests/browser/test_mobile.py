"""A 360 px wide phone: nothing scrolls sideways, every tap target is at least 44 px, the navigation wraps."""

import pytest

from .conftest import BROWSER_TEST, PAGES

pytestmark = BROWSER_TEST

PHONE = {"width": 360, "height": 740}
TAP_TARGET = 44

# Besides one page of each type, the real catalog's longest names: an item name of 39
# characters, and the scenario with the most items (15).
PHONE_PAGES = {
    **PAGES,
    "longest-item-name": "/weihai/personal/items/80/",
    "longest-scenario": "/weihai/enterprise/scenarios/2.2/",
    # English words are longer than Chinese characters and break only at spaces.
    "english-compare": "/en/weihai/personal/compare/county/",
    "english-search": "/en/search/?q=passport",
}

# Every visible link, button and form field, with its size: [selector, text, width, height].
TARGETS_JS = """() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
    .filter(el => !el.classList.contains('app-skip-link'))
    .map(el => {
        const box = el.getBoundingClientRect();
        const name = el.tagName.toLowerCase() + '.' + el.className;
        return [name, el.textContent.trim().slice(0, 20), box.width, box.height];
    })"""


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.mark.parametrize("mode", ["normal", "elderly"])
@pytest.mark.parametrize("name", PHONE_PAGES)
def test_nothing_scrolls_sideways_on_a_360px_screen(phone, open_page, name, mode):
    page = open_page(PHONE_PAGES[name], mode)

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("mode", ["normal", "elderly"])
@pytest.mark.parametrize("name", PHONE_PAGES)
def test_every_tap_target_is_at_least_44px_on_a_phone(phone, open_page, name, mode):
    page = open_page(PHONE_PAGES[name], mode)

    targets = page.evaluate(TARGETS_JS)
    small = [target for target in targets if min(target[2], target[3]) < TAP_TARGET - 0.5]

    assert len(targets) >= 10
    assert small == [], f"tap targets under {TAP_TARGET}px on {name} ({mode})"


@pytest.mark.parametrize("mode", ["normal", "elderly"])
def test_navigation_wraps_inside_the_screen_on_a_phone(phone, open_page, mode):
    page = open_page("item", mode)

    boxes = page.locator(".app-site-nav__link, .app-header__tool, .app-header__brand").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect()).map(b => [b.left, b.right])"
    )

    assert len(boxes) == 6  # brand, language, elderly switch, three sections
    assert all(left >= 0 and right <= PHONE["width"] for left, right in boxes)
