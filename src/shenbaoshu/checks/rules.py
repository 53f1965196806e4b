"""Eligibility and completeness rules, registered by name in one registry.

A rule is a small function that yields :class:`Finding` values. Its scope says
what it looks at: an ``applicant`` rule takes ``(check, applicant, **params)``,
a ``category`` rule takes ``(check, **params)``; both are chosen by a scheme,
whose parameters are the function's keyword parameters (with their
annotations and defaults; the scheme loader checks them). A ``document`` rule
takes ``(check, applicant)``, runs under every scheme and concerns the data of
one document (see document_rules.py). Adding a rule is adding one function and
its test; its problem code is declared in the catalogue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Callable, Iterable

from ..catalogue import problem_type
from ..problems import Cell, Severity
from ..workbook import schema
from ..workbook.model import Applicant, Batch, Record
from ..workbook.normalize import CnDate
from ..workbook.text import is_blank
from . import facts
from .scheme import CategorySpec, Scheme

ORGS = schema.ORGS.name
APPLICANT, CATEGORY, DOCUMENT = "applicant", "category", "document"


@dataclass(frozen=True)
class Finding:
    """What a rule found: the cell, a message, and optionally its own code and severity."""

    cell: Cell
    message: str
    code: str = ""
    severity: Severity | None = None


@dataclass(frozen=True)
class Rule:
    """A registered rule: name, problem code, title, scope, function and what it needs.

    `severity` overrides the code's default severity from the catalogue; a
    `document` rule names the document whose data it checks (its 错误 block
    only that document).
    """

    name: str
    code: str
    title: str
    function: Callable[..., Iterable[Finding]]
    scope: str = APPLICANT
    severity: Severity | None = None
    needs: tuple[str, ...] = ()
    document: str = ""


RULES: dict[str, Rule] = {}


def rule(name: str, code: str, title: str, *, scope: str = APPLICANT, severity: Severity | None = None,
         needs: tuple[str, ...] = (), document: str = "") -> Callable:
    """Register the decorated function as rule `name`, reporting `code` (declared in the catalogue)."""
    problem_type(code)

    def register(function: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        RULES[name] = Rule(name, code, title, function, scope, severity, needs, document)
        return function
    return register


def selectable_rules() -> dict[str, Callable[..., Iterable[Finding]]]:
    """Return the functions of the rules a scheme may choose, by name."""
    return {name: r.function for name, r in RULES.items() if r.scope != DOCUMENT}


@dataclass
class Check:
    """What a rule may look at: the batch, the scheme, one category, the reference date."""

    batch: Batch
    scheme: Scheme
    category: CategorySpec
    reference: dt.date

    def applicants(self) -> list[Applicant]:
        """Return the applicants of this category."""
        return [a for a in self.batch.applicants if a.category == self.category.category]

    @cached_property
    def orgs(self) -> dict[str, Record]:
        """Return the 二级党组织 rows by 名称 (built once per check)."""
        return facts.orgs_by_name(self.batch.rows(ORGS))

    def org_of(self, applicant: Applicant) -> Record | None:
        """Return the 二级党组织 row of `applicant` (its own row for a 标杆院系)."""
        return facts.org_record(self.orgs, applicant)

    def years_before(self, years: float) -> dt.date:
        """Return the date `years` before the reference date."""
        return facts.years_before(self.reference, years)


def key_cell(applicant: Applicant) -> Cell:
    """Return the applicant's 编号 cell, where problems about the whole applicant point."""
    return applicant.record.cell("编号")


# ---------------------------------------------------------------- applicant rules


@rule("required", "required-missing", "必须填写的栏目")
def required(check: Check, applicant: Applicant, *, fields: list) -> Iterable[Finding]:
    for field in fields:
        if is_blank(applicant.record.get(field)):
            yield Finding(applicant.record.cell(field), f"申报{check.category.label}必须填写“{field}”")


@rule("allowed-values", "value-not-allowed", "某一栏只能取规定的值")
def allowed_values(check: Check, applicant: Applicant, *, field: str, values: list) -> Iterable[Finding]:
    value = applicant.record.get(field)
    if value not in values:
        shown = "空白" if is_blank(value) else f"“{value}”"
        yield Finding(applicant.record.cell(field),
                      f"{check.category.label}的“{field}”应为{' / '.join(values)}，现为{shown}")


