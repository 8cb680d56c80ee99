"""The committed source documents and the fixtures generated from them."""

from django.conf import settings

from .fixtures import build_fixture, dump_fixture
from .weihai_notice import parse_weihai_notice

SOURCE_DIR = settings.BASE_DIR / "fixtures" / "source"
FIXTURE_DIR = settings.BASE_DIR / "fixtures"

WEIHAI_SOURCE = "weihai_notice_2021.txt"
WEIHAI_FIXTURE = "weihai.json"
COUNTY_SOURCE = "county_personal_list.txt"


def read_source(name):
    return (SOURCE_DIR / name).read_text(encoding="utf-8")


def weihai_lists():
    """Parse the city notice's two attachments (enterprise, personal)."""
    return parse_weihai_notice(read_source(WEIHAI_SOURCE), WEIHAI_SOURCE)


def generated_fixtures():
    """{fixture file name: text} for every fixture built from a source document."""
    weihai = build_fixture(jurisdiction_name="威海市", jurisdiction_slug="weihai", lists=weihai_lists())
    return {WEIHAI_FIXTURE: dump_fixture(weihai)}


def county_personal_list():
    """Parse the county-level personal list (a witness for the city list's columns)."""
    from .county_list import parse_county_list

    return parse_county_list(read_source(COUNTY_SOURCE), COUNTY_SOURCE)
