"""Site-wide guards: migrations, every page type's structure, error pages."""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import resolve
from pytest_django.asserts import assertContains, assertTemplateUsed

from portal.views import server_error
from tests.factories import make_catalog

pytestmark = pytest.mark.django_db

PAGE_TYPES = {
    "home",
    "lifecycle:jurisdiction",
    "lifecycle:lifecycle",
    "lifecycle:stage",
    "lifecycle:scenario",
    "catalog:item",
    "catalog:departments",
    "catalog:department",
    "catalog:downloads",
}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        href = attrs.get("href")
        # The language switch (hreflang) leads to the same pages in English: tests/test_i18n.py crawls those.
        # Files (download) and the JSON API are not pages: tests/test_downloads.py and tests/api/ cover them.
        if (
            tag == "a"
            and href
            and href.startswith("/")
            and not href.startswith(("/static/", "/api/"))
            and "hreflang" not in attrs
            and "download" not in attrs
        ):
            self.hrefs.append(href.split("#")[0])


def _crawl(client):
    """Every page reachable from the home page, as {path: response}."""
    seen, queue = {}, ["/"]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        response = seen[path] = client.get(path)
        links = _Links()
        links.feed(response.content.decode())
        queue.extend(href for href in links.hrefs if href not in seen)
    return seen


@pytest.fixture
def crawled(client):
    make_catalog(stages=2, scenarios_per_stage=2, items_per_scenario=2)
    return _crawl(client)


def test_no_migrations_are_pending(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_crawl_from_the_home_page_reaches_every_page_type(crawled):
    assert {resolve(path).view_name for path in crawled} == PAGE_TYPES


def test_every_page_answers_200_with_exactly_one_h1(crawled):
    for path, response in crawled.items():
        assert response.status_code == 200, path
        assert response.content.decode().count("<h1") == 1, path


def test_every_page_has_language_landmarks_and_a_skip_link_to_main(crawled):
    for path, response in crawled.items():
        html = response.content.decode()
        assert '<html lang="zh-Hans">' in html, path
        assert '<a class="app-skip-link" href="#main-content">' in html, path
        assert re.search(r'<main [^>]*id="main-content"', html), path
        for landmark in ("<header", "<footer", '<nav class="app-breadcrumbs"'):
            assert landmark in html, (path, landmark)


def test_pages_have_no_inline_script_or_style(crawled):
    # The portal will ship a strict Content-Security-Policy.
    for path, response in crawled.items():
        html = response.content.decode()
        # JSON-LD (type="application/ld+json") is a data block that never runs: CSP allows it.
        assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))", html), path
        assert "<style" not in html, path
        assert not re.search(r"\sstyle=", html), path
        assert not re.search(r"\son[a-z]+=", html), path


def test_unknown_url_is_a_404_in_the_site_design_pointing_back_to_the_lifecycles(client, django_assert_num_queries):
    # No query: /weihai/nothing/here/ matches no URL pattern.
    with django_assert_num_queries(0):
        response = client.get("/weihai/nothing/here/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assertContains(response, "找不到页面", status_code=404)
    assertContains(response, 'class="app-header"', status_code=404)
    assertContains(response, "/static/css/portal.css", status_code=404)
    assertContains(response, 'href="/weihai/enterprise/"', status_code=404)
    assertContains(response, 'href="/weihai/personal/"', status_code=404)
    assertContains(response, "<h1", count=1, status_code=404)


def test_server_error_page_renders_without_request_context_or_queries(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert "系统出错" in html
    assert html.count("<h1") == 1
    assert "/static/css/portal.css" in html


def test_navigation_on_a_county_page_leads_only_to_pages_that_exist(client):
    call_command("load_catalog", stdout=StringIO())
    page = client.get("/county/personal/")
    assert page.status_code == 200
    links = set(re.findall(r'class="app-site-nav__link" href="([^"]+)"', page.text))
    assert links == {"/weihai/enterprise/", "/weihai/personal/", "/county/departments/"}
    assert all(client.get(link).status_code == 200 for link in links)
