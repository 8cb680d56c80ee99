"""Parser for the two lists attached to the Weihai notice, as text extracted from its PDF.

The extraction keeps the reading order of the table but loses its grid: a cell breaks
over several lines, blank lines come and go, neighbouring cells share a line separated by
a space, and sometimes a wrapped department runs into the next row's 序号 without a
space (“批服务局35 护士执”). Every judgement this parser makes is listed in
fixtures/README.md; the constants below carry the ones that need a vocabulary.

The parse runs in two passes:
1. structure: split the text into rows (each row has exactly one 事项类型), and each row
   into its head (序号, stage, scenario, item and sub-item names) and the department
   cells printed after the type;
2. roles: decide for every department cell whether it stands in the 牵头部门 or the
   协同部门 column, and let a lead cell cover the rows below it, as a merged cell does.
"""

import re
from dataclasses import dataclass, field

from .records import ParsedItem, ParsedList, ParsedRow, ParsedScenario, ParsedStage, SourceFormatError

ITEM_TYPES = ("行政许可", "行政确认", "行政给付", "公共服务", "其他行政权力", "其他")
LEVEL_NOTES = ("省级事项", "县级事项", "威海市级事项")

# Every department and organisation the two city lists name. A cell after the type is
# read by matching these names, because wrapped names run into the next row's text.
# A name missing here makes the parse fail loudly rather than guess.
DEPARTMENTS = (
    "市市场监管局",
    "市行政审批服务局",
    "市公安局",
    "市税务局",
    "市人力资源社会保障局",
    "市医保局",
    "市住房公积金中心",
    "人民银行威海市中心支行",
    "市住房城乡建设局",
    "市生态环境局",
    "市消防救援支队",
    "市烟草专卖局",
    "市商务局",
    "市卫生健康委",
    "市残联",
    "市科技局",
    "市自然资源和规划局",
    "市人防办",
    "市教育局",
    "市民政局",
    "市体育局",
    "通信协会",
    "威海供电公司",
    "市水务局",
    "市水务集团",
    "港华燃气",
    "威海热电集团",
    "市退役军人局",
    "市农业农村局",
)

# The 牵头部门 column is narrow: a lead cell wraps after at most this many characters,
# while the 协同部门 column holds seven or more (“人民银行威海市/中心支行”).
LEAD_COLUMN_WIDTH = 5
# Names the document breaks at the same place in either column (“市人力资源/社会保障局”
# appears so as a lead and as a cooperating cell), so their wrapping says nothing.
FIXED_BREAK_NAMES = ("市人力资源社会保障局",)
# In a table, stage and scenario names wrap after two characters; item names never start
# with a line that short.
HEAD_NAME_WIDTH = 2
# An item with sub-items prints its own name in a narrow column (at most this many
# characters a line) to the left of the sub-item names, whose first line is longer.
ITEM_COLUMN_WIDTH = 5

HEADER = ("序号", "阶段", "场景", "事项名称", "事项类型", "牵头部门", "协同部门")
SCENARIO_CODE = re.compile(r"^(\d+)\.(\d+)$")
NUMBER = re.compile(r"^\d+$")

ATTACHMENTS = {
    "enterprise": ("附件 1", "企业全生命周期事项清单及责任分工"),
    "personal": ("附件 2", "个人全生命周期事项清单及责任分工"),
}
LIFECYCLE_NAMES = {"enterprise": "企业全生命周期", "personal": "个人全生命周期"}


def normalise(text):
    """Half-width parentheses to full-width, as the document mostly prints them."""
    return text.replace("(", "（").replace(")", "）")


@dataclass
class Token:
    text: str
    line: int  # 1-based line number in the source file, for error messages
    starts_line: bool


@dataclass
class Cell:
    """One department cell as printed after a type: names joined by “、”."""

    names: list[str]
    # Lengths of the printed pieces the cell was wrapped into.
    piece_lengths: list[int]
    span: tuple[int, int] = (0, 0)

    def wrapped_in_lead_column(self):
        if len(self.piece_lengths) < 2 or any(name in FIXED_BREAK_NAMES for name in self.names):
            return False
        return max(self.piece_lengths) <= LEAD_COLUMN_WIDTH


@dataclass
class RawRow:
    """A row before roles are decided."""

    name: str
    item_type: str
    cells: list[Cell]
    level_note: str
    line: int
    starts_scenario: bool = False
    after_page_header: bool = False


@dataclass
class RawItem:
    number: int
    name: str
    has_subitems: bool
    scenario: ParsedScenario
    rows: list[RawRow] = field(default_factory=list)


