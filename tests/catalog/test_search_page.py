"""The search page, the header search box and the JSON API: queries, bad input, ranking rules, index upkeep."""

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models.signals import post_init
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from catalog.models import Department, Item, ItemType, SearchEntry
from catalog.search import rebuild_search_index
from lifecycle.models import Lifecycle, Scenario, Stage
from tests.factories import (
    make_department,
    make_item,
    make_jurisdiction,
    make_lifecycle,
    make_scenario,
    make_stage,
    make_subitem,
)

pytestmark = pytest.mark.django_db


def _result_names(response):
    """The result titles on a search page, marks removed, in order."""
    titles = re.findall(r'<a class="app-search-result__link"[^>]*>(.*?)</a>', response.content.decode(), re.S)
    return [re.sub(r"<[^>]+>", "", title).strip() for title in titles]


# Query counts ---------------------------------------------------------------------------


def test_search_page_runs_ten_queries_whatever_the_number_of_results(client, django_assert_num_queries, catalog):
    rebuild_search_index()
    # 1. the vocabulary: every distinct name in the index
    # 2. the index entries the filters keep that can match 事项
    # 3. the page's items with their lifecycle, scenario, stage and jurisdiction
    # 4. their sub-items
    # 5. the sub-items' responsibilities with their departments
    # 6. the items' own responsibilities with their departments
    # 7–10. the filter choices: jurisdictions, stages, scenarios, departments
    with django_assert_num_queries(10):
        response = client.get("/search/", {"q": "事项"})

    assert response.status_code == 200
    assertTemplateUsed(response, "catalog/search.html")
    assert _result_names(response)  # 6 items in the small catalog, a page of 20 of 120 in the large


def test_search_api_runs_six_queries_whatever_the_number_of_results(client, django_assert_num_queries, catalog):
    rebuild_search_index()
    # 1. the vocabulary  2. the matching entries  3. items  4. sub-items
    # 5. sub-item responsibilities  6. item responsibilities
    with django_assert_num_queries(6):
        response = client.get("/api/search/", {"q": "事项"})

    assert response.status_code == 200
    assert response.json()["results"]


def test_empty_search_page_runs_only_the_filter_choice_queries(client, django_assert_num_queries, catalog):
    rebuild_search_index()
    # 1–4. the filter choices; 5. the lifecycles it links to
    with django_assert_num_queries(5):
        response = client.get("/search/")

    assert response.status_code == 200


def test_filter_choices_are_read_as_rows_not_model_instances(client, catalog):
    # ~110 options a page: as model instances (ModelChoiceIterator, through a server-side cursor
    # on PostgreSQL) they were most of an empty search's time. catalog.filters.OfferedChoices.
    # (The page's browse links build their lifecycles and jurisdictions: a handful.)
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    for model in (Stage, Scenario, Department):
        post_init.connect(count, sender=model, weak=False)
    try:
        response = client.get("/search/")
    finally:
        for model in (Stage, Scenario, Department):
            post_init.disconnect(count, sender=model)

    assert response.status_code == 200
    assert 'name="stage"' in response.content.decode()
    assert built == []


# Page structure --------------------------------------------------------------------------


@pytest.fixture
def small_catalog():
    scenario = make_scenario(stage=make_stage(lifecycle=make_lifecycle(kind=Lifecycle.Kind.PERSONAL), name="出生"))
    police = make_department(jurisdiction=scenario.stage.lifecycle.jurisdiction, name="市公安局")
    make_item(scenario=scenario, name="居民身份证签发", item_type=ItemType.CONFIRMATION, lead=[police])
    rebuild_search_index()
    return scenario


def test_every_page_has_the_search_box_in_its_header(client, small_catalog):
    for url in ("/", "/weihai/personal/", "/weihai/departments/"):
        html = client.get(url).content.decode()
        assert re.search(r'<form class="app-search-box" action="/search/" method="get" role="search"', html), url
        assert 'name="q"' in html


@pytest.mark.parametrize("url", ["/search/", "/search/?q=身份证", "/search/?q=宇宙飞船", "/search/?lifecycle=personal"])
def test_search_page_has_one_h1_breadcrumbs_and_no_inline_script_or_style(client, small_catalog, url):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<nav class="app-breadcrumbs"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    # The page has its own search form; the header's box is left out.
    assert 'class="app-search-box"' not in html


def test_search_page_keeps_the_query_in_the_box_and_counts_the_results(client, small_catalog):
    response = client.get("/search/", {"q": "身份证"})

    assertContains(response, 'name="q" value="身份证"')
    assertContains(response, "找到 1 条结果")
    assert _result_names(response) == ["居民身份证签发"]
    assertContains(response, "“身份证”也按清单用语“居民身份证”查找。")


# Bad input --------------------------------------------------------------------------------

