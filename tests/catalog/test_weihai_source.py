"""Facts read by hand off the Weihai notice (fixtures/source/weihai_notice_2021.txt).

Every expected value here was read from the document, not from the parser's output.
"""

import pytest

from catalog.parsing.sources import weihai_lists


@pytest.fixture(scope="module")
def lists():
    enterprise, personal = weihai_lists()
    return {"enterprise": enterprise, "personal": personal}


def item(lists, kind, number):
    return next(found for found in lists[kind].items() if found.number == number)


def roles(row):
    return row.lead, row.cooperating


# -- enterprise list (附件1) ---------------------------------------------------------------

ENTERPRISE_SCENARIOS = [
    "1.1 企业开办",
    "2.1 生产许可办理",
    "2.2 经营许可办理",
    "2.3 社会服务许可办理",
    "3.1 员工保障",
    "3.2 纳税服务",
    "3.3 财产登记",
    "3.4 扶持补贴",
    "4.1 投资立项",
    "4.2 规划许可",
    "4.3 施工许可",
    "4.4 竣工验收",
    "4.5 市政公用",
    "5.1 企业变更",
    "6.1 企业注销",
]


def test_enterprise_list_has_six_stages_in_document_order(lists):
    stages = [(stage.number, stage.name) for stage in lists["enterprise"].stages]
    assert stages == [
        (1, "企业开办"),
        (2, "企业准营"),
        (3, "企业运营"),
        (4, "投资建设"),
        (5, "企业变更"),
        (6, "企业退出"),
    ]


def test_enterprise_list_has_its_fifteen_scenarios(lists):
    codes = [
        f"{stage.number}.{scenario.number} {scenario.name}"
        for stage in lists["enterprise"].stages
        for scenario in stage.scenarios
    ]
    assert codes == ENTERPRISE_SCENARIOS


def test_enterprise_list_numbers_items_1_to_107_without_gaps(lists):
    assert [found.number for found in lists["enterprise"].items()] == list(range(1, 108))


def test_enterprise_items_with_subitems_have_the_documents_sub_item_counts(lists):
    counts = {found.number: len(found.subitems) for found in lists["enterprise"].items() if found.subitems}
    assert counts == {1: 6, 22: 2, 23: 2, 38: 2, 45: 4, 53: 3, 54: 5, 55: 5, 57: 3, 59: 4, 98: 6, 102: 6}


def test_enterprise_item_1_has_six_licences_led_by_market_regulation_and_approval(lists):
    first = item(lists, "enterprise", 1)
    assert first.name == "公司（企业）设立登记"
    assert first.item_type == ""
    assert [sub.name for sub in first.subitems] == [
        "公司设立登记",
        "非公司企业法人设立登记",
        "外商投资企业设立登记",
        "分公司设立登记",
        "营业单位、非法人分支机构设立登记",
        "外商投资企业分支机构设立登记",
    ]
    assert {sub.item_type for sub in first.subitems} == {"行政许可"}
    for sub in first.subitems:
        assert roles(sub) == (["市市场监管局", "市行政审批服务局"], [])


def test_a_department_after_the_type_below_a_lead_block_is_cooperating(lists):
    # 公章刻制备案: 市公安局 in the 协同部门 column; the 开办 lead cell covers the row.
    assert roles(item(lists, "enterprise", 2)) == (["市市场监管局", "市行政审批服务局"], ["市公安局"])
    assert roles(item(lists, "enterprise", 7)) == (["市市场监管局", "市行政审批服务局"], ["人民银行威海市中心支行"])


def test_first_row_of_a_scenario_prints_lead_then_cooperating(lists):
    assert roles(item(lists, "enterprise", 8)) == (["市行政审批服务局", "市市场监管局"], ["市住房城乡建设局"])
    assert roles(item(lists, "enterprise", 84)) == (["市住房城乡建设局"], ["市自然资源和规划局"])


