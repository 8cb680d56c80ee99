import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from catalog.models import ItemType, LevelNote
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


def _position(response, text):
    position = response.content.decode().find(text)
    assert position >= 0, f"{text!r} not on the page"
    return position


def _breadcrumbs(response):
    nav = re.search(r'<nav class="app-breadcrumbs".*?</nav>', response.content.decode(), re.S).group(0)
    return [re.sub(r"<[^>]+>", "", crumb).strip() for crumb in re.findall(r"<li.*?</li>", nav, re.S)]


# Item ----------------------------------------------------------------------


def test_item_page_runs_five_queries_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. the item with its lifecycle, scenario, stage and jurisdiction
    # 2. its sub-items
    # 3. the sub-items' responsibilities with their departments
    # 4. the item's own responsibilities with their departments
    # 5. the items of its scenario (the chain of steps), with the lifecycle and jurisdiction their links need
    with django_assert_num_queries(5):
        response = client.get("/weihai/enterprise/items/2/")

    assert response.status_code == 200
    assertTemplateUsed(response, "catalog/item.html")


def test_item_page_shows_number_type_level_note_and_departments(client):
    scenario = make_scenario(stage=make_stage(number=2, name="企业准营"), number=2, name="经营许可办理")
    jurisdiction = scenario.stage.lifecycle.jurisdiction
    approval = make_department(jurisdiction=jurisdiction, name="市行政审批服务局")
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局", position=1)
    make_item(
        scenario=scenario,
        number=15,
        name="食品经营许可",
        item_type=ItemType.LICENSING,
        level_note=LevelNote.COUNTY,
        lead=[approval],
        cooperating=[market],
    )

    response = client.get("/weihai/enterprise/items/15/")

    assertContains(response, '<h1 class="app-heading-xl">食品经营许可</h1>', html=True)
    assertContains(response, "序号 15")
    assertContains(response, '<span class="app-tag">行政许可</span>', html=True)
    assert _position(response, "牵头部门</dt>") < _position(response, "市行政审批服务局</a>")
    assert _position(response, "协同部门</dt>") < _position(response, "市市场监管局</a>")
    assertContains(
        response, '<p class="app-note"><strong class="app-note__label">层级说明</strong> 县级事项</p>', html=True
    )


def test_item_page_breadcrumbs_lead_from_home_through_lifecycle_stage_and_scenario(client):
    scenario = make_scenario(stage=make_stage(number=2, name="企业准营"), number=1, name="生产许可办理")
    make_item(scenario=scenario, number=9, name="食品生产许可")

    response = client.get("/weihai/enterprise/items/9/")

    assert _breadcrumbs(response) == ["首页", "企业全生命周期", "2 企业准营", "2.1 生产许可办理", "食品生产许可"]
    assertContains(response, 'aria-current="page">食品生产许可</li>')
    assertContains(response, f'href="{scenario.get_absolute_url()}"')
    assertContains(response, f'href="{scenario.stage.get_absolute_url()}"')


def test_item_page_lists_sub_items_with_their_own_types_and_departments(client):
    scenario = make_scenario()
    jurisdiction = scenario.stage.lifecycle.jurisdiction
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局")
    approval = make_department(jurisdiction=jurisdiction, name="市行政审批服务局", position=1)
    commerce = make_department(jurisdiction=jurisdiction, name="市商务局", position=2)
    item = make_item(scenario=scenario, number=1, name="公司（企业）设立登记", item_type="", lead=[market, approval])
    make_subitem(item=item, name="公司设立登记", item_type=ItemType.LICENSING)
    make_subitem(item=item, name="外商投资企业设立登记", item_type=ItemType.LICENSING, cooperating=[commerce])

    response = client.get("/weihai/enterprise/items/1/")

    assertContains(response, "子项（2 项）")
    # No type of its own: the two type labels are the sub-items'.
    assertContains(response, "事项类型</dt>", count=2)
    # The item's lead departments are shown once, not again on each sub-item.
    assertContains(response, "牵头部门</dt>", count=1)
    assert _position(response, "外商投资企业设立登记") < _position(response, "协同部门</dt>")
    assert _position(response, "协同部门</dt>") < _position(response, "市商务局</a>")


