"""The government's table layout as a spreadsheet: write it (xlsx, CSV) and read it (xlsx).

Columns: 序号 · 阶段 · 场景 · 事项名称 · 子项名称 · 事项类型 · 牵头部门 · 协同部门, one row per
sub-item (or per item without sub-items). As in the document, 序号, 阶段, 场景 and 事项名称 are
merged over the rows they cover, and a 牵头部门 cell is merged over the block of rows it leads;
a 协同部门 cell belongs to its row alone and carries the level note (省级事项 …) too.
"""

import csv
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .models import ItemType, LevelNote
from .parsing.records import ParsedItem, ParsedList, ParsedRow, ParsedScenario, ParsedStage

COLUMNS = ["序号", "阶段", "场景", "事项名称", "子项名称", "事项类型", "牵头部门", "协同部门"]
# Government tables without sub-items leave the 子项名称 column out.
COLUMNS_WITHOUT_SUBITEMS = [column for column in COLUMNS if column != "子项名称"]
# Widths in Excel character units: a Chinese character takes about two.
COLUMN_WIDTHS = {
    "序号": 7,
    "阶段": 12,
    "场景": 16,
    "事项名称": 34,
    "子项名称": 34,
    "事项类型": 13,
    "牵头部门": 26,
    "协同部门": 30,
}
SHEET_NAMES = {"enterprise": "企业全生命周期", "personal": "个人全生命周期"}
SEPARATOR = "、"

STAGE_CELL = re.compile(r"^(\d+)\s*(\S.*)$")
SCENARIO_CELL = re.compile(r"^(\d+)\.(\d+)\s*(\S.*)$")


# -- writing ------------------------------------------------------------------------------


def table_rows(parsed):
    """One dict per table row, with the block each merged column belongs to."""
    rows = []
    for stage in parsed.stages:
        for scenario in stage.scenarios:
            for item in scenario.items:
                for sub in item.subitems or [None]:
                    row = sub or item
                    rows.append(
                        {
                            "序号": item.number,
                            "阶段": f"{stage.number} {stage.name}",
                            "场景": f"{stage.number}.{scenario.number} {scenario.name}",
                            "事项名称": item.name,
                            "子项名称": sub.name if sub else "",
                            "事项类型": row.item_type,
                            "牵头部门": SEPARATOR.join(row.lead),
                            "协同部门": SEPARATOR.join([*row.cooperating, *filter(None, [row.level_note])]),
                            "_item": (stage.number, scenario.number, item.number),
                            "_stage": stage.number,
                            "_scenario": (stage.number, scenario.number),
                        }
                    )
    return rows


def _merge_runs(sheet, rows, column, key):
    """Merge consecutive rows of `column` whose key is equal (rows start at sheet row 2)."""
    index = COLUMNS.index(column) + 1
    start = 0
    for position in range(1, len(rows) + 1):
        if position == len(rows) or key(rows[position]) != key(rows[start]):
            if position - start > 1:
                sheet.merge_cells(start_row=start + 2, end_row=position + 1, start_column=index, end_column=index)
            start = position


