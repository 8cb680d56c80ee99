"""The floor views bench/load.sh compares the portal's pages with (bench/urls.py).

Their ratios only mean something if each costs what its name says: the minimal view and the
portal's empty page touch no database, the one-query rung exactly one.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import urls as bench_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.urls")]


@pytest.fixture
def saved_page(tmp_path, monkeypatch):
    page = tmp_path / "item.html"
    page.write_bytes("<!DOCTYPE html><title>事项</title>".encode())
    monkeypatch.setenv("BENCH_PAGE_FILE", str(page))
    bench_urls._page.cache_clear()
    yield page
    bench_urls._page.cache_clear()


@pytest.mark.parametrize(
    ("path", "queries"),
    [("/bench/minimal/", 0), ("/bench/reference/", 0), ("/bench/one-query/", 1), ("/bench/empty-page/", 0)],
)
def test_floor_views_answer_with_the_queries_their_names_promise(client, saved_page, path, queries):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    assert len(captured) == queries


def test_minimal_view_answers_the_saved_bytes(client, saved_page):
    assert client.get("/bench/minimal/").content == saved_page.read_bytes()


def test_reference_page_lists_fifty_items(client):
    assert client.get("/bench/reference/").content.decode().count("<li>") == 50


def test_empty_page_is_the_portal_base_template(client):
    html = client.get("/bench/empty-page/").content.decode()
    assert 'class="app-header' in html and 'class="app-footer' in html
    assert 'id="main-content"' in html
