"""Boundaries that a one-character slip would move: each test pins both sides of one edge.

Quota shares that floating point rounds just below a whole number, a rebuild
after the tool version changes, the compact date form 20200509, filing on the
deadline day, a 典型案例 exactly at the length limit, an honour won on the
first day of its window.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import applicant

from shenbaoshu import read_workbook
from shenbaoshu.batch import build, manifest
from shenbaoshu.checks import measures
from shenbaoshu.checks.facts import share_limit
from shenbaoshu.checks.validate import validate
from shenbaoshu.workbook.normalize import CnDate

REFERENCE = dt.date(2025, 5, 31)
BATCH = {"学校名称": "测试大学", "批次名称": "测试批次", "参照日期": REFERENCE, "截止日期": REFERENCE}
ORG = "中共测试大学测试学院委员会"



def one_rule_scheme(scheme_file, rule: str):
    """Return a scheme offering 样板支部 with the single rule `rule` (TOML inline-table body)."""
    return scheme_file(f'''
        id = "boundary"
        name = "边界测试方案"
        [categories."样板支部"]
        label = "测试样板支部"
        rules = [ {{ {rule} }} ]
    ''')


def codes(make_workbook, scheme, rows=None, children=None):
    batch = read_workbook(make_workbook(rows or [applicant()], batch=BATCH, children=children))
    return validate(batch, scheme).report.codes()


# ---------------------------------------------------------------- a. quota share rounding


@pytest.mark.parametrize("branches, share, limit", [
    (90, 0.7, 63),    # 90 × 0.7 is 62.99999999999999 in floating point
    (100, 0.29, 29),  # 28.999999999999996
    (100, 0.57, 57),  # 56.99999999999999
    (89, 0.7, 62),    # 62.3 still rounds down
])
def test_share_limit_is_not_lowered_by_floating_point(branches, share, limit):
    assert share_limit(branches, share) == limit


def test_quota_share_of_ninety_branches_at_seventy_percent_allows_sixty_three(make_workbook, scheme_file):
    scheme = one_rule_scheme(scheme_file, 'rule = "quota-share", clause = "第三条：不超过党支部总数70%", share = 0.7')
    org = {"名称": ORG, "类型": "党委", "党支部总数": 90, "教师党支部数": 30, "双带头人书记数": 30,
           "党员之家六有": "是"}
    units = [applicant(编号=f"A{i:02d}", 单位名称=f"测试学院第{i}党支部", 所属党组织=ORG) for i in range(1, 65)]
    assert codes(make_workbook, scheme, units[:63], {"二级党组织": [org]}) == []
    assert codes(make_workbook, scheme, units, {"二级党组织": [org]}) == [("quota-exceeded", "二级党组织!C2")]


# ---------------------------------------------------------------- b. rebuild after a version change


def test_new_tool_version_rebuilds_every_output_once(make_workbook, tmp_path, monkeypatch):
    workbook, out = make_workbook(), tmp_path / "输出"
    rendered: list[list] = []

    def progress(plans):
        rendered.append([p.rel for p in plans])
        return plans

    def tool_version():
        return json.loads((out / ".shenbaoshu" / "manifest.json").read_text(encoding="utf-8"))["tool_version"]

    first = build.build_batch(workbook, out, progress=progress)
    document = "样板支部/A01_测试学院教工第一党支部_申报书.docx"
    assert rendered == [[document]]
    total = len(first.written)
    assert out / document in first.written and tool_version() == manifest.VERSION

    monkeypatch.setattr(manifest, "VERSION", "99.0.0-测试")
    again = build.build_batch(workbook, out, progress=progress)
    assert rendered[1] == [document], "换了版本应重新生成文档"
    assert tool_version() == "99.0.0-测试"
    assert len(again.written) + len(again.unchanged) == total
    assert again.preserved == [] and again.edited == [] and again.overwritten == []

    third = build.build_batch(workbook, out, progress=progress)
    assert third.written == [] and len(third.unchanged) == total
    assert tool_version() == "99.0.0-测试"


# ---------------------------------------------------------------- c. compact date 20200509


@pytest.mark.parametrize("typed", ["20200509", "２０２００５０９", " 20200509\u3000"])
def test_compact_date_typed_as_text_reads_as_a_date(make_workbook, typed):
    batch = read_workbook(make_workbook([applicant(成立时间=typed)]))
    assert batch.report.codes() == []
    founded = batch.applicants[0].record.get("成立时间")
    assert founded == CnDate(2020, 5, 9)
    assert str(founded) == "2020年5月9日"


# ---------------------------------------------------------------- d. filing on the deadline day


def test_filing_on_the_deadline_day_is_not_late(make_workbook, scheme_file):
    scheme = one_rule_scheme(scheme_file, 'rule = "deadline", clause = "第四条：5月31日前报送"')
    assert BATCH["截止日期"] == dt.date(2025, 5, 31)
    assert codes(make_workbook, scheme, [applicant(填报日期=dt.date(2025, 5, 31))]) == []
    assert codes(make_workbook, scheme, [applicant(填报日期=dt.date(2025, 6, 1))]) == [
        ("deadline-passed", "申报单位!N2")]


# ---------------------------------------------------------------- e. 典型案例 at the length limit


def case(extra: str = "") -> dict:
    """Return a 典型案例 row of 40 characters (4 in the title, 9 in each part) plus `extra`."""
    return {"编号": "A01", "标题": "党建引领", "基本情况": "甲" * 9, "主要做法": "乙" * 9, "工作成效": "丙" * 9,
            "工作启示": "丁" * 9 + extra}


def test_case_exactly_at_the_length_limit_passes(make_workbook, scheme_file):
    scheme = scheme_file('''
        id = "boundary"
        name = "边界测试方案"
        case_length_limit = 40
        [categories."样板支部"]
        label = "测试样板支部"
    ''')
    assert scheme.case_length_limit == 40
    exact = read_workbook(make_workbook(children={"典型案例": [case()]}, batch=BATCH))
    assert measures.case_length(exact.applicants[0].row("典型案例")) == 40
    assert validate(exact, scheme).report.codes() == []
    longer = read_workbook(make_workbook(children={"典型案例": [case("戊")]}, batch=BATCH))
    assert measures.case_length(longer.applicants[0].row("典型案例")) == 41
    assert validate(longer, scheme).report.codes() == [("case-too-long", "典型案例!B2")]


# ---------------------------------------------------------------- f. honour on the first day of the window


def test_honour_on_the_first_day_of_the_window_counts(make_workbook, scheme_file):
    scheme = one_rule_scheme(scheme_file, 'rule = "honours", clause = "第二条：近3年获校级以上表彰", '
                                          'min_level = "校级", within_years = 3')

    def honour(when: dt.date) -> dict:
        return {"荣誉": [{"编号": "A01", "荣誉名称": "先进党支部", "级别": "校级", "获得时间": when,
                        "获奖对象": "集体"}]}

    assert BATCH["参照日期"] == dt.date(2025, 5, 31)
    assert codes(make_workbook, scheme, children=honour(dt.date(2022, 5, 31))) == []
    assert codes(make_workbook, scheme, children=honour(dt.date(2022, 5, 30))) == [
        ("honours-missing", "申报单位!A2")]
