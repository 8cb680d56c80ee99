"""Search text handling without the database: folding, pinyin, the synonym table, reading queries."""

import json
from collections import namedtuple

import pytest
from django.core import checks
from django.test import override_settings

from catalog.parsing.sources import FIXTURE_DIR
from catalog.search.engine import MAX_QUERY_LENGTH, MAX_TERMS, Vocabulary, parse_query
from catalog.search.synonyms import parse_synonyms, synonym_table, synonyms_file
from catalog.search.text import compact, compact_positions, fold, split_syllables, syllables

# Text -----------------------------------------------------------------------


def test_compact_text_keeps_chinese_letters_and_digits_only():
    assert compact("公司（企业）设立登记") == "公司企业设立登记"
    assert compact("机动车登记—注册登记") == "机动车登记注册登记"
    assert compact("《山东省老年人优待证》办理") == "山东省老年人优待证办理"


def test_full_width_letters_and_upper_case_fold_to_plain_lower_case():
    assert compact("ＧｏｎｇＪｉＪｉｎ") == "gongjijin"


def test_traditional_characters_fold_to_simplified():
    assert fold("結婚登記") == "结婚登记"
    assert fold("異地就醫") == "异地就医"
    assert fold("居民身份證") == "居民身份证"


def test_compact_positions_map_each_kept_character_back_to_the_name_as_printed():
    text, positions = compact_positions("户口登记（出生登记）")
    assert text == "户口登记出生登记"
    assert positions == [0, 1, 2, 3, 5, 6, 7, 8]


def test_pinyin_is_one_syllable_per_character_read_in_context():
    assert syllables("出生医学证明") == ["chu", "sheng", "yi", "xue", "zheng", "ming"]
    # 行 reads hang in 银行 and xing in 行政: pypinyin reads the phrase, not the character.
    assert syllables("预约银行开户")[2:4] == ["yin", "hang"]
    assert syllables("行政许可")[0] == "xing"
    assert syllables("a1出生") == ["a", "1", "chu", "sheng"]


def test_letters_split_into_pinyin_syllables_or_none_when_they_are_not_pinyin():
    assert split_syllables("gongjijintiqu") == ["gong", "ji", "jin", "ti", "qu"]
    assert split_syllables("lvse") == ["lv", "se"]
    assert split_syllables("script") is None
    assert split_syllables("csyxzm") is None


# The synonym table ---------------------------------------------------------------


def test_synonym_file_parses_without_problems_and_has_at_least_sixty_entries():
    text = synonyms_file().read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(entries) >= 60
    assert parse_synonyms(text).problems == []


@pytest.mark.parametrize(
    ("word", "terms"),
    [
        ("生孩子", ["出生", "生育"]),
        ("生娃", ["出生", "生育"]),
        ("开公司", ["公司设立登记"]),
        ("注册公司", ["公司设立登记"]),
        ("买房", ["购置新房", "不动产登记"]),
        ("退休", ["养老"]),
        ("驾照", ["机动车驾驶证"]),
        ("社保", ["社会保险"]),
        ("医保", ["医疗保险"]),
        ("公积金", ["住房公积金"]),
        ("身份证", ["居民身份证"]),
        ("护照", ["普通护照"]),
        ("结婚", ["结婚登记"]),
        ("去世", ["身后", "死亡"]),
        ("死亡", ["身后", "死亡"]),
        ("失业", ["失业登记", "失业保险金"]),
        ("残疾", ["残疾人"]),
    ],
)
def test_synonym_table_maps_everyday_words_to_the_catalogs_terms(word, terms):
    assert set(terms) <= set(synonym_table().terms[word])


def _catalog_vocabulary():
    """Every name in the fixtures (items, sub-items, scenarios, stages, departments), compact."""
    names = []
    for fixture in ("weihai.json", "county.json"):
        for row in json.loads((FIXTURE_DIR / fixture).read_text(encoding="utf-8")):
            if "name" in row["fields"] and row["model"] != "lifecycle.jurisdiction":
                names.append(compact(row["fields"]["name"]))
    return "\n".join(names)


def test_every_term_the_synonym_table_gives_is_the_catalogs_own_vocabulary():
    vocabulary = _catalog_vocabulary()
    missing = {term for terms in synonym_table().terms.values() for term in terms if term not in vocabulary}
    assert missing == set()