@rule("min-age", "too-young", "成立年限（按支部类型，计算到参照日期）")
def min_age(check: Check, applicant: Applicant, *, years: float = 0, by_type: dict | None = None
            ) -> Iterable[Finding]:
    kind = applicant.record.get("支部类型")
    if by_type:
        if kind is None:
            yield Finding(applicant.record.cell("支部类型"),
                          f"请填写支部类型：{check.category.label}的成立年限按支部类型计算", code="required-missing")
            return
        if kind not in by_type and not years:
            covered = "、".join(f"{k}{float(v):g}年" for k, v in by_type.items())
            yield Finding(applicant.record.cell("支部类型"),
                          f"方案没有规定{kind}党支部的成立年限（只规定了{covered}），无法核对；"
                          "请核对支部类型，或向组织部核实能否申报", code="branch-type-unknown")
            return
    needed = float((by_type or {}).get(kind, years))
    founded = applicant.record.get("成立时间")
    if needed <= 0 or founded is None:
        return
    ready = facts.add_months(founded.as_date(), round(needed * 12))
    if ready > check.reference:
        who = f"{kind}党支部" if kind and by_type and kind in by_type else check.category.label
        yield Finding(applicant.record.cell("成立时间"),
                      f"{who}须成立满{needed:g}年，成立于{founded}，到{CnDate.from_date(check.reference)}"
                      f"未满（{CnDate.from_date(ready)}才满）")


def recent_honours(check: Check, applicant: Applicant, min_level: str, within_years: float,
                   subject: str) -> list[Record]:
    """Return the applicant's honours that count: in the window, at the level, for the subject."""
    return facts.recent_honours(applicant, check.years_before(within_years), min_level, subject)


def assessment_met(check: Check, applicant: Applicant, option: dict) -> bool:
    """Return True when the 考核 rows satisfy one alternative of the honours rule."""
    rows = sorted((r for r in applicant.rows(schema.ASSESSMENTS.name) if r.get("年度")),
                  key=lambda r: r.get("年度"))
    if option.get("latest"):
        return bool(rows) and rows[-1].get("等次") in option["grades"]
    since = check.reference.year - int(option.get("within_years", 100))
    years = [r.get("年度") for r in rows if r.get("年度") >= since and r.get("等次") in option["grades"]]
    if option.get("consecutive"):
        return longest_run(years) >= int(option.get("times", 2))
    return len(years) >= int(option.get("times", 1))


def longest_run(years: list[int]) -> int:
    """Return the length of the longest run of consecutive years in `years`."""
    best, run, previous = 0, 0, None
    for year in sorted(set(years)):
        run = run + 1 if previous is not None and year == previous + 1 else 1
        best, previous = max(best, run), year
    return best


def describe_option(option: dict) -> str:
    grades = "或".join(f"“{g}”" for g in option["grades"])
    if option.get("latest"):
        return f"最近一次考核为{grades}"
    within = f"近{option['within_years']}年" if option.get("within_years") else ""
    times = int(option.get("times", 1))
    return f"{within}考核{'连续' if option.get('consecutive') else ''}{times}次以上为{grades}"


@rule("honours", "honours-missing", "近年获得规定级别以上的集体荣誉，或规定的考核等次")
def honours(check: Check, applicant: Applicant, *, min_level: str = facts.DEFAULT_MIN_LEVEL,
            within_years: float = facts.DEFAULT_HONOUR_YEARS,
            count: int = 1, or_assessments: list | None = None) -> Iterable[Finding]:
    if len(recent_honours(check, applicant, min_level, within_years, "集体")) >= count:
        return
    options = or_assessments or []
    if any(assessment_met(check, applicant, option) for option in options):
        return
    wanted = [f"近{within_years:g}年{count}项{min_level}（含）以上集体荣誉"] + [describe_option(o) for o in options]
    yield Finding(key_cell(applicant),
                  f"不满足荣誉或考核条件：须{'，或'.join(wanted)}；请在“荣誉”或“考核”表中补充")


@rule("member-honour", "member-honour-missing", "近年有支部成员获得规定级别以上的个人荣誉")
def member_honour(check: Check, applicant: Applicant, *, min_level: str = "校级",
                  within_years: float = 3, count: int = 1) -> Iterable[Finding]:
    if len(recent_honours(check, applicant, min_level, within_years, "个人")) < count:
        yield Finding(key_cell(applicant),
                      f"须有至少{count}名成员近{within_years:g}年获得{min_level}（含）以上个人荣誉；"
                      "请在“荣誉”表中填写，获奖对象写“个人”")


@rule("dual-leader", "dual-leader-required", "负责人须为“双带头人”")
def dual_leader(check: Check, applicant: Applicant) -> Iterable[Finding]:
    if applicant.record.get("是否双带头人") is not True:
        yield Finding(applicant.record.cell("是否双带头人"),
                      f"{check.category.label}的负责人须为“双带头人”教师党支部书记，请核实“是否双带头人”")


