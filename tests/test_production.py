"""Running as a service: /healthz, the 503 page with the database down, the page cache and its invalidation,
conditional GET, and public pages that stay publicly cacheable."""

from io import StringIO
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from catalog.importing import catalog_import, current_list
from catalog.models import Item
from lifecycle.models import Lifecycle
from portal.redis_cache import PooledRedisCache
from portal.settings.base import cache_from_url
from tests.factories import make_catalog

pytestmark = pytest.mark.django_db

ITEM_PAGE = "/weihai/enterprise/items/1/"
SCENARIO_PAGE = "/weihai/enterprise/scenarios/1.1/"

# One page of each public type, and the search page.
PUBLIC_PAGES = [
    "/",
    "/weihai/",
    "/weihai/enterprise/",
    "/weihai/enterprise/stages/1/",
    SCENARIO_PAGE,
    ITEM_PAGE,
    "/weihai/departments/",
    "/weihai/departments/市公安局/",
    "/search/?q=事项",
    "/api/search/?q=事项",
]


@pytest.fixture
def weihai(db):
    return make_catalog(stages=1, scenarios_per_stage=1, items_per_scenario=3)


def database_down():
    """Every query fails as it does when PostgreSQL cannot be reached."""
    return mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("connection refused (test)"))


def cache_down():
    """The cache fails as Redis does when it cannot be reached."""
    cache = caches["default"]
    error = ConnectionError("cache refused (test)")
    return mock.patch.multiple(
        cache,
        get=mock.Mock(side_effect=error),
        get_many=mock.Mock(side_effect=error),
        set=mock.Mock(side_effect=error),
        add=mock.Mock(side_effect=error),
    )


def rename_in_admin(admin_client, item, name, django_capture_on_commit_callbacks):
    data = {
        "lifecycle": item.lifecycle_id,
        "scenario": item.scenario_id,
        "number": item.number,
        "name": name,
        "item_type": item.item_type,
        "level_note": item.level_note,
        "subitems-TOTAL_FORMS": 0,
        "subitems-INITIAL_FORMS": 0,
        "responsibilities-TOTAL_FORMS": 0,
        "responsibilities-INITIAL_FORMS": 0,
    }
    # The new catalog version starts when the admin's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:catalog_item_change", args=[item.pk]), data)
    assert response.status_code == 302


# -- /healthz ------------------------------------------------------------------------------


def test_healthz_answers_200_when_the_database_and_the_cache_answer(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, db):
    with database_down():
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


def test_healthz_answers_503_when_the_cache_is_down(client, db):
    with cache_down():
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_healthz_is_never_kept(client, db, django_assert_num_queries):
    client.get("/healthz")

    # SELECT 1, again: the second answer is not a kept copy.
    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200


# -- the database down ---------------------------------------------------------------------


def test_with_the_database_down_a_page_is_the_503_page_in_the_site_design(client, weihai):
    with database_down():
        response = client.get(ITEM_PAGE)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assertTemplateUsed(response, "503.html")
    assertContains(response, "服务暂时不可用，请稍后再试", status_code=503)
    assertContains(response, 'class="app-header"', status_code=503)
    assertContains(response, "/static/css/portal.css", status_code=503)
    assertContains(response, "<h1", count=1, status_code=503)
    assertNotContains(response, "Traceback", status_code=503)
    assertNotContains(response, "OperationalError", status_code=503)


def test_the_503_page_keeps_the_language_and_elderly_mode(client, weihai):
    client.cookies["elderly"] = "1"

    with database_down():
        response = client.get("/en/weihai/enterprise/")

    assertContains(response, '<html lang="en">', status_code=503)
    assertContains(response, "The service is temporarily unavailable", status_code=503)
    assertContains(response, "app-page--elderly", status_code=503)


@pytest.mark.parametrize("path", ["/api/items/", "/api/search/?q=出生", "/api/departments/1/"])
def test_with_the_database_down_the_api_answers_json(client, weihai, path):
    with database_down():
        response = client.get(path, HTTP_ORIGIN="https://data.example.org")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {"detail": "服务暂时不可用，请稍后再试。"}


