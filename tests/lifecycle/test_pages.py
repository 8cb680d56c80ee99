import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from catalog.models import Edition, ItemType, LevelNote
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

ENTERPRISE = Lifecycle.Kind.ENTERPRISE
PERSONAL = Lifecycle.Kind.PERSONAL


def _position(response, text):
    position = response.content.decode().find(text)
    assert position >= 0, f"{text!r} not on the page"
    return position


# Home ----------------------------------------------------------------------


def test_home_page_runs_three_queries_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. jurisdictions
    # 2. their lifecycles, each with its item count
    # 3. the lifecycles' stages, each with its item count
    with django_assert_num_queries(3):
        response = client.get("/")

    assert response.status_code == 200
    assertTemplateUsed(response, "portal/home.html")


def test_home_page_shows_both_lifecycles_with_their_stages_and_item_counts(client):
    jurisdiction = make_jurisdiction()
    enterprise = make_lifecycle(jurisdiction=jurisdiction, kind=ENTERPRISE)
    personal = make_lifecycle(jurisdiction=jurisdiction, kind=PERSONAL)
    opening = make_stage(lifecycle=enterprise, number=1, name="企业开办")
    make_stage(lifecycle=personal, number=1, name="出生")
    scenario = make_scenario(stage=opening)
    make_item(scenario=scenario, name="公章刻制备案")
    make_item(scenario=scenario, name="涉税办理")

    response = client.get("/")

    assertContains(response, "<h2", count=1)
    assertContains(response, "企业全生命周期")
    assertContains(response, "个人全生命周期")
    assertContains(response, f'href="{opening.get_absolute_url()}"')
    assertContains(response, "企业开办")
    assertContains(response, "出生")
    assertContains(response, "2 项")
    assertContains(response, reverse("catalog:departments", args=["weihai"]))


def test_home_page_lists_jurisdictions_in_their_order(client):
    make_lifecycle(jurisdiction=make_jurisdiction(name="环翠区", slug="huancui", position=2))
    make_lifecycle(jurisdiction=make_jurisdiction(name="威海市", slug="weihai", position=1))

    response = client.get("/")

    assert _position(response, "威海市</a></h2>") < _position(response, "环翠区</a></h2>")


# Jurisdiction --------------------------------------------------------------


def test_jurisdiction_page_runs_three_queries_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. the jurisdiction
    # 2. its lifecycles, each with its item count
    # 3. their stages, each with its item count
    with django_assert_num_queries(3):
        response = client.get("/weihai/")

    assert response.status_code == 200
    assertTemplateUsed(response, "lifecycle/jurisdiction.html")


def test_jurisdiction_page_shows_only_its_own_lifecycles(client):
    weihai = make_jurisdiction()
    huancui = make_jurisdiction(name="环翠区", slug="huancui", position=1)
    make_stage(lifecycle=make_lifecycle(jurisdiction=weihai, kind=ENTERPRISE), name="企业开办")
    make_stage(lifecycle=make_lifecycle(jurisdiction=huancui, kind=PERSONAL), name="出生")

    response = client.get("/huancui/")

    assertContains(response, '<h1 class="app-heading-xl">环翠区“双全双百”事项清单</h1>', html=False)
    assertContains(response, "个人全生命周期")
    assertNotContains(response, "企业开办")
    assertContains(response, reverse("catalog:departments", args=["huancui"]))


def test_unknown_jurisdiction_is_404(client, db):
    response = client.get("/nowhere/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")


# Lifecycle -----------------------------------------------------------------


def test_lifecycle_page_runs_three_queries_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. the lifecycle with its jurisdiction and item count
    # 2. its stages, each with its item count
    # 3. their scenarios, each with its item count
    with django_assert_num_queries(3):
        response = client.get("/weihai/enterprise/")

    assert response.status_code == 200
    assertTemplateUsed(response, "lifecycle/lifecycle.html")


def test_lifecycle_page_lists_every_stage_with_its_scenarios_and_item_counts(client):
    lifecycle = make_lifecycle()
    # Created out of order, so that only an explicit ordering puts them in document order.
    permits = make_stage(lifecycle=lifecycle, number=2, name="企业准营")
    opening = make_stage(lifecycle=lifecycle, number=1, name="企业开办")
    operating = make_scenario(stage=permits, number=2, name="经营许可办理")
    production = make_scenario(stage=permits, number=1, name="生产许可办理")
    founding = make_scenario(stage=opening, number=1, name="企业开办")
    for _ in range(3):
        make_item(scenario=production)
    make_item(scenario=founding)
    make_item(scenario=operating)

    response = client.get("/weihai/enterprise/")

    assertContains(response, "共 5 项事项")
    assertContains(response, f'href="{opening.get_absolute_url()}"')
    assertContains(response, f'href="{production.get_absolute_url()}"')
    assertContains(response, f'href="{operating.get_absolute_url()}"')
    assertContains(response, "3 项事项")
    assertContains(response, "4 项事项")  # stage 2: 3 + 1
    assert (
        _position(response, "企业开办</a>")
        < _position(response, "企业准营</a>")
        < _position(response, "生产许可办理</a>")
        < _position(response, "经营许可办理</a>")
    )


