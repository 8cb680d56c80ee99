"""Running a search: filters, ranking, the page of results with their objects, suggestions."""

import difflib
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe

from lifecycle.models import Scenario, Stage

from ..filters import SearchFilter
from ..models import Department, Item, SearchEntry, SearchEntryKind
from .engine import Matcher, Vocabulary, candidates, parse_query, rank
from .synonyms import synonym_table
from .text import compact_positions

PER_PAGE = 20
MAX_SUGGESTIONS = 5
# Everyday searches offered when nothing is found and no nearer term is.
EXAMPLE_SEARCHES = ["生孩子", "公积金提取", "开公司", "驾照", "社保", "结婚登记"]


@dataclass
class SearchResults:
    filters: SearchFilter
    query: object  # engine.ParsedQuery
    hits: list
    page: object  # django.core.paginator.Page of hits, their objects loaded
    suggestions: list = field(default_factory=list)
    examples: list = field(default_factory=lambda: list(EXAMPLE_SEARCHES))

    @property
    def count(self):
        return len(self.hits)

    @property
    def has_partial(self):
        return any(hit.is_partial for hit in self.hits)

    @property
    def filter_errors(self):
        """[(label, message)] for each filter whose value was not understood (and was ignored)."""
        form = self.filters.form
        return [
            (form.fields[name].label if name in form.fields else "", " ".join(errors))
            for name, errors in form.errors.items()
        ]

    @property
    def nothing_found(self):
        """Words were searched for, or a filter browsed by, and nothing came up."""
        browsing = not self.query.typed and self.filters.any_active
        return not self.hits and (not self.query.is_blank or browsing)


def search_catalog(*, data, page_number=1, per_page=PER_PAGE):
    """Search the index with the request's parameters (q, the filters) and load one page of hits.

    Queries: the filter values chosen (one each); when words were typed, the vocabulary (1)
    and the entries the filters keep that can match (1); when only filters were chosen, the
    entries they keep (1); for the page's hits, items (1, plus 3 prefetches), scenarios (1),
    stages (1), departments (1), each only when the page has such hits. Invalid filter values
    are ignored and reported.
    """
    filters = SearchFilter(data=data, queryset=SearchEntry.objects.all())
    filters.is_valid()
    filters.offer_choices()
    typed = data.get("q") or ""
    # With no words but a filter, the page lists the filtered items: browsing by filter.
    browsing = not typed.strip() and filters.any_active
    vocabulary = Vocabulary(SearchEntry.objects.for_vocabulary() if typed.strip() else [], synonym_table())
    parsed = parse_query(typed, vocabulary=vocabulary)
    if not parsed.is_blank:
        rows = filters.qs.filter(candidates(parsed.terms)).for_ranking()
        hits = rank(rows, parsed, places=not filters.item_filters_active)
    elif browsing:
        hits = rank(filters.qs.for_ranking(), parsed, places=False)
    else:
        hits = []
    page = Paginator(hits, per_page).get_page(page_number)
    _load_objects(page.object_list, Matcher(parsed.terms))
    suggestions = _suggestions(parsed, vocabulary) if not hits and not parsed.is_blank else []
    return SearchResults(filters=filters, query=parsed, hits=hits, page=page, suggestions=suggestions)


def _load_objects(hits, matcher):
    """Attach to each hit its object, its highlighted name and its matched sub-items."""
    ids = {kind: set() for kind in SearchEntryKind.values}
    for hit in hits:
        if hit.row.item_id:
            ids[SearchEntryKind.ITEM].add(hit.row.item_id)
        else:
            ids[hit.kind].add(getattr(hit.row, f"{hit.kind}_id"))
    objects = {
        SearchEntryKind.ITEM: _in_bulk(Item.objects.with_location().with_url().with_details(), ids["item"]),
        SearchEntryKind.SCENARIO: _in_bulk(
            Scenario.objects.select_related("stage__lifecycle__jurisdiction"), ids["scenario"]
        ),
        SearchEntryKind.STAGE: _in_bulk(Stage.objects.select_related("lifecycle__jurisdiction"), ids["stage"]),
        SearchEntryKind.DEPARTMENT: _in_bulk(Department.objects.select_related("jurisdiction"), ids["department"]),
    }
    for hit in hits:
        if hit.row.item_id:
            hit.object = objects["item"].get(hit.row.item_id)
            subitems = {subitem.pk: subitem for subitem in hit.object.subitems.all()} if hit.object else {}
            hit.subitems = [
                (subitems[row.subitem_id], highlight(subitems[row.subitem_id].name, matcher.spans(row)))
                for row in hit.sub_rows
                if row.subitem_id in subitems
            ]
        else:
            hit.object = objects[hit.kind].get(getattr(hit.row, f"{hit.kind}_id"))
            hit.subitems = []
        # The row whose name is shown is the item's; for an item found by a sub-item only, the
        # index row is the sub-item's, so the item's own name is shown without marks.
        shown = hit.row if hit.row.kind != SearchEntryKind.SUBITEM else None
        name = hit.object.name if hit.object else ""
        hit.name_html = highlight(name, matcher.spans(shown) if shown else [])


def _in_bulk(queryset, ids):
    return queryset.in_bulk(ids) if ids else {}


def highlight(name, spans):
    """The name, HTML-escaped, with the characters the spans cover (compact positions) in <mark>."""
    _text, positions = compact_positions(name)
    marked = set()
    for start, end in spans:
        for index in range(max(start, 0), min(end, len(positions))):
            marked.add(positions[index])
    parts, open_mark = [], False
    for index, char in enumerate(name):
        if index in marked and not open_mark:
            parts.append('<mark class="app-search-result__mark">')
            open_mark = True
        elif index not in marked and open_mark:
            parts.append("</mark>")
            open_mark = False
        parts.append(escape(char))
    if open_mark:
        parts.append("</mark>")
    # Safe: every character of the name was escaped above.
    return mark_safe("".join(parts))


def _suggestions(parsed, vocabulary):
    """The catalog names and everyday words nearest to the query, for a search that found nothing."""
    query = parsed.compact
    if not query:
        return []
    latin = query.isascii()
    # name as printed → what the query is compared with: its compact text, or its pinyin.
    nearest = {}
    for kind, name, text, pinyin in sorted(vocabulary.names):
        if kind != SearchEntryKind.SUBITEM and len(text) <= 20:
            nearest.setdefault(name, pinyin if latin else text)
    if not latin:
        for word in vocabulary.synonyms.terms:
            nearest.setdefault(word, word)
    scored = []
    for name, compared in nearest.items():
        ratio = difflib.SequenceMatcher(None, query, compared, autojunk=False).ratio()
        if ratio >= 0.3:
            scored.append((-ratio, len(name), name))
    return [name for _ratio, _length, name in sorted(scored)[:MAX_SUGGESTIONS]]
