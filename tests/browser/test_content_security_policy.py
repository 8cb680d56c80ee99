"""The strict Content-Security-Policy in real Chromium: no page breaks it, and the admin works under its own.

The other browser tests bypass the policy (to inject axe-core); these open pages in a context
that enforces it, and collect every violation Chromium reports.
"""

import pytest
from django.contrib.auth.models import User

from .conftest import BROWSER_TEST, PAGES

pytestmark = BROWSER_TEST

PASSWORD = "csp-test-password-1"

# Every violation, as the page's securitypolicyviolation events (the init script runs
# before the page's own, and Playwright's injection is not subject to the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
    window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""


@pytest.fixture
def strict_page(browser):
    """A page that enforces the CSP; `page.violations` lists what Chromium refused."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))

    def violations():
        reported = page.evaluate("window.__cspViolations || []")
        return reported + [text for text in console if "Content Security Policy" in text]

    page.violations = violations
    yield page
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_page_breaks_the_content_security_policy(strict_page, portal, name):
    response = strict_page.goto(portal.url + PAGES[name])

    assert "default-src 'self'" in response.headers["content-security-policy"]
    strict_page.wait_for_load_state("load")
    assert strict_page.violations() == [], name


def test_the_pages_own_script_runs_under_the_policy(strict_page, portal):
    strict_page.goto(portal.url + PAGES["scenario"])

    # portal.js shows the print button, hidden in the HTML.
    assert strict_page.locator("[data-js-print]").is_visible()
    assert strict_page.violations() == []


def test_the_policy_is_enforced_inline_script_does_not_run(strict_page, portal):
    strict_page.goto(portal.url + PAGES["home"])

    # An inline script, as an attacker's injected markup would be: refused, never run.
    strict_page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true';
                   document.body.append(s); }"""
    )

    assert strict_page.evaluate("window.__ran === undefined")
    assert any("script-src" in violation for violation in strict_page.violations())


def test_json_ld_is_readable_and_breaks_no_rule(strict_page, portal):
    strict_page.goto(portal.url + PAGES["item-with-sub-items"])

    data = strict_page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )

    assert data["@type"] == "GovernmentService"
    assert data["name"] == "公司（企业）设立登记"
    assert strict_page.violations() == []


@pytest.fixture(scope="module")
def staff(portal, django_db_blocker):
    """A superuser in the live server's database (outside any test's transaction)."""
    with django_db_blocker.unblock():
        user = User.objects.create_superuser("csp-admin", password=PASSWORD)
    yield user
    with django_db_blocker.unblock():
        user.delete()


def test_the_admin_works_under_its_policy_with_no_script_refused(strict_page, portal, staff):
    strict_page.goto(portal.url + "/admin/login/")
    strict_page.fill("input[name=username]", "csp-admin")
    strict_page.fill("input[name=password]", PASSWORD)
    strict_page.click("input[type=submit]")
    strict_page.wait_for_url("**/admin/")

    # The item form: inlines, select2 autocompletes and the related-object widgets.
    response = strict_page.goto(portal.url + "/admin/catalog/item/1/change/")
    strict_page.wait_for_load_state("load")

    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    assert strict_page.locator(".select2-container").count() > 0  # the admin's scripts ran
    assert strict_page.violations() == []