def test_lifecycle_the_jurisdiction_does_not_have_is_404(client):
    make_lifecycle(kind=PERSONAL)

    response = client.get("/weihai/enterprise/")

    assert response.status_code == 404


def test_unknown_lifecycle_kind_is_404(client):
    make_lifecycle()

    response = client.get("/weihai/government/")

    assert response.status_code == 404


# Stage ---------------------------------------------------------------------


def test_stage_page_runs_three_queries_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. the stage with its lifecycle and jurisdiction
    # 2. its scenarios
    # 3. their items, with the lifecycle and jurisdiction their links need
    with django_assert_num_queries(3):
        response = client.get("/weihai/enterprise/stages/1/")

    assert response.status_code == 200
    assertTemplateUsed(response, "lifecycle/stage.html")


def test_stage_page_lists_its_scenarios_each_with_its_items(client):
    stage = make_stage(number=2, name="企业准营")
    production = make_scenario(stage=stage, number=1, name="生产许可办理")
    operating = make_scenario(stage=stage, number=2, name="经营许可办理")
    permit = make_item(scenario=production, number=9, name="食品生产许可", item_type=ItemType.LICENSING)
    make_item(scenario=operating, number=13, name="公共场所卫生许可")
    other_stage = make_scenario(stage=make_stage(lifecycle=stage.lifecycle, number=3, name="投资建设"))
    make_item(scenario=other_stage, number=30, name="建设工程规划许可")

    response = client.get("/weihai/enterprise/stages/2/")

    assertContains(response, '<h1 class="app-heading-xl">企业准营</h1>')
    assertContains(response, f'href="{permit.get_absolute_url()}"')
    assertContains(response, "行政许可")
    assert (
        _position(response, "生产许可办理")
        < _position(response, "食品生产许可")
        < _position(response, "经营许可办理")
        < _position(response, "公共场所卫生许可")
    )
    assertNotContains(response, "建设工程规划许可")


def test_unknown_stage_is_404(client):
    make_stage(number=1)

    response = client.get("/weihai/enterprise/stages/7/")

    assert response.status_code == 404


# Scenario ------------------------------------------------------------------


def test_scenario_page_runs_five_queries_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. the scenario with its stage, lifecycle and jurisdiction
    # 2. its items, with the lifecycle and jurisdiction their links need
    # 3. the items' sub-items
    # 4. the sub-items' responsibilities with their departments
    # 5. the items' own responsibilities with their departments
    with django_assert_num_queries(5):
        response = client.get("/weihai/enterprise/scenarios/1.1/")

    assert response.status_code == 200
    assertTemplateUsed(response, "lifecycle/scenario.html")


def test_scenario_page_lists_items_in_document_order(client):
    scenario = make_scenario()
    make_item(scenario=scenario, number=3, name="涉税办理")
    make_item(scenario=scenario, number=1, name="公司（企业）设立登记")
    make_item(scenario=scenario, number=2, name="公章刻制备案")

    response = client.get("/weihai/enterprise/scenarios/1.1/")

    assert (
        _position(response, "公司（企业）设立登记")
        < _position(response, "公章刻制备案")
        < _position(response, "涉税办理")
    )


def test_scenario_page_labels_lead_and_cooperating_departments_and_shows_the_level_note(client):
    scenario = make_scenario()
    jurisdiction = scenario.stage.lifecycle.jurisdiction
    approval = make_department(jurisdiction=jurisdiction, name="市行政审批服务局")
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局", position=1)
    fire = make_department(jurisdiction=jurisdiction, name="市消防救援支队", position=2)
    make_item(
        scenario=scenario,
        name="公众聚集场所投入使用、营业前消防安全检查",
        item_type=ItemType.LICENSING,
        level_note=LevelNote.COUNTY,
        lead=[approval, market],
        cooperating=[fire],
    )

    response = client.get("/weihai/enterprise/scenarios/1.1/")

    assertContains(response, "事项类型</dt>")
    assertContains(response, '<span class="app-tag">行政许可</span>', html=True)
    assertContains(response, "牵头部门</dt>")
    assertContains(response, "协同部门</dt>")
    lead, cooperating = _position(response, "牵头部门</dt>"), _position(response, "协同部门</dt>")
    assert lead < _position(response, "市行政审批服务局") < _position(response, "市市场监管局") < cooperating
    assert cooperating < _position(response, "市消防救援支队")
    assertContains(response, reverse("catalog:department", args=["weihai", "市消防救援支队"]))
    assertContains(
        response, '<p class="app-note"><strong class="app-note__label">层级说明</strong> 县级事项</p>', html=True
    )


