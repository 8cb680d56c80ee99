"""The parser fails loudly, with a line number, on text it cannot read."""

import pytest

from catalog.parsing.records import SourceFormatError
from catalog.parsing.weihai_notice import WeihaiNoticeParser

HEADER = "序号 阶段 场景 事项名称 事项类型 牵头部门 协同部门"


def parse(body):
    text = "\n".join(["附件 1", "", "企业全生命周期事项清单及责任分工", "", HEADER, *body])
    return WeihaiNoticeParser(text, "enterprise", "test.txt").parse()


def test_a_small_well_formed_list_parses():
    parsed = parse(["1", "1", "企业", "开办", "1.1", "企业", "开办", "公章刻制备案 其他 市公安局"])
    assert parsed.items()[0].lead == ["市公安局"]


def test_a_row_without_a_type_is_reported_with_its_line():
    with pytest.raises(SourceFormatError, match="第 13 行"):
        parse(["1", "1", "企业", "开办", "1.1", "企业", "开办", "公章刻制备案"])


def test_an_unknown_department_is_not_silently_dropped():
    with pytest.raises(SourceFormatError):
        parse(["1", "1", "企业", "开办", "1.1", "企业", "开办", "公章刻制备案 其他 市不存在局"])


def test_a_skipped_item_number_is_an_error():
    with pytest.raises(SourceFormatError, match="应为序号 2"):
        parse(["1", "1", "企业", "开办", "1.1", "企业", "开办", "公章刻制备案 其他 市公安局", "3 涉税办理 其他"])


def test_a_missing_attachment_is_an_error():
    with pytest.raises(SourceFormatError, match="附件 1"):
        WeihaiNoticeParser("no tables here", "enterprise", "test.txt").parse()
