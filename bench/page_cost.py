"""Where an uncached page's time goes: the framework, the database, the ORM and the template.

    .venv/bin/python bench/page_cost.py [--rounds 200]
    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal .venv/bin/python bench/page_cost.py

Runs the production settings with the floor views of bench/load.sh (bench/settings.py and
bench/urls.py), the page cache off, on a throw-away test database (SQLite in memory, or
DATABASE_URL's server) holding the real catalog, with static files collected into a temporary
folder. Each page is requested `--rounds` times in this process through Django's WSGI handler
(no HTTP server, no network), after a warm-up, and its median time split into:

- floor: the minimal view's time (/bench/minimal/: the item page's bytes through the same
  middleware, no query, no template), which every page pays;
- SQL: wall time inside the database cursor (the round trips; on SQLite, the engine);
- ORM: time evaluating querysets (compiling the SQL, making model instances, prefetching),
  less the SQL, wherever it happens (querysets are lazy: many are read by the template);
- template: time inside the template engine's render, less the ORM and SQL run from it;
- view: the rest (the view's own Python, context processors, middleware beyond the floor's).

The last column is the floor's time over the page's: in this process, what bench/load.sh's
"× minimal" ratio is under gunicorn before the server's own per-request cost (accepting the
connection, parsing, writing) is added to both sides. Prints numbers; asserts nothing.
"""

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote_to_bytes

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.query_counts import PAGES as QUERY_COUNT_PAGES  # noqa: E402

FLOORS = {
    "minimal view (floor)": "/bench/minimal/",
    "minimal + one query": "/bench/one-query/",
    "empty base page": "/bench/empty-page/",
    "reference (50 items)": "/bench/reference/",
}
# bench/query_counts.py's pages, and the search page with no words (its filters only).
PAGES = {**QUERY_COUNT_PAGES, "search-no-words": "/search/"}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args(argv)

    static_root = tempfile.mkdtemp(prefix="portal-page-cost-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PAGE_CACHE_SECONDS="0",
        CACHE_URL="locmem://",
        STATIC_ROOT=static_root,
        BENCH_PAGE_FILE=str(Path(static_root) / "item.html"),
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("SECRET_KEY", "bench-page-cost-only")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import QuerySet
    from django.template.backends.django import Template
    from django.test.utils import setup_databases, teardown_databases

    call_command("collectstatic", interactive=False, verbosity=0)
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_catalog", stdout=io.StringIO())
        application = WSGIHandler()
        clock = {"sql": 0.0, "orm": 0.0, "template": 0.0, "orm_in_template": 0.0}
        depth = {"orm": 0, "template": 0}

        def timed_sql(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                clock["sql"] += time.perf_counter() - start

        def outermost(kind, function):
            """`function`, timed into clock[kind] when not called from inside itself."""

            def timed(*call_args, **call_kwargs):
                if depth[kind]:
                    return function(*call_args, **call_kwargs)
                depth[kind] += 1
                start = time.perf_counter()
                try:
                    return function(*call_args, **call_kwargs)
                finally:
                    spent = time.perf_counter() - start
                    depth[kind] -= 1
                    clock[kind] += spent
                    if kind == "orm" and depth["template"]:
                        clock["orm_in_template"] += spent

            return timed

        originals = {Template: Template.render, QuerySet: QuerySet._fetch_all}

        def get(path):
            route, _, query = path.partition("?")
            environ = {
                "REQUEST_METHOD": "GET",
                # WSGI carries the path as bytes decoded as Latin-1.
                "PATH_INFO": unquote_to_bytes(route).decode("latin-1"),
                "QUERY_STRING": query,
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "80",
                "HTTP_HOST": "127.0.0.1",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(),
                "wsgi.errors": sys.stderr,
            }
            statuses = []
            body = b"".join(application(environ, lambda status, headers, *rest: statuses.append(status)))
            assert statuses[0].startswith("200"), (path, statuses[0])
            return body

        def measure(path):
            for _ in range(10):
                get(path)
            parts = {"total": [], "sql": [], "orm": [], "template": []}
            for _ in range(args.rounds):
                clock.update(dict.fromkeys(clock, 0.0))
                start = time.perf_counter()
                get(path)
                parts["total"].append(time.perf_counter() - start)
                parts["sql"].append(clock["sql"])
                parts["orm"].append(clock["orm"] - clock["sql"])
                parts["template"].append(clock["template"] - clock["orm_in_template"])
            return {name: statistics.median(values) * 1000 for name, values in parts.items()}

        Path(os.environ["BENCH_PAGE_FILE"]).write_bytes(get("/weihai/enterprise/items/1/"))
        Template.render = outermost("template", originals[Template])
        QuerySet._fetch_all = outermost("orm", originals[QuerySet])
        try:
            with connection.execute_wrapper(timed_sql):
                results = {name: measure(path) for name, path in {**FLOORS, **PAGES}.items()}
        finally:
            Template.render = originals[Template]
            QuerySet._fetch_all = originals[QuerySet]

        floor = results["minimal view (floor)"]["total"]
        print(f"database: {connection.vendor}; {args.rounds} requests a page in one process; median ms")
        header = f"{'page':<24}{'total':>8}{'floor':>8}{'SQL':>8}{'ORM':>8}{'template':>10}{'view':>8}{'× floor':>9}"
        print(header)
        print("-" * len(header))
        for name, result in results.items():
            own = 0.0 if name == "minimal view (floor)" else floor
            view = result["total"] - own - result["sql"] - result["orm"] - result["template"]
            print(
                f"{name:<24}{result['total']:>8.2f}{own:>8.2f}{result['sql']:>8.2f}{result['orm']:>8.2f}"
                f"{result['template']:>10.2f}{max(view, 0.0):>8.2f}{floor / result['total']:>9.2f}"
            )
    finally:
        teardown_databases(databases, verbosity=0)
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
