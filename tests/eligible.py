"""Build workbooks whose applicants meet every rule of a scheme, then spoil one rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import applicant

from shenbaoshu.checks.facts import add_months

REFERENCE = dt.date(2025, 5, 31)
PLAN_START = dt.date(2025, 6, 1)
ORG = "中共测试大学测试学院委员会"
KIND = {"标杆院系": "", "样板支部": "教师", "双带头人工作室": "教师", "创新项目": "教师"}


def unit(category: str, number: int = 1) -> dict:
    """Return an applicant of `category` that meets every built-in rule."""
    name = ORG if category == "标杆院系" and number == 1 else f"测试学院第{number}党支部"
    parent = "中共测试大学委员会" if category == "标杆院系" else ORG
    return applicant(编号=f"A{number:02d}", 申报类别=category, 单位名称=name, 所属党组织=parent,
                     支部类型=KIND[category] or None, 项目名称="测试创新项目", 成立时间=dt.date(2010, 3, 1),
                     是否双带头人="是", 填报日期=dt.date(2025, 5, 20))


def sheets(scheme, units: list[dict]) -> dict:
    """Return the child sheets that make `units` eligible under `scheme`."""
    recent = dt.date(2024, 6, 28)
    honours, assessments, negative, budget, plan, self_check = [], [], [], [], [], []
    for row in units:
        uid = row["编号"]
        spec = scheme.categories.get(row["申报类别"])
        plan.append(plan_row(uid, round((spec.cycle_years if spec and spec.cycle_years else 1) * 12)))
        self_check += [{"编号": uid, "对标项目": item.name, "做法": "对标落实。"}
                       for item in (spec.items if spec else ())]
        honours += [{"编号": uid, "荣誉名称": "先进基层党组织", "级别": "校级", "获得时间": recent, "获奖对象": "集体"},
                    {"编号": uid, "荣誉名称": "优秀共产党员", "级别": "省级", "获得时间": recent, "获奖对象": "个人"},
                    {"编号": uid, "荣誉名称": "优秀党务工作者", "级别": "省级", "获得时间": recent, "获奖对象": "个人"}]
        assessments += [{"编号": uid, "年度": year, "等次": "好"} for year in (2022, 2023, 2024)]
        negative += [{"编号": uid, "事项": item.name, "是否存在": "否"} for item in scheme.negative_items]
        budget.append({"编号": uid, "科目": "活动", "金额（万元）": 0.1, "用途说明": "主题党日"})
    orgs = [{"名称": ORG, "类型": "党委", "党支部总数": 40, "教师党支部数": 10, "双带头人书记数": 10,
             "党员之家六有": "是"}]
    return {"荣誉": honours, "考核": assessments, "负面清单": negative, "经费预算": budget, "二级党组织": orgs,
            "建设计划": plan, "自查": self_check}


def plan_row(uid: str, months: int) -> dict:
    """Return one 建设计划 row running `months` months from PLAN_START."""
    end = add_months(PLAN_START, months - 1)
    period = f"{PLAN_START.year}年{PLAN_START.month}月—{end.year}年{end.month}月"
    return {"编号": uid, "阶段": "全周期建设", "起止时间": period, "工作目标": "完成建设任务。"}


def batch_values() -> dict:
    return {"学校名称": "测试大学", "批次名称": "测试批次", "参照日期": REFERENCE, "截止日期": REFERENCE}


class Spoiler:
    """Change an eligible workbook so that one rule (with its scheme parameters) fails."""

    def __init__(self, scheme, category: str, params: dict):
        self.scheme, self.category, self.params = scheme, category, params

    def apply(self, rule: str, units: list[dict], children: dict) -> None:
        getattr(self, rule.replace("-", "_"))(units, children)

    def first(self, units):
        return units[0]

    def required(self, units, children):
        self.first(units)[self.params["fields"][0]] = None

    def allowed_values(self, units, children):
        self.first(units)[self.params["field"]] = "机关"

    def min_age(self, units, children):
        self.first(units)["成立时间"] = add_months(REFERENCE, -3)

    def honours(self, units, children):
        children["荣誉"] = [h for h in children["荣誉"] if h["获奖对象"] != "集体"]
        children["考核"] = []

    def member_honour(self, units, children):
        children["荣誉"] = [h for h in children["荣誉"] if h["获奖对象"] != "个人"]

    def dual_leader(self, units, children):
        self.first(units)["是否双带头人"] = "否"

    def not_already_selected(self, units, children):
        level = (self.params.get("levels") or ["省级"])[-1]
        children["荣誉"].append({"编号": "A01", "荣誉名称": f"全省{self.params['keywords'][0]}",
                               "级别": level, "获得时间": dt.date(2025, 1, 10), "获奖对象": "集体"})

    def parent_known(self, units, children):
        key = "单位名称" if self.category == "标杆院系" else "所属党组织"
        self.first(units)[key] = "不存在的党组织"

    def org_dual_leader_share(self, units, children):
        children["二级党组织"][0]["双带头人书记数"] = 5

    def org_flag(self, units, children):
        children["二级党组织"][0][self.params["field"]] = "否"

    def negative_list(self, units, children):
        children["负面清单"][0]["是否存在"] = "是"

    def budget_cap(self, units, children):
        cap = self.scheme.categories[self.category].budget_cap
        children["经费预算"][0]["金额（万元）"] = float(cap + Decimal(1))

    def deadline(self, units, children):
        self.first(units)["填报日期"] = REFERENCE + dt.timedelta(days=10)

    def places(self, units, children):
        self.add_units(units, children, self.scheme.categories[self.category].places + 1)

    def plan_cycle(self, units, children):
        cycle = round(self.scheme.categories[self.category].cycle_years * 12)
        children["建设计划"] = [plan_row("A01", cycle * 2)]

    def self_check_required(self, units, children):
        children["自查"] = []

    def quota_share(self, units, children):
        children["二级党组织"][0]["党支部总数"] = 10
        self.add_units(units, children, 2)

    def quota_count(self, units, children):
        if self.params.get("max", -1) >= 0:
            kinds = self.params.get("parent_types") or ["党委"]
            children["二级党组织"][0]["类型"] = kinds[0]
            self.add_units(units, children, self.params["max"] + 1)
        else:
            children["二级党组织"].append({"名称": "另一个学院党委", "类型": "党委", "党支部总数": 5})

    def add_units(self, units, children, total):
        while len(units) < total:
            extra = unit(self.category, len(units) + 1)
            units.append(extra)
            for name, rows in sheets(self.scheme, [extra]).items():
                if name != "二级党组织":
                    children[name] += rows
