"""The API's item filters mean what the search page's mean; a value they do not understand is a 400 naming it."""

import pytest

from catalog.models import Department
from lifecycle.models import Scenario, Stage
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


def _names(client, path="/api/items/", **params):
    response = client.get(path, {**params, "page_size": 200})
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


@pytest.fixture
def small_catalog():
    """make_catalog's shapes: odd items typed 行政许可 (县级事项); even ones typed by sub-items (行政许可, 行政确认)."""
    return make_catalog(stages=2, scenarios_per_stage=1, items_per_scenario=2)


def test_lifecycle_filter_keeps_one_list(client, small_catalog):
    names = _names(client, lifecycle="personal")
    response = client.get("/api/items/", {"lifecycle": "personal"})

    assert len(names) == 4
    assert {row["lifecycle"]["kind"] for row in response.json()["results"]} == {"personal"}


def test_jurisdiction_filter_takes_the_slug(client, small_catalog):
    county = make_jurisdiction(name="区市级清单", slug="county", position=1)
    scenario = make_scenario(stage=make_stage(lifecycle=make_lifecycle(jurisdiction=county, kind="personal")))
    make_item(scenario=scenario, name="出生医学证明办理")

    assert _names(client, jurisdiction="county") == ["出生医学证明办理"]
    assert "出生医学证明办理" not in _names(client, jurisdiction="weihai")


def test_stage_and_scenario_filters_take_ids(client, small_catalog):
    stage = Stage.objects.get(lifecycle__kind="enterprise", number=2)
    scenario = Scenario.objects.get(stage=stage)

    assert _names(client, stage=stage.pk) == ["事项3", "事项4"]
    assert _names(client, scenario=scenario.pk) == ["事项3", "事项4"]


def test_item_type_filter_counts_a_sub_items_type_for_its_item(client, small_catalog):
    # 行政确认 is only ever a sub-item's type: its items (the even ones) are kept.
    assert _names(client, lifecycle="enterprise", item_type="行政确认") == ["事项2", "事项4"]
    # 行政许可: the odd items' own type and the even items' first sub-item's.
    assert _names(client, lifecycle="enterprise", item_type="行政许可") == ["事项1", "事项2", "事项3", "事项4"]
    assert _names(client, item_type="公共服务") == []


def test_level_note_filter_keeps_items_with_that_note(client, small_catalog):
    assert _names(client, lifecycle="enterprise", level_note="县级事项") == ["事项1", "事项3"]


def test_department_filter_with_a_role_counts_roles_on_sub_items(client, small_catalog):
    police = Department.objects.get(name="市公安局")
    tax = Department.objects.get(name="市税务局")

    # 市公安局 cooperates on the odd items and leads the even items' second sub-item.
    assert _names(client, lifecycle="enterprise", department=police.pk) == ["事项1", "事项2", "事项3", "事项4"]
    assert _names(client, lifecycle="enterprise", department=police.pk, role="lead") == ["事项2", "事项4"]
    assert _names(client, lifecycle="enterprise", department=police.pk, role="cooperating") == ["事项1", "事项3"]
    # 市税务局 only cooperates, on the even items' first sub-item.
    assert _names(client, lifecycle="enterprise", department=tax.pk, role="lead") == []


def test_role_without_a_department_filters_nothing(client, small_catalog):
    assert len(_names(client, role="lead")) == 8


def test_filters_of_the_other_lists(client, small_catalog):
    stage = Stage.objects.get(lifecycle__kind="personal", number=1)
    other = make_jurisdiction(name="区市级清单", slug="county", position=1)
    make_department(jurisdiction=other, name="市卫健局")

    assert [row["kind"] for row in client.get("/api/lifecycles/", {"lifecycle": "personal"}).json()["results"]] == [
        "personal"
    ]
    assert len(client.get("/api/stages/", {"lifecycle": "personal"}).json()["results"]) == 2
    assert [row["code"] for row in client.get("/api/scenarios/", {"stage": stage.pk}).json()["results"]] == ["1.1"]
    assert _names(client, "/api/departments/", jurisdiction="county") == ["市卫健局"]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"jurisdiction": "nowhere"}, "jurisdiction"),
        ({"lifecycle": "company"}, "lifecycle"),
        ({"stage": "abc"}, "stage"),
        ({"stage": "99999"}, "stage"),
        ({"scenario": "1.1"}, "scenario"),
        ({"item_type": "许可"}, "item_type"),
        ({"level_note": "市级"}, "level_note"),
        ({"department": "市公安局"}, "department"),
        ({"role": "boss"}, "role"),
    ],
)
def test_a_value_a_filter_does_not_understand_is_a_400_naming_it(client, small_catalog, params, named):
    response = client.get("/api/items/", params)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [named]


def test_an_unknown_parameter_is_ignored(client, small_catalog):
    assert len(_names(client, colour="blue")) == 8


def test_a_sub_item_with_another_departments_role_does_not_make_its_item_match(client):
    jurisdiction = make_jurisdiction()
    police = make_department(jurisdiction=jurisdiction, name="市公安局")
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局", position=1)
    scenario = make_scenario(stage=make_stage(lifecycle=make_lifecycle(jurisdiction=jurisdiction)))
    item = make_item(scenario=scenario, name="公司（企业）设立登记", item_type="", lead=[market])
    make_subitem(item=item, name="公司设立登记", lead=[market])

    assert _names(client, department=police.pk) == []
    assert _names(client, department=market.pk, role="lead") == ["公司（企业）设立登记"]