def tokenise(lines, first_line_number):
    tokens = []
    for offset, line in enumerate(lines):
        words = line.split()
        for index, word in enumerate(words):
            tokens.append(Token(normalise(word), first_line_number + offset, index == 0))
    return tokens


def attachment_lines(text, kind):
    """The lines of one attachment's table, with their 1-based line number of the first."""
    lines = text.splitlines()
    marker, title = ATTACHMENTS[kind]
    try:
        start = lines.index(marker)
    except ValueError as exc:
        raise SourceFormatError(f"找不到“{marker}”一行") from exc
    body_start = start + 1
    while body_start < len(lines) and lines[body_start].strip() in ("", title):
        body_start += 1
    end = len(lines)
    for other_marker, _title in ATTACHMENTS.values():
        if other_marker != marker and other_marker in lines[body_start:]:
            end = min(end, lines.index(other_marker, body_start))
    return lines[body_start:end], body_start + 1


class _TokenStream:
    def __init__(self, tokens):
        self.tokens = tokens
        self.index = 0

    def peek(self, ahead=0):
        position = self.index + ahead
        return self.tokens[position] if position < len(self.tokens) else None

    def next(self):
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at_end(self):
        return self.index >= len(self.tokens)

    def split_current(self, consumed):
        """Consume the first `consumed` characters of the current token, keep the rest."""
        token = self.tokens[self.index]
        if consumed >= len(token.text):
            self.index += 1
        else:
            self.tokens[self.index] = Token(token.text[consumed:], token.line, False)


