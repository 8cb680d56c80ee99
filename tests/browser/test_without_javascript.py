"""Everything works with JavaScript off: browsing, the elderly-mode switch, the language switch."""

import pytest

from .conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


@pytest.fixture
def no_js_page(browser, portal):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_elderly_switch_works_without_javascript(no_js_page, portal):
    page = no_js_page
    page.goto(portal.url + "/weihai/enterprise/scenarios/1.1/")

    with page.expect_navigation():
        page.get_by_role("button", name="长辈版").click()
    on = page.locator("body.app-page--elderly").count()
    with page.expect_navigation():
        page.get_by_role("button", name="退出长辈版").click()

    assert on == 1
    assert page.locator("body.app-page--elderly").count() == 0
    assert page.url == portal.url + "/weihai/enterprise/scenarios/1.1/"


def test_language_switch_and_navigation_work_without_javascript(no_js_page, portal):
    page = no_js_page
    page.goto(portal.url + "/weihai/enterprise/items/2/")

    page.get_by_role("link", name="English").click()
    english_url, english_lang = page.url, page.locator("html").get_attribute("lang")
    page.get_by_role("link", name="Next step").click()

    assert english_url == portal.url + "/en/weihai/enterprise/items/2/"
    assert english_lang == "en"
    assert page.url == portal.url + "/en/weihai/enterprise/items/3/"


def test_print_button_needs_javascript_so_it_is_hidden_without_it(no_js_page, portal):
    page = no_js_page
    page.goto(portal.url + "/weihai/enterprise/scenarios/1.1/")

    assert page.locator("[data-js-print]").is_hidden()
