import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from catalog.models import ItemType, LevelNote, Responsibility, Role
from lifecycle.models import Lifecycle
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


def _changelist_names(response):
    """The item names in the changelist's result table, in order."""
    return [str(row) for row in response.context["cl"].result_list]


@pytest.fixture
def catalog_rows():
    """Two items in two lifecycles, with different types, level notes and departments."""
    jurisdiction = make_jurisdiction()
    police = make_department(jurisdiction=jurisdiction, name="市公安局")
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局", position=1)
    enterprise = make_lifecycle(jurisdiction=jurisdiction, kind=Lifecycle.Kind.ENTERPRISE)
    personal = make_lifecycle(jurisdiction=jurisdiction, kind=Lifecycle.Kind.PERSONAL)
    seal = make_item(
        scenario=make_scenario(stage=make_stage(lifecycle=enterprise, name="企业开办")),
        name="公章刻制备案",
        item_type=ItemType.OTHER_POWER,
        lead=[police],
    )
    food = make_item(
        scenario=make_scenario(stage=make_stage(lifecycle=personal, name="出生")),
        name="食品经营许可",
        item_type=ItemType.LICENSING,
        level_note=LevelNote.COUNTY,
        cooperating=[market],
    )
    return {"seal": seal, "food": food, "police": police, "market": market}


def test_item_changelist_renders_in_chinese_with_number_name_scenario_and_type(admin_client, catalog_rows):
    response = admin_client.get(reverse("admin:catalog_item_changelist"))

    assert response.status_code == 200
    assertContains(response, "过滤器")
    assertContains(response, "搜索")
    for column in ("序号", "事项名称", "场景", "事项类型"):
        assertContains(response, column)
    assertContains(response, "公章刻制备案")
    assertContains(response, "1.1 企业开办")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda rows: {"lifecycle__id__exact": rows["seal"].lifecycle_id}, ["1. 公章刻制备案"]),
        (lambda rows: {"scenario__stage__id__exact": rows["food"].scenario.stage_id}, ["1. 食品经营许可"]),
        (lambda rows: {"item_type": ItemType.LICENSING}, ["1. 食品经营许可"]),
        (lambda rows: {"level_note": LevelNote.COUNTY}, ["1. 食品经营许可"]),
        (lambda rows: {"responsibilities__department__id__exact": rows["police"].pk}, ["1. 公章刻制备案"]),
        (lambda rows: {"q": "公章"}, ["1. 公章刻制备案"]),
    ],
    ids=["lifecycle", "stage", "item_type", "level_note", "department", "search"],
)
def test_item_changelist_filters_narrow_the_list(admin_client, catalog_rows, query, expected):
    response = admin_client.get(reverse("admin:catalog_item_changelist"), query(catalog_rows))

    assert response.status_code == 200
    assert _changelist_names(response) == expected


def test_item_changelist_names_stage_choices_with_their_lifecycle(admin_client, catalog_rows):
    response = admin_client.get(reverse("admin:catalog_item_changelist"))

    assertContains(response, "威海市 · 企业全生命周期 · 1 企业开办")
    assertContains(response, "威海市 · 个人全生命周期 · 1 出生")


def test_item_change_page_shows_sub_item_and_responsibility_inlines(admin_client):
    item = make_item(item_type="")
    police = make_department(jurisdiction=item.lifecycle.jurisdiction, name="市公安局")
    make_subitem(item=item, name="公司设立登记", lead=[police])
    other = make_item(scenario=item.scenario, name="涉税办理")
    make_subitem(item=other, name="别的事项的子项")

    response = admin_client.get(reverse("admin:catalog_item_change", args=[item.pk]))

    assert response.status_code == 200
    assertContains(response, "子项")
    assertContains(response, "责任分工")
    assertContains(response, 'value="公司设立登记"')
    # The sub-item choices in the responsibility inline are this item's own.
    subitem_select = re.search(
        r'<select name="responsibilities-0-subitem".*?</select>', response.content.decode(), re.S
    ).group(0)
    assert "公司设立登记" in subitem_select
    assert "别的事项的子项" not in subitem_select
    # Departments are picked by autocomplete, not a select of every department.
    assertContains(response, "admin-autocomplete")


def test_item_add_page_offers_no_sub_items(admin_client):
    make_subitem(item=make_item(), name="公司设立登记")

    response = admin_client.get(reverse("admin:catalog_item_add"))

    assert response.status_code == 200
    assertNotContains(response, ">公司设立登记<")


def test_sub_item_changelist_and_filters_render(admin_client, catalog_rows):
    make_subitem(item=catalog_rows["seal"], name="公司设立登记", level_note=LevelNote.PROVINCIAL)
    url = reverse("admin:catalog_subitem_changelist")

    assert admin_client.get(url).status_code == 200
    response = admin_client.get(url, {"level_note": LevelNote.PROVINCIAL, "item_type": ItemType.LICENSING})
    assert _changelist_names(response) == ["公司设立登记"]


def test_sub_item_responsibility_added_in_admin_belongs_to_the_sub_items_item(admin_client):
    item = make_item(item_type="")
    subitem = make_subitem(item=item, name="公司设立登记")
    market = make_department(jurisdiction=item.lifecycle.jurisdiction, name="市市场监管局")
    url = reverse("admin:catalog_subitem_change", args=[subitem.pk])
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url,
        {
            "item": item.pk,
            "position": 1,
            "name": "公司设立登记",
            "item_type": ItemType.LICENSING,
            "level_note": "",
            "responsibilities-TOTAL_FORMS": 1,
            "responsibilities-INITIAL_FORMS": 0,
            "responsibilities-0-department": market.pk,
            "responsibilities-0-role": Role.LEAD,
            "responsibilities-0-position": 0,
        },
    )

    assert response.status_code == 302, response.context["errors"] if response.context else response
    responsibility = Responsibility.objects.get()
    assert (responsibility.item, responsibility.subitem, responsibility.department) == (item, subitem, market)


def test_department_changelist_shows_item_counts_and_searches_by_name(admin_client, catalog_rows):
    url = reverse("admin:catalog_department_changelist")

    response = admin_client.get(url)
    assert response.status_code == 200
    assertContains(response, "事项数")
    assertContains(response, "牵头事项数")
    police = next(d for d in response.context["cl"].result_list if d.name == "市公安局")
    assert (police.item_count, police.lead_count, police.cooperating_count) == (1, 1, 0)

    response = admin_client.get(url, {"q": "市场"})
    assert _changelist_names(response) == ["市市场监管局"]


def test_department_autocomplete_answers(admin_client, catalog_rows):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "catalog", "model_name": "responsibility", "field_name": "department", "term": "公安"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["市公安局"]