def write_xlsx(entries, target):
    """Write [(jurisdiction name, ParsedList)] to `target` (a path or a binary file), a sheet each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    several_jurisdictions = len({name for name, _parsed in entries}) > 1
    for jurisdiction_name, parsed in entries:
        title = SHEET_NAMES[parsed.kind]
        sheet = workbook.create_sheet(f"{jurisdiction_name} {title}" if several_jurisdictions else title)
        sheet.append(COLUMNS)
        rows = table_rows(parsed)
        for row in rows:
            sheet.append([row[column] for column in COLUMNS])
        _merge_runs(sheet, rows, "序号", lambda row: row["_item"])
        _merge_runs(sheet, rows, "事项名称", lambda row: row["_item"])
        _merge_runs(sheet, rows, "阶段", lambda row: row["_stage"])
        _merge_runs(sheet, rows, "场景", lambda row: row["_scenario"])
        # A lead cell covers the block of rows it leads, within a scenario, as in the document.
        _merge_runs(sheet, rows, "牵头部门", lambda row: (row["_scenario"], row["牵头部门"]))
        header_fill = PatternFill("solid", fgColor="DCE6F1")
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center")
        wrap = Alignment(wrap_text=True, vertical="center")
        for sheet_row in sheet.iter_rows(min_row=2):
            for cell in sheet_row:
                cell.alignment = wrap
        for index, column in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTHS[column]
        sheet.freeze_panes = "A2"
    workbook.save(target)


def write_csv(entries, stream):
    """Write [(jurisdiction name, ParsedList)] as CSV: every cell filled, no merging."""
    writer = csv.writer(stream)
    writer.writerow(["行政区域", "生命周期", *COLUMNS])
    for jurisdiction_name, parsed in entries:
        for row in table_rows(parsed):
            writer.writerow([jurisdiction_name, parsed.kind, *(row[column] for column in COLUMNS)])


# -- reading ------------------------------------------------------------------------------


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        where = [f"工作表“{self.sheet}”"] if self.sheet else []
        if self.row:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"“{self.column}”列")
        return f"{' '.join(where)}：{self.message}" if where else self.message


class SpreadsheetError(Exception):
    """The file cannot be imported; `problems` says every place and what was expected."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def open_workbook(path):
    """Open an xlsx file, or raise SpreadsheetError saying why it cannot be read."""
    name = str(path)
    if not name.lower().endswith((".xlsx", ".xlsm")):
        raise SpreadsheetError(
            [Problem("", None, None, f"“{name}”不是 .xlsx 文件；请在 Excel/WPS 中另存为 .xlsx 后再导入")]
        )
    try:
        if not Path(path).is_file():
            raise FileNotFoundError(path)
        if not zipfile.is_zipfile(path):
            raise SpreadsheetError(
                [Problem("", None, None, f"“{name}”不是有效的 .xlsx 文件（文件已损坏或是其他格式）")]
            )
        # Merged cells must stay visible, so not read_only mode.
        return load_workbook(path, data_only=True)
    except FileNotFoundError as exc:
        raise SpreadsheetError([Problem("", None, None, f"找不到文件“{name}”")]) from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SpreadsheetError([Problem("", None, None, f"无法读取“{name}”：{exc}")]) from exc


def choose_sheet(workbook, kind, jurisdiction_name=""):
    """The sheet for a lifecycle: “威海市 个人全生命周期”, “个人全生命周期”, or the only sheet."""
    wanted = SHEET_NAMES[kind]
    by_title = {sheet.title: sheet for sheet in workbook.worksheets}
    for title in (f"{jurisdiction_name} {wanted}", wanted):
        if title in by_title:
            return by_title[title]
    if len(workbook.worksheets) == 1:
        return workbook.worksheets[0]
    titles = "、".join(by_title)
    raise SpreadsheetError([Problem("", None, None, f"找不到名为“{wanted}”的工作表（现有：{titles}）")])


def _filled_grid(sheet):
    """The sheet's values with every merged range filled from its top-left cell."""
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                grid[row - 1][column - 1] = value
    return grid


def split_names(cell):
    return [part.strip() for part in re.split(r"[、，,\n]", cell) if part.strip()]


def read_xlsx(path, *, kind, name, jurisdiction_name=""):
    """Read one lifecycle's sheet into a ParsedList, or raise SpreadsheetError with every problem."""
    workbook = open_workbook(path)
    sheet = choose_sheet(workbook, kind, jurisdiction_name)
    return _SheetReader(sheet, kind, name, str(path)).read()


