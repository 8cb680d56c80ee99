"""The county-level personal list as a second jurisdiction, and its comparison page.

Expected values read off fixtures/source/county_personal_list.txt.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalog.models import Department, Item, SubItem
from catalog.parsing.county_list import CountyListParser
from catalog.parsing.sources import COUNTY_SOURCE, county_personal_list, read_source
from lifecycle.models import Jurisdiction


@pytest.fixture
def catalogs(db):
    call_command("load_catalog", stdout=StringIO())


def county_item(number):
    return Item.objects.get(lifecycle__jurisdiction__slug="county", number=number)


def names(departments):
    return [department.name for department in departments]


def test_county_list_loads_as_its_own_jurisdiction_with_a_personal_list_only(catalogs):
    county = Jurisdiction.objects.get(slug="county")
    assert county.name == "区市级清单"
    assert list(county.lifecycles.values_list("kind", flat=True)) == ["personal"]
    assert Item.objects.filter(lifecycle__jurisdiction=county).count() == 115
    assert SubItem.objects.filter(item__lifecycle__jurisdiction=county).count() == 75


def test_county_departments_are_its_own_local_offices(catalogs):
    health = Department.objects.get(jurisdiction__slug="county", name="市卫健局")
    assert health.counterpart.name == "市卫生健康委"
    assert health.counterpart.jurisdiction.slug == "weihai"
    assert names(county_item(1).lead_departments) == ["市卫健局"]
    assert names(county_item(3).cooperating_departments) == ["市公安局"]
    police = Department.objects.get(jurisdiction__slug="county", name="市公安局")
    assert police.counterpart == Department.objects.get(jurisdiction__slug="weihai", name="市公安局")


def test_county_level_notes_come_from_its_last_column(catalogs):
    assert county_item(33).level_note == "威海市级事项"
    assert names(county_item(33).lead_departments) == ["市行政审批局"]
    teachers = county_item(32)
    assert [sub.level_note for sub in teachers.subitems.all()] == ["", "威海市级事项"]


def test_item_113_continues_across_the_page_break_with_four_sub_items(catalogs):
    pension = county_item(113)
    assert pension.name == "养老保险待遇核定支付"
    assert [sub.name for sub in pension.subitems.all()] == [
        "企业职工基本养老保险一次性待遇申领（在职）",
        "企业职工基本养老保险个人账户一次性待遇申领（退休人员死亡）",
        "企业离退休人员丧葬补助金、抚恤金申领",
        "居民养老保险注销登记及一次性待遇核定支付",
    ]


def test_the_mismatched_repeat_of_113_is_reported_by_the_parser():
    parser = CountyListParser(read_source(COUNTY_SOURCE), COUNTY_SOURCE)
    parser.parse()
    assert len(parser.warnings) == 1
    assert "序号 113 重复" in parser.warnings[0]


def test_stray_spaces_and_straight_quotes_are_normalised():
    parsed = county_personal_list()
    talent = next(item for item in parsed.items() if item.number == 38)
    assert talent.subitems[0].name == "“山东惠才卡”办理"
    pension = next(item for item in parsed.items() if item.number == 113)
    assert pension.subitems[1].name == "企业职工基本养老保险个人账户一次性待遇申领（退休人员死亡）"


def compare_url():
    return reverse("catalog:compare", args=["weihai", "personal", "county"])


def test_comparison_page_marks_added_renamed_and_reassigned_items(catalogs, client):
    response = client.get(compare_url())
    assert response.status_code == 200
    rows = {row.number: row for row in response.context["rows"]}
    # 114 and 115 exist only in the county list.
    assert rows[114].status == "added" and rows[115].status == "added"
    # 23 is 离校未就业毕业生登记 in the city list, 高校未就业毕业生登记 in the county's.
    assert rows[23].status == "changed"
    assert "名称：离校未就业毕业生登记 → 高校未就业毕业生登记" in rows[23].differences
    # 32: the county names 市教体局 alone as lead; 33: it marks 威海市级事项.
    assert any("牵头部门" in text and "市教体局" in text for text in rows[32].differences)
    assert "层级：无 → 威海市级事项" in rows[33].differences
    # 1: 市卫健局 is the county's 市卫生健康委, so the row is the same.
    assert rows[1].status == "same"
    assert "区市新增" in response.text


def test_comparison_page_runs_a_fixed_number_of_queries(catalogs, client, django_assert_num_queries):
    # 7 for the two lifecycles and their trees (lifecycles, stages, scenarios, items, sub-items,
    # sub-item roles, item roles) and 1 for the county offices' counterparts.
    with django_assert_num_queries(8):
        assert client.get(compare_url()).status_code == 200


def test_comparison_with_an_unknown_or_same_jurisdiction_is_a_404(catalogs, client):
    assert client.get(reverse("catalog:compare", args=["weihai", "personal", "nowhere"])).status_code == 404
    assert client.get(reverse("catalog:compare", args=["weihai", "personal", "weihai"])).status_code == 404
    assert client.get(reverse("catalog:compare", args=["weihai", "enterprise", "county"])).status_code == 404
