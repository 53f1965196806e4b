"""Places, the construction cycle, branch-type ages, the required 自查 and sparse surveys (issue 15).

Each rule: an eligible unit passes and a spoiled one fails at the cell the problem points to, under a
small test scheme and under the built-in schemes that use it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import applicant
from eligible import REFERENCE, batch_values, plan_row, sheets, unit

from shenbaoshu import read_workbook
from shenbaoshu.checks.facts import add_months, plan_period
from shenbaoshu.checks.loader import builtin_schemes, load_scheme
from shenbaoshu.checks.validate import validate
from shenbaoshu.workbook.normalize import CnDate


def found(make_workbook, scheme, rows, children=None):
    batch = read_workbook(make_workbook(rows, batch=batch_values(), children=children))
    assert batch.report.problems == []
    return validate(batch, scheme).report.problems


def pairs(problems, *codes):
    return [(p.code, p.ref) for p in problems if not codes or p.code in codes]


# ---------------------------------------------------------------- places


def places_scheme(scheme_file, approximate=""):
    return scheme_file(f'''
        id = "test"
        name = "测试方案"
        [categories."样板支部"]
        label = "测试样板支部"
        places = 2
        rules = [ {{ rule = "places", clause = "一：培育创建2个样板支部"{approximate} }} ]
    ''')


def branches(count):
    return [applicant(编号=f"A{n:02d}", 单位名称=f"第{n}党支部") for n in range(1, count + 1)]


def test_places_counts_the_category_in_the_batch(make_workbook, scheme_file):
    scheme = places_scheme(scheme_file)
    assert found(make_workbook, scheme, branches(2)) == []
    problems = found(make_workbook, scheme, branches(4))
    assert pairs(problems) == [("places-exceeded", "申报单位!B4")]
    assert problems[0].is_error
    assert problems[0].message == ("测试样板支部名额2个，本批推荐4个（A01、A02、A03、A04），多出2个（A03、A04）"
                                   "（依据：一）")


def test_places_other_categories_do_not_count(make_workbook, scheme_file):
    scheme = places_scheme(scheme_file)
    rows = branches(2) + [applicant(编号="B01", 申报类别="标杆院系", 支部类型=None)]
    assert pairs(found(make_workbook, scheme, rows), "places-exceeded") == []


def test_places_approximate_is_a_warning(make_workbook, scheme_file):
    scheme = places_scheme(scheme_file, ", approximate = true")
    problems = found(make_workbook, scheme, branches(3))
    assert pairs(problems) == [("places-exceeded", "申报单位!B4")]
    assert not problems[0].is_error and "名额2个左右" in problems[0].message


# ---------------------------------------------------------------- plan-cycle


@pytest.mark.parametrize("text, first, last", [
    ("2025年6月—2025年12月", (2025, 6), (2025, 12)),
    ("2026年3月", (2026, 3), (2026, 3)),
    ("2025.6-2026.5", (2025, 6), (2026, 5)),
    ("2025-06至2026-05", (2025, 6), (2026, 5)),
    ("2025年6月1日—2025年12月31日", (2025, 6), (2025, 12)),
    ("2025年6月—12月", (2025, 6), (2025, 12)),
    ("２０２５年６月－２０２６年５月", (2025, 6), (2026, 5)),
])
def test_plan_period_reads_the_usual_spellings(text, first, last):
    assert plan_period(text) == (CnDate(*first), CnDate(*last))


@pytest.mark.parametrize("text", ["第一阶段", "2025年13月—2026年1月", "明年上半年", ""])
def test_plan_period_unreadable(text):
    assert plan_period(text) is None


def cycle_scheme(scheme_file, cycle=1):
    return scheme_file(f'''
        id = "test"
        name = "测试方案"
        [categories."样板支部"]
        label = "测试样板支部"
        cycle_years = {cycle}
        rules = [ {{ rule = "plan-cycle", clause = "三：统筹谋划{cycle}年建设周期" }} ]
    ''')


def plan(*periods):
    return {"建设计划": [{"编号": "A01", "阶段": f"第{n}阶段", "起止时间": text, "工作目标": "目标。"}
                     for n, text in enumerate(periods, start=1)]}


@pytest.mark.parametrize("months, ok", [(7, True), (12, True), (13, True), (6, False), (14, False), (24, False)])
def test_plan_cycle_one_year(make_workbook, scheme_file, months, ok):
    problems = found(make_workbook, cycle_scheme(scheme_file), [applicant()],
                     {"建设计划": [plan_row("A01", months)]})
    assert pairs(problems) == ([] if ok else [("plan-cycle-mismatch", "建设计划!C2")])
    assert all(not p.is_error for p in problems)


def test_plan_cycle_spans_all_rows_and_points_at_the_last(make_workbook, scheme_file):
    scheme = cycle_scheme(scheme_file, 2)
    ok = plan("2025年6月—2025年8月", "2025年9月—2026年8月", "2026年9月—2027年5月")
    assert found(make_workbook, scheme, [applicant()], ok) == []
    short = plan("2025年6月—2025年8月", "2025年9月—2026年2月", "2026年3月", "2026年4月—2026年5月")
    problems = found(make_workbook, scheme, [applicant()], short)
    assert pairs(problems) == [("plan-cycle-mismatch", "建设计划!C5")]
    assert problems[0].message.startswith("建设计划从2025年6月到2026年5月，共12个月，不超过测试样板支部2年（24个月）")


def test_plan_cycle_unreadable_period(make_workbook, scheme_file):
    problems = found(make_workbook, cycle_scheme(scheme_file), [applicant()],
                     plan("2025年6月—2025年8月", "下半年"))
    assert pairs(problems) == [("plan-period-unreadable", "建设计划!C3")]


# ---------------------------------------------------------------- min-age for every branch type


YOUNG = add_months(REFERENCE, -2)


@pytest.mark.parametrize("scheme_id", ["zju-2024", "heida-2025", "guizhou-ligong-2020", "zhengzhou-tielu-2022"])
@pytest.mark.parametrize("kind", ["教师", "学生", "师生联合", "机关"])
def test_every_branch_type_is_checked(make_workbook, scheme_id, kind):
    scheme = load_scheme(scheme_id)
    row = unit("样板支部")
    row["支部类型"] = kind
    children = sheets(scheme, [row])
    assert found(make_workbook, scheme, [row], children) == []
    row["成立时间"] = YOUNG
    assert pairs(found(make_workbook, scheme, [row], children)) == [("too-young", "申报单位!F2")]


@pytest.mark.parametrize("scheme_id", ["zju-2024", "heida-2025", "guizhou-ligong-2020"])
def test_blank_branch_type_is_reported_once(make_workbook, scheme_id):
    scheme = load_scheme(scheme_id)
    row = unit("样板支部")
    row["支部类型"] = None
    assert pairs(found(make_workbook, scheme, [row], sheets(scheme, [row]))) == [("required-missing", "申报单位!E2")]


def age_scheme(scheme_file, params):
    return scheme_file(f'''
        id = "test"
        name = "测试方案"
        [categories."样板支部"]
        label = "测试样板支部"
        rules = [ {{ rule = "min-age", clause = "二：教师党支部满3年，学生党支部满1年", {params} }} ]
    ''')


def test_type_not_in_by_type_is_a_problem_without_a_default(make_workbook, scheme_file):
    scheme = age_scheme(scheme_file, 'by_type = { "教师" = 3, "学生" = 1 }')
    old = dt.date(2010, 1, 1)
    assert found(make_workbook, scheme, [applicant(支部类型="学生", 成立时间=old)]) == []
    problems = found(make_workbook, scheme, [applicant(支部类型="机关", 成立时间=old)])
    assert pairs(problems) == [("branch-type-unknown", "申报单位!E2")]
    assert "方案没有规定机关党支部的成立年限（只规定了教师3年、学生1年）" in problems[0].message
    problems = found(make_workbook, scheme, [applicant(支部类型=None, 成立时间=old)])
    assert pairs(problems) == [("required-missing", "申报单位!E2")]
    assert problems[0].message.startswith("请填写支部类型")


def test_type_not_in_by_type_uses_years_as_the_default(make_workbook, scheme_file):
    scheme = age_scheme(scheme_file, 'years = 3, by_type = { "学生" = 2 }')
    assert found(make_workbook, scheme, [applicant(支部类型="机关", 成立时间=dt.date(2021, 1, 1))]) == []
    assert pairs(found(make_workbook, scheme, [applicant(支部类型="机关", 成立时间=YOUNG)])) == [
        ("too-young", "申报单位!F2")]


def test_builtin_by_type_covers_every_branch_type():
    for scheme in builtin_schemes():
        for category, spec in scheme.categories.items():
            for rule in spec.rules:
                if rule.rule == "min-age" and rule.params.get("by_type") and not rule.params.get("years"):
                    assert set(rule.params["by_type"]) == {"教师", "学生", "师生联合", "机关"}, (scheme.id, category)


# ---------------------------------------------------------------- self-check-required


@pytest.mark.parametrize("category", ["标杆院系", "样板支部"])
def test_guizhou_requires_self_check_rows(make_workbook, category):
    scheme = load_scheme("guizhou-ligong-2020")
    units = [unit(category)]
    children = sheets(scheme, units)
    assert found(make_workbook, scheme, units, children) == []
    children["自查"] = [row for row in children["自查"] if row["编号"] != "A01"]
    problems = found(make_workbook, scheme, units, children)
    assert pairs(problems) == [("self-check-absent", "申报单位!A2")]
    assert problems[0].is_error and "（依据：三（二））" in problems[0].message


@pytest.mark.parametrize("scheme_id", ["zju-2024", "heida-2025", "shichuang-2020", "zhengzhou-tielu-2022"])
def test_other_schemes_do_not_require_self_check(make_workbook, scheme_id):
    scheme = load_scheme(scheme_id)
    units = [unit("样板支部")]
    children = sheets(scheme, units)
    children["自查"] = []
    assert found(make_workbook, scheme, units, children) == []


# ---------------------------------------------------------------- survey-sparse


def survey(*totals, stated=True):
    rows = []
    for n, total in enumerate(totals, start=1):
        row = {"编号": "A01", "测评项目": f"项目{n}", "很好": total, "较好": 0, "一般": 0, "较差": 0, "很差": 0,
               "不了解": 0}
        if stated:
            row["参评人数"] = total
        rows.append(row)
    return {"满意度测评": rows}


def survey_problems(make_workbook, children):
    return found(make_workbook, load_scheme("heida-2025"), [unit("样板支部")],
                 dict(sheets(load_scheme("heida-2025"), [unit("样板支部")]), **children))


def test_survey_item_with_few_voters_is_a_warning(make_workbook):
    assert survey_problems(make_workbook, survey(50, 48, 52, 30)) == []
    problems = survey_problems(make_workbook, survey(50, 48, 3, 52))
    assert pairs(problems) == [("survey-sparse", "满意度测评!I4")]
    assert not problems[0].is_error
    assert problems[0].message == ("测评项目“项目3”只有3人参评，不到本单位各项目参评人数中位数49的一半："
                                   "请核对是否漏录票数")


def test_survey_sparse_without_voters_column_points_at_the_first_count(make_workbook):
    problems = survey_problems(make_workbook, survey(50, 3, 48, stated=False))
    assert pairs(problems) == [("survey-sparse", "满意度测评!C3")]


def test_survey_single_item_is_not_compared(make_workbook):
    assert survey_problems(make_workbook, survey(3)) == []
