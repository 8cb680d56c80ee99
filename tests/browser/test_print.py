"""A scenario prints as a checklist: no navigation, every step with its departments and a tick box, the address."""

import pytest

from .conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


@pytest.fixture
def printed(open_page):
    page = open_page("scenario")
    page.emulate_media(media="print")
    return page


def test_printed_scenario_leaves_out_navigation_and_switches(printed):
    for selector in (
        ".app-site-nav",
        ".app-search-box",
        ".app-header__tools",
        ".app-breadcrumbs",
        ".app-skip-link",
        "[data-js-print]",
        ".app-pagination",
    ):
        assert printed.locator(selector).is_hidden(), selector


def test_printed_scenario_has_a_tick_box_and_the_departments_for_every_step(printed):
    steps = printed.locator(".app-step-nav__step")

    assert steps.count() == 7  # 1.1 企业开办 in the notice
    for index in range(steps.count()):
        step = steps.nth(index)
        box = step.locator(".app-step-nav__tick").bounding_box()
        assert box and box["width"] >= 10 and box["height"] >= 10
        assert step.get_by_text("牵头部门").is_visible()


def test_printed_scenario_shows_the_page_address(printed, portal):
    address = printed.locator(".app-footer__address")

    assert address.is_visible()
    assert portal.url + "/weihai/enterprise/scenarios/1.1/" in address.inner_text()


def test_print_button_opens_the_print_dialog(open_page):
    page = open_page("scenario")
    page.evaluate("window.print = () => { window.printed = true; }")

    page.get_by_role("button", name="打印办事清单").click()

    assert page.evaluate("window.printed") is True