@rule("not-already-selected", "already-selected", "已入选同类建设单位的不再申报")
def not_already_selected(check: Check, applicant: Applicant, *, keywords: list,
                         levels: list | None = None, within_years: float = 0) -> Iterable[Finding]:
    levels = levels or ["省级", "国家级"]
    since = check.years_before(within_years) if within_years else dt.date.min
    for row in applicant.rows(schema.HONOURS.name):
        name, level, got = row.get("荣誉名称", ""), row.get("级别"), row.get("获得时间")
        if level in levels and any(k in name for k in keywords) and got and got.as_date() >= since:
            yield Finding(row.cell("荣誉名称"),
                          f"已入选“{name}”（{level}），按规定不再申报{check.category.label}")


@rule("parent-known", "unknown-parent", "所属二级党组织须在“二级党组织”表中", needs=(ORGS,))
def parent_known(check: Check, applicant: Applicant) -> Iterable[Finding]:
    if check.org_of(applicant) is None:
        column = facts.org_column(applicant)
        value = applicant.record.get(column)
        yield Finding(applicant.record.cell(column),
                      f"“{value}”不在“二级党组织”表中，请核对名称或在该表中补充一行")


@rule("org-dual-leader-share", "dual-leader-share", "二级党组织教师党支部书记“双带头人”比例", needs=(ORGS,))
def org_dual_leader_share(check: Check, applicant: Applicant, *, share: float = 1.0) -> Iterable[Finding]:
    org = check.org_of(applicant)
    if org is None:
        return
    teachers, dual = org.get("教师党支部数"), org.get("双带头人书记数")
    if teachers is None or dual is None:
        yield Finding(org.cell("双带头人书记数"), "须填写“教师党支部数”和“双带头人书记数”以核对“双带头人”比例")
    elif teachers and dual / teachers < share:
        yield Finding(org.cell("双带头人书记数"),
                      f"教师党支部书记“双带头人”比例须达到{share:.0%}，现为{dual}/{teachers}（{dual / teachers:.0%}）")


@rule("org-flag", "condition-unmet", "二级党组织的某项条件须为“是”", needs=(ORGS,))
def org_flag(check: Check, applicant: Applicant, *, field: str, title: str = "") -> Iterable[Finding]:
    org = check.org_of(applicant)
    if org is not None and org.get(field) is not True:
        yield Finding(org.cell(field), f"{title or field}：须为“是”，现为{'空白' if org.get(field) is None else '“否”'}")


@rule("negative-list", "negative-item", "负面清单自查：每项都须填写且不存在", needs=(schema.NEGATIVE.name,))
def negative_list(check: Check, applicant: Applicant) -> Iterable[Finding]:
    rows = applicant.rows(schema.NEGATIVE.name)
    for item in check.scheme.negative_items:
        if not any(item.matches(r.get("事项", "")) for r in rows):
            yield Finding(key_cell(applicant), f"负面清单事项“{item.name}”未填写自查结果",
                          code="negative-unchecked")
    for row in rows:
        if row.get("是否存在") is True:
            yield Finding(row.cell("是否存在"), f"存在负面清单事项“{row.get('事项')}”，不符合申报条件")


@rule("budget-cap", "budget-over-cap", "经费预算合计不超过资助额度")
def budget_cap(check: Check, applicant: Applicant, *, cap: float = 0) -> Iterable[Finding]:
    limit = Decimal(str(cap)) if cap else check.category.budget_cap
    rows = applicant.rows(schema.BUDGET.name)
    total = sum((r.get("金额（万元）") for r in rows if r.get("金额（万元）") is not None), Decimal(0))
    if limit is not None and total > limit:
        cell = rows[0].cell("金额（万元）") if rows else key_cell(applicant)
        yield Finding(cell, f"经费预算合计{total:.2f}万元，超过{check.category.label}资助额度{limit:.2f}万元")


@rule("deadline", "deadline-passed", "填报日期不晚于申报截止日期")
def deadline(check: Check, applicant: Applicant) -> Iterable[Finding]:
    due = check.batch.info.get("截止日期") or check.scheme.deadlines.get("申报")
    filled = applicant.record.get("填报日期")
    if due is not None and filled is not None and filled.as_date() > due.as_date():
        yield Finding(applicant.record.cell("填报日期"), f"填报日期{filled}晚于申报截止日期{due}")


