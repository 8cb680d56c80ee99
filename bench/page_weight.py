"""Page weight: the HTML, CSS and JavaScript bytes a browser downloads for each page type, compressed.

    .venv/bin/python bench/page_weight.py

Builds a throw-away test database (SQLite in memory, or DATABASE_URL's server), loads the real
catalog and requests every page reachable from the home page, plus searches and the comparison
page, through Django's test client. For each page type it prints the largest page's HTML (raw,
gzip, brotli) and, once, the stylesheets and script every page links (read from static/ and
compressed as collectstatic compresses them). The budget: every page, HTML + CSS + JS, under
60 KB compressed. Prints numbers; asserts nothing.
"""

import gzip
import io
import os
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import brotli

BASE_DIR = Path(__file__).resolve().parent.parent
BUDGET = 60 * 1024
EXTRA_PAGES = {
    "search": [
        *("/search/?q=" + quote(q) for q in ("社保", "证", "公积金提取", "登记")),
        "/search/?lifecycle=personal",
    ],
    "compare": ["/weihai/personal/compare/county/"],
    "search-api": ["/api/search/?q=" + quote("社保")],
}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.assets = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and (attrs.get("href") or "").startswith("/") and "hreflang" not in attrs:
            self.links.append(attrs["href"].split("#")[0])
        if tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("media") != "print":
            self.assets.add(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.assets.add(attrs["src"])


def gz(data):
    return len(gzip.compress(data, compresslevel=9))


def br(data):
    return len(brotli.compress(data))


def crawl(client):
    """{page type: [(path, html bytes)]} for every page reachable from the home page, plus EXTRA_PAGES.

    Also the set of CSS and JS URLs the pages link, and the links that did not answer 200.
    """
    from django.urls import resolve

    pages, assets, seen, queue, broken = defaultdict(list), set(), set(), ["/"], []
    while queue:
        path = queue.pop(0)
        if path in seen or path.startswith("/static/"):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200:
            broken.append((path, response.status_code))
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue  # a download (xlsx, CSV, JSON), not a page
        parser = _Page()
        parser.feed(response.content.decode())
        assets |= parser.assets
        pages[resolve(urlsplit(path).path).view_name].append((path, response.content))
        queue.extend(link for link in parser.links if link not in seen and "?" not in link)
    for kind, paths in EXTRA_PAGES.items():
        for path in paths:
            pages[kind].append((path, client.get(path).content))
    return pages, assets, broken


def main():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_catalog", stdout=io.StringIO())
        pages, assets, broken = crawl(Client())
    finally:
        teardown_databases(databases, verbosity=0)

    static = {}
    for url in sorted(assets):
        data = Path(finders.find(url.removeprefix("/static/"))).read_bytes()
        static[url] = (len(data), gz(data), br(data))
    static_gz = sum(sizes[1] for sizes in static.values())
    static_br = sum(sizes[2] for sizes in static.values())
    print("CSS and JavaScript every page loads (print.css, for printing only, left out):")
    for url, (raw, gzipped, brotlied) in static.items():
        print(f"  {url:<28}{raw / 1024:>8.1f} KB{gzipped / 1024:>8.1f} KB gzip{brotlied / 1024:>8.1f} KB brotli")
    print(f"  {'together':<28}{'':>11}{static_gz / 1024:>8.1f} KB gzip{static_br / 1024:>8.1f} KB brotli\n")

    header = f"{'page type':<24}{'pages':>6}  {'largest (its path)':<44}{'HTML':>8}{'gzip':>8}{'br':>8}"
    header += f"{'+CSS/JS gzip':>14}"
    print(header)
    print("-" * len(header))
    over = []
    for kind in sorted(pages):
        path, html = max(pages[kind], key=lambda page: len(page[1]))
        total = gz(html) + (static_gz if kind != "search-api" else 0)
        if total > BUDGET:
            over.append(path)
        shown = path if len(path) <= 42 else path[:41] + "…"
        print(
            f"{kind:<24}{len(pages[kind]):>6}  {shown:<44}{len(html) / 1024:>7.1f}K{gz(html) / 1024:>7.1f}K"
            f"{br(html) / 1024:>7.1f}K{total / 1024:>13.1f}K"
        )
    print(f"\n{sum(len(p) for p in pages.values())} pages; over the {BUDGET // 1024} KB budget: {over or 'none'}")
    if broken:
        print("Links that did not answer 200 (left out): " + ", ".join(f"{path} ({code})" for path, code in broken))


if __name__ == "__main__":
    main()
