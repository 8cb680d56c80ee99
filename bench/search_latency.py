"""Latency of the search page and API at the full catalog and at 20× the catalog.

    .venv/bin/python bench/search_latency.py [--rounds 5] [--scale 20]

Builds a throwaway test database (SQLite in memory, or DATABASE_URL's server: set it to
measure PostgreSQL), loads the catalog and times every query of bench/search_queries.tsv
plus some bad inputs through Django's test client (the whole request: URL routing, filters,
ranking, template), `--rounds` times each after one warm-up. Then adds synthetic copies of
every jurisdiction's catalog until there are `--scale` times as many rows, rebuilds the
index and times again. Prints the median and the 95th percentile, in milliseconds, and the
number of database queries per request. The page cache is off unless PAGE_CACHE_SECONDS is set.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
BAD_INPUTS = ["", "。。，，！", "<script>alert(1)</script>", "' OR 1=1 --", "办" * 300, "宇宙飞船"]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, urls, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, query_counts = [], set()
    for url in urls:
        client.get(url)  # warm-up
        for _ in range(rounds):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            query_counts.add(len(queries))
    return timings, query_counts


def copy_catalog(copies):
    """Add `copies` synthetic copies of every jurisdiction's catalog (named “…（副本 n）”)."""
    from catalog.models import Department, Item, Responsibility, SubItem
    from lifecycle.models import Jurisdiction, Lifecycle, Scenario, Stage

    originals = list(Jurisdiction.objects.all())
    tables = [
        (Lifecycle, "jurisdiction_id"),
        (Stage, "lifecycle_id"),
        (Scenario, "stage_id"),
        (Department, "jurisdiction_id"),
        (Item, "lifecycle_id", "scenario_id"),
        (SubItem, "item_id"),
        (Responsibility, "item_id", "subitem_id", "department_id"),
    ]
    rows = {model: list(model.objects.all()) for model, *_links in tables}
    for copy in range(1, copies + 1):
        jurisdictions = [
            Jurisdiction(name=f"{j.name}（副本 {copy}）", slug=f"{j.slug}-copy-{copy}", position=j.position + 10 * copy)
            for j in originals
        ]
        created = Jurisdiction.objects.bulk_create(jurisdictions)
        # old pk → new pk, per foreign-key column
        new_pks = {"jurisdiction_id": {old.pk: new.pk for old, new in zip(originals, created, strict=True)}}
        for model, *links in tables:
            made = [_clone(obj, model, links, new_pks) for obj in rows[model]]
            created = model.objects.bulk_create(made, batch_size=500)
            column = f"{model._meta.model_name}_id"
            new_pks[column] = {old.pk: new.pk for old, new in zip(rows[model], created, strict=True)}


def _clone(obj, model, links, new_pks):
    fields = {
        field.attname: getattr(obj, field.attname) for field in model._meta.concrete_fields if not field.primary_key
    }
    for attname in links:
        if fields[attname] is not None:
            fields[attname] = new_pks[attname][fields[attname]]
    for field in model._meta.concrete_fields:
        # A link to another row of the same table (a county office's city counterpart) or
        # to a staff group is not copied: the search does not read it.
        if field.is_relation and field.attname not in links and field.related_model is not None:
            if field.related_model is model or field.related_model._meta.app_label == "auth":
                fields[field.attname] = None
    return model(**fields)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scale", type=int, default=20)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    # The search itself is measured: the page cache (portal/caching.py) would answer every
    # repeated request without searching. PAGE_CACHE_SECONDS=600 measures it with the cache.
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from bench.search_eval import DEFAULT_QUERIES, read_queries
    from catalog.models import Item, SearchEntry
    from catalog.search import rebuild_search_index

    queries = [query for query, _expected in read_queries(DEFAULT_QUERIES)] + BAD_INPUTS
    urls = [f"/search/?{urlencode({'q': query})}" for query in queries]
    api_urls = [f"/api/search/?{urlencode({'q': query})}" for query in queries[:20]]
    filtered = [f"/search/?{urlencode({'q': query, 'lifecycle': 'personal'})}" for query in queries[:20]]

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_catalog", stdout=io.StringIO())
        client = Client()
        print(f"database: {connection.vendor}; {len(urls)} page queries, {args.rounds} rounds each")
        for label in ("1×", f"{args.scale}×"):
            if label != "1×":
                copy_catalog(args.scale - 1)
                start = time.perf_counter()
                rebuild_search_index()
                print(f"  index rebuilt at {label} in {time.perf_counter() - start:.2f} s")
            sizes = f"{Item.objects.count()} items, {SearchEntry.objects.count()} index entries"
            for name, group in (("page", urls), ("page + filter", filtered), ("API", api_urls)):
                timings, counts = measure(client, group, args.rounds)
                print(
                    f"{label:>4} {name:<14} median {statistics.median(timings):6.1f} ms   "
                    f"p95 {percentile(timings, 0.95):6.1f} ms   queries/request {sorted(counts)}   ({sizes})"
                )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