BAD_QUERIES = [
    "",
    "   ",
    "。。，，！？……",
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1; DROP TABLE catalog_item; --",
    "%_%",
    "\\",
    "\x00出生\x07",
    "😀🎉",
    "身份证" * 100,
    "a" * 1000,
    "ｓｈｅｎｆｅｎｚｈｅｎｇ",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_any_query_gets_a_normal_page(client, small_catalog, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<script>alert" not in html
    assert "<img src=x" not in html


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_any_query_gets_a_normal_api_answer(client, small_catalog, query):
    response = client.get("/api/search/", {"q": query})

    assert response.status_code == 200
    assert "results" in response.json()


def test_a_query_over_two_hundred_characters_is_cut_and_the_page_says_so(client, small_catalog):
    response = client.get("/search/", {"q": "身份证" * 100})

    assertContains(response, "搜索词超过 200 个字，只按前 200 个字查找。")
    assert client.get("/api/search/", {"q": "身份证" * 100}).json()["truncated"] is True


def test_a_query_with_nothing_searchable_says_what_to_type(client, small_catalog):
    response = client.get("/search/", {"q": "。。，，！"})

    assertContains(response, "搜索词里没有可以查找的文字")
    assertNotContains(response, "找到")


def test_an_html_query_is_shown_escaped(client, small_catalog):
    response = client.get("/search/", {"q": "<b>出生</b>"})

    assertContains(response, 'value="&lt;b&gt;出生&lt;/b&gt;"')
    assertNotContains(response, "<b>出生</b>")


@pytest.mark.parametrize(
    "params",
    [
        {"stage": "abc"},
        {"stage": "99999999"},
        {"stage": "99999999999999999999999"},
        {"scenario": "-1"},
        {"department": "1.5"},
        {"jurisdiction": "nowhere"},
        {"lifecycle": "company"},
        {"item_type": "许可"},
        {"level_note": "市级"},
        {"role": "boss"},
        {"page": "abc"},
        {"page": "99999"},
    ],
)
def test_bad_filter_values_get_a_normal_page_saying_they_were_ignored(client, small_catalog, params):
    response = client.get("/search/", {"q": "身份证", **params})

    assert response.status_code == 200
    assert _result_names(response) == ["居民身份证签发"]
    if "page" not in params:
        assertContains(response, "以下筛选条件无法识别，已忽略")


def test_bad_filter_values_get_a_400_from_the_api_naming_them(client, small_catalog):
    response = client.get("/api/search/", {"q": "身份证", "stage": "abc", "item_type": "许可"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"stage", "item_type"}


# Ranking rules, on rows made for them --------------------------------------------------


def test_results_are_ranked_exact_name_then_item_then_sub_item_then_place_then_context(client):
    # Made in the reverse of the expected order, so document order cannot pass for ranking.
    lifecycle = make_lifecycle(kind=Lifecycle.Kind.PERSONAL)
    stage = make_stage(lifecycle=lifecycle, number=1, name="婚育")
    wedding_services = make_scenario(stage=stage, number=1, name="结婚登记服务")
    other = make_scenario(stage=stage, number=2, name="其他")
    make_item(scenario=wedding_services, number=1, name="户口迁移")
    marriage = make_item(scenario=other, number=2, name="婚姻事务", item_type="")
    make_subitem(item=marriage, name="涉外结婚登记")
    make_item(scenario=other, number=3, name="内地居民结婚登记")
    make_item(scenario=other, number=4, name="结婚登记")
    rebuild_search_index()

    response = client.get("/search/", {"q": "结婚登记"})

    assert _result_names(response) == ["结婚登记", "内地居民结婚登记", "婚姻事务", "1.1 结婚登记服务", "户口迁移"]


def test_a_sub_item_match_lists_the_sub_item_under_its_item(client):
    item = make_item(name="机动车登记", item_type="")
    make_subitem(item=item, name="机动车登记—注销登记")
    make_subitem(item=item, name="机动车登记—注册登记")
    rebuild_search_index()

    response = client.get("/search/", {"q": "注销"})

    assert _result_names(response) == ["机动车登记"]
    assertContains(response, "匹配的子项")
    assertContains(response, '机动车登记—<mark class="app-search-result__mark">注销</mark>登记')
    assertNotContains(response, "机动车登记—注册登记")


def test_a_long_result_list_is_paged_keeping_the_query(client, catalog):
    rebuild_search_index()

    first = client.get("/search/", {"q": "事项"})
    count = Item.objects.count()
    if count <= 20:
        assertNotContains(first, 'rel="next"')
        return
    assertContains(first, 'href="?q=%E4%BA%8B%E9%A1%B9&amp;page=2" rel="next"')
    second = client.get("/search/", {"q": "事项", "page": 2})
    assert len(_result_names(second)) == min(20, count - 20)
    assert set(_result_names(first)).isdisjoint(_result_names(second))


def test_filter_choices_offer_the_default_jurisdictions_stages_named_with_their_list(client, small_catalog):
    response = client.get("/search/")

    assertContains(response, "个人全生命周期 · 1 出生</option>")


def _offered(html, name):
    """(value, label) of each option of the <select> named `name`, in order."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        (value, unescape(label)) for value, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select)
    ]


def test_filter_choices_read_as_the_models_name_them_in_document_order(client, catalog):
    other = make_jurisdiction(name="区市级清单", slug="county", position=1)
    make_department(jurisdiction=other, name="区市场监管局")
    html = client.get("/search/").content.decode()

    # The default jurisdiction's stages, scenarios and departments only, each as its model reads.
    weihai_stages = Stage.objects.filter(lifecycle__jurisdiction=catalog).select_related("lifecycle")
    scenarios = Scenario.objects.filter(stage__lifecycle__jurisdiction=catalog).select_related("stage__lifecycle")
    assert _offered(html, "stage")[1:] == [(str(s.pk), f"{s.lifecycle.name} · {s}") for s in weihai_stages]
    assert _offered(html, "scenario")[1:] == [(str(s.pk), f"{s.stage.lifecycle.name} · {s}") for s in scenarios]
    assert _offered(html, "department")[1:] == [(str(d.pk), str(d)) for d in catalog.departments.all()]
    assert _offered(html, "jurisdiction") == [("", "全部"), ("weihai", catalog.name), ("county", "区市级清单")]


def test_a_chosen_stage_of_another_jurisdiction_is_still_offered_and_selected(client, small_catalog):
    county = make_jurisdiction(name="区市级清单", slug="county", position=1)
    stage = make_stage(lifecycle=make_lifecycle(jurisdiction=county, kind="personal"), number=1, name="出生")
    html = client.get("/search/", {"stage": stage.pk}).content.decode()

    assert (str(stage.pk), "个人全生命周期 · 1 出生") in _offered(html, "stage")
    assert f'<option value="{stage.pk}" selected>' in html


# Keeping the index up to date -----------------------------------------------------------


def test_saving_an_item_in_the_admin_updates_the_index(admin_client, small_catalog):
    item = Item.objects.get(name="居民身份证签发")
    response = admin_client.post(
        reverse("admin:catalog_item_change", args=[item.pk]),
        {
            "lifecycle": item.lifecycle_id,
            "scenario": item.scenario_id,
            "number": item.number,
            "name": "居民身份证换领",
            "item_type": item.item_type,
            "level_note": "",
            "subitems-TOTAL_FORMS": 0,
            "subitems-INITIAL_FORMS": 0,
            "responsibilities-TOTAL_FORMS": 0,
            "responsibilities-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302
    assert SearchEntry.objects.filter(kind="item", name="居民身份证换领").exists()
    assert not SearchEntry.objects.filter(name="居民身份证签发").exists()


def test_deleting_an_item_in_the_admin_removes_it_from_the_index(admin_client, small_catalog):
    item = Item.objects.get(name="居民身份证签发")
    response = admin_client.post(reverse("admin:catalog_item_delete", args=[item.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not SearchEntry.objects.filter(kind="item").exists()


def test_renaming_a_stage_in_the_admin_updates_the_index(admin_client, small_catalog):
    stage = Stage.objects.get()
    response = admin_client.post(
        reverse("admin:lifecycle_stage_change", args=[stage.pk]),
        {
            "lifecycle": stage.lifecycle_id,
            "number": stage.number,
            "name": "新生",
            "scenarios-TOTAL_FORMS": 0,
            "scenarios-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302
    assert SearchEntry.objects.filter(kind="stage", name="新生").exists()


def test_renaming_a_department_in_the_admin_updates_the_index(admin_client, small_catalog):
    department = Department.objects.get(name="市公安局")
    response = admin_client.post(
        reverse("admin:catalog_department_change", args=[department.pk]),
        {"jurisdiction": department.jurisdiction_id, "name": "市公安分局", "position": 0},
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert SearchEntry.objects.filter(kind="department", name="市公安分局").exists()


def test_an_import_updates_the_index(client, tmp_path):
    call_command("load_catalog", stdout=StringIO())
    path = tmp_path / "personal.xlsx"
    call_command("export_catalog", "--format", "xlsx", "--lifecycle", "personal", "--output", str(path))
    workbook = load_workbook(path)
    for row in workbook.active.iter_rows(min_row=2):
        if row[0].value == 79:  # 附件2 79 普通护照签发
            row[3].value = "普通护照签发和换发"
    workbook.save(path)

    call_command("import_catalog", str(path), "--jurisdiction", "威海市", "--lifecycle", "personal", stdout=StringIO())

    answer = client.get("/api/search/", {"q": "护照换发", "jurisdiction": "weihai"}).json()
    assert answer["results"][0]["name"] == "普通护照签发和换发"


def test_rebuild_search_index_command_writes_the_index(small_catalog):
    SearchEntry.objects.all().delete()
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    # The fixture's stage, scenario, item and department.
    assert sorted(SearchEntry.objects.values_list("kind", flat=True)) == ["department", "item", "scenario", "stage"]
    assert "搜索索引已重建" in out.getvalue()
