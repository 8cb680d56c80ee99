import pytest
from django.core.cache import cache

from tests.factories import make_catalog

# Two catalog sizes for the query-count tests: a page must run the same number of queries
# on both, which is what proves nothing is queried per row.
SMALL_CATALOG = {"stages": 1, "scenarios_per_stage": 1, "items_per_scenario": 3}
LARGE_CATALOG = {"stages": 3, "scenarios_per_stage": 2, "items_per_scenario": 10}


@pytest.fixture(params=[SMALL_CATALOG, LARGE_CATALOG], ids=["small-catalog", "large-catalog"])
def catalog(request, db):
    """A jurisdiction ("weihai") with both lifecycles: 3 items each, then 60 items each."""
    return make_catalog(**request.param)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: a page kept by an earlier test would hide this one's queries."""
    cache.clear()