def test_enterprise_item_90_has_six_cooperating_organisations_in_order(lists):
    found = item(lists, "enterprise", 90)
    assert found.name == "房地产开发项目竣工综合验收备案"
    assert found.item_type == "其他行政权力"
    assert found.lead == ["市住房城乡建设局"]
    assert found.cooperating == ["市教育局", "市民政局", "市卫生健康委", "市体育局", "通信协会", "威海供电公司"]


def test_level_notes_are_not_departments(lists):
    for number, note in ((11, "省级事项"), (15, "县级事项"), (33, "县级事项")):
        found = item(lists, "enterprise", number)
        assert found.level_note == note
        assert found.cooperating == []


def test_a_lead_cell_printed_once_over_sub_items_is_the_lead(lists):
    vehicles = item(lists, "enterprise", 54)
    assert [roles(sub) for sub in vehicles.subitems] == [(["市公安局"], [])] * 5
    pledges = item(lists, "enterprise", 55)
    assert pledges.lead == ["人民银行威海市中心支行"]
    assert [sub.name for sub in pledges.subitems] == [
        "动产抵押",
        "应收账款质押",
        "存款单、仓单、提单质押",
        "融资租赁",
        "保理",
    ]
    assert {sub.item_type for sub in pledges.subitems} == {"其他"}


def test_a_lead_cell_wrapped_in_the_narrow_column_starts_a_new_lead_block(lists):
    assert roles(item(lists, "enterprise", 56)) == (["市行政审批服务局", "市市场监管局"], [])


def test_cooperating_cells_repeat_on_every_sub_item_row(lists):
    housing_fund = item(lists, "enterprise", 45)
    assert [sub.cooperating for sub in housing_fund.subitems] == [["市住房公积金中心"]] * 4
    assert housing_fund.lead == ["市人力资源社会保障局"]


def test_wrapped_cooperating_cell_in_the_wide_column_stays_cooperating(lists):
    assert roles(item(lists, "enterprise", 75)) == (["市行政审批服务局"], ["市自然资源和规划局"])
    assert roles(item(lists, "enterprise", 97)) == (["市住房城乡建设局"], ["市水务局", "市水务集团"])


def test_wrapped_names_and_the_other_administrative_power_type_are_joined(lists):
    found = item(lists, "enterprise", 23)
    assert found.name == "道路客运（班车客运、包车客运、旅游客运）及班线经营许可"
    assert found.subitems[0].name == "道路班车客运（含班线）经营许可"
    assert item(lists, "enterprise", 18).item_type == "其他行政权力"


def test_empty_cells_stay_empty(lists):
    # 特殊建设工程消防验收: the document prints no cooperating department.
    assert item(lists, "enterprise", 86).cooperating == []
    assert item(lists, "enterprise", 86).level_note == ""


# -- personal list (附件2) -----------------------------------------------------------------


def test_personal_list_has_eleven_stages_from_birth_to_after_death(lists):
    names = [stage.name for stage in lists["personal"].stages]
    assert names == ["出生", "教育", "退役", "工作", "置业", "出行", "婚育", "就医", "救助", "养老", "身后"]


def test_personal_list_has_its_twenty_five_scenarios(lists):
    codes = [
        f"{stage.number}.{scenario.number} {scenario.name}"
        for stage in lists["personal"].stages
        for scenario in stage.scenarios
    ]
    assert codes == [
        "1.1 出生", "2.1 入学", "2.2 转学", "2.3 助学", "2.4 毕业", "3.1 退役", "4.1 职业资格", "4.2 人才引进",
        "4.3 社会保障", "4.4 失业", "5.1 购置新房", "5.2 购置二手房", "5.3 租赁住房", "5.4 建设农房", "5.5 公积金",
        "6.1 交通", "6.2 出入境", "7.1 婚育", "8.1 医疗服务", "8.2 就医结算", "9.1 残疾人救助", "9.2 困难人员救助",
        "10.1 养老", "11.1 后事", "11.2 继承",
    ]  # fmt: skip


