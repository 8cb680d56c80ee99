"""Every item page carries schema.org GovernmentService JSON-LD, read here as a search engine would."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from catalog.models import ItemType
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

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _json_ld(response):
    assert response.status_code == 200
    blocks = JSON_LD.findall(response.content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_item_page_describes_the_item_as_a_government_service_from_the_real_catalog(client):
    call_command("load_catalog", stdout=StringIO())

    data = _json_ld(client.get("/weihai/enterprise/items/1/"))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "公司（企业）设立登记"
    # The item has no type of its own; all six of its sub-items are 行政许可.
    assert data["serviceType"] == "行政许可"
    assert data["url"] == "http://testserver/weihai/enterprise/items/1/"
    assert [provider["@type"] for provider in data["provider"]] == ["GovernmentOrganization"] * 2
    assert [provider["name"] for provider in data["provider"]] == ["市市场监管局", "市行政审批服务局"]
    assert data["provider"][0]["url"] == (
        "http://testserver/weihai/departments/%E5%B8%82%E5%B8%82%E5%9C%BA%E7%9B%91%E7%AE%A1%E5%B1%80/"
    )
    assert data["areaServed"] == {"@type": "AdministrativeArea", "name": "威海市", "url": "http://testserver/weihai/"}


@pytest.fixture
def jurisdiction():
    return make_jurisdiction()


def _scenario(jurisdiction):
    return make_scenario(stage=make_stage(lifecycle=make_lifecycle(jurisdiction=jurisdiction)))


def test_an_item_with_its_own_type_gives_that_type_and_its_lead_departments(client, jurisdiction):
    police = make_department(jurisdiction=jurisdiction, name="市公安局")
    market = make_department(jurisdiction=jurisdiction, name="市市场监管局", position=1)
    make_item(
        scenario=_scenario(jurisdiction),
        name="公章刻制备案",
        item_type=ItemType.OTHER_POWER,
        lead=[police],
        cooperating=[market],
    )

    data = _json_ld(client.get("/weihai/enterprise/items/1/"))

    assert data["serviceType"] == "其他行政权力"
    assert [provider["name"] for provider in data["provider"]] == ["市公安局"]


def test_an_item_typed_by_sub_items_of_several_types_lists_them_and_their_lead_departments(client, jurisdiction):
    tax = make_department(jurisdiction=jurisdiction, name="市税务局")
    social = make_department(jurisdiction=jurisdiction, name="市人力资源社会保障局", position=1)
    item = make_item(scenario=_scenario(jurisdiction), name="涉税办理", item_type="")
    make_subitem(item=item, name="发票领用", item_type=ItemType.CONFIRMATION, lead=[tax])
    make_subitem(item=item, name="税务登记", item_type=ItemType.OTHER, lead=[tax])
    make_subitem(item=item, name="社保登记", item_type=ItemType.CONFIRMATION, lead=[social])

    data = _json_ld(client.get("/weihai/enterprise/items/1/"))

    assert data["serviceType"] == ["行政确认", "其他"]
    assert [provider["name"] for provider in data["provider"]] == ["市税务局", "市人力资源社会保障局"]


def test_json_ld_escapes_markup_in_names_so_it_cannot_close_its_element(client, jurisdiction):
    hostile = '</script><script>alert("x")</script> & <!-- 登记'
    make_item(scenario=_scenario(jurisdiction), name=hostile)

    response = client.get("/weihai/enterprise/items/1/")
    block = JSON_LD.search(response.content.decode()).group(1)

    assert "<" not in block
    assert ">" not in block
    assert "&" not in block
    assert json.loads(block)["name"] == hostile


def test_english_item_page_carries_the_same_data_with_english_addresses(client, jurisdiction):
    make_item(scenario=_scenario(jurisdiction), name="公章刻制备案")

    data = _json_ld(client.get("/en/weihai/enterprise/items/1/"))

    assert data["name"] == "公章刻制备案"
    assert data["url"] == "http://testserver/en/weihai/enterprise/items/1/"
    assert data["areaServed"]["name"] == "威海市"


def test_other_pages_carry_no_json_ld(client, catalog):
    for path in ("/", "/weihai/enterprise/", "/weihai/enterprise/scenarios/1.1/", "/weihai/departments/"):
        assert "application/ld+json" not in client.get(path).content.decode(), path
