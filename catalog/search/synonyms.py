"""The synonym table: everyday words → the catalog's own terms (catalog/data/synonyms.txt).

Staff extend the file; it is read once per process (restart to apply) and checked by
`manage.py check` (catalog.checks), so a malformed line is reported before it is served.
At request time a malformed line is skipped rather than failing the search.
"""

import logging
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from .text import compact, syllables

logger = logging.getLogger(__name__)

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"
SEPARATOR = "=>"


@dataclass
class SynonymTable:
    # compact everyday word → compact catalog terms, in the file's order (first = preferred)
    terms: dict = field(default_factory=dict)
    # the everyday word's pinyin without spaces (“shebao”) → the word (“社保”)
    by_pinyin: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


def synonyms_file():
    return Path(getattr(settings, "SEARCH_SYNONYMS_FILE", DEFAULT_FILE))


def parse_synonyms(text):
    """Parse the file's text. Problems (line number and what is wrong) are collected, not raised."""
    table = SynonymTable()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.count(SEPARATOR) != 1:
            table.problems.append(f"第 {number} 行：应为“日常说法 => 清单用语”，缺少或多了 {SEPARATOR}")
            continue
        left, right = line.split(SEPARATOR)
        words = [compact(word) for word in left.split()]
        terms = [compact(term) for term in right.split()]
        if not all(words) or not all(terms) or not words or not terms:
            table.problems.append(f"第 {number} 行：两边都要有至少一个词（汉字、字母或数字）")
            continue
        for word in words:
            if word in table.terms:
                table.problems.append(f"第 {number} 行：“{word}”已在前面出现")
                continue
            table.terms[word] = tuple(terms)
            table.by_pinyin.setdefault("".join(syllables(word)), word)
    return table


@cache
def synonym_table():
    """The table from the configured file (read once per process)."""
    try:
        text = synonyms_file().read_text(encoding="utf-8")
    except OSError as error:
        # Search still works without synonyms; `manage.py check` reports the missing file.
        logger.error("synonyms file %s cannot be read: %s", synonyms_file(), error)
        return SynonymTable(problems=[str(error)])
    table = parse_synonyms(text)
    for problem in table.problems:
        logger.warning("synonyms file %s: %s", synonyms_file(), problem)
    return table
