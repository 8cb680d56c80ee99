"""Search over the whole catalog, as loaded by load_catalog.

Expected results are read off the notice (fixtures/source/weihai_notice_2021.txt,附件2 for
the personal list, 附件1 for the enterprise list) and the issue's examples, not off the engine.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from pytest_django.asserts import assertContains

from bench.search_eval import DEFAULT_QUERIES, evaluate, read_queries, summary
from catalog.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def loaded_catalog(django_db_setup, django_db_blocker):
    """Both catalogs and the search index, loaded once for this module.

    Loaded in a transaction rolled back after the module's last test; each test runs in a
    savepoint inside it (pytest-django's db fixture), so no test sees another's writes.
    """
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        call_command("load_catalog", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        block.__exit__(None, None, None)


def search(client, q="", **filters):
    """The API's answer for the query, searched in the city's list unless told otherwise."""
    params = {"q": q, "jurisdiction": "weihai", **filters}
    response = client.get("/api/search/", {key: value for key, value in params.items() if value is not None})
    assert response.status_code == 200, response.content
    return response.json()


def names(answer, top=None):
    return [result["name"] for result in answer["results"][:top]]


def item_names(answer, top=None):
    return [result["name"] for result in answer["results"] if result["kind"] in ("item", "subitem")][:top]


# Building the index -----------------------------------------------------------------


def test_load_catalog_builds_the_search_index_from_both_lists():
    kinds = dict.fromkeys(SearchEntry.Kind.values, 0)
    for kind in SearchEntry.objects.values_list("kind", flat=True):
        kinds[kind] += 1
    # 附件1: 107 items, 48 sub-items, 6 stages, 15 scenarios; 附件2: 113, 73, 11, 25; the
    # county list (county_personal_list.txt): 115, 75, 11, 25.
    assert kinds["item"] == 107 + 113 + 115
    assert kinds["subitem"] == 48 + 73 + 75
    assert kinds["stage"] == 6 + 11 + 11
    assert kinds["scenario"] == 15 + 25 + 25


def test_index_rows_carry_pinyin_and_initials_of_the_name():
    entry = SearchEntry.objects.get(kind="item", name="出生医学证明办理", jurisdiction__slug="weihai")
    assert entry.pinyin == "chushengyixuezhengmingbanli"
    assert entry.initials == "csyxzmbl"


# Ranking -------------------------------------------------------------------------------


def test_an_exact_item_name_comes_first(client):
    assert names(search(client, "内地居民结婚登记"), 1) == ["内地居民结婚登记"]


def test_items_whose_name_has_every_word_come_before_items_found_by_a_sub_item(client):
    # 附件2 89 基本医疗保险参保人员异地就医备案 has 异地就医 in its name; 91 工伤保险待遇核定支付
    # only in a sub-item (工伤职工转诊转院申请确认（工伤职工异地就医登记备案）).
    answer = search(client, "异地就医")
    found = names(answer)
    assert found.index("基本医疗保险参保人员异地就医备案") < found.index("工伤保险待遇核定支付")
    injury = next(result for result in answer["results"] if result["name"] == "工伤保险待遇核定支付")
    assert injury["kind"] == "subitem"
    assert [subitem["name"] for subitem in injury["matched_subitems"]] == [
        "工伤职工转诊转院申请确认（工伤职工异地就医登记备案）"
    ]


def test_scenario_and_stage_matches_come_after_the_items(client):
    answer = search(client, "残疾人")
    kinds = [result["kind"] for result in answer["results"]]
    assert kinds[0] == "item"
    assert "scenario" in kinds
    assert kinds.index("scenario") > max(index for index, kind in enumerate(kinds) if kind == "item" and index < 5)
    scenario = next(result for result in answer["results"] if result["kind"] == "scenario")
    assert scenario["name"] == "残疾人救助"
    assert scenario["url"] == "/weihai/personal/scenarios/9.1/"


def test_a_department_name_finds_the_department(client):
    answer = search(client, "市公安局")
    department = answer["results"][0]
    assert department["kind"] == "department"
    assert department["url"] == "/weihai/departments/%E5%B8%82%E5%85%AC%E5%AE%89%E5%B1%80/"


def test_items_in_a_matching_scenario_are_found_through_it(client):
    # 附件2 5.1 购置新房: 新建商品房交易合同网签备案, 契税申报, 不动产登记.
    found = item_names(search(client, "购置新房"))
    assert {"新建商品房交易合同网签备案", "契税申报", "不动产登记"} <= set(found)


# Pinyin, initials, traditional characters, synonyms -------------------------------


def test_full_pinyin_finds_the_birth_items(client):
    found = item_names(search(client, "chusheng"), 2)
    assert sorted(found) == ["出生医学证明办理", "户口登记（出生登记）"]


def test_pinyin_initials_find_the_birth_certificate(client):
    assert item_names(search(client, "csyxzm"), 1) == ["出生医学证明办理"]


def test_pinyin_and_chinese_mixed_find_the_housing_fund_withdrawal(client):
    assert item_names(search(client, "gongjijin 提取"), 1) == ["职工申请提取住房公积金的核准"]


def test_pinyin_without_spaces_is_cut_into_words(client):
    assert item_names(search(client, "gongjijintiqu"), 1) == ["职工申请提取住房公积金的核准"]


def test_pinyin_of_an_everyday_word_uses_the_synonym_table(client):
    assert item_names(search(client, "jiazhao"), 1) == ["机动车驾驶证核发"]


def test_traditional_characters_find_the_simplified_names(client):
    answer = search(client, "結婚登記")
    assert answer["simplified"] == "结婚登记"
    assert item_names(answer, 1) == ["内地居民结婚登记"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("生孩子", {"出生医学证明办理", "生育登记"}),
        ("生娃", {"出生医学证明办理", "生育登记"}),
        ("开公司", {"公司（企业）设立登记"}),
        ("注册公司", {"公司（企业）设立登记"}),
        ("买房", {"不动产登记"}),
        ("退休", {"参保人员达到法定退休年龄领取基本养老保险待遇资格确认"}),
        ("驾照", {"机动车驾驶证核发"}),
        ("社保", {"社会保险登记"}),
        ("医保", {"医疗保险单位参保登记"}),
        ("公积金", {"住房公积金缴存"}),
        ("身份证", {"居民身份证签发"}),
        ("护照", {"普通护照签发"}),
        ("结婚", {"内地居民结婚登记"}),
        ("去世", {"死亡医学证明办理", "户口注销（死亡注销）"}),
        ("失业", {"失业保险金申领", "开展就业失业登记工作"}),
        ("残疾", {"困难残疾人生活补贴", "重度残疾人护理补贴"}),
    ],
)
def test_everyday_words_find_the_official_items(client, query, expected):
    assert expected <= set(item_names(search(client, query), 5))


def test_the_synonyms_used_are_reported(client):
    answer = search(client, "生孩子")
    assert answer["synonyms"] == {"生孩子": ["出生", "生育"]}


# Where results sit, and highlighting ------------------------------------------------


def test_results_show_lifecycle_stage_and_scenario(client):
    result = search(client, "出生医学证明办理")["results"][0]
    assert result["location"] == {
        "jurisdiction": "威海市",
        "lifecycle": "个人全生命周期",
        "stage": "1 出生",
        "scenario": "1.1 出生",
    }
    assert result["url"] == "/weihai/personal/items/1/"
    assert result["type"] == "公共服务"
    assert result["lead"] == ["市卫生健康委"]


def test_search_page_shows_the_place_and_marks_the_matched_words(client):
    response = client.get("/search/", {"q": "出生 证明", "jurisdiction": "weihai"})
    html = response.content.decode()
    text = html.split('<li class="app-search-result">')[1]
    assert (
        '<mark class="app-search-result__mark">出生</mark>医学<mark class="app-search-result__mark">证明</mark>' in text
    )
    assert "个人全生命周期" in text and "1 出生" in text and "1.1 出生" in text


# Filters ---------------------------------------------------------------------------


def test_lifecycle_filter_keeps_one_list(client):
    # 不动产登记 is item 53 of 附件1 and items 57 and 60 of 附件2.
    enterprise = search(client, "不动产登记", lifecycle="enterprise")
    personal = search(client, "不动产登记", lifecycle="personal")
    assert [result["url"] for result in enterprise["results"] if result["name"] == "不动产登记"] == [
        "/weihai/enterprise/items/53/"
    ]
    assert [result["url"] for result in personal["results"] if result["name"] == "不动产登记"] == [
        "/weihai/personal/items/57/",
        "/weihai/personal/items/60/",
    ]


def test_stage_and_scenario_filters_keep_their_items(client):
    stage = SearchEntry.objects.get(kind="stage", jurisdiction__slug="weihai", lifecycle__kind="personal", name="置业")
    scenario = SearchEntry.objects.get(kind="scenario", jurisdiction__slug="weihai", name="购置二手房")
    in_stage = search(client, "不动产登记", stage=stage.stage_id)
    in_scenario = search(client, "不动产登记", scenario=scenario.scenario_id)
    assert [r["url"] for r in in_stage["results"] if r["kind"] != "scenario"] == [
        "/weihai/personal/items/57/",
        "/weihai/personal/items/60/",
    ]
    assert [r["url"] for r in in_scenario["results"]] == ["/weihai/personal/items/60/"]


def test_item_type_filter_keeps_items_of_that_type(client):
    answer = search(client, "登记", item_type="行政确认")
    assert answer["results"]
    for result in answer["results"]:
        types = [result["type"]] + [subitem["type"] for subitem in result["matched_subitems"]]
        assert "行政确认" in types
    assert all(result["kind"] in ("item", "subitem") for result in answer["results"])


def test_level_note_filter_keeps_items_with_that_note(client):
    # 附件1 11: 二、三类医疗器械生产许可, 省级事项.
    answer = search(client, "医疗器械", level_note="省级事项")
    assert names(answer) == ["二、三类医疗器械生产许可"]


def test_department_filter_tells_lead_from_cooperating(client):
    # 附件1 5 医疗保险单位参保登记: 市医保局 cooperates (lead 市市场监管局、市行政审批服务局).
    # 附件2 89 基本医疗保险参保人员异地就医备案: 市医保局 leads.
    health_insurance = SearchEntry.objects.get(kind="department", jurisdiction__slug="weihai", name="市医保局")
    department = health_insurance.department_id
    either = names(search(client, "医疗保险", department=department))
    lead = names(search(client, "医疗保险", department=department, role="lead"))
    cooperating = names(search(client, "医疗保险", department=department, role="cooperating"))
    assert {"医疗保险单位参保登记", "基本医疗保险参保人员异地就医备案"} <= set(either)
    assert "基本医疗保险参保人员异地就医备案" in lead and "医疗保险单位参保登记" not in lead
    assert "医疗保险单位参保登记" in cooperating and "基本医疗保险参保人员异地就医备案" not in cooperating


def test_jurisdiction_filter_keeps_one_jurisdiction(client):
    county = search(client, "结婚登记", jurisdiction="county")
    assert county["results"]
    assert all(result["location"]["jurisdiction"] == "区市级清单" for result in county["results"])


def test_without_a_jurisdiction_every_list_is_searched(client):
    answer = search(client, "内地居民结婚登记", jurisdiction=None)
    assert {result["location"]["jurisdiction"] for result in answer["results"]} == {"威海市", "区市级清单"}


def test_filters_without_words_list_the_filtered_items_in_document_order(client):
    scenario = SearchEntry.objects.get(kind="scenario", jurisdiction__slug="weihai", name="婚育")
    answer = search(client, "", scenario=scenario.scenario_id)
    # 附件2 7.1 婚育: items 82–86.
    assert [result["number"] for result in answer["results"]] == [82, 83, 84, 85, 86]


# Nothing found ------------------------------------------------------------------------


def test_nothing_found_says_so_suggests_near_terms_and_links_the_lifecycles(client):
    response = client.get("/search/", {"q": "护招"})
    assertContains(response, "没有找到与“护招”相关的事项")
    assertContains(response, 'href="/search/?q=%E6%8A%A4%E7%85%A7"')  # 护照
    assertContains(response, 'href="/weihai/enterprise/"')
    assertContains(response, 'href="/weihai/personal/"')


def test_nothing_found_in_the_api_gives_suggestions(client):
    answer = search(client, "护招")
    assert answer["count"] == 0
    assert "护照" in answer["suggestions"]


# The relevance benchmark -------------------------------------------------------------


def test_recall_at_five_on_the_residents_queries_is_at_least_ninety_percent():
    recall, mrr = summary(evaluate(read_queries(DEFAULT_QUERIES)))
    assert recall >= 0.9
    assert mrr >= 0.8