def test_item_page_says_which_step_of_its_scenario_it_is_with_previous_and_next(client):
    scenario = make_scenario(name="企业开办")
    first = make_item(scenario=scenario, number=1, name="公司（企业）设立登记")
    make_item(scenario=scenario, number=2, name="公章刻制备案")
    third = make_item(scenario=scenario, number=3, name="涉税办理")
    make_item(scenario=make_scenario(stage=scenario.stage, number=2, name="其他场景"), number=4, name="其他事项")

    response = client.get("/weihai/enterprise/items/2/")

    assertContains(response, "“企业开办”一链办理的第 2 步，共 3 步")
    assertContains(response, f'<a class="app-pagination__link" href="{first.get_absolute_url()}" rel="prev">')
    assertContains(response, f'<a class="app-pagination__link" href="{third.get_absolute_url()}" rel="next">')
    assertContains(response, '<span class="app-chain__current" aria-current="step">')
    assertNotContains(response, "其他事项")


def test_first_and_last_steps_have_no_previous_and_no_next(client):
    scenario = make_scenario()
    make_item(scenario=scenario, number=1)
    make_item(scenario=scenario, number=2)

    first = client.get("/weihai/enterprise/items/1/")
    last = client.get("/weihai/enterprise/items/2/")

    assertNotContains(first, 'rel="prev"')
    assertContains(first, 'rel="next"')
    assertContains(last, 'rel="prev"')
    assertNotContains(last, 'rel="next"')


def test_item_page_links_every_department_to_its_page(client):
    scenario = make_scenario()
    jurisdiction = scenario.stage.lifecycle.jurisdiction
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局")
    police = make_department(jurisdiction=jurisdiction, name="市公安局", position=1)
    make_item(scenario=scenario, number=1, lead=[market], cooperating=[police])

    response = client.get("/weihai/enterprise/items/1/")

    assertContains(response, f'href="{market.get_absolute_url()}"')
    assertContains(response, f'href="{police.get_absolute_url()}"')


def test_item_numbers_are_per_lifecycle(client):
    jurisdiction = make_jurisdiction()
    enterprise = make_lifecycle(jurisdiction=jurisdiction, kind=Lifecycle.Kind.ENTERPRISE)
    personal = make_lifecycle(jurisdiction=jurisdiction, kind=Lifecycle.Kind.PERSONAL)
    make_item(scenario=make_scenario(stage=make_stage(lifecycle=enterprise)), number=1, name="公司设立登记")
    make_item(
        scenario=make_scenario(stage=make_stage(lifecycle=personal, name="出生")), number=1, name="出生医学证明办理"
    )

    response = client.get("/weihai/personal/items/1/")

    assertContains(response, "出生医学证明办理")
    assertNotContains(response, "公司设立登记")


@pytest.mark.parametrize(
    "path", ["/weihai/enterprise/items/99/", "/weihai/personal/items/1/", "/huancui/enterprise/items/1/"]
)
def test_unknown_item_is_404(client, path):
    make_item(number=1)

    response = client.get(path)

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")


# Department index ----------------------------------------------------------


def test_department_index_runs_two_queries_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. the jurisdiction
    # 2. its departments, each with its lead and cooperating item counts
    with django_assert_num_queries(2):
        response = client.get("/weihai/departments/")

    assert response.status_code == 200
    assertTemplateUsed(response, "catalog/department_index.html")


def test_department_index_lists_departments_in_document_order_with_item_counts(client):
    scenario = make_scenario()
    jurisdiction = scenario.stage.lifecycle.jurisdiction
    police = make_department(jurisdiction=jurisdiction, name="市公安局", position=2)
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局", position=1)
    make_department(jurisdiction=make_jurisdiction(name="环翠区", slug="huancui", position=1), name="区公安分局")
    make_item(scenario=scenario, lead=[market], cooperating=[police])
    item = make_item(scenario=scenario, item_type="")
    # Lead on two sub-items of one item: that item counts once.
    make_subitem(item=item, name="甲", lead=[market])
    make_subitem(item=item, name="乙", lead=[market])

    response = client.get("/weihai/departments/")

    assert _position(response, "市市场监管局</a>") < _position(response, "市公安局</a>")
    assertContains(response, "牵头 2 项 · 协同 0 项")
    assertContains(response, "牵头 0 项 · 协同 1 项")
    assertContains(response, f'href="{market.get_absolute_url()}"')
    assertNotContains(response, "区公安分局")


