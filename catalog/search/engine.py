"""Reading a query and ranking the index entries against it, in Python.

Nothing here queries the database. The caller reads the vocabulary (every distinct name,
SearchEntry.objects.for_vocabulary()), parses the query with it, and passes the entries that
the filters keep and that can match some term (candidates(): a superset, found with LIKE);
ranking them in Python is then the same on SQLite and PostgreSQL.

A query becomes *terms*. Each term is a word the resident typed (a run of Chinese characters,
or of letters: “gongjijin提取” is two words), cut further at known words when it does not
occur as a whole (“公积金提取” → 公积金, 提取), with its *alternatives*: the word itself, the
catalog terms the synonym table gives for it, and, for letters, pinyin and initials.

Ranking, best first (TIER_*): an item or sub-item whose name is exactly the query; items whose
name contains every term; items where one sub-item (with the item's name) contains every term;
scenarios, stages and departments whose name contains every term; items that contain every
term counting their scenario, stage and departments; and, only when those are few, items and
places that contain some of the terms.
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from django.db.models import Q

from ..models import SearchEntryKind
from .synonyms import SynonymTable
from .text import fold, is_hanzi, split_syllables, words

MAX_QUERY_LENGTH = 200
# The longest piece a word is cut into when it is segmented (no catalog name part is longer
# in practice); bounds the work on a 200-character query.
MAX_PIECE = 12
# Words that say how, not what: dropped when the query has other words.
STOPWORDS = frozenset(
    "我 我要 我想 想 要 想要 怎么 怎样 如何 怎么办 在哪 在哪里 哪里 哪儿 去哪 去哪里 办 办理 去 的 了 吗 呢 啊 吧 "
    "需要 什么 手续 流程 材料 可以 能 能不能 一下 咨询 请问 需 带 啥".split()
)
# Partial matches are shown only when fewer full matches than this were found.
PARTIAL_WHEN_FEWER_THAN = 5
# Terms beyond this many are not searched for (a pasted paragraph): it bounds the SQL.
MAX_TERMS = 16

TIER_EXACT_ITEM, TIER_EXACT_SUBITEM, TIER_ITEM, TIER_SUBITEM, TIER_PLACE, TIER_CONTEXT, TIER_PARTIAL = range(7)

# How much a match counts, by how it was made.
WEIGHT_AS_TYPED = 1.0
WEIGHT_SYNONYM = 0.9  # minus SYNONYM_STEP for each earlier term on the synonym line
SYNONYM_STEP = 0.01
WEIGHT_PINYIN_WORD = 0.95  # a synonym-table word found by its pinyin (“shebao” → 社保)
FACTOR_INITIALS = 0.9
FACTOR_CONTEXT = 0.6
FACTOR_PARTS = 0.95  # a word matched by its parts, not whole

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Alternative:
    text: str
    weight: float
    latin: bool
    synonym_of: str = ""


@dataclass
class Term:
    word: str
    alternatives: list
    # A word that occurs whole somewhere (“公司注销” in 分公司注销登记) also matches a name that
    # holds all of its parts (公司（企业）注销登记): the parts, as terms.
    parts: list = field(default_factory=list)


@dataclass
class ParsedQuery:
    typed: str  # what the resident typed, cut to MAX_QUERY_LENGTH
    truncated: bool
    folded: str  # NFKC, lower case, simplified
    terms: list
    ignored: list = field(default_factory=list)

    @property
    def compact(self):
        return "".join(words(self.folded))

    @property
    def is_blank(self):
        return not self.terms

    @property
    def simplified(self):
        """The query in simplified characters, when the resident typed traditional ones; else ''."""
        typed = unicodedata.normalize("NFKC", self.typed).lower()
        return self.folded if self.folded != typed else ""

    @property
    def expansions(self):
        """(word, [catalog terms]) for each word the synonym table expanded."""
        result = []
        for term in self.terms:
            synonyms = [alt.text for alt in term.alternatives if alt.synonym_of and not alt.latin]
            if synonyms:
                result.append((term.word, synonyms))
        return result


class Vocabulary:
    """What words can be cut into: every name (and context) in the index, and the synonym words.

    `rows` are SearchEntry.objects.for_vocabulary(); `names` keeps (kind, name, text, pinyin)
    for the suggestions offered when nothing is found.
    """

    def __init__(self, rows, synonyms: SynonymTable):
        rows = list(rows)
        texts = {row.text for row in rows}
        texts.update(piece for row in rows if row.context for piece in row.context.split("|"))
        self.hanzi = "\n".join(texts)
        self.pinyin = "\n".join({row.pinyin for row in rows} | {row.context_pinyin for row in rows})
        self.initials = "\n".join({row.initials for row in rows})
        self.names = {(row.kind, row.name, row.text, row.pinyin) for row in rows}
        self.synonyms = synonyms

    def knows(self, piece):
        if is_hanzi(piece) or piece.isdigit():
            return piece in self.hanzi or piece in self.synonyms.terms
        return piece in self.pinyin or piece in self.initials or piece in self.synonyms.by_pinyin


def parse_query(typed, *, vocabulary):
    typed = _CONTROL.sub(" ", typed or "").strip()
    truncated = len(typed) > MAX_QUERY_LENGTH
    typed = typed[:MAX_QUERY_LENGTH]
    folded = fold(typed)
    pieces, ignored = [], []
    for word in words(folded):
        for piece, kept in _segment(word, vocabulary):
            (pieces if kept else ignored).append(piece)
    meaningful = [piece for piece in pieces if piece not in STOPWORDS]
    if meaningful:
        ignored.extend(piece for piece in pieces if piece in STOPWORDS)
        pieces = meaningful
    unique = list(dict.fromkeys(pieces))
    ignored.extend(unique[MAX_TERMS:])
    terms = []
    for piece in unique[:MAX_TERMS]:
        term = _term(piece, vocabulary.synonyms)
        parts = [part for part, kept in _cut(piece, vocabulary, longest=len(piece) - 1) if kept]
        if len(parts) >= 2:
            term.parts = [_term(part, vocabulary.synonyms) for part in parts]
        terms.append(term)
    return ParsedQuery(typed=typed, truncated=truncated, folded=folded, terms=terms, ignored=ignored)


def _segment(word, vocabulary):
    """(piece, kept) pairs: the word whole when the catalog or the synonym table knows it, else cut."""
    latin = not (is_hanzi(word) or word.isdigit())
    if latin and len(word) < 2:
        return [(word, False)]
    if vocabulary.knows(word):
        return [(word, True)]
    pieces = _cut(word, vocabulary)
    if not any(kept for _piece, kept in pieces):
        return [(word, True)]
    return pieces


def _cut(word, vocabulary, longest=None):
    """(piece, kept) pairs: the word cut into pieces the vocabulary knows.

    Chinese is cut between characters, pinyin between syllables (“gongjijintiqu” → gongjijin,
    tiqu); letters that are not pinyin (“script”) are not cut. Of all the cuts, the one that
    leaves the fewest characters over, then has the fewest pieces, wins (公司注销 → 公司, 注销,
    not 公司注, 销). A single character or syllable is too common to mean anything (的, 证,
    ti) and is not kept. `longest` bounds a piece's length in characters.
    """
    latin = not (is_hanzi(word) or word.isdigit())
    units = split_syllables(word) if latin else list(word)
    if units is None or len(units) == 1:
        return [(word, True)]
    longest = longest or len(word)
    # best[end] = (units left over, pieces, start of the last piece) for units[:end]
    best = [None] * (len(units) + 1)
    best[0] = (0, 0, None)
    for start in range(len(units)):
        if best[start] is None:
            continue
        left_over, count, _previous = best[start]
        for end in range(start + 1, min(len(units), start + MAX_PIECE) + 1):
            piece = "".join(units[start:end])
            if len(piece) > longest:
                break
            if end - start == 1:
                candidate = (left_over + 1, count + 1, start)
            elif vocabulary.knows(piece):
                candidate = (left_over, count + 1, start)
            else:
                continue
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    pieces, end = [], len(units)
    while end > 0:
        start = best[end][2]
        pieces.append(("".join(units[start:end]), end - start >= 2))
        end = start
    return pieces[::-1]


def _term(piece, synonyms):
    latin = not (is_hanzi(piece) or piece.isdigit())
    alternatives = [Alternative(piece, WEIGHT_AS_TYPED, latin)]
    word = piece
    if latin and piece in synonyms.by_pinyin:
        word = synonyms.by_pinyin[piece]
        alternatives.append(Alternative(word, WEIGHT_PINYIN_WORD, False, synonym_of=piece))
    for index, text in enumerate(synonyms.terms.get(word, ())):
        alternatives.append(Alternative(text, WEIGHT_SYNONYM - SYNONYM_STEP * index, False, synonym_of=word))
    return Term(piece, alternatives)


# Matching ------------------------------------------------------------------


class Matcher:
    """Matches terms against entry rows; caches each row's pinyin run and syllable starts."""

    def __init__(self, terms):
        self.terms = terms
        self._runs = {}

    def _run(self, row):
        if row.pk not in self._runs:
            readings = row.syllables.split(" ") if row.syllables else []
            starts, offset = [], 0
            for reading in readings:
                starts.append(offset)
                offset += len(reading)
            self._runs[row.pk] = ("".join(readings), starts)
        return self._runs[row.pk]

    def _alternative_spans(self, alternative, row):
        """Spans (start, end) of compact characters of the row's name the alternative covers."""
        spans = []
        if not alternative.latin:
            spans.extend(_occurrences(row.text, alternative.text))
            return spans, WEIGHT_AS_TYPED if spans else 0.0
        run, starts = self._run(row)
        for offset in _occurrences(run, alternative.text):
            first = bisect_left(starts, offset[0])
            if first < len(starts) and starts[first] == offset[0]:
                spans.append((first, bisect_right(starts, offset[1] - 1)))
        if spans:
            return spans, WEIGHT_AS_TYPED
        spans.extend(_occurrences(row.initials, alternative.text))
        return spans, FACTOR_INITIALS if spans else 0.0

    def name_match(self, term, row):
        """(weight, spans): how well the term matches the row's own name, 0 when it does not."""
        best, spans = 0.0, []
        for alternative in term.alternatives:
            found, factor = self._alternative_spans(alternative, row)
            if found:
                best = max(best, alternative.weight * factor)
                spans.extend(found)
        if not best and term.parts:
            matches = [self.name_match(part, row) for part in term.parts]
            if all(weight for weight, _spans in matches):
                best = FACTOR_PARTS * sum(weight for weight, _spans in matches) / len(matches)
                spans = [span for _weight, part_spans in matches for span in part_spans]
        return best, spans

    def context_weight(self, term, row):
        """How well the term matches the row's scenario, stage or departments (or, by parts, those and its name)."""
        best = 0.0
        for alternative in term.alternatives:
            haystack = row.context_pinyin if alternative.latin else row.context
            if haystack and alternative.text in haystack:
                best = max(best, alternative.weight * FACTOR_CONTEXT)
        if not best and term.parts:
            weights = [self.name_match(part, row)[0] or self.context_weight(part, row) for part in term.parts]
            if all(weights):
                best = FACTOR_CONTEXT * FACTOR_PARTS * sum(weights) / len(weights)
        return best

    def is_exact(self, row, query_compact):
        if row.text == query_compact:
            return True
        if len(self.terms) != 1:
            return False
        for alternative in self.terms[0].alternatives:
            if alternative.latin:
                if alternative.text in (row.pinyin, row.initials):
                    return True
            elif alternative.text == row.text:
                return True
        return False

    def spans(self, row):
        """Every span of the row's name that some term matches, for highlighting."""
        return [span for term in self.terms for span in self.name_match(term, row)[1]]


