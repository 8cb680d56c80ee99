"""Parser for the county-level (区市) personal list, a Word table exported as text.

Unlike the city's PDF text, this export keeps the grid: a row ends at a blank line and each
cell starts on a new line with a tab, so the column of every department is known. Empty
cells are present as a bare tab. A row has seven cells, or eight when the item has
sub-items (事项名称 splits into item and sub-item).
"""

import re

from .records import ParsedItem, ParsedList, ParsedRow, ParsedScenario, ParsedStage, SourceFormatError
from .weihai_notice import ITEM_TYPES, LEVEL_NOTES, normalise

HEADER = ["序号", "阶段", "场景", "事项名称", "事项类型", "牵头部门", "协同部门"]
STAGE_CELL = re.compile(r"^(\d+)\s*(\S+)$")
SCENARIO_CELL = re.compile(r"^(\d+)\.(\d+)\s*(\S+)$")
# Spaces the Word export leaves inside Chinese text (“企业职工基本 养老保险”).
STRAY_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


STRAIGHT_QUOTES = re.compile(r'"([^"]*)"')


def clean(cell):
    """Drop stray spaces; parentheses and paired quotes as the city list prints them."""
    return STRAIGHT_QUOTES.sub(r"“\1”", normalise(STRAY_SPACE.sub("", cell.strip())))


def split_departments(cell):
    """A cell may list several departments, one per line (“市医保局\\n市税务局”)."""
    return [clean(part) for part in re.split(r"[\n、]", cell) if clean(part)]


def read_rows(text):
    """Yield (line number, cells) for each table row."""
    line = 1
    for block in text.split("\n\n"):
        block_line = line
        line += block.count("\n") + 2
        if not block.strip():
            continue
        block = block.lstrip(" \n")  # the export starts with a stray space
        if not block.startswith("\t"):
            raise SourceFormatError(f"第 {block_line} 行：表格行应以制表符开始")
        yield block_line, block[1:].split("\n\t")


class CountyListParser:
    def __init__(self, text, source_name):
        self.text = text
        self.source_name = source_name
        self.warnings = []

    def _error(self, line, message):
        raise SourceFormatError(f"{self.source_name} 第 {line} 行：{message}")

    def parse(self):
        parsed = ParsedList(kind="personal", name="个人全生命周期", source=self.source_name)
        rows = iter(read_rows(self.text))
        first_line, header = next(rows)
        if [clean(cell) for cell in header] != HEADER:
            self._error(first_line, f"表头应为 {' · '.join(HEADER)}")
        stage = scenario = item = None
        lead = []
        for line, cells in rows:
            if len(cells) not in (7, 8):
                self._error(line, f"一行应有 7 或 8 格，却有 {len(cells)} 格")
            number, stage_cell, scenario_cell, item_name = (clean(cell) for cell in cells[:4])
            subitem_name = clean(cells[4]) if len(cells) == 8 else None
            item_type, lead_cell, other_cell = (cells[-3].strip(), cells[-2], cells[-1])
            if item_type not in ITEM_TYPES:
                self._error(line, f"未知的事项类型“{item_type}”")
            if stage_cell:
                match = STAGE_CELL.match(stage_cell)
                if not match:
                    self._error(line, f"无法识别阶段“{stage_cell}”")
                stage_number, stage_name = int(match.group(1)), match.group(2)
                if stage is None or stage.number != stage_number:
                    stage = ParsedStage(stage_number, stage_name)
                    parsed.stages.append(stage)
            if scenario_cell:
                match = SCENARIO_CELL.match(scenario_cell)
                if not match or stage is None or int(match.group(1)) != stage.number:
                    self._error(line, f"无法识别场景“{scenario_cell}”")
                if scenario is None or scenario not in stage.scenarios or scenario.number != int(match.group(2)):
                    scenario = ParsedScenario(int(match.group(2)), match.group(3))
                    stage.scenarios.append(scenario)
            if split_departments(lead_cell):
                lead = split_departments(lead_cell)
            others = split_departments(other_cell)
            level_note = next((name for name in others if name in LEVEL_NOTES), "")
            row = ParsedRow(
                name=subitem_name or item_name,
                item_type=item_type,
                lead=list(lead),
                cooperating=[name for name in others if name not in LEVEL_NOTES],
                level_note=level_note,
            )
            if number:
                # A repeated 序号 continues the item after a page break (47, 91, 94, 113 here).
                continuing = item is not None and int(number) == item.number
                if continuing and item_name != item.name:
                    self.warnings.append(
                        f"第 {line} 行：序号 {number} 重复，事项名称却为“{item_name}”"
                        f"（前页为“{item.name}”），按续页处理"
                    )
                if not continuing:
                    item = ParsedItem(number=int(number), name=item_name)
                    scenario.items.append(item)
            elif item is None or subitem_name is None:
                self._error(line, "没有序号的行应是上一事项的子项")
            if subitem_name is not None:
                item.subitems.append(row)
                if len(item.subitems) == 1:
                    item.lead = list(row.lead)
            else:
                item.item_type, item.lead, item.cooperating, item.level_note = (
                    row.item_type,
                    row.lead,
                    row.cooperating,
                    row.level_note,
                )
        return parsed


def parse_county_list(text, source_name):
    return CountyListParser(text, source_name).parse()
