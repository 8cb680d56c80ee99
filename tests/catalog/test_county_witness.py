"""The county list's grid shows the true columns; the city's personal list must agree.

The county export keeps each cell apart, so its lead and cooperating columns are certain.
The two lists name local offices differently; LOCAL_NAMES maps the county's names to the
city's, read off the two documents.
"""

import pytest

from catalog.parsing.sources import county_personal_list, weihai_lists

LOCAL_NAMES = {
    "市卫健局": "市卫生健康委",
    "市教体局": "市教育局",
    "市人社局": "市人力资源社会保障局",
    "市退役军人事务局": "市退役军人局",
    "市行政审批局": "市行政审批服务局",
    "公积金中心": "市住房公积金中心",
    "市自然资源局": "市自然资源和规划局",
    "市住建局": "市住房城乡建设局",
}
# Item 32 教师资格认定: the county itself names another lead (市教体局 alone).
COUNTY_DIFFERS = {32}


def rows_by_key(parsed):
    rows = {}
    for item in parsed.items():
        for index, row in enumerate(item.subitems or [item]):
            rows.setdefault((item.number, item.name, index), row)
    return rows


@pytest.fixture(scope="module")
def county():
    return county_personal_list()


def city_names(names):
    return [LOCAL_NAMES.get(name, name) for name in names]


def test_county_list_reads_as_a_personal_list_of_eleven_stages(county):
    assert [stage.name for stage in county.stages] == [
        "出生", "教育", "退役", "工作", "置业", "出行", "婚育", "就医", "救助", "养老", "身后",
    ]  # fmt: skip
    assert county.items()[0].name == "出生医学证明办理"
    assert county.items()[0].lead == ["市卫健局"]
    assert county.items()[2].cooperating == ["市公安局"]


def test_city_personal_roles_agree_with_the_county_grid(county):
    city = rows_by_key(weihai_lists()[1])
    compared = 0
    for key, county_row in rows_by_key(county).items():
        if key not in city or key[0] in COUNTY_DIFFERS:
            continue
        city_row = city[key]
        assert (city_row.lead, city_row.cooperating) == (
            city_names(county_row.lead),
            city_names(county_row.cooperating),
        ), key
        compared += 1
    # Most rows of the two lists share number and name; the comparison must not be vacuous.
    assert compared >= 150