def test_with_the_database_down_a_page_in_the_cache_is_still_served(client, weihai):
    client.get(ITEM_PAGE)

    with database_down():
        response = client.get(ITEM_PAGE)

    assert response.status_code == 200
    assertContains(response, "事项1")


# -- the page cache ------------------------------------------------------------------------


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_the_second_request_for_a_public_page_is_answered_from_the_cache(
    client, weihai, path, django_assert_num_queries
):
    first = client.get(path)

    with django_assert_num_queries(0):
        second = client.get(path)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_set_no_cookies_and_may_be_kept_by_shared_caches(client, weihai, path):
    for response in (client.get(path), client.get(f"/en{path}" if not path.startswith("/api/") else path)):
        assert response.status_code == 200
        assert not response.cookies, path
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=10"
        # The elderly-mode cookie changes the page.
        assert "Cookie" in response["Vary"]
        assert response.has_header("ETag") and response.has_header("Last-Modified")


def test_the_cache_keeps_the_elderly_and_the_standard_page_apart(client, weihai):
    standard = client.get(ITEM_PAGE)
    client.cookies["elderly"] = "1"
    elderly = client.get(ITEM_PAGE)
    del client.cookies["elderly"]
    standard_again = client.get(ITEM_PAGE)

    assertNotContains(standard, "app-page--elderly")
    assertContains(elderly, "app-page--elderly")
    assertNotContains(standard_again, "app-page--elderly")


def test_the_cache_keeps_the_languages_apart_and_the_browser_language_changes_nothing(client, weihai):
    chinese = client.get(ITEM_PAGE, headers={"accept-language": "en"})
    english = client.get(f"/en{ITEM_PAGE}")
    chinese_again = client.get(ITEM_PAGE)

    assertContains(chinese, '<html lang="zh-Hans">')
    assertContains(english, '<html lang="en">')
    assert chinese_again.content == chinese.content


def test_an_edit_in_the_admin_shows_on_the_next_request(
    client, admin_client, weihai, django_capture_on_commit_callbacks
):
    item = Item.objects.get(lifecycle__kind="enterprise", number=1)
    english_page = f"/en{ITEM_PAGE}"
    client.get(ITEM_PAGE)
    client.get(english_page)
    client.get(SCENARIO_PAGE)

    rename_in_admin(admin_client, item, "公司设立登记（新）", django_capture_on_commit_callbacks)

    assertContains(client.get(ITEM_PAGE), "公司设立登记（新）")
    assertContains(client.get(english_page), "公司设立登记（新）")
    assertContains(client.get(SCENARIO_PAGE), "公司设立登记（新）")


def test_a_delete_in_the_admin_shows_on_the_next_request(
    client, admin_client, weihai, django_capture_on_commit_callbacks
):
    item = Item.objects.get(lifecycle__kind="enterprise", number=1)
    assert client.get(ITEM_PAGE).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:catalog_item_delete", args=[item.pk]), {"post": "yes"})

    assert client.get(ITEM_PAGE).status_code == 404


def test_an_import_shows_on_the_next_request(client, weihai, django_capture_on_commit_callbacks):
    parsed = current_list(weihai, Lifecycle.Kind.ENTERPRISE)
    parsed.stages[0].scenarios[0].items[0].name = "导入后的新名称"
    client.get(ITEM_PAGE)

    with django_capture_on_commit_callbacks(execute=True):
        catalog_import(jurisdiction=weihai, parsed=parsed, source_name="weihai.xlsx", user_name="test")

    assertContains(client.get(ITEM_PAGE), "导入后的新名称")


