"""Elderly mode (长辈版): a switch on every page sets a cookie; the cookie turns on large type and high contrast."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_switching_on_sets_a_year_long_cookie_and_goes_back_to_the_page(client):
    response = client.post("/elderly-mode/", {"elderly": "1", "next": "/weihai/enterprise/?page=2"})

    assert response.status_code == 302
    assert response["Location"] == "/weihai/enterprise/?page=2"
    cookie = response.cookies["elderly"]
    assert cookie.value == "1"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_switching_off_deletes_the_cookie(client):
    client.cookies["elderly"] = "1"

    response = client.post("/elderly-mode/", {"elderly": "0", "next": "/en/weihai/"})

    assert response["Location"] == "/en/weihai/"
    assert response.cookies["elderly"].value == ""
    assert response.cookies["elderly"]["max-age"] == 0


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_switch_goes_home_instead_of_to_another_site(client, next_url):
    response = client.post("/elderly-mode/", {"elderly": "1", "next": next_url})

    assert response["Location"] == "/"


def test_switch_accepts_only_post(client):
    assert client.get("/elderly-mode/?elderly=1").status_code == 405


def test_switch_needs_no_csrf_token(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/elderly-mode/", {"elderly": "1", "next": "/"})

    assert response.status_code == 302


def test_every_page_has_the_switch_posting_back_to_itself(client, catalog):
    response = client.get("/weihai/enterprise/scenarios/1.1/")

    assertContains(response, '<form class="app-elderly-switch" action="/elderly-mode/" method="post">')
    assertContains(response, '<input type="hidden" name="next" value="/weihai/enterprise/scenarios/1.1/">')
    assertContains(response, 'name="elderly" value="1"')
    assertContains(response, "长辈版")
    assertNotContains(response, "app-page--elderly")


def test_cookie_switches_the_page_to_elderly_mode_without_extra_queries(client, django_assert_num_queries, catalog):
    client.cookies["elderly"] = "1"

    # The scenario page's five queries (tests/lifecycle/test_pages.py); the cookie adds none.
    with django_assert_num_queries(5):
        response = client.get("/weihai/enterprise/scenarios/1.1/")

    assertContains(response, '<body class="app-page app-page--elderly ')
    assertContains(response, 'name="elderly" value="0"')
    assertContains(response, "退出长辈版")


def test_404_and_english_pages_have_the_switch_too(client, db):
    client.cookies["elderly"] = "1"

    not_found = client.get("/weihai/nothing/")
    english = client.get("/en/weihai/nothing/")

    assertContains(not_found, "app-page--elderly", status_code=404)
    assertContains(english, "Standard text", status_code=404)
