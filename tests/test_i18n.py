"""The English interface: /en/ pages with every piece of chrome translated, catalog data left in Chinese."""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import resolve
from django.utils import translation
from pytest_django.asserts import assertContains

from tests.factories import make_catalog
from tests.test_site import PAGE_TYPES

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _EnglishPage(HTMLParser):
    """Collects the /en/ links, and any Chinese text or label that is not inside a lang="zh-Hans" element."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.untranslated = [], []
        self.stack = []  # (tag, lang)
        self.in_body = False

    @property
    def lang(self):
        return self.stack[-1][1] if self.stack else "en"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_body = True
        lang = attrs.get("lang", self.lang)
        if self.in_body and lang == "en":
            for name in ("aria-label", "placeholder", "title", "alt", "value"):
                if CJK.search(attrs.get(name) or "") and not (tag == "input" and attrs.get("type") == "hidden"):
                    self.untranslated.append(f"<{tag} {name}={attrs[name]!r}>")
        href = attrs.get("href") or ""
        if tag == "a" and href.startswith("/en/") and "hreflang" not in attrs and "download" not in attrs:
            self.hrefs.append(href.split("#")[0])
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        # A <script> holds data, not text (the item page's JSON-LD, in the catalog's Chinese).
        in_script = bool(self.stack) and self.stack[-1][0] == "script"
        if self.in_body and self.lang == "en" and CJK.search(data) and not in_script:
            self.untranslated.append(data.strip())


def _crawl_english(client):
    seen, queue = {}, ["/en/"]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        parser = _EnglishPage()
        parser.feed(response.content.decode())
        seen[path] = (response, parser)
        queue.extend(href for href in parser.hrefs if href not in seen)
    return seen


@pytest.fixture
def english_site(client):
    make_catalog(stages=2, scenarios_per_stage=2, items_per_scenario=2)
    return _crawl_english(client)


def test_english_crawl_reaches_every_page_type(english_site):
    with translation.override("en"):
        view_names = {resolve(path).view_name for path in english_site}

    assert view_names >= PAGE_TYPES


def test_every_english_page_answers_200_in_english_with_one_h1(english_site):
    for path, (response, _parser) in english_site.items():
        html = response.content.decode()
        assert response.status_code == 200, path
        assert '<html lang="en">' in html, path
        assert html.count("<h1") == 1, path
        assert "Skip to main content" in html, path


def test_english_pages_translate_all_chrome_and_mark_chinese_data_as_chinese(english_site):
    # Chinese is allowed only inside an element marked lang="zh-Hans" (catalog data, WCAG 3.1.2).
    untranslated = {
        path: parser.untranslated for path, (_response, parser) in english_site.items() if parser.untranslated
    }

    assert untranslated == {}


def test_english_404_is_in_english_and_points_back_to_the_english_lifecycles(client):
    response = client.get("/en/weihai/nothing/here/")

    assertContains(response, '<html lang="en">', status_code=404)
    assertContains(response, "Page not found", status_code=404)
    assertContains(response, 'href="/en/weihai/enterprise/"', status_code=404)
    # This page has no Chinese counterpart: the switch goes to the Chinese home page.
    assertContains(response, 'href="/" hreflang="zh-Hans"', status_code=404)


def test_chinese_is_served_at_the_root_whatever_the_browser_prefers(client, catalog):
    response = client.get("/weihai/enterprise/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assertContains(response, '<html lang="zh-Hans">')
    assertContains(response, "跳到主要内容")


def test_each_page_links_to_its_counterpart_in_the_other_language(client, catalog):
    chinese = client.get("/weihai/enterprise/items/1/")
    english = client.get("/en/weihai/enterprise/items/1/")

    assertContains(
        chinese, '<a class="app-header__tool" href="/en/weihai/enterprise/items/1/" hreflang="en" lang="en">'
    )
    assertContains(
        chinese, '<link rel="alternate" hreflang="en" href="http://testserver/en/weihai/enterprise/items/1/">'
    )
    assertContains(
        english, '<a class="app-header__tool" href="/weihai/enterprise/items/1/" hreflang="zh-Hans" lang="zh-Hans">'
    )


def test_english_pages_run_the_same_queries_as_chinese_ones(client, django_assert_num_queries, catalog):
    # See tests/catalog/test_pages.py for the five queries of the item page.
    with django_assert_num_queries(5):
        response = client.get("/en/weihai/enterprise/items/2/")

    assert response.status_code == 200


def test_admin_stays_in_chinese_for_an_english_browser(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    assertContains(response, 'lang="zh-hans"')
    assertContains(response, "事项清单维护")
    assert admin_client.get("/en/admin/").status_code == 404


# The catalog of translations -----------------------------------------------------------


def _po_entries(path):
    """(msgid, msgid_plural, [msgstr, ...], flags) for each entry of a .po file but the header."""
    entries, current, field = [], None, None
    for line in path.read_text().splitlines() + [""]:
        if not line.strip():
            if current and current["msgid"]:
                entries.append(current)
            current, field = None, None
            continue
        current = current or {"msgid": "", "msgid_plural": None, "msgstr": {}, "flags": ""}
        if line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif match := re.match(r'^(msgid|msgid_plural|msgstr)(?:\[(\d)\])? (".*")$', line):
            field = (match.group(1), int(match.group(2) or 0))
            _po_set(current, field, _po_string(match.group(3)))
        else:
            _po_set(current, field, _po_get(current, field) + _po_string(line))
    return entries


def _po_string(quoted):
    # A .po string's escapes (\" \\ \n) are a subset of a Python literal's.
    return ast.literal_eval(quoted)


def _po_get(entry, field):
    name, index = field
    return entry["msgstr"].get(index, "") if name == "msgstr" else entry[name]


def _po_set(entry, field, value):
    name, index = field
    if name == "msgstr":
        entry["msgstr"][index] = value
    else:
        entry[name] = value


def test_every_interface_string_has_an_english_translation():
    entries = _po_entries(LOCALE / "django.po")

    assert len(entries) > 50
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"] or not all(e["msgstr"].values())] == []


def test_the_committed_mo_file_is_compiled_from_the_po_file():
    # The .mo is committed so that a fresh machine needs no gettext; it must not lag behind.
    with (LOCALE / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)

    for entry in _po_entries(LOCALE / "django.po"):
        if entry["msgid_plural"]:
            assert catalog.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr"][0], entry["msgid"]
            assert catalog.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr"][1], entry["msgid"]
        else:
            assert catalog.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
