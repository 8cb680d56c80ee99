"""The download page and its files: the whole catalog as xlsx, CSV and JSON, the bytes export_catalog writes."""

import io
import json
import re
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertTemplateUsed

from tests.factories import make_catalog

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


@pytest.fixture
def small_catalog():
    """Both lists, three items each: enough for everything but the query counts (which use `catalog`)."""
    return make_catalog()


def _exported(tmp_path, format):
    """What `export_catalog --format FORMAT --output FILE` writes."""
    path = tmp_path / f"export.{format}"
    call_command("export_catalog", "--format", format, "--output", str(path), stderr=io.StringIO())
    return path.read_bytes()


# The page ------------------------------------------------------------------------------


def test_download_page_runs_one_query_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. the lifecycles with their jurisdiction, item count and latest edition's date
    with django_assert_num_queries(1):
        response = client.get("/downloads/")

    assert response.status_code == 200
    assertTemplateUsed(response, "catalog/downloads.html")


def test_download_page_offers_the_three_files_and_says_what_they_hold(client, small_catalog):
    response = client.get("/downloads/")

    html = response.content.decode()
    assert html.count("<h1") == 1
    assertContains(response, '<h1 class="app-heading-xl">下载事项清单</h1>')
    for format in ("xlsx", "csv", "json"):
        assertContains(response, f'href="/downloads/catalog.{format}" download>')
    assertContains(response, "威海市 · 企业全生命周期")
    assertContains(response, "威海市 · 个人全生命周期")
    assertContains(response, 'href="/api/"')
    assertContains(response, 'href="/api/schema/"')
    crumbs = re.search(r'<nav class="app-breadcrumbs".*?</nav>', html, re.S).group(0)
    assert [re.sub(r"<[^>]+>", "", crumb).strip() for crumb in re.findall(r"<li.*?</li>", crumbs, re.S)] == [
        "首页",
        "下载事项清单",
    ]


def test_every_page_footer_links_to_the_download_page(client, small_catalog):
    for path in ("/", "/weihai/enterprise/items/1/", "/search/", "/no/such/page/"):
        response = client.get(path)

        assert 'href="/downloads/">下载事项清单（开放数据）</a>' in response.content.decode(), path


def test_english_download_page_is_in_english(client, small_catalog):
    response = client.get("/en/downloads/")

    assertContains(response, '<h1 class="app-heading-xl">Download the catalogue</h1>')
    assertContains(response, "Download the Excel spreadsheet")
    assertContains(response, 'href="/en/downloads/catalog.csv" download>')


# The files -----------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["xlsx", "csv", "json"])
def test_each_file_is_an_attachment_named_with_the_date_and_typed(client, small_catalog, format):
    response = client.get(f"/downloads/catalog.{format}")

    today = timezone.localdate().isoformat()
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[format]
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="weihai-catalog-{today}.{format}"; ')
    encoded = re.search(r"filename\*=UTF-8''(\S+)$", disposition).group(1)
    assert unquote(encoded) == f"威海市政务服务事项清单-{today}.{format}"


@pytest.mark.parametrize("format", ["csv", "json"])
def test_text_files_are_byte_for_byte_what_export_catalog_writes(client, small_catalog, tmp_path, format):
    response = client.get(f"/downloads/catalog.{format}")

    assert response.content == _exported(tmp_path, format)


def test_json_file_holds_every_list_in_the_open_data_shape(client, small_catalog):
    data = json.loads(client.get("/downloads/catalog.json").content)

    assert [(lifecycle["jurisdiction"], lifecycle["lifecycle"]) for lifecycle in data] == [
        ("威海市", "enterprise"),
        ("威海市", "personal"),
    ]
    item = data[0]["stages"][0]["scenarios"][0]["items"][0]
    assert set(item) == {"number", "name", "type", "lead", "cooperating", "level_note", "subitems"}


def test_csv_file_starts_with_a_byte_order_mark_for_excel(client, small_catalog):
    content = client.get("/downloads/catalog.csv").content

    assert content.startswith("\ufeff行政区域,生命周期,序号,阶段,场景,事项名称".encode())


def test_xlsx_file_has_the_same_sheets_and_cells_as_export_catalog(client, small_catalog, tmp_path):
    downloaded = load_workbook(io.BytesIO(client.get("/downloads/catalog.xlsx").content))
    exported = load_workbook(io.BytesIO(_exported(tmp_path, "xlsx")))

    assert downloaded.sheetnames == exported.sheetnames == ["企业全生命周期", "个人全生命周期"]
    for name in downloaded.sheetnames:
        rows = list(downloaded[name].iter_rows(values_only=True))
        assert rows == list(exported[name].iter_rows(values_only=True))
        assert rows[0] == ("序号", "阶段", "场景", "事项名称", "子项名称", "事项类型", "牵头部门", "协同部门")
        assert downloaded[name].merged_cells.ranges == exported[name].merged_cells.ranges


def test_a_file_runs_the_exports_seven_queries_whatever_the_catalog_size(client, django_assert_num_queries, catalog):
    # 1. lifecycles with jurisdictions  2. stages  3. scenarios  4. items  5. sub-items
    # 6. sub-items' responsibilities  7. items' own responsibilities (catalog.exporting)
    with django_assert_num_queries(7):
        response = client.get("/downloads/catalog.json")

    assert response.status_code == 200


def test_an_unknown_format_is_a_404(client, small_catalog):
    assert client.get("/downloads/catalog.pdf").status_code == 404
    assert client.get("/downloads/catalog.xlsx/").status_code == 404
