"""Text normalisation shared by the index and the query: folding, compact text, pinyin.

Names and queries are compared in one form, the *compact* text: NFKC (full-width letters and
brackets become half-width), lower case, traditional characters folded to simplified, and
only Chinese characters, Latin letters and digits kept. Pinyin is one syllable per character
of the compact text, so a pinyin match can be mapped back to the characters it covers.
"""

import gc
import re
import unicodedata
from functools import cache

import opencc
from pypinyin import lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

# pypinyin builds its dictionaries at import, as some 200,000 lists that live as long as the
# process. Left to the garbage collector they are scanned in every full collection, which
# then takes as long as a search (50–150 ms); frozen, they are skipped. Freezing keeps every
# object that exists now (Django's settings, apps, models: long-lived too) out of collection.
gc.freeze()

HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KEPT = re.compile(rf"[{HANZI}a-z0-9]")
_WORDS = re.compile(rf"[{HANZI}]+|[a-z]+|[0-9]+")
_HANZI_RUN = re.compile(rf"[{HANZI}]+")


@cache
def _to_simplified():
    # One converter per process: building it reads OpenCC's dictionaries.
    return opencc.OpenCC("t2s")


def fold(text):
    """NFKC, lower case and traditional → simplified (phrase-aware, for queries)."""
    return _to_simplified().convert(unicodedata.normalize("NFKC", text).lower())


def compact(text):
    """The compact form of a text: folded, with only Chinese characters, letters and digits."""
    return "".join(_KEPT.findall(fold(text)))


def words(folded):
    """Runs of Chinese characters, of letters and of digits: “gongjijin提取” → gongjijin, 提取."""
    return _WORDS.findall(folded)


def is_hanzi(word):
    return bool(_HANZI_RUN.fullmatch(word))


def compact_positions(name):
    """The compact text of a name and, for each of its characters, the index in `name` it comes from.

    Folds character by character (unlike fold()), so that every kept character maps back to
    the name as printed; names are simplified already, so the text is the same.
    """
    text, positions = [], []
    for index, char in enumerate(name):
        for kept in _KEPT.findall(fold(char)):
            text.append(kept)
            positions.append(index)
    return "".join(text), positions


def syllables(text):
    """One pinyin syllable per character of a compact text (a letter or digit stands for itself)."""
    result = []
    position = 0
    for run in _HANZI_RUN.finditer(text):
        result.extend(text[position : run.start()])
        readings = lazy_pinyin(run.group(), errors=lambda chars: list(chars))
        if len(readings) != len(run.group()):
            # pypinyin keeps some rare characters together; read them one by one instead.
            readings = [lazy_pinyin(char, errors=lambda chars: list(chars))[0] for char in run.group()]
        result.extend(readings)
        position = run.end()
    result.extend(text[position:])
    return result


@cache
def pinyin_syllables():
    """Every toneless pinyin syllable (ü written v, as lazy_pinyin and keyboards write it)."""
    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            reading = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
            found.add("".join(char for char in reading if not unicodedata.combining(char)))
    return frozenset(found)


def split_syllables(word):
    """A run of letters cut into pinyin syllables, longest first (“gongjijin” → gong, ji, jin).

    None when the letters are not pinyin (“script”).
    """
    known = pinyin_syllables()
    result, start = [], 0
    while start < len(word):
        end = next((end for end in range(min(len(word), start + 6), start, -1) if word[start:end] in known), None)
        if end is None:
            return None
        result.append(word[start:end])
        start = end
    return result