class _SheetReader:
    def __init__(self, sheet, kind, name, source):
        self.sheet = sheet
        self.parsed = ParsedList(kind=kind, name=name, source=source)
        self.problems = []

    def problem(self, row, column, message):
        self.problems.append(Problem(self.sheet.title, row, column, message))

    def read(self):
        grid = _filled_grid(self.sheet)
        if not grid:
            raise SpreadsheetError([Problem(self.sheet.title, 1, None, "工作表是空的")])
        header = [_text(value) for value in grid[0]]
        while header and not header[-1]:
            header.pop()
        if header not in (COLUMNS, COLUMNS_WITHOUT_SUBITEMS):
            raise SpreadsheetError(
                [
                    Problem(
                        self.sheet.title,
                        1,
                        None,
                        f"表头应为“{' · '.join(COLUMNS)}”（子项名称列可省略），实际为“{' · '.join(header)}”",
                    )
                ]
            )
        self.columns = header
        self._read_rows(grid[1:])
        if self.problems:
            raise SpreadsheetError(self.problems)
        if not self.parsed.stages:
            raise SpreadsheetError([Problem(self.sheet.title, None, None, "表中没有事项")])
        return self.parsed

    def _cell(self, values, column):
        if column not in self.columns:
            return ""
        index = self.columns.index(column)
        return _text(values[index]) if index < len(values) else ""

    def _read_rows(self, rows):
        stage = scenario = item = None
        previous = {}
        lead = []
        seen_numbers = {}
        for offset, values in enumerate(rows):
            row_number = offset + 2
            cells = {column: self._cell(values, column) for column in self.columns}
            if not any(cells.values()):
                continue
            # A blank cell in these columns inherits from the row above, like a merged cell;
            # the item name only on a row of the same item (a new 序号 needs its own name).
            same_item = not cells["序号"] or cells["序号"] == previous.get("序号")
            for column in ("序号", "阶段", "场景", "事项名称"):
                if not cells[column] and (column != "事项名称" or same_item):
                    cells[column] = previous.get(column, "")
            stage = self._stage(cells["阶段"], row_number, stage)
            scenario = self._scenario(cells["场景"], row_number, stage, scenario)
            item_type = cells["事项类型"]
            if item_type not in ItemType.values:
                self.problem(
                    row_number, "事项类型", f"未知的事项类型“{item_type}”；应为 {'、'.join(ItemType.values)} 之一"
                )
            if cells["牵头部门"]:
                lead = split_names(cells["牵头部门"])
            elif item is None or cells["场景"] != previous.get("场景"):
                self.problem(row_number, "牵头部门", "场景的第一行必须填写牵头部门")
            others = split_names(cells["协同部门"])
            notes = [name for name in others if name in LevelNote.values]
            if len(notes) > 1:
                self.problem(row_number, "协同部门", f"一行只能有一个层级说明，却有 {'、'.join(notes)}")
            row = ParsedRow(
                name=cells.get("子项名称", ""),
                item_type=item_type,
                lead=list(lead),
                cooperating=[name for name in others if name not in LevelNote.values],
                level_note=notes[0] if notes else "",
            )
            number_text, item_name = cells["序号"], cells["事项名称"]
            if not item_name:
                if row.name:
                    self.problem(row_number, "事项名称", f"子项“{row.name}”没有所属事项：请填写事项名称")
                else:
                    self.problem(row_number, "事项名称", "事项名称为空")
                previous = cells
                continue
            if not number_text.isdigit():
                self.problem(row_number, "序号", f"序号应为正整数，实际为“{number_text or '（空）'}”")
                previous = cells
                continue
            number = int(number_text)
            continuing = (
                item is not None
                and item.number == number
                and item.name == item_name
                and (previous.get("序号") == number_text)
            )
            if not continuing:
                if number in seen_numbers:
                    self.problem(row_number, "序号", f"序号 {number} 重复（第 {seen_numbers[number]} 行已使用）")
                seen_numbers.setdefault(number, row_number)
                item = ParsedItem(number=number, name=item_name)
                if scenario is not None:
                    scenario.items.append(item)
            if row.name:
                item.subitems.append(row)
                item.lead = list(item.subitems[0].lead)
            elif continuing:
                self.problem(row_number, "子项名称", f"事项 {number} 有多行，每一行都应填写子项名称")
            else:
                item.item_type, item.lead, item.cooperating, item.level_note = (
                    row.item_type,
                    row.lead,
                    row.cooperating,
                    row.level_note,
                )
            previous = cells

    def _stage(self, text, row_number, current):
        match = STAGE_CELL.match(text)
        if not match:
            self.problem(row_number, "阶段", f"阶段应写作“序号 名称”，如“1 企业开办”，实际为“{text or '（空）'}”")
            return current
        number, name = int(match.group(1)), match.group(2).strip()
        if current is not None and current.number == number:
            return current
        if any(stage.number == number for stage in self.parsed.stages):
            self.problem(row_number, "阶段", f"阶段 {number} 已在前面出现，同一阶段的行应连续")
        stage = ParsedStage(number, name)
        self.parsed.stages.append(stage)
        return stage

    def _scenario(self, text, row_number, stage, current):
        match = SCENARIO_CELL.match(text)
        if not match:
            self.problem(row_number, "场景", f"场景应写作“编号 名称”，如“1.1 企业开办”，实际为“{text or '（空）'}”")
            return current
        major, minor, name = int(match.group(1)), int(match.group(2)), match.group(3).strip()
        if stage is None or major != stage.number:
            self.problem(row_number, "场景", f"场景 {major}.{minor} 不属于阶段 {stage.number if stage else '（无）'}")
            return current
        if current is not None and current in stage.scenarios and current.number == minor:
            return current
        scenario = ParsedScenario(minor, name)
        stage.scenarios.append(scenario)
        return scenario