def test_department_index_of_unknown_jurisdiction_is_404(client, db):
    response = client.get("/nowhere/departments/")

    assert response.status_code == 404


# Department ----------------------------------------------------------------


def test_department_page_runs_two_queries_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. the department with its jurisdiction
    # 2. its responsibilities with their items, sub-items, scenarios, stages and lifecycles
    with django_assert_num_queries(2):
        response = client.get(reverse("catalog:department", args=["weihai", "市市场监管局"]))

    assert response.status_code == 200
    assertTemplateUsed(response, "catalog/department.html")


def test_department_page_groups_what_it_leads_and_cooperates_on_by_lifecycle_and_stage(client):
    jurisdiction = make_jurisdiction()
    police = make_department(jurisdiction=jurisdiction, name="市公安局")
    enterprise = make_lifecycle(jurisdiction=jurisdiction, kind=Lifecycle.Kind.ENTERPRISE)
    personal = make_lifecycle(jurisdiction=jurisdiction, kind=Lifecycle.Kind.PERSONAL)
    opening = make_scenario(stage=make_stage(lifecycle=enterprise, number=1, name="企业开办"))
    birth = make_scenario(stage=make_stage(lifecycle=personal, number=1, name="出生"))
    school = make_scenario(stage=make_stage(lifecycle=personal, number=2, name="入学"))
    seal = make_item(scenario=opening, name="公章刻制备案", lead=[police])
    make_item(scenario=birth, name="户口登记（出生登记）", lead=[police])
    make_item(scenario=school, name="居民身份证签发", lead=[police])
    make_item(scenario=opening, name="涉税办理", cooperating=[police])
    make_item(scenario=birth, name="预防接种证办理")

    response = client.get(reverse("catalog:department", args=["weihai", "市公安局"]))

    assertContains(response, '<h1 class="app-heading-xl">市公安局</h1>', html=True)
    assertContains(response, "牵头 3 项事项，协同 1 项事项。")
    lead, cooperating = _position(response, "作为牵头部门的事项"), _position(response, "作为协同部门的事项")
    assert (
        lead
        < _position(response, "企业全生命周期</a></h3>")
        < _position(response, "公章刻制备案")
        < _position(response, "个人全生命周期</a></h3>")
        < _position(response, "1 出生</a></h4>")
        < _position(response, "户口登记（出生登记）")
        < _position(response, "2 入学</a></h4>")
        < _position(response, "居民身份证签发")
        < cooperating
        < _position(response, "涉税办理")
    )
    assertContains(response, f'href="{seal.get_absolute_url()}"')
    assertNotContains(response, "预防接种证办理")


def test_department_page_names_the_sub_items_a_role_covers(client):
    scenario = make_scenario()
    commerce = make_department(jurisdiction=scenario.stage.lifecycle.jurisdiction, name="市商务局")
    item = make_item(scenario=scenario, name="公司（企业）设立登记", item_type="")
    make_subitem(item=item, name="公司设立登记")
    make_subitem(item=item, name="外商投资企业设立登记", cooperating=[commerce])
    make_subitem(item=item, name="外商投资企业分支机构设立登记", cooperating=[commerce])

    response = client.get(reverse("catalog:department", args=["weihai", "市商务局"]))

    assertContains(response, "（子项：外商投资企业设立登记、外商投资企业分支机构设立登记）")
    assertContains(response, "牵头 0 项事项，协同 1 项事项。")
    assertContains(response, "该部门没有牵头的事项。")


def test_department_page_answers_for_names_with_brackets_and_spaces(client):
    scenario = make_scenario()
    bank = make_department(jurisdiction=scenario.stage.lifecycle.jurisdiction, name="人民银行威海市中心支行（营业 部）")
    make_item(scenario=scenario, lead=[bank])

    response = client.get(bank.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "人民银行威海市中心支行（营业 部）")


@pytest.mark.parametrize("path", ["/weihai/departments/市教育局/", "/huancui/departments/市公安局/"])
def test_unknown_department_is_404(client, path):
    make_department(jurisdiction=make_jurisdiction(), name="市公安局")
    make_jurisdiction(name="环翠区", slug="huancui", position=1)

    response = client.get(path)

    assert response.status_code == 404