@rule("plan-cycle", "plan-cycle-mismatch", "建设计划的起止时间与建设周期相符")
def plan_cycle(check: Check, applicant: Applicant, *, tolerance_months: int = 1,
               short_share: float = 0.5) -> Iterable[Finding]:
    cycle = check.category.cycle_years
    rows = applicant.rows(schema.PLAN.name)
    periods = []
    for row in rows:
        period = facts.plan_period(row.get("起止时间", ""))
        if period is None and not is_blank(row.get("起止时间")):
            yield Finding(row.cell("起止时间"), f"无法识别起止时间「{row.get('起止时间')}」，请写成"
                          "“2025年6月—2025年12月”，无法核对建设计划是否符合建设周期",
                          code="plan-period-unreadable")
        periods.append((row, period))
    known = [(row, period) for row, period in periods if period is not None]
    if not cycle or not known or len(known) < len(periods):
        return
    first = min(period[0] for _, period in known)
    last_row, (_, last) = max(known, key=lambda pair: facts.month_index(pair[1][1]))
    span = facts.month_index(last) - facts.month_index(first) + 1
    months = round(cycle * 12)
    plan = f"建设计划从{first}到{last}，共{span}个月"
    if span > months + tolerance_months:
        yield Finding(last_row.cell("起止时间"),
                      f"{plan}，超过{check.category.label}{cycle:g}年（{months}个月）的建设周期")
    elif span <= months * short_share:
        yield Finding(last_row.cell("起止时间"), f"{plan}，不超过{check.category.label}{cycle:g}年（{months}个月）"
                      f"建设周期的{short_share:.0%}：请按整个建设周期制定计划")


@rule("self-check-required", "self-check-absent", "申报须附对标自查报告（“自查”表有记录）")
def self_check_required(check: Check, applicant: Applicant) -> Iterable[Finding]:
    if not applicant.rows(schema.SELF_CHECK.name):
        names = "、".join(item.name for item in check.category.items)
        wanted = f"（{names}）" if names else ""
        yield Finding(key_cell(applicant),
                      f"“自查”表中没有本单位的记录：申报{check.category.label}须附自查报告，"
                      f"请为每个对标项目{wanted}填写一行")


# ---------------------------------------------------------------- category rules


def org_counts(check: Check, parent_types: list | None) -> list[tuple[Record, list[Applicant]]]:
    """Return each 二级党组织 (of `parent_types`, or all) with this category's applicants in it."""
    result = []
    for name, org in check.orgs.items():
        if parent_types and org.get("类型") not in parent_types:
            continue
        members = [a for a in check.applicants() if facts.org_name(a) == name]
        result.append((org, members))
    return result


def ids(applicants: list[Applicant]) -> str:
    return "、".join(a.id for a in applicants)


@rule("quota-share", "quota-exceeded", "每个二级党组织推荐数不超过其党支部总数的一定比例",
      scope=CATEGORY, needs=(ORGS,))
def quota_share(check: Check, *, share: float, minimum: int = 1,
                parent_types: list | None = None) -> Iterable[Finding]:
    for org, members in org_counts(check, parent_types):
        allowed = facts.share_limit(org.get("党支部总数") or 0, share, minimum)
        if len(members) > allowed:
            yield Finding(org.cell("党支部总数"),
                          f"{org.get('名称')}推荐{check.category.label}{len(members)}个（{ids(members)}），"
                          f"超过党支部总数{org.get('党支部总数')}个的{share:.0%}（最多{allowed}个）")


@rule("quota-count", "quota-exceeded", "每个二级党组织推荐数的上下限", scope=CATEGORY, needs=(ORGS,))
def quota_count(check: Check, *, min: int = 0, max: int = -1,  # noqa: A002 (scheme keys)
                parent_types: list | None = None) -> Iterable[Finding]:
    for org, members in org_counts(check, parent_types):
        name = org.get("名称")
        if max >= 0 and len(members) > max:
            yield Finding(org.cell("名称"), f"{name}推荐{check.category.label}{len(members)}个"
                          f"（{ids(members)}），最多{max}个")
        if len(members) < min:
            yield Finding(org.cell("名称"), f"{name}须至少推荐{min}个{check.category.label}，现有{len(members)}个",
                          code="quota-unmet")


@rule("places", "places-exceeded", "本类别推荐数不超过全校名额", scope=CATEGORY)
def places(check: Check, *, approximate: bool = False) -> Iterable[Finding]:
    limit = check.category.places
    members = check.applicants()
    if limit is None or len(members) <= limit:
        return
    over = members[limit:]
    about = "左右" if approximate else ""
    yield Finding(over[0].record.cell("申报类别"),
                  f"{check.category.label}名额{limit}个{about}，本批推荐{len(members)}个（{ids(members)}），"
                  f"多出{len(over)}个（{ids(over)}）", severity=Severity.WARNING if approximate else None)