def test_scenario_page_nests_sub_items_with_their_own_type_and_departments(client):
    scenario = make_scenario()
    jurisdiction = scenario.stage.lifecycle.jurisdiction
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局")
    commerce = make_department(jurisdiction=jurisdiction, name="市商务局", position=1)
    item = make_item(scenario=scenario, name="公司（企业）设立登记", item_type="")
    make_subitem(item=item, name="公司设立登记", item_type=ItemType.LICENSING, lead=[market])
    make_subitem(
        item=item,
        name="外商投资企业设立登记",
        item_type=ItemType.CONFIRMATION,
        level_note=LevelNote.PROVINCIAL,
        cooperating=[commerce],
    )

    response = client.get("/weihai/enterprise/scenarios/1.1/")

    assertContains(response, "包括 2 个子项")
    assertContains(response, '<span class="app-tag">行政许可</span>', html=True)
    assertContains(response, '<span class="app-tag">行政确认</span>', html=True)
    # The item itself has no type: exactly one type label per sub-item.
    assertContains(response, "事项类型</dt>", count=2)
    assert (
        _position(response, "公司设立登记")
        < _position(response, "市市场监管局")
        < _position(response, "外商投资企业设立登记")
        < _position(response, "市商务局")
    )
    assertContains(response, "省级事项")


def test_scenario_page_does_not_repeat_item_departments_on_its_sub_items(client):
    scenario = make_scenario()
    market = make_department(jurisdiction=scenario.stage.lifecycle.jurisdiction, name="市市场监管局")
    item = make_item(scenario=scenario, item_type="", lead=[market])
    make_subitem(item=item, name="公司设立登记", lead=[market])
    make_subitem(item=item, name="分公司设立登记")

    response = client.get("/weihai/enterprise/scenarios/1.1/")

    assertContains(response, "牵头部门</dt>", count=1)


def test_scenario_page_reads_as_numbered_steps_each_linking_to_its_item(client):
    scenario = make_scenario(name="企业开办")
    first = make_item(scenario=scenario, number=4, name="公司（企业）设立登记")
    second = make_item(scenario=scenario, number=7, name="公章刻制备案")

    response = client.get("/weihai/enterprise/scenarios/1.1/")

    html = response.content.decode()
    steps = re.findall(r'<li class="app-step-nav__step">.*?</h2>', html, re.S)
    assert len(steps) == 2
    assert "第 </span>1<" in steps[0] and first.get_absolute_url() in steps[0]
    assert "第 </span>2<" in steps[1] and second.get_absolute_url() in steps[1]
    assertContains(response, "一次告知：办成“企业开办”这件事，按顺序办理以下 2 个事项。")
    assertContains(response, "序号 7")


def test_scenario_page_tells_lead_and_cooperating_departments_apart_beyond_colour(client):
    scenario = make_scenario()
    jurisdiction = scenario.stage.lifecycle.jurisdiction
    make_item(
        scenario=scenario,
        lead=[make_department(jurisdiction=jurisdiction, name="市市场监管局")],
        cooperating=[make_department(jurisdiction=jurisdiction, name="市公安局", position=1)],
    )

    response = client.get("/weihai/enterprise/scenarios/1.1/")

    # Different labels, and rows and lists a style can tell apart (solid and dashed bars, weight).
    assertContains(response, '<div class="app-facts__row app-facts__row--lead">')
    assertContains(response, '<div class="app-facts__row app-facts__row--cooperating">')
    assertContains(response, '<ul class="app-departments app-departments--lead">')
    assertContains(response, '<ul class="app-departments app-departments--cooperating">')


def test_scenario_page_has_a_print_button_for_javascript_and_the_address_for_print(client):
    make_scenario()

    response = client.get("/weihai/enterprise/scenarios/1.1/")

    assertContains(response, "data-js-print hidden>打印办事清单</button>")
    assertContains(response, "本页网址：http://testserver/weihai/enterprise/scenarios/1.1/")
    assertContains(response, 'href="/static/css/print.css" media="print"')


@pytest.mark.parametrize("code", ["1.2", "2.1"])
def test_unknown_scenario_is_404(client, code):
    make_scenario()

    response = client.get(f"/weihai/enterprise/scenarios/{code}/")

    assert response.status_code == 404


def test_malformed_scenario_code_is_404(client):
    make_scenario()

    response = client.get("/weihai/enterprise/scenarios/1.x/")

    assert response.status_code == 404


def test_lifecycle_page_and_home_show_the_date_of_the_latest_edition(client):
    call_command("load_catalog", stdout=StringIO())
    latest = Edition.objects.filter(jurisdiction__slug="weihai", kind="personal").latest("created_at")
    # Shown in the portal's time zone (Asia/Shanghai), as residents read dates.
    day = timezone.localtime(latest.created_at).strftime("%Y-%m-%d")
    page = client.get("/weihai/personal/")
    assert f'清单更新于 <time datetime="{day}' in page.text
    assert "清单更新于" in client.get("/").text