def candidates(terms):
    """A Q for the entries that could match some term: any alternative (or part) in any column matched.

    Every entry the ranking can score is in it; most others are not, so the ranking reads a
    few hundred rows rather than the whole index.
    """
    condition = Q(pk__in=[])
    seen = set()
    for term in terms:
        for candidate in [term, *term.parts]:
            for alternative in candidate.alternatives:
                if (alternative.text, alternative.latin) in seen:
                    continue
                seen.add((alternative.text, alternative.latin))
                if alternative.latin:
                    condition |= (
                        Q(pinyin__contains=alternative.text)
                        | Q(initials__contains=alternative.text)
                        | Q(context_pinyin__contains=alternative.text)
                    )
                else:
                    condition |= Q(text__contains=alternative.text) | Q(context__contains=alternative.text)
    return condition


def _occurrences(haystack, needle):
    if not needle:
        return []
    found, index = [], haystack.find(needle)
    while index != -1:
        found.append((index, index + len(needle)))
        index = haystack.find(needle, index + 1)
    return found


# Ranking -------------------------------------------------------------------


@dataclass
class Hit:
    """One result: an item (with the sub-items that matched) or a scenario, stage or department."""

    kind: str  # SearchEntryKind value; "subitem" when only sub-items of the item matched
    tier: int
    score: float
    position: int
    row: object  # the entry row whose name is shown (the item's, for an item found by a sub-item)
    sub_rows: list = field(default_factory=list)

    @property
    def is_partial(self):
        return self.tier == TIER_PARTIAL