class WeihaiNoticeParser:
    def __init__(self, text, kind, source_name):
        self.text = text
        self.kind = kind
        self.source_name = source_name

    def parse(self):
        lines, first = attachment_lines(self.text, self.kind)
        self.stream = _TokenStream(tokenise(lines, first))
        parsed = ParsedList(kind=self.kind, name=LIFECYCLE_NAMES[self.kind], source=self.source_name)
        raw_items = self._read_structure(parsed)
        self._resolve_roles(raw_items)
        return parsed

    # -- pass 1: structure -------------------------------------------------------------

    def _error(self, message, token=None):
        token = token or self.stream.peek() or self.stream.tokens[-1]
        raise SourceFormatError(f"{self.source_name} 第 {token.line} 行（{self.kind}）：{message}")

    def _read_structure(self, parsed):
        stream = self.stream
        raw_items = []
        stage = scenario = item = None
        after_header = False
        while not stream.at_end():
            if self._at_header():
                for _ in HEADER:
                    stream.next()
                after_header = True
                continue
            token = stream.peek()
            expected = (item.number + 1) if item else 1
            if NUMBER.match(token.text) and (
                int(token.text) == expected or (after_header and item and int(token.text) == item.number)
            ):
                number = int(stream.next().text)
                continuing = item is not None and number == item.number
                new_stage = self._read_stage_head()
                new_scenario = self._read_scenario_head()
                starts_scenario = False
                if new_stage:
                    if stage is None or new_stage != (stage.number, stage.name):
                        if continuing or (stage and new_stage[0] != stage.number + 1):
                            self._error(f"阶段 {new_stage[0]} 与上下文不符")
                        stage = ParsedStage(*new_stage)
                        parsed.stages.append(stage)
                if new_scenario:
                    major, minor, name = new_scenario
                    if stage is None or major != stage.number:
                        self._error(f"场景 {major}.{minor} 不属于阶段 {stage and stage.number}")
                    if (
                        scenario is None
                        or (minor, name) != (scenario.number, scenario.name)
                        or (scenario not in stage.scenarios)
                    ):
                        if continuing:
                            self._error(f"续页的场景 {major}.{minor} 与前页不同")
                        scenario = ParsedScenario(minor, name)
                        stage.scenarios.append(scenario)
                        starts_scenario = True
                if scenario is None:
                    self._error("事项前没有场景")
                row_name, item_name, row_line = self._read_names(first_row=True)
                row_type = self._read_type()
                cells, note = self._read_cells()
                if continuing:
                    if item_name != item.name:
                        self._error(f"续页的事项名称“{item_name}”与前页“{item.name}”不同")
                else:
                    item = RawItem(number, item_name or row_name, item_name is not None, scenario)
                    raw_items.append(item)
                    scenario.items.append(ParsedItem(number=number, name=item.name))
                item.rows.append(RawRow(row_name, row_type, cells, note, row_line, starts_scenario, after_header))
                after_header = False
                continue
            if item is None or not item.has_subitems:
                self._error(f"应为序号 {expected}，却是“{token.text}”")
            row_name, _item_name, row_line = self._read_names(first_row=False)
            row_type = self._read_type()
            cells, note = self._read_cells()
            item.rows.append(RawRow(row_name, row_type, cells, note, row_line, False, after_header))
            after_header = False
        return raw_items

    def _at_header(self):
        return all(
            (token := self.stream.peek(offset)) is not None and token.text == word for offset, word in enumerate(HEADER)
        )

    def _read_short_lines(self):
        """Consume whole lines of at most HEAD_NAME_WIDTH characters: a stage or scenario name."""
        parts = []
        while (token := self.stream.peek()) and token.starts_line and len(token.text) <= HEAD_NAME_WIDTH:
            following = self.stream.peek(1)
            if following is not None and not following.starts_line:
                break  # the line goes on: it is not a one-word name line
            if NUMBER.match(token.text) or SCENARIO_CODE.match(token.text) or token.text in ITEM_TYPES:
                break
            parts.append(self.stream.next().text)
        return "".join(parts)

    def _read_stage_head(self):
        token = self.stream.peek()
        if token is None or not NUMBER.match(token.text):
            return None
        # A stage number is followed by its short name lines and then a scenario code.
        saved = self.stream.index
        number = int(self.stream.next().text)
        name = self._read_short_lines()
        following = self.stream.peek()
        if not name or following is None or not SCENARIO_CODE.match(following.text):
            self.stream.index = saved
            self._error("阶段序号后应有阶段名称和场景编号")
        return number, name

    def _read_scenario_head(self):
        token = self.stream.peek()
        if token is None or not (match := SCENARIO_CODE.match(token.text)):
            return None
        self.stream.next()
        name = self._read_short_lines()
        if not name:
            self._error(f"场景 {token.text} 没有名称")
        return int(match.group(1)), int(match.group(2)), name

    def _is_type_at(self, offset):
        token = self.stream.peek(offset)
        if token is None:
            return None
        if token.text in ITEM_TYPES:
            return token.text
        following = self.stream.peek(offset + 1)
        if token.text == "其他行政" and following is not None and following.text == "权力":
            return "其他行政权力"
        return None

    def _read_names(self, first_row):
        """Read a row's name tokens up to its type.

        Returns (row name, item name or None, line). On an item's first row the names
        may hold the item's own name followed by its first sub-item's name.
        """
        lines = []  # each a list of words
        first_token = self.stream.peek()
        if first_token is None:
            self._error("缺少事项名称")
        while self._is_type_at(0) is None:
            token = self.stream.peek()
            if token is None or self._at_header():
                self._error("事项名称后缺少事项类型", first_token)
            self.stream.next()
            if token.starts_line or not lines:
                lines.append([token.text])
            else:
                lines[-1].append(token.text)
        type_token = self.stream.peek()
        # Words printed on the type's own line belong to the last name on the row.
        type_line_prefix = []
        if lines and not type_token.starts_line:
            type_line_prefix = lines.pop()
        if not lines and not type_line_prefix:
            self._error("缺少事项名称", type_token)
        if not first_row:
            return "".join(w for line in lines for w in line) + "".join(type_line_prefix), None, first_token.line
        line_texts = ["".join(line) for line in lines]
        if len(line_texts) + bool(type_line_prefix) >= 2 and line_texts and len(line_texts[0]) <= ITEM_COLUMN_WIDTH:
            item_lines = []
            while line_texts and len(line_texts[0]) <= ITEM_COLUMN_WIDTH:
                item_lines.append(line_texts.pop(0))
            subitem_name = "".join(line_texts) + "".join(type_line_prefix)
            if not subitem_name:
                self._error("无法区分事项名称和子项名称", first_token)
            return subitem_name, "".join(item_lines), first_token.line
        return "".join(line_texts) + "".join(type_line_prefix), None, first_token.line

    def _read_type(self):
        item_type = self._is_type_at(0)
        self.stream.next()
        if item_type == "其他行政权力":
            self.stream.next()
        return item_type

    def _read_cells(self):
        """Read the department cells and the level note printed after a type.

        The text ahead is matched against the known names, across line wraps, until
        something that is not a name: there the next row begins, even inside a token.
        Names joined by “、” share a cell; a name after a plain break starts a new cell.
        """
        text, starts = self._text_ahead()
        cells, note = [], ""
        position = 0
        open_cell = None
        while True:
            name = self._longest_name_at(text, position)
            if name is None:
                if open_cell is not None:
                    self._error("“、”后应为部门名称")
                break
            end = position + len(name)
            if name in LEVEL_NOTES:
                if note:
                    self._error(f"一行有两个层级说明：{note}、{name}")
                note = name
            elif open_cell is not None:
                open_cell.names.append(name)
                open_cell.span = (open_cell.span[0], end)
            else:
                open_cell = Cell([name], [])
                open_cell.span = (position, end)
                cells.append(open_cell)
            position = end
            if name not in LEVEL_NOTES and text.startswith("、", position):
                position += 1
            else:
                open_cell = None
        for cell in cells:
            cell.piece_lengths = self._piece_lengths(cell.span, starts, len(text))
        self._consume_chars(position, starts, len(text))
        return cells, note

    def _text_ahead(self, limit=12):
        """The concatenated text of the next tokens (not past a page header) and where each starts."""
        text, starts = "", []
        for offset in range(limit):
            token = self.stream.peek(offset)
            if token is None or self._is_header_at(offset):
                break
            starts.append(len(text))
            text += token.text
        return text, starts

    @staticmethod
    def _longest_name_at(text, position):
        names = [name for name in LEVEL_NOTES + DEPARTMENTS if text.startswith(name, position)]
        return max(names, key=len) if names else None

    @staticmethod
    def _piece_lengths(span, starts, total):
        """How many characters of the span each printed token holds."""
        bounds = list(zip(starts, starts[1:] + [total], strict=True))
        return [min(end, span[1]) - max(start, span[0]) for start, end in bounds if start < span[1] and end > span[0]]

    def _consume_chars(self, count, starts, total):
        """Consume `count` characters of tokens; a partly consumed token keeps its rest."""
        if not starts:
            return
        whole = sum(1 for end in starts[1:] + [total] if end <= count)
        for _ in range(whole):
            self.stream.next()
        if whole < len(starts) and count > starts[whole]:
            self.stream.split_current(count - starts[whole])

    def _is_header_at(self, offset):
        return all(
            (token := self.stream.peek(offset + i)) is not None and token.text == word for i, word in enumerate(HEADER)
        )

    # -- pass 2: roles -------------------------------------------------------------------

    def _resolve_roles(self, raw_items):
        lead = []
        for raw in raw_items:
            merged_lead = self._merged_over_subitems(raw)
            parsed_rows = []
            for index, row in enumerate(raw.rows):
                cooperating = []
                if len(row.cells) > 2:
                    raise SourceFormatError(f"{self.source_name} 第 {row.line} 行：一行有两个以上的部门格")
                if len(row.cells) == 2:
                    lead, cooperating = row.cells[0].names, row.cells[1].names
                elif len(row.cells) == 1:
                    cell = row.cells[0]
                    is_lead = (
                        row.starts_scenario
                        or row.after_page_header
                        or cell.wrapped_in_lead_column()
                        or (merged_lead and index == 0)
                    )
                    if is_lead:
                        lead = cell.names
                    else:
                        cooperating = cell.names
                elif row.starts_scenario:
                    raise SourceFormatError(f"{self.source_name} 第 {row.line} 行：场景的第一行没有牵头部门")
                parsed_rows.append(ParsedRow(row.name, row.item_type, list(lead), cooperating, row.level_note))
            item = next(i for i in raw.scenario.items if i.number == raw.number)
            if raw.has_subitems:
                item.subitems = parsed_rows
                item.lead = list(parsed_rows[0].lead)
            else:
                if len(parsed_rows) != 1:
                    raise SourceFormatError(f"{self.source_name}：事项 {raw.number} 没有子项却有多行")
                row = parsed_rows[0]
                item.item_type, item.lead, item.cooperating, item.level_note = (
                    row.item_type,
                    row.lead,
                    row.cooperating,
                    row.level_note,
                )

    @staticmethod
    def _merged_over_subitems(raw):
        """A single cell printed once for an item of several sub-item rows is a merged cell.

        Cooperating cells repeat on every sub-item row; only the lead column is merged.
        """
        if not raw.has_subitems or len(raw.rows) < 2:
            return False
        first, rest = raw.rows[0], raw.rows[1:]
        return len(first.cells) == 1 and not any(row.cells for row in rest)


def parse_weihai_notice(text, source_name):
    """Parse both attachments; returns [enterprise list, personal list]."""
    return [WeihaiNoticeParser(text, kind, source_name).parse() for kind in ("enterprise", "personal")]