def test_synonym_file_problems_are_reported_with_their_line_numbers():
    table = parse_synonyms("# comment\n生孩子 => 出生\n没有箭头\n => 出生\n生孩子 => 生育\n")
    assert table.terms == {"生孩子": ("出生",)}
    assert len(table.problems) == 3
    assert table.problems[0].startswith("第 3 行")
    assert table.problems[1].startswith("第 4 行")
    assert "已在前面出现" in table.problems[2]


def test_synonym_words_are_also_known_by_their_pinyin():
    assert synonym_table().by_pinyin["shebao"] == "社保"


def test_manage_check_reports_a_broken_synonym_file(tmp_path):
    broken = tmp_path / "synonyms.txt"
    broken.write_text("生孩子 出生\n", encoding="utf-8")
    with override_settings(SEARCH_SYNONYMS_FILE=broken):
        errors = checks.run_checks()
    assert [error.id for error in errors if error.id.startswith("catalog.")] == ["catalog.E002"]


def test_manage_check_reports_a_missing_synonym_file(tmp_path):
    with override_settings(SEARCH_SYNONYMS_FILE=tmp_path / "missing.txt"):
        errors = checks.run_checks()
    assert [error.id for error in errors if error.id.startswith("catalog.")] == ["catalog.E001"]


# Reading a query ------------------------------------------------------------------

Row = namedtuple("Row", "kind name text pinyin initials context context_pinyin")


def _vocabulary(*names):
    rows = []
    for name in names:
        text = compact(name)
        readings = syllables(text)
        rows.append(Row("item", name, text, "".join(readings), "".join(r[0] for r in readings), "", ""))
    return Vocabulary(rows, synonym_table())


VOCABULARY = _vocabulary("职工申请提取住房公积金的核准", "出生医学证明办理", "内地居民结婚登记", "分公司注销登记")


def _words(query):
    return [term.word for term in parse_query(query, vocabulary=VOCABULARY).terms]


def test_a_word_the_catalog_does_not_hold_whole_is_cut_into_words_it_holds():
    assert _words("公积金提取") == ["公积金", "提取"]
    assert _words("gongjijintiqu") == ["gongjijin", "tiqu"]


def test_letters_and_chinese_typed_together_are_separate_words():
    assert _words("gongjijin提取") == ["gongjijin", "提取"]


def test_a_word_held_whole_is_kept_whole_and_also_matches_by_its_parts():
    term = parse_query("公司注销", vocabulary=VOCABULARY).terms[0]
    assert term.word == "公司注销"
    assert [part.word for part in term.parts] == ["公司", "注销"]


def test_single_characters_left_over_from_cutting_are_dropped():
    parsed = parse_query("我想提取公积金", vocabulary=VOCABULARY)
    assert [term.word for term in parsed.terms] == ["提取", "公积金"]
    assert parsed.ignored == ["我", "想"]


def test_how_words_are_dropped_when_the_query_has_other_words():
    assert _words("怎么 办理 结婚登记") == ["结婚登记"]
    assert _words("办理") == ["办理"]


def test_letters_that_are_not_pinyin_stay_whole():
    assert _words("<script>alert(1)</script>") == ["script", "alert", "1"]


def test_a_query_of_punctuation_only_has_no_terms():
    assert parse_query("。。，，！？——", vocabulary=VOCABULARY).is_blank


def test_a_query_over_the_limit_is_cut_and_says_so():
    parsed = parse_query("出" * (MAX_QUERY_LENGTH + 50), vocabulary=VOCABULARY)
    assert parsed.truncated
    assert len(parsed.typed) == MAX_QUERY_LENGTH


def test_at_most_max_terms_words_are_searched_for():
    query = " ".join(f"词{index}" for index in range(MAX_TERMS + 10))
    parsed = parse_query(query, vocabulary=VOCABULARY)
    assert len(parsed.terms) == MAX_TERMS


def test_control_characters_in_a_query_are_treated_as_spaces():
    assert _words("出生\x00证明") == ["出生", "证明"]


def test_a_traditional_query_reports_the_simplified_text_it_searched():
    parsed = parse_query("結婚登記", vocabulary=VOCABULARY)
    assert parsed.simplified == "结婚登记"
    assert parse_query("结婚登记", vocabulary=VOCABULARY).simplified == ""