@dataclass
class _ItemGroup:
    item: object = None
    subitems: list = field(default_factory=list)


def rank(rows, parsed, *, places=True):
    """Hits for the parsed query among the rows, best first.

    `places=False` leaves out scenario, stage and department hits (when an item filter such as
    the type is set, they would not honour it).
    """
    matcher = Matcher(parsed.terms)
    groups, others = {}, []
    for row in rows:
        if row.kind == SearchEntryKind.ITEM:
            groups.setdefault(row.item_id, _ItemGroup()).item = row
        elif row.kind == SearchEntryKind.SUBITEM:
            groups.setdefault(row.item_id, _ItemGroup()).subitems.append(row)
        elif places:
            others.append(row)
    if parsed.is_blank:
        return [_browse_hit(group) for group in groups.values()]
    query_compact = parsed.compact
    hits = [_rank_item(group, matcher, query_compact) for group in groups.values()]
    hits += [_rank_place(row, matcher, query_compact) for row in others]
    hits = [hit for hit in hits if hit is not None]
    if sum(1 for hit in hits if not hit.is_partial) >= PARTIAL_WHEN_FEWER_THAN:
        hits = [hit for hit in hits if not hit.is_partial]
    hits.sort(key=lambda hit: (hit.tier, -hit.score, hit.position))
    return hits


