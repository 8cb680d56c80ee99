"""Browser tests: Debian's Chromium driven by Playwright against a live server on the real catalog.

Needs /usr/bin/chromium (CHROMIUM overrides the path), fonts-noto-cjk, and axe-core in
node_modules/ (`npm ci`); `.ci/run` and `make setup` install them. Every test here is marked
`browser`: `pytest -m "not browser"` runs the rest of the suite without a browser.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from pytest_django.live_server_helper import LiveServer

from .chromium import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in the test thread; Django refuses database
# calls from a thread with a running loop unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# One page of each type, on the real catalog (load_catalog: fixtures/weihai.json and county.json).
PAGES = {
    "home": "/",
    "jurisdiction": "/weihai/",
    "lifecycle": "/weihai/personal/",
    "stage": "/weihai/enterprise/stages/2/",
    "scenario": "/weihai/enterprise/scenarios/1.1/",
    "item": "/weihai/enterprise/items/2/",
    "item-with-sub-items": "/weihai/enterprise/items/1/",
    "departments": "/weihai/departments/",
    "department": "/weihai/departments/市市场监管局/",
    "search": "/search/?q=社保",
    "compare": "/weihai/personal/compare/county/",
    "downloads": "/downloads/",
    "404": "/weihai/no-such-page/",
}

# Every browser test's marks. django_db makes pytest-django create the test database (it
# creates only those some collected test asks for); each test's transaction is left unused,
# as the pages are read through the live server.
BROWSER_TEST = [pytest.mark.browser, pytest.mark.django_db]

# How a page is shown: the interface language's path prefix and whether elderly mode is on.
MODES = {"normal": ("", False), "elderly": ("", True), "english": ("/en", False)}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM).")
    # Debian's Chromium, not a Playwright download (`playwright install` is never run).
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session", autouse=True)
def _database_connections_closed_before_playwright_stops(playwright):
    """Close the database connections the tests opened while Playwright ran, before it stops.

    Playwright's sync API keeps an event loop running in the main thread, and while one runs
    Django keeps its connections per context (asgiref's Local), not per thread: every test
    from the first browser test on gets connections of its own, which the test database's
    teardown, after Playwright has stopped, no longer sees, so PostgreSQL refused to drop the
    database ("being accessed by other users"). Set up after Playwright, torn down before it.
    """
    yield
    connections.close_all()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_PATH.exists():
        pytest.fail(f"No {AXE_PATH.relative_to(ROOT)}: run `npm ci` (make setup does).")
    return AXE_PATH.read_text()


@pytest.fixture(scope="package")
def portal(django_db_setup, django_db_blocker):
    """A live server on the real catalog, loaded once for all the browser tests.

    Not pytest-django's live_server: that one empties the database after every test, and
    reloading the catalog for each would cost a second a test. The pages only read, so one
    load serves them all; the catalog is flushed again when the browser tests are done.
    """
    with django_db_blocker.unblock():
        call_command("load_catalog", stdout=StringIO())
        server = LiveServer("127.0.0.1")
        try:
            yield server
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def open_page(page, portal):
    """Open a page in a mode: open_page("scenario", "elderly") or open_page("/weihai/", "english")."""

    def open_(name_or_path, mode="normal"):
        prefix, elderly = MODES[mode]
        if elderly:
            page.context.add_cookies([{"name": "elderly", "value": "1", "url": portal.url}])
        path = PAGES.get(name_or_path, name_or_path)
        page.goto(portal.url + prefix + path)
        return page

    return open_


def run_axe(page, axe_source):
    """axe-core's WCAG 2.0 and 2.1 A and AA rules on the page; returns the violations."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"
    )
    return result["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"][:5])
    return "\n".join(lines)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; the strict Content-Security-Policy the portal will
    # ship must not stop the test from checking the page.
    return {**browser_context_args, "bypass_csp": True}
