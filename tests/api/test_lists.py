"""The open-data API's lists and details: shapes, pagination, and queries that do not grow with the page."""

import pytest

from catalog.models import Department, Item
from lifecycle.models import Lifecycle, Stage
from tests.conftest import LARGE_CATALOG
from tests.factories import (
    make_catalog,
    make_department,
    make_item,
    make_jurisdiction,
    make_lifecycle,
    make_scenario,
    make_stage,
    make_subitem,
)

pytestmark = pytest.mark.django_db


def _get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()


# Queries: the same for a page of two and a page of fifty ------------------------------------


@pytest.fixture
def small_catalog():
    """Both lifecycles, 3 items each."""
    return make_catalog()


@pytest.fixture
def large_catalog():
    """Both lifecycles, 60 items each (tests/conftest.py's large catalog)."""
    return make_catalog(**LARGE_CATALOG)


def _count_pages(client, django_assert_num_queries, path, queries):
    """Ask for `path` a page of 2 and a page of 50, expecting `queries` queries each time; the rows returned."""
    sizes = []
    for page_size in (2, 50):
        with django_assert_num_queries(queries):
            response = client.get(path, {"page_size": page_size})
        assert response.status_code == 200
        sizes.append(len(response.json()["results"]))
    return sizes


def test_lifecycle_list_runs_three_queries_whatever_the_page_size(client, django_assert_num_queries, large_catalog):
    # 1. the count  2. the page, with jurisdictions, item counts and update dates  3. the stages
    assert _count_pages(client, django_assert_num_queries, "/api/lifecycles/", 3) == [2, 2]


def test_stage_list_runs_three_queries_whatever_the_page_size(client, django_assert_num_queries, large_catalog):
    # 1. the count  2. the page, with lifecycles and jurisdictions  3. the scenarios
    assert _count_pages(client, django_assert_num_queries, "/api/stages/", 3) == [2, 6]


def test_scenario_list_runs_three_queries_whatever_the_page_size(client, django_assert_num_queries, large_catalog):
    # 1. the count  2. the page, with stages, lifecycles and jurisdictions
    # 3. the items, with the lifecycle and jurisdiction their addresses need
    assert _count_pages(client, django_assert_num_queries, "/api/scenarios/", 3) == [2, 12]


def test_item_list_runs_five_queries_whatever_the_page_size(client, django_assert_num_queries, large_catalog):
    # 1. the count  2. the page, with scenarios, stages, lifecycles and jurisdictions
    # 3. the sub-items  4. their responsibilities with departments
    # 5. the items' own responsibilities with departments
    # (A page of two holds an even item, which has sub-items: a page without any would skip 4.)
    assert _count_pages(client, django_assert_num_queries, "/api/items/", 5) == [2, 50]


def test_department_list_runs_three_queries_whatever_the_page_size(client, django_assert_num_queries, large_catalog):
    # 1. the count  2. the page, with jurisdictions and counterparts
    # 3. the responsibilities, with items, lifecycles, jurisdictions and sub-items
    assert _count_pages(client, django_assert_num_queries, "/api/departments/", 3) == [2, 4]


def test_filtered_item_list_adds_one_query_per_chosen_object(client, django_assert_num_queries, large_catalog):
    stage = Stage.objects.filter(lifecycle__kind="personal").first()
    department = Department.objects.first()
    # The five of the item list, plus the jurisdiction, the stage and the department chosen.
    with django_assert_num_queries(8):
        response = client.get("/api/items/", {"jurisdiction": "weihai", "stage": stage.pk, "department": department.pk})

    assert response.status_code == 200


# Shapes ----------------------------------------------------------------------------------


@pytest.fixture
def company_registration():
    """Item 1 of the enterprise list as the notice prints it: typed by its sub-items, two lead departments."""
    jurisdiction = make_jurisdiction()
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局")
    approval = make_department(jurisdiction=jurisdiction, name="市行政审批服务局", position=1)
    police = make_department(jurisdiction=jurisdiction, name="市公安局", position=2)
    scenario = make_scenario(stage=make_stage(lifecycle=make_lifecycle(jurisdiction=jurisdiction)))
    item = make_item(scenario=scenario, name="公司（企业）设立登记", item_type="", lead=[market, approval])
    make_subitem(item=item, name="公司设立登记", lead=[market, approval])
    make_subitem(item=item, name="分公司设立登记", level_note="县级事项", lead=[market], cooperating=[police])
    return item


def test_item_detail_has_its_place_type_departments_and_sub_items(client, company_registration):
    item = company_registration

    data = _get(client, f"/api/items/{item.pk}/")

    assert data["number"] == 1
    assert data["name"] == "公司（企业）设立登记"
    assert data["type"] is None
    assert data["level_note"] is None
    assert [department["name"] for department in data["lead"]] == ["市市场监管局", "市行政审批服务局"]
    assert data["cooperating"] == []
    assert data["jurisdiction"] == {"name": "威海市", "slug": "weihai"}
    assert data["lifecycle"]["kind"] == "enterprise"
    assert data["stage"]["number"] == 1
    assert data["scenario"]["code"] == "1.1"
    assert data["url"] == "http://testserver/weihai/enterprise/items/1/"
    assert [sub["name"] for sub in data["subitems"]] == ["公司设立登记", "分公司设立登记"]
    branch = data["subitems"][1]
    assert branch["type"] == "行政许可"
    assert branch["level_note"] == "县级事项"
    assert [department["name"] for department in branch["lead"]] == ["市市场监管局"]
    assert [department["name"] for department in branch["cooperating"]] == ["市公安局"]