def _browse_hit(group):
    row = group.item or group.subitems[0]
    return Hit(kind=SearchEntryKind.ITEM, tier=TIER_ITEM, score=0.0, position=row.position, row=row)


def _score(weights, spans, row):
    """Mean weight, plus how much of the name the matches cover, plus a little for matching at its start."""
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    coverage = len(covered) / len(row.text) if row.text else 0.0
    return sum(weights) / len(weights) + 0.3 * coverage + (0.05 if 0 in covered else 0.0)


def _rank_item(group, matcher, query_compact):
    terms = matcher.terms
    item = group.item
    head = item or group.subitems[0]
    item_matches = [matcher.name_match(term, item) if item else (0.0, []) for term in terms]
    item_weights = [weight for weight, _spans in item_matches]
    item_spans = [span for _weight, spans in item_matches for span in spans]
    sub_matches = [(row, [matcher.name_match(term, row) for term in terms]) for row in group.subitems]

    def hit(kind, tier, score, sub_rows=()):
        return Hit(kind=kind, tier=tier, score=score, position=head.position, row=head, sub_rows=list(sub_rows))

    if item and matcher.is_exact(item, query_compact):
        return hit(SearchEntryKind.ITEM, TIER_EXACT_ITEM, _score(item_weights or [1.0], item_spans, item))
    exact_subitems = [row for row in group.subitems if matcher.is_exact(row, query_compact)]
    if exact_subitems:
        return hit(SearchEntryKind.SUBITEM, TIER_EXACT_SUBITEM, 1.0, exact_subitems)

    if item and all(item_weights):
        # Sub-items that match every term too are worth showing under the item.
        also = [row for row, matches in sub_matches if all(weight for weight, _spans in matches)]
        return hit(SearchEntryKind.ITEM, TIER_ITEM, _score(item_weights, item_spans, item), also)

    # One sub-item that, with the item's name, contains every term.
    covering = []
    for row, matches in sub_matches:
        weights = [max(own, weight) for own, (weight, _spans) in zip(item_weights, matches, strict=True)]
        if all(weights):
            spans = [span for _weight, spans in matches for span in spans]
            covering.append((_score(weights, spans, row), row))
    if covering:
        covering.sort(key=lambda pair: -pair[0])
        return hit(SearchEntryKind.SUBITEM, TIER_SUBITEM, covering[0][0], [row for _score, row in covering])

    # Every term somewhere: the names, the scenario, the stage, the departments.
    matched_subitems = [row for row, matches in sub_matches if any(weight for weight, _spans in matches)]
    weights = []
    for index, term in enumerate(terms):
        in_names = max([item_weights[index]] + [matches[index][0] for _row, matches in sub_matches])
        weights.append(in_names or matcher.context_weight(term, head))
    # Shown as an item when its own name matched something, or when no sub-item did (the
    # scenario or stage did); the item's row may be absent when it matched nothing.
    found_by_item = any(item_weights) or not matched_subitems
    kind = SearchEntryKind.ITEM if found_by_item else SearchEntryKind.SUBITEM
    if all(weights):
        return hit(kind, TIER_CONTEXT, sum(weights) / len(weights), matched_subitems)
    found = [weight for weight in weights if weight]
    if len(found) * 2 >= len(terms) and found:
        return hit(kind, TIER_PARTIAL, len(found) / len(terms) + sum(found) / len(terms) / 10, matched_subitems)
    return None


def _rank_place(row, matcher, query_compact):
    matches = [matcher.name_match(term, row) for term in matcher.terms]
    weights = [weight for weight, _spans in matches]
    spans = [span for _weight, spans in matches for span in spans]
    if all(weights):
        exact = 1.0 if matcher.is_exact(row, query_compact) else 0.0
        return Hit(row.kind, TIER_PLACE, exact + _score(weights, spans, row), row.position, row)
    found = [weight for weight in weights if weight]
    if len(found) * 2 >= len(weights) and found:
        score = len(found) / len(weights) + sum(found) / len(weights) / 10
        return Hit(row.kind, TIER_PARTIAL, score, row.position, row)
    return None
