"""Database queries per page, at the real catalog (1×) and at 20× it (synthetic copies).

    .venv/bin/python bench/query_counts.py [--scale 20]

Builds a throw-away test database (SQLite in memory, or DATABASE_URL's server), loads the
catalog, and requests one page of each type through Django's test client with the page cache
off, counting its queries, timing it (median of 5) and weighing its HTML. Then adds synthetic
copies of every jurisdiction's catalog (bench/search_latency.py's copy_catalog) until there are
`--scale` times as many rows and does it again. A page whose count grows with the catalog
queries per row. The home page lists every jurisdiction, copies included, so it grows.
Prints numbers; asserts nothing (tests/*/test_pages.py pins the counts).
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent

PAGES = {
    "home": "/",
    "jurisdiction": "/weihai/",
    "lifecycle": "/weihai/personal/",
    "stage": "/weihai/enterprise/stages/2/",
    "scenario": "/weihai/enterprise/scenarios/1.1/",
    "item": "/weihai/enterprise/items/2/",
    "item-with-sub-items": "/weihai/enterprise/items/1/",
    "departments": "/weihai/departments/",
    "department": quote("/weihai/departments/市市场监管局/"),
    "compare": "/weihai/personal/compare/county/",
    "search": "/search/?q=" + quote("社保"),
    "search-api": "/api/search/?q=" + quote("社保"),
    "english-scenario": "/en/weihai/enterprise/scenarios/1.1/",
}


def measure(client, path, rounds=5):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm-up
    timings, counts = [], set()
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        counts.add(len(queries))
    return counts, statistics.median(timings), len(response.content)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=20)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    # The pages themselves are measured: the page cache would answer every repeat with no query.
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from bench.search_latency import copy_catalog
    from catalog.models import Item
    from catalog.search import rebuild_search_index

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_catalog", stdout=io.StringIO())
        client = Client()
        results = {}
        for scale in (1, args.scale):
            if scale != 1:
                copy_catalog(scale - 1)
                rebuild_search_index()
            results[scale] = {name: measure(client, path) for name, path in PAGES.items()}
            results[scale]["_items"] = Item.objects.count()
        big = args.scale
        print(f"database: {connection.vendor}; items: {results[1]['_items']} (1×), {results[big]['_items']} ({big}×)")
        print(f"{'page':<22}{'queries 1×':>11}{f'{big}×':>7}{'ms 1×':>9}{f'ms {big}×':>9}{'KB 1×':>9}{f'KB {big}×':>9}")
        for name in PAGES:
            (small_counts, small_ms, small_size), (big_counts, big_ms, big_size) = results[1][name], results[big][name]
            small_q = "/".join(map(str, sorted(small_counts)))
            big_q = "/".join(map(str, sorted(big_counts)))
            flag = "" if small_counts == big_counts else "   ← grows with the catalog"
            print(
                f"{name:<22}{small_q:>11}{big_q:>7}{small_ms:>9.1f}{big_ms:>9.1f}"
                f"{small_size / 1024:>9.1f}{big_size / 1024:>9.1f}{flag}"
            )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