def test_department_detail_lists_what_it_leads_and_where_it_cooperates(client, company_registration):
    police = Department.objects.get(name="市公安局")
    market = Department.objects.get(name="市市场监管局")

    police_data = _get(client, f"/api/departments/{police.pk}/")
    market_data = _get(client, f"/api/departments/{market.pk}/")

    assert police_data["lead"] == []
    [cooperation] = police_data["cooperating"]
    assert cooperation["name"] == "公司（企业）设立登记"
    assert cooperation["whole_item"] is False
    assert cooperation["subitems"] == ["分公司设立登记"]
    [lead] = market_data["lead"]
    assert lead["whole_item"] is True
    assert lead["subitems"] == ["公司设立登记", "分公司设立登记"]
    assert lead["url"] == "http://testserver/weihai/enterprise/items/1/"
    assert (
        market_data["url"]
        == "http://testserver/weihai/departments/%E5%B8%82%E5%B8%82%E5%9C%BA%E7%9B%91%E7%AE%A1%E5%B1%80/"
    )


def test_lifecycle_list_gives_each_list_with_its_stages_and_item_count(client, small_catalog):
    data = _get(client, "/api/lifecycles/")

    assert [(row["jurisdiction"]["slug"], row["kind"]) for row in data["results"]] == [
        ("weihai", "enterprise"),
        ("weihai", "personal"),
    ]
    enterprise = data["results"][0]
    lifecycle = Lifecycle.objects.get(kind="enterprise")
    assert enterprise["item_count"] == lifecycle.items.count()
    assert [stage["number"] for stage in enterprise["stages"]] == sorted(
        lifecycle.stages.values_list("number", flat=True)
    )
    assert enterprise["url"] == "http://testserver/weihai/enterprise/"


def test_scenario_list_gives_each_scenario_with_its_items_in_order(client, small_catalog):
    data = _get(client, "/api/scenarios/", page_size=200)

    first = data["results"][0]
    assert first["code"] == "1.1"
    numbers = [item["number"] for item in first["items"]]
    assert numbers == sorted(numbers)
    assert first["items"][0]["url"].startswith("http://testserver/weihai/enterprise/items/")


def test_lists_are_in_document_order_across_pages(client):
    make_catalog(stages=2, scenarios_per_stage=2, items_per_scenario=3)
    expected = list(Item.objects.order_by("lifecycle__kind", "number").values_list("lifecycle__kind", "number"))

    seen, url = [], "/api/items/?page_size=5"
    while url:
        data = client.get(url).json()
        seen += [(row["lifecycle"]["kind"], row["number"]) for row in data["results"]]
        url = data["next"]

    assert seen == expected


def test_pagination_says_where_it_is_and_caps_the_page_size(client):
    make_catalog(stages=3, scenarios_per_stage=2, items_per_scenario=20)  # 120 items a lifecycle

    first = _get(client, "/api/items/", page_size=100)
    capped = _get(client, "/api/items/", page_size=1000)
    default = _get(client, "/api/items/")

    assert (first["count"], first["page"], first["pages"]) == (240, 1, 3)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/items/?page=2&page_size=100"
    assert len(capped["results"]) == 200
    assert len(default["results"]) == 50


def test_a_page_past_the_end_is_a_404(client, small_catalog):
    response = client.get("/api/items/", {"page": 999})

    assert response.status_code == 404
    assert "detail" in response.json()


def test_an_unknown_id_is_a_404_and_a_word_is_no_route(client, small_catalog):
    assert client.get("/api/items/999999/").status_code == 404
    assert client.get("/api/items/abc/").status_code == 404


def test_the_api_is_read_only(client, small_catalog):
    item = Item.objects.first()

    assert client.post("/api/items/", {}).status_code == 405
    assert client.put(f"/api/items/{item.pk}/", {}).status_code == 405
    assert client.delete(f"/api/items/{item.pk}/").status_code == 405


def test_answers_are_json_with_chinese_unescaped_and_set_no_cookie(client, small_catalog):
    response = client.get("/api/lifecycles/")

    assert response["Content-Type"] == "application/json"
    assert "企业全生命周期" in response.content.decode()
    assert not response.cookies


def test_api_root_links_every_endpoint_the_search_and_the_schema(client):
    data = _get(client, "/api/")

    assert data == {
        "lifecycles": "http://testserver/api/lifecycles/",
        "stages": "http://testserver/api/stages/",
        "scenarios": "http://testserver/api/scenarios/",
        "items": "http://testserver/api/items/",
        "departments": "http://testserver/api/departments/",
        "search": "http://testserver/api/search/",
        "schema": "http://testserver/api/schema/",
    }


def test_the_api_has_no_english_copy_and_search_stays_at_api_search(client, small_catalog):
    assert client.get("/en/api/items/").status_code == 404
    assert client.get("/api/search/", {"q": "事项"}).status_code == 200
