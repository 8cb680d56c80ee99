"""portal.reversing: remembered URLs are the URLs reverse() builds, in every language and prefix."""

from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import clear_script_prefix, path, reverse, set_script_prefix
from django.utils import translation

from portal.reversing import cached_reverse

ROOT = Path(__file__).resolve().parent.parent

URLS = [
    ("home", ()),
    ("lifecycle:lifecycle", ("weihai", "enterprise")),
    ("lifecycle:scenario", ("weihai", "personal", "10.2")),
    ("catalog:item", ("county", "personal", 113)),
    ("catalog:department", ("weihai", "市人力资源社会保障局")),
    ("catalog:department", ("weihai", "A&B 部门 100%?#")),
    ("catalog:search", ()),
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_remembered_url_is_what_reverse_builds_in_each_language(language):
    with translation.override(language):
        for viewname, args in URLS:
            expected = reverse(viewname, args=args)
            assert cached_reverse(viewname, *args) == expected
            assert cached_reverse(viewname, *args) == expected  # and again, from memory
    with translation.override("en"):
        assert cached_reverse("home") == "/en/"
    assert cached_reverse("home") == "/"


def test_a_remembered_url_follows_the_script_prefix():
    assert cached_reverse("catalog:search") == "/search/"
    set_script_prefix("/portal/")
    try:
        assert cached_reverse("catalog:search") == "/portal/search/"
    finally:
        clear_script_prefix()
    assert cached_reverse("catalog:search") == "/search/"


def _other_page(request):
    raise AssertionError("never requested")


urlpatterns = [path("elsewhere/", _other_page, name="home")]


def test_remembered_urls_are_forgotten_when_the_urlconf_changes():
    assert cached_reverse("home") == "/"
    with override_settings(ROOT_URLCONF=__name__):
        assert cached_reverse("home") == "/elsewhere/"
    assert cached_reverse("home") == "/"


def test_public_templates_build_urls_with_page_url():
    # {% url %} reverses on every render; the admin's own templates keep it.
    public = [p for p in (ROOT / "templates").rglob("*.html") if "admin" not in p.relative_to(ROOT / "templates").parts]
    assert public
    assert [str(p) for p in public if "{% url " in p.read_text()] == []