def test_a_dry_run_import_keeps_the_cache(
    client, weihai, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client.get(ITEM_PAGE)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        catalog_import(jurisdiction=weihai, parsed=current_list(weihai, Lifecycle.Kind.ENTERPRISE), dry_run=True)

    assert callbacks == []
    with django_assert_num_queries(0):
        client.get(ITEM_PAGE)


def test_invalidate_page_cache_command_starts_a_new_version(client, weihai, django_capture_on_commit_callbacks):
    client.get(ITEM_PAGE)
    Item.objects.filter(lifecycle__kind="enterprise", number=1).update(name="用 SQL 改的名称")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("invalidate_page_cache", stdout=StringIO())

    assertContains(client.get(ITEM_PAGE), "用 SQL 改的名称")


def test_signed_in_staff_always_get_fresh_pages(admin_client, weihai):
    with CaptureQueriesContext(connection) as first:
        admin_client.get(ITEM_PAGE)
    with CaptureQueriesContext(connection) as second:
        admin_client.get(ITEM_PAGE)

    assert len(second) == len(first) > 0


def test_admin_pages_and_posts_are_never_kept(client, weihai):
    client.get("/admin/login/")
    again = client.get("/admin/login/")
    assertTemplateUsed(again, "admin/login.html")
    # The elderly switch answers every POST itself.
    assert client.post("/elderly-mode/", {"elderly": "1", "next": "/"}).cookies["elderly"].value == "1"
    assert client.post("/elderly-mode/", {"elderly": "1", "next": "/"}).cookies["elderly"].value == "1"


def test_not_found_pages_are_not_kept(client, weihai, django_assert_num_queries):
    client.get("/weihai/enterprise/items/999/")

    with django_assert_num_queries(1):  # the item lookup, again
        response = client.get("/weihai/enterprise/items/999/")

    assert response.status_code == 404


def test_with_the_cache_down_pages_are_built_from_the_database(client, weihai):
    with cache_down():
        response = client.get(ITEM_PAGE)

    assert response.status_code == 200
    assertContains(response, "事项1")


# -- conditional GET -----------------------------------------------------------------------


def test_a_browser_with_the_current_page_gets_304_from_its_etag(client, weihai, django_assert_num_queries):
    first = client.get(ITEM_PAGE)

    with django_assert_num_queries(0):
        revalidated = client.get(ITEM_PAGE, headers={"if-none-match": first["ETag"]})

    assert revalidated.status_code == 304
    assert revalidated.content == b""


def test_a_browser_with_the_current_page_gets_304_from_its_date(client, weihai):
    first = client.get(ITEM_PAGE)

    revalidated = client.get(ITEM_PAGE, headers={"if-modified-since": first["Last-Modified"]})

    assert revalidated.status_code == 304


def test_after_an_edit_the_old_etag_gets_the_new_page(client, admin_client, weihai, django_capture_on_commit_callbacks):
    first = client.get(ITEM_PAGE)
    item = Item.objects.get(lifecycle__kind="enterprise", number=1)

    rename_in_admin(admin_client, item, "公司设立登记（新）", django_capture_on_commit_callbacks)
    response = client.get(ITEM_PAGE, headers={"if-none-match": first["ETag"]})

    assert response.status_code == 200
    assertContains(response, "公司设立登记（新）")


def test_the_elderly_page_has_its_own_etag(client, weihai):
    standard = client.get(ITEM_PAGE)
    client.cookies["elderly"] = "1"

    elderly = client.get(ITEM_PAGE, headers={"if-none-match": standard["ETag"]})

    assert elderly.status_code == 200
    assert elderly["ETag"] != standard["ETag"]


# -- configuration -------------------------------------------------------------------------


def test_redis_and_locmem_urls_choose_the_cache_backend():
    assert cache_from_url("redis://127.0.0.1:6379/1")["BACKEND"] == "portal.redis_cache.PooledRedisCache"
    assert cache_from_url("rediss://cache.example:6380/0")["LOCATION"] == "rediss://cache.example:6380/0"
    assert cache_from_url("locmem://")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    with pytest.raises(ImproperlyConfigured):
        cache_from_url("memcached://127.0.0.1:11211")


def test_the_redis_cache_reuses_its_client():
    # Making one costs a cached page a fifth of its time (portal/redis_cache.py); none connects yet.
    cache = PooledRedisCache("redis://127.0.0.1:6399/0", {})

    assert cache._cache.get_client() is cache._cache.get_client(write=True)
