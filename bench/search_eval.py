"""Relevance benchmark: recall@5 and MRR of the search over a file of residents' queries.

    .venv/bin/python bench/search_eval.py [--queries bench/search_queries.tsv] [--jurisdiction weihai|all] [-v]

Builds a throwaway test database (SQLite in memory, or DATABASE_URL's server), loads the
catalog with load_catalog, and runs every query of the file through the search, as the
search page does. The file lists, per query, the items a resident would expect among the
first five results (tab, then names separated by “|”).

- recall@5: per query, the share of its expected items found in the first five results;
  averaged over the queries.
- MRR: per query, 1 / the rank of the first expected item (0 when none is in the first 50);
  averaged.

The queries were written against the city's (威海市) list, so by default the search is
filtered to it; `--jurisdiction all` searches every list, where the county's copies of the
same items then take places in the top five.
"""

import argparse
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_QUERIES = BASE_DIR / "bench" / "search_queries.tsv"
TOP = 5
DEPTH = 50


@dataclass
class QueryResult:
    query: str
    expected: list
    names: list  # result names, best first (items by their name; places by theirs)

    @property
    def found(self):
        return [name for name in self.expected if name in self.names[:TOP]]

    @property
    def recall(self):
        return len(self.found) / len(self.expected)

    @property
    def reciprocal_rank(self):
        for rank, name in enumerate(self.names, start=1):
            if name in self.expected:
                return 1 / rank
        return 0.0


def read_queries(path):
    """[(query, [expected names])] from the file; lines starting with # are comments."""
    queries = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        query, separator, expected = line.partition("\t")
        names = [name.strip() for name in expected.split("|") if name.strip()]
        if not separator or not names:
            raise ValueError(f"{path}:{number}: expected “query<TAB>name | name”")
        queries.append((query, names))
    return queries


def evaluate(queries, *, jurisdiction="weihai"):
    """Run the queries (the catalog must be loaded); returns a QueryResult per query."""
    from catalog.models import Item, SubItem
    from catalog.search import search_catalog

    known = set(Item.objects.values_list("name", flat=True)) | set(SubItem.objects.values_list("name", flat=True))
    unknown = sorted({name for _query, names in queries for name in names} - known)
    if unknown:
        raise ValueError(f"expected names not in the catalog: {unknown}")
    results = []
    for query, expected in queries:
        data = {"q": query}
        if jurisdiction != "all":
            data["jurisdiction"] = jurisdiction
        found = search_catalog(data=data, per_page=DEPTH)
        names = [hit.object.name for hit in found.page.object_list if hit.object is not None]
        results.append(QueryResult(query, expected, names))
    return results


def summary(results):
    recall = sum(result.recall for result in results) / len(results)
    mrr = sum(result.reciprocal_rank for result in results) / len(results)
    return recall, mrr


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", default=DEFAULT_QUERIES)
    parser.add_argument("--jurisdiction", default="weihai", help="a jurisdiction slug, or “all”")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every query with its top five")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    queries = read_queries(args.queries)
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_catalog", stdout=io.StringIO())
        results = evaluate(queries, jurisdiction=args.jurisdiction)
    finally:
        teardown_databases(databases, verbosity=0)

    for result in results:
        if args.verbose or result.recall < 1:
            mark = "  " if result.recall == 1 else "✗ "
            print(f"{mark}{result.query}: recall {result.recall:.2f}, RR {result.reciprocal_rank:.2f}")
            print(f"      expected: {' | '.join(result.expected)}")
            print(f"      top {TOP}:    {' | '.join(result.names[:TOP])}")
    recall, mrr = summary(results)
    print(f"{len(results)} queries ({args.queries}), jurisdiction {args.jurisdiction}")
    print(f"recall@{TOP}: {recall:.3f}")
    print(f"MRR:       {mrr:.3f}")


if __name__ == "__main__":
    main()
