"""Search: the index (index.py), reading and ranking queries (engine.py), running a search (results.py).

rebuild_search_index()          after anything changes the catalog
search_catalog(data=request.GET, page_number=…)
"""

from .index import rebuild_search_index
from .results import search_catalog

__all__ = ["rebuild_search_index", "search_catalog"]
