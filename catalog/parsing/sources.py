"""The committed source documents and the fixtures generated from them."""

from django.conf import settings

from .fixtures import build_fixture, department_keys, dump_fixture
from .weihai_notice import parse_weihai_notice

SOURCE_DIR = settings.BASE_DIR / "fixtures" / "source"
FIXTURE_DIR = settings.BASE_DIR / "fixtures"

WEIHAI_SOURCE = "weihai_notice_2021.txt"
WEIHAI_FIXTURE = "weihai.json"
COUNTY_SOURCE = "county_personal_list.txt"
COUNTY_FIXTURE = "county.json"
# The county document does not say which 区市 it is from: we say only what we know.
COUNTY_NAME = "区市级清单"
COUNTY_SLUG = "county"
# The county's local offices and the city departments they correspond to (read off the two
# lists: same items, same columns). Offices with the city's own name (市公安局 …) map to it.
COUNTY_COUNTERPARTS = {
    "市卫健局": "市卫生健康委",
    "市教体局": "市教育局",
    "市人社局": "市人力资源社会保障局",
    "市退役军人事务局": "市退役军人局",
    "市行政审批局": "市行政审批服务局",
    "公积金中心": "市住房公积金中心",
    "市自然资源局": "市自然资源和规划局",
    "市住建局": "市住房城乡建设局",
}


def read_source(name):
    return (SOURCE_DIR / name).read_text(encoding="utf-8")


def weihai_lists():
    """Parse the city notice's two attachments (enterprise, personal)."""
    return parse_weihai_notice(read_source(WEIHAI_SOURCE), WEIHAI_SOURCE)


def generated_fixtures():
    """{fixture file name: text} for every fixture built from a source document."""
    weihai = build_fixture(jurisdiction_name="威海市", jurisdiction_slug="weihai", lists=weihai_lists())
    city_departments = department_keys(weihai)
    county_list = county_personal_list()
    county = build_fixture(
        jurisdiction_name=COUNTY_NAME,
        jurisdiction_slug=COUNTY_SLUG,
        lists=[county_list],
        jurisdiction_pk=2,
        jurisdiction_position=1,
        counterparts={
            name: city_departments[COUNTY_COUNTERPARTS.get(name, name)]
            for name in department_keys_of(county_list)
            if COUNTY_COUNTERPARTS.get(name, name) in city_departments
        },
    )
    return {WEIHAI_FIXTURE: dump_fixture(weihai), COUNTY_FIXTURE: dump_fixture(county)}


def department_keys_of(parsed):
    return {name for item in parsed.items() for row in [item, *item.subitems] for name in row.lead + row.cooperating}


def county_personal_list():
    """Parse the county-level personal list (a witness for the city list's columns)."""
    from .county_list import parse_county_list

    return parse_county_list(read_source(COUNTY_SOURCE), COUNTY_SOURCE)


# What load_catalog loads: (jurisdiction slug, fixture file), in dependency order (the county's
# departments point at the city's).
CATALOG_FIXTURES = [("weihai", WEIHAI_FIXTURE), (COUNTY_SLUG, COUNTY_FIXTURE)]