def test_personal_list_stops_inside_item_113_where_the_extraction_ends(lists):
    items = lists["personal"].items()
    assert [found.number for found in items] == list(range(1, 114))
    last = items[-1]
    assert last.name == "养老保险待遇核定支付"
    assert [sub.name for sub in last.subitems] == [
        "企业职工基本养老保险一次性待遇申领（在职）",
        "企业职工基本养老保险个人账户一次性待遇申领（退休人员死亡）",
    ]


def test_personal_sub_item_counts_match_the_document(lists):
    counts = {found.number: len(found.subitems) for found in lists["personal"].items() if found.subitems}
    assert counts == {
        22: 2, 32: 2, 35: 2, 38: 3, 39: 2, 42: 3, 44: 2, 47: 6, 52: 4, 53: 3, 57: 3, 60: 2, 63: 2,
        67: 4, 68: 2, 69: 1, 72: 5, 89: 5, 90: 4, 91: 3, 94: 3, 100: 4, 104: 2, 105: 1, 106: 1, 113: 2,
    }  # fmt: skip


def test_birth_items_are_led_by_health_commission_with_police_cooperating(lists):
    assert roles(item(lists, "personal", 1)) == (["市卫生健康委"], [])
    # The county list's tab-separated cells put 市公安局 in the 协同部门 column here.
    assert roles(item(lists, "personal", 3)) == (["市卫生健康委"], ["市公安局"])
    assert roles(item(lists, "personal", 5)) == (["市卫生健康委"], ["市人力资源社会保障局"])


def test_teacher_qualification_level_note_sits_on_its_first_sub_item(lists):
    teachers = item(lists, "personal", 32)
    assert teachers.lead == ["市行政审批服务局", "市教育局"]
    assert [sub.level_note for sub in teachers.subitems] == ["县级事项", ""]


def test_a_lead_running_into_the_next_number_is_split_from_it(lists):
    # The text reads “批服务局35 护士执”: 市行政审批服务局 leads 34 and 35.
    assert roles(item(lists, "personal", 34)) == (["市行政审批服务局"], [])
    nurses = item(lists, "personal", 35)
    assert nurses.name == "护士执业注册"
    assert nurses.lead == ["市行政审批服务局"]
    assert [sub.level_note for sub in nurses.subitems] == ["县级事项", ""]


def test_an_item_continued_on_the_next_page_keeps_all_its_sub_items(lists):
    housing_fund = item(lists, "personal", 47)
    assert [sub.cooperating for sub in housing_fund.subitems] == [["市住房公积金中心"]] * 6
    assert {tuple(sub.lead) for sub in housing_fund.subitems} == {("市人力资源社会保障局",)}
    injury = item(lists, "personal", 91)
    assert [roles(sub) for sub in injury.subitems] == [(["市医保局"], ["市人力资源社会保障局"])] * 3


def test_child_rehabilitation_sub_items_carry_their_level_notes(lists):
    rehab = item(lists, "personal", 94)
    assert [sub.level_note for sub in rehab.subitems] == ["县级事项", "省级事项", "省级事项"]
    assert rehab.lead == ["市残联"]


def test_death_certificate_has_one_lead_and_two_cooperating(lists):
    assert roles(item(lists, "personal", 108)) == (["市民政局"], ["市公安局", "市卫生健康委"])
    assert roles(item(lists, "personal", 40)) == (["市人力资源社会保障局"], ["市医保局", "市税务局"])


def test_every_row_has_one_of_the_six_types(lists):
    types = {"行政许可", "行政确认", "行政给付", "公共服务", "其他行政权力", "其他"}
    for parsed in lists.values():
        for found in parsed.items():
            rows = found.subitems or [found]
            assert all(row.item_type in types for row in rows), found.number
            assert all(row.lead for row in rows), found.number
