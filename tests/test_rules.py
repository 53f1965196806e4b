"""Rule details, each with a passing and a failing workbook, asserting code and cell."""

from __future__ import annotations

import datetime as dt

from conftest import applicant
from eligible import REFERENCE, batch_values

from shenbaoshu import read_workbook
from shenbaoshu.checks.validate import validate


def one_rule(scheme_file, category: str, rule: str) -> object:
    return scheme_file(f'''
        id = "test"
        name = "测试方案"
        negative = "负面清单"
        [categories."{category}"]
        label = "测试{category}"
        funding_per_year = 1
        cycle_years = 2
        rules = [ {{ rule = "{rule.split(',')[0]}", clause = "第一条（一）：测试条款"{rule[len(rule.split(',')[0]):]} }} ]
    ''')


def codes(make_workbook, scheme, rows=None, children=None, batch=None):
    batch = read_workbook(make_workbook(rows or [applicant()], batch=batch or batch_values(),
                                        children=children))
    return validate(batch, scheme).report.codes()


def test_min_age_by_branch_type(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", 'min-age, years = 3, by_type = { "学生" = 1 }')
    young = dt.date(2023, 1, 1)
    assert codes(make_workbook, scheme, [applicant(支部类型="学生", 成立时间=young)]) == []
    assert codes(make_workbook, scheme, [applicant(支部类型="教师", 成立时间=young)]) == [
        ("too-young", "申报单位!F2")]


def test_min_age_boundary_is_inclusive(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "min-age, years = 3")
    exactly = dt.date(REFERENCE.year - 3, REFERENCE.month, REFERENCE.day)
    assert codes(make_workbook, scheme, [applicant(成立时间=exactly)]) == []
    assert codes(make_workbook, scheme, [applicant(成立时间=exactly + dt.timedelta(days=1))]) == [
        ("too-young", "申报单位!F2")]


def test_min_age_message_says_when_the_unit_qualifies(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "min-age, years = 3")
    batch = read_workbook(make_workbook([applicant(成立时间="2023年9月")], batch=batch_values()))
    message = validate(batch, scheme).report.problems[0].message
    assert message == ("测试样板支部须成立满3年，成立于2023年9月，到2025年5月31日未满（2026年9月1日才满）"
                       "（依据：第一条（一））")


def honour(name="先进党支部", level="校级", when=dt.date(2024, 6, 1), subject="集体"):
    return {"编号": "A01", "荣誉名称": name, "级别": level, "获得时间": when, "获奖对象": subject}


def test_honours_level_window_and_subject(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", 'honours, min_level = "校级", within_years = 3')
    assert codes(make_workbook, scheme, children={"荣誉": [honour()]}) == []
    for spoiled in (honour(level="院级"), honour(when=dt.date(2021, 6, 1)), honour(subject="个人")):
        assert codes(make_workbook, scheme, children={"荣誉": [spoiled]}) == [
            ("honours-missing", "申报单位!A2")]


def test_honours_alternative_assessments(make_workbook, scheme_file):
    rule = ('honours, or_assessments = [ { grades = ["优秀"], latest = true }, '
            '{ grades = ["好"], times = 2, consecutive = true } ]')
    scheme = one_rule(scheme_file, "样板支部", rule)

    def grades(*pairs):
        return {"考核": [{"编号": "A01", "年度": y, "等次": g} for y, g in pairs]}

    assert codes(make_workbook, scheme, children=grades((2023, "好"), (2024, "优秀"))) == []
    assert codes(make_workbook, scheme, children=grades((2022, "好"), (2023, "好"))) == []
    assert codes(make_workbook, scheme, children=grades((2021, "好"), (2023, "好"), (2024, "较好"))) == [
        ("honours-missing", "申报单位!A2")]


def test_member_honour_counts_individuals(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "标杆院系", "member-honour, count = 2")
    two = [honour(subject="个人"), honour(name="优秀党务工作者", subject="个人")]
    assert codes(make_workbook, scheme, [applicant(申报类别="标杆院系")], {"荣誉": two}) == []
    assert codes(make_workbook, scheme, [applicant(申报类别="标杆院系")], {"荣誉": two[:1]}) == [
        ("member-honour-missing", "申报单位!A2")]


def test_dual_leader(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "双带头人工作室", "dual-leader")
    assert codes(make_workbook, scheme, [applicant(申报类别="双带头人工作室")]) == []
    assert codes(make_workbook, scheme, [applicant(申报类别="双带头人工作室", 是否双带头人="否")]) == [
        ("dual-leader-required", "申报单位!J2")]


def test_not_already_selected_within_years(make_workbook, scheme_file):
    rule = 'not-already-selected, keywords = ["样板支部"], levels = ["省级"], within_years = 1'
    scheme = one_rule(scheme_file, "样板支部", rule)
    old = honour(name="省级样板支部", level="省级", when=dt.date(2022, 1, 1))
    new = honour(name="省级样板支部", level="省级", when=dt.date(2025, 1, 1))
    assert codes(make_workbook, scheme, children={"荣誉": [old]}) == []
    assert codes(make_workbook, scheme, children={"荣誉": [new]}) == [("already-selected", "荣誉!B2")]


def test_negative_list_item_present_and_unchecked(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "negative-list")
    rows = [{"编号": "A01", "事项": item.name, "是否存在": "否"} for item in scheme.negative_items]
    assert codes(make_workbook, scheme, children={"负面清单": rows}) == []
    rows[1]["是否存在"] = "是"
    rows[3]["事项"] = "其他事项"
    found = codes(make_workbook, scheme, children={"负面清单": rows})
    assert found == [("negative-unchecked", "申报单位!A2"), ("negative-item", "负面清单!C3")]


def test_negative_items_match_by_alias(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "negative-list")
    typed = ["意识形态领域问题", "重大舆情事件", "违纪违法", "违反八项规定", "师德师风问题"]
    rows = [{"编号": "A01", "事项": text, "是否存在": "否"} for text in typed]
    assert codes(make_workbook, scheme, children={"负面清单": rows}) == []


def test_budget_cap_from_funding_per_year_and_cycle(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "budget-cap")
    lines = [{"编号": "A01", "科目": "活动", "金额（万元）": 1.5}, {"编号": "A01", "科目": "资料", "金额（万元）": 0.5}]
    assert codes(make_workbook, scheme, children={"经费预算": lines}) == []
    lines[1]["金额（万元）"] = 0.51
    assert codes(make_workbook, scheme, children={"经费预算": lines}) == [("budget-over-cap", "经费预算!C2")]


def test_deadline_is_a_warning(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "deadline")
    batch = read_workbook(make_workbook([applicant(填报日期=dt.date(2025, 6, 2))], batch=batch_values()))
    problem = validate(batch, scheme).report.problems[0]
    assert (problem.code, problem.ref, problem.severity) == ("deadline-passed", "申报单位!N2", "警告")


ORG = "中共测试大学测试学院委员会"


def org(**changes):
    row = {"名称": ORG, "类型": "党委", "党支部总数": 20, "教师党支部数": 5, "双带头人书记数": 5, "党员之家六有": "是"}
    row.update(changes)
    return row


def branches(count):
    return [applicant(编号=f"A{i:02d}", 单位名称=f"第{i}支部", 所属党组织=ORG) for i in range(1, count + 1)]


def test_quota_share_rounds_down_with_a_minimum_of_one(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "quota-share, share = 0.1")
    assert codes(make_workbook, scheme, branches(2), {"二级党组织": [org(党支部总数=20)]}) == []
    assert codes(make_workbook, scheme, branches(1), {"二级党组织": [org(党支部总数=5)]}) == []
    assert codes(make_workbook, scheme, branches(2), {"二级党组织": [org(党支部总数=19)]}) == [
        ("quota-exceeded", "二级党组织!C2")]


def test_quota_count_by_parent_type(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", 'quota-count, max = 1, parent_types = ["党总支"]')
    assert codes(make_workbook, scheme, branches(2), {"二级党组织": [org(类型="党委")]}) == []
    assert codes(make_workbook, scheme, branches(2), {"二级党组织": [org(类型="党总支")]}) == [
        ("quota-exceeded", "二级党组织!A2")]


def test_quota_count_minimum(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "quota-count, min = 1")
    other = org(名称="另一个党委")
    assert codes(make_workbook, scheme, branches(1), {"二级党组织": [org()]}) == []
    assert codes(make_workbook, scheme, branches(1), {"二级党组织": [org(), other]}) == [
        ("quota-unmet", "二级党组织!A3")]


def test_parent_known_and_org_rules(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "parent-known")
    assert codes(make_workbook, scheme, branches(1), {"二级党组织": [org()]}) == []
    assert codes(make_workbook, scheme, branches(1), {"二级党组织": [org(名称="别的党委")]}) == [
        ("unknown-parent", "申报单位!D2")]
    share = one_rule(scheme_file, "标杆院系", "org-dual-leader-share, share = 1.0")
    unit = [applicant(申报类别="标杆院系", 单位名称=ORG)]
    assert codes(make_workbook, share, unit, {"二级党组织": [org()]}) == []
    assert codes(make_workbook, share, unit, {"二级党组织": [org(双带头人书记数=4)]}) == [
        ("dual-leader-share", "二级党组织!E2")]
    flag = one_rule(scheme_file, "标杆院系", 'org-flag, field = "党员之家六有"')
    assert codes(make_workbook, flag, unit, {"二级党组织": [org(党员之家六有="否")]}) == [
        ("condition-unmet", "二级党组织!F2")]


def test_rule_that_needs_a_missing_sheet_reports_it_once(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "quota-share, share = 0.1")
    assert codes(make_workbook, scheme, branches(3)) == [("sheet-missing", "二级党组织")]


def test_category_not_offered(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "样板支部", "deadline")
    assert codes(make_workbook, scheme, [applicant(申报类别="创新项目")]) == [
        ("category-not-offered", "申报单位!B2")]


def test_required_fields_declared_per_document(make_workbook, scheme_file):
    scheme = scheme_file('''
        id = "t"
        name = "t"
        [categories."创新项目"]
        documents."申报书" = ["项目名称", "所在党组织意见"]
    ''')
    row = applicant(申报类别="创新项目", 项目名称="项目", 所在党组织意见=None)
    assert codes(make_workbook, scheme, [row]) == [("required-missing", "申报单位!T2")]


def test_allowed_values(make_workbook, scheme_file):
    scheme = one_rule(scheme_file, "双带头人工作室", 'allowed-values, field = "支部类型", values = ["教师"]')
    assert codes(make_workbook, scheme, [applicant(申报类别="双带头人工作室")]) == []
    assert codes(make_workbook, scheme, [applicant(申报类别="双带头人工作室", 支部类型="学生")]) == [
        ("value-not-allowed", "申报单位!E2")]
    assert codes(make_workbook, scheme, [applicant(申报类别="双带头人工作室", 支部类型=None)]) == [
        ("value-not-allowed", "申报单位!E2")]
