"""Checks of the data behind the documents of the later steps (自查, 验收, 典型案例).

Every scheme gets them; each runs only for applicants that have the
document's data, and a 错误 it finds blocks only that document.
"""

from __future__ import annotations

import statistics
from typing import Iterable

from ..catalogue import problem_type
from ..workbook import schema
from ..workbook.model import Applicant
from . import measures
from .rules import DOCUMENT, Check, Finding, key_cell, rule


def document_rule(code: str, document: str):
    """Register the decorated function as a check of `document`'s data, named after its code."""
    return rule(code, code, problem_type(code).title, scope=DOCUMENT, document=document)


@document_rule("self-check-missing", "自查报告")
def self_check_missing(check: Check, applicant: Applicant) -> Iterable[Finding]:
    rows = applicant.rows(schema.SELF_CHECK.name)
    if not rows:
        return
    for item in check.category.items:
        row = measures.self_check_row(applicant, item)
        if row is None:
            yield Finding(key_cell(applicant), f"自查报告缺少对标项目“{item.name}”，报告中将标为“尚未填写”")
        elif not row.get("做法"):
            yield Finding(row.cell("做法"), f"对标项目“{item.name}”没有填写做法")
    for row in rows:
        if not any(item.matches(row.get("对标项目", "")) for item in check.category.items):
            names = "、".join(i.name for i in check.category.items)
            yield Finding(row.cell("对标项目"), f"“{row.get('对标项目')}”不是{check.category.label}的对标项目"
                          f"（{names}），不会写入自查报告", code="self-check-unknown")


@document_rule("deliverable-missing", "验收申请书")
def deliverable_missing(check: Check, applicant: Applicant) -> Iterable[Finding]:
    acceptance = applicant.row(schema.ACCEPTANCE.name)
    items = check.scheme.deliverables
    if acceptance is None or not items:
        return
    for item in items:
        if not measures.results_for(applicant, item, items):
            yield Finding(acceptance.cell("编号"),
                          f"验收成果缺“{item.name}”：请在“建设成果”表中补充，否则验收申请书中该项标为“缺”")


@document_rule("result-kind-unknown", "验收申请书")
def result_kind_unknown(check: Check, applicant: Applicant) -> Iterable[Finding]:
    items = check.scheme.deliverables + check.scheme.outcomes
    if not items:
        return
    for row in applicant.rows(schema.RESULTS.name):
        if not any(item.matches(row.get("成果类型", "")) for item in items):
            names = "、".join(i.name for i in items)
            yield Finding(row.cell("成果类型"), f"成果类型“{row.get('成果类型')}”不是方案的成果类型（{names}）")


@document_rule("survey-missing", "验收申请书")
def survey_missing(check: Check, applicant: Applicant) -> Iterable[Finding]:
    acceptance = applicant.row(schema.ACCEPTANCE.name)
    if acceptance is not None and not applicant.rows(schema.SURVEY.name):
        yield Finding(acceptance.cell("编号"), "没有满意度测评结果：请在“满意度测评”表中填写各测评项目的票数")


@document_rule("survey-incomplete", "验收申请书")
def survey_incomplete(check: Check, applicant: Applicant) -> Iterable[Finding]:
    for row in applicant.rows(schema.SURVEY.name):
        blank = [name for name in measures.ALL_ANSWERS if row.get(name) is None]
        if blank:
            yield Finding(row.cell(blank[0]), f"测评项目“{row.get('测评项目')}”缺少“{'、'.join(blank)}”的票数"
                          "（没有人选的填 0）")


@document_rule("survey-mismatch", "验收申请书")
def survey_mismatch(check: Check, applicant: Applicant) -> Iterable[Finding]:
    for row in applicant.rows(schema.SURVEY.name):
        result = measures.survey_result(row)
        stated = row.get("参评人数")
        if stated is not None and stated != result.total:
            yield Finding(row.cell("参评人数"), f"测评项目“{result.item}”六项票数之和为{result.total}，"
                          f"与参评人数{stated}不符")


# An item whose voters are fewer than this share of the unit's median item is reported: the items of one
# survey go to the same respondents, so a far smaller count is usually a count left out or mistyped.
SPARSE_SHARE = 0.5


@document_rule("survey-sparse", "验收申请书")
def survey_sparse(check: Check, applicant: Applicant) -> Iterable[Finding]:
    rows = applicant.rows(schema.SURVEY.name)
    if len(rows) < 2:
        return
    totals = [(row, voters(row)) for row in rows]
    median = statistics.median(total for _, total in totals)
    for row, total in totals:
        if total < median * SPARSE_SHARE:
            cell = row.cell("参评人数") if row.get("参评人数") is not None else row.cell(measures.ALL_ANSWERS[0])
            yield Finding(cell, f"测评项目“{row.get('测评项目')}”只有{total}人参评，不到本单位各项目参评人数"
                          f"中位数{median:g}的一半：请核对是否漏录票数")


def voters(row) -> int:
    """Return an item's number of voters: its 参评人数, or the sum of its votes when that is blank."""
    stated = row.get("参评人数")
    return stated if stated is not None else measures.survey_result(row).total


@document_rule("case-too-long", "典型案例")
def case_too_long(check: Check, applicant: Applicant) -> Iterable[Finding]:
    row = applicant.row(schema.CASE.name)
    limit = check.scheme.case_length_limit
    if row is not None and limit and measures.case_length(row) > limit:
        yield Finding(row.cell("标题"), f"典型案例共{measures.case_length(row)}字，超过方案规定的{limit}字")
