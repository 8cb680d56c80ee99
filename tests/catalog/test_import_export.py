"""import_catalog and export_catalog with real spreadsheet files made in the tests."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from catalog.exporting import lifecycle_as_parsed, lifecycles_for_export
from catalog.models import Item, Responsibility, SubItem
from catalog.parsing.records import ParsedItem
from catalog.spreadsheet import write_xlsx
from lifecycle.models import Lifecycle


def weihai_items(kind):
    return Item.objects.filter(lifecycle__jurisdiction__slug="weihai", lifecycle__kind=kind)


def weihai_item(kind, number):
    return weihai_items(kind).get(number=number)


@pytest.fixture
def weihai(db):
    call_command("load_catalog", stdout=StringIO())


def run(command, *args):
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def export_json(*args):
    return json.loads(run("export_catalog", "--format", "json", *args)[0])


@pytest.fixture
def exported(weihai, tmp_path):
    path = tmp_path / "weihai.xlsx"
    run("export_catalog", "--format", "xlsx", "--jurisdiction", "威海市", "--output", str(path))
    return path


def import_file(path, lifecycle="personal", *extra):
    return run("import_catalog", str(path), "--jurisdiction", "威海市", "--lifecycle", lifecycle, *extra)[0]


def sheet_rows(path, title):
    workbook = load_workbook(path)
    return workbook, workbook[title]


def find_row(sheet, number):
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == number:
            return row
    raise AssertionError(f"no row for item {number}")


# -- export -------------------------------------------------------------------------------


def test_xlsx_export_has_the_government_layout(exported):
    workbook = load_workbook(exported)
    assert workbook.sheetnames == ["企业全生命周期", "个人全生命周期"]
    sheet = workbook["企业全生命周期"]
    assert [cell.value for cell in sheet[1]] == [
        "序号",
        "阶段",
        "场景",
        "事项名称",
        "子项名称",
        "事项类型",
        "牵头部门",
        "协同部门",
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width >= 30
    # Item 1 spans its six sub-item rows: 序号 and 事项名称 are merged over rows 2-7.
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert "A2:A7" in merged
    assert "D2:D7" in merged
    assert [sheet.cell(row, 5).value for row in range(2, 8)][0] == "公司设立登记"
    # Enterprise has 59 plain items + 48 sub-item rows = 107 - 12 + 48 table rows.
    assert sheet.max_row == 1 + (107 - 12) + 48


def test_csv_export_fills_every_row(weihai, tmp_path):
    path = tmp_path / "catalog.csv"
    run("export_catalog", "--format", "csv", "--lifecycle", "enterprise", "--output", str(path))
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "行政区域,生命周期,序号,阶段,场景,事项名称,子项名称,事项类型,牵头部门,协同部门"
    assert lines[2].split(",") == [
        "威海市", "enterprise", "1", "1 企业开办", "1.1 企业开办", "公司（企业）设立登记",
        "非公司企业法人设立登记", "行政许可", "市市场监管局、市行政审批服务局", "",
    ]  # fmt: skip
    assert len(lines) == 1 + (107 - 12) + 48


# -- round trip ---------------------------------------------------------------------------


def test_export_then_import_changes_nothing_on_the_full_catalog(exported):
    before = export_json()
    ids_before = sorted(Item.objects.values_list("pk", "number"))
    for lifecycle in ("enterprise", "personal"):
        assert "没有变化" in import_file(exported, lifecycle)
    assert export_json() == before
    assert sorted(Item.objects.values_list("pk", "number")) == ids_before


def test_import_into_an_empty_lifecycle_recreates_it_identically(exported):
    before = export_json("--lifecycle", "personal")
    Lifecycle.objects.filter(jurisdiction__slug="weihai", kind="personal").delete()
    out = import_file(exported)
    assert "新增事项" in out
    assert export_json("--lifecycle", "personal") == before


# -- the difference report ----------------------------------------------------------------


def test_dry_run_reports_every_kind_of_change_and_writes_nothing(exported):
    workbook, sheet = sheet_rows(exported, "个人全生命周期")
    find_row(sheet, 3)[5].value = "公共服务"  # re-typed (was 行政确认)
    find_row(sheet, 4)[3].value = "城乡居民医疗保险参保登记"  # renamed
    find_row(sheet, 6)[7].value = "市公安局、市大数据局"  # cooperating department added
    find_row(sheet, 2)[0].value = 200  # renumbered? no: same name, new 序号
    workbook.save(exported)
    before = export_json()
    out = import_file(exported, "personal", "--dry-run")
    assert "[类型变更] 事项 3：事项类型 行政确认 → 公共服务" in out
    assert "[更名] 事项 4：城乡居民基本医疗保险参保登记 → 城乡居民医疗保险参保登记" in out
    assert "[部门变更] 事项 6：协同部门 市公安局 → 市公安局、市大数据局" in out
    assert "[序号变更] 事项 200：预防接种证办理：序号 2 → 200" in out
    assert "试运行" in out
    assert export_json() == before


def test_import_applies_changes_and_keeps_item_rows(exported):
    workbook, sheet = sheet_rows(exported, "个人全生命周期")
    find_row(sheet, 4)[3].value = "城乡居民医疗保险参保登记"
    workbook.save(exported)
    pk = weihai_item("personal", 4).pk
    out = import_file(exported)
    assert "已导入" in out
    renamed = Item.objects.get(pk=pk)
    assert renamed.name == "城乡居民医疗保险参保登记"
    assert renamed.number == 4


def current(kind):
    lifecycle = lifecycles_for_export(jurisdiction="威海市", kind=kind).get()
    return lifecycle_as_parsed(lifecycle)


def find_item(parsed, number):
    return next(item for item in parsed.items() if item.number == number)


def test_removed_and_added_items_are_reported_and_applied(weihai, tmp_path):
    parsed = current("personal")
    birth = parsed.stages[0].scenarios[0]
    birth.items = [item for item in birth.items if item.number != 1]
    parsed.stages[-1].scenarios[-1].items.append(
        ParsedItem(number=114, name="不动产登记（继承）", item_type="行政确认", lead=["市自然资源和规划局"])
    )
    path = tmp_path / "changed.xlsx"
    write_xlsx([("威海市", parsed)], path)
    out = import_file(path)
    assert "[删除事项] 事项 1：出生医学证明办理" in out
    assert "[新增事项] 事项 114：不动产登记（继承）（11.2 继承）" in out
    assert not weihai_items("personal").filter(number=1).exists()
    added = weihai_item("personal", 114)
    assert [d.name for d in added.lead_departments] == ["市自然资源和规划局"]


def test_a_sub_item_moved_to_another_item_is_reported_as_moved(weihai, tmp_path):
    parsed = current("personal")
    transfers, housing_fund = find_item(parsed, 44), find_item(parsed, 47)
    moving = transfers.subitems.pop(1)
    housing_fund.subitems.append(moving)
    path = tmp_path / "moved.xlsx"
    write_xlsx([("威海市", parsed)], path)
    row = SubItem.objects.get(item__in=weihai_items("personal"), name="医疗保险关系转入")
    out = import_file(path)
    assert "[子项移动] 事项 47：“医疗保险关系转入”从事项 44 移至事项 47" in out
    row.refresh_from_db()
    assert (row.item.number, row.position) == (47, 7)
    assert [d.name for d in row.cooperating_departments] == ["市医保局"]


# -- bad files change nothing -------------------------------------------------------------

HEADER = ["序号", "阶段", "场景", "事项名称", "子项名称", "事项类型", "牵头部门", "协同部门"]


def make_workbook(path, rows, header=HEADER, title="个人全生命周期"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


GOOD_ROW = [1, "1 出生", "1.1 出生", "出生医学证明办理", "", "公共服务", "市卫生健康委", ""]


def assert_rejected(path, *messages):
    before = export_json()
    with pytest.raises(CommandError, match="数据库未作任何修改"):
        out, err = StringIO(), StringIO()
        try:
            call_command(
                "import_catalog",
                str(path),
                "--jurisdiction",
                "威海市",
                "--lifecycle",
                "personal",
                stdout=out,
                stderr=err,
            )
        finally:
            for message in messages:
                assert message in err.getvalue()
    assert export_json() == before


def test_unknown_type_is_reported_with_sheet_row_and_column(weihai, tmp_path):
    path = make_workbook(tmp_path / "bad.xlsx", [GOOD_ROW, [2, "", "", "预防接种证办理", "", "行政审批", "", ""]])
    assert_rejected(path, "工作表“个人全生命周期” 第 3 行 “事项类型”列：未知的事项类型“行政审批”")


def test_empty_item_name_is_reported(weihai, tmp_path):
    path = make_workbook(tmp_path / "bad.xlsx", [[1, "1 出生", "1.1 出生", "", "", "公共服务", "市卫生健康委", ""]])
    assert_rejected(path, "第 2 行 “事项名称”列：事项名称为空")


def test_sub_item_without_item_is_reported(weihai, tmp_path):
    path = make_workbook(
        tmp_path / "bad.xlsx", [[None, "1 出生", "1.1 出生", None, "子项甲", "公共服务", "市卫生健康委", ""]]
    )
    assert_rejected(path, "子项“子项甲”没有所属事项")


def test_duplicate_number_is_reported(weihai, tmp_path):
    path = make_workbook(
        tmp_path / "bad.xlsx",
        [
            GOOD_ROW,
            [2, "", "", "预防接种证办理", "", "公共服务", "", ""],
            [1, "", "", "又一个事项", "", "其他", "", ""],
        ],
    )
    assert_rejected(path, "第 4 行 “序号”列：序号 1 重复（第 2 行已使用）")


def test_wrong_header_is_reported(weihai, tmp_path):
    path = make_workbook(tmp_path / "bad.xlsx", [GOOD_ROW], header=["编号", "阶段", "场景", "名称", "类型"])
    assert_rejected(path, "第 1 行：表头应为")


def test_unreadable_xlsx_is_reported(weihai, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    assert_rejected(path, "不是有效的 .xlsx 文件")


def test_non_xlsx_file_is_reported(weihai, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,阶段\n", encoding="utf-8")
    assert_rejected(path, "不是 .xlsx 文件")


def test_missing_file_is_reported(weihai, tmp_path):
    assert_rejected(tmp_path / "nowhere.xlsx", "找不到文件")


def test_every_problem_is_reported_not_just_the_first(weihai, tmp_path):
    path = make_workbook(
        tmp_path / "bad.xlsx",
        [GOOD_ROW, [2, "", "", "", "", "公共服务", "", ""], [3, "", "", "第三项", "", "不存在的类型", "", ""]],
    )
    assert_rejected(path, "第 3 行 “事项名称”列", "第 4 行 “事项类型”列")


def test_unknown_jurisdiction_is_an_error(weihai, exported):
    with pytest.raises(CommandError, match="没有名为“北京市”的行政区域"):
        call_command("import_catalog", str(exported), "--jurisdiction", "北京市", "--lifecycle", "personal")


def test_a_failure_while_writing_rolls_everything_back(exported, monkeypatch):
    workbook, sheet = sheet_rows(exported, "个人全生命周期")
    find_row(sheet, 4)[3].value = "改过的名称"
    workbook.save(exported)
    before = export_json()
    responsibilities = Responsibility.objects.count()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("catalog.importing._set_roles", fail)
    with pytest.raises(RuntimeError):
        import_file(exported)
    assert export_json() == before
    assert Responsibility.objects.count() == responsibilities
