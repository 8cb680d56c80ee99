"""axe-core on every page type, in Chinese, in elderly mode and in English: no WCAG 2.1 A or AA violation."""

import pytest

from .conftest import BROWSER_TEST, MODES, PAGES, describe_violations, run_axe

pytestmark = BROWSER_TEST


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_21_aa_violations(open_page, axe_source, name, mode):
    page = open_page(name, mode)

    violations = run_axe(page, axe_source)

    assert violations == [], f"{name} ({mode}):\n{describe_violations(violations)}"


@pytest.mark.parametrize("name", ["scenario", "item"])
def test_elderly_mode_sets_large_type_and_high_contrast(open_page, name):
    page = open_page(name, "elderly")

    style = page.evaluate(
        """() => {
            const body = getComputedStyle(document.body);
            const h1 = getComputedStyle(document.querySelector('h1'));
            return {body: parseFloat(body.fontSize), h1: parseFloat(h1.fontSize), colour: body.color};
        }"""
    )

    assert page.locator("body.app-page--elderly").count() == 1
    assert style["body"] >= 22  # 18px normally; at least 18px is the requirement
    assert style["h1"] >= 36
    assert style["colour"] == "rgb(0, 0, 0)"


def test_normal_mode_body_text_is_18px(open_page):
    page = open_page("scenario")

    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == 18
    assert page.locator("body.app-page--elderly").count() == 0
