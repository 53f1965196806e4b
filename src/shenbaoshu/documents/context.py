"""Build the values a template sees for one applicant and one kind of document.

Every declared column is available under its field name (``单位名称``,
``成立时间`` …), extra columns under their header, child sheets as lists of
rows (``荣誉``, ``建设计划`` …), one-row sheets as one row (``中期报告``,
``验收``, ``典型案例``), and the 批次 values (``学校名称``, ``批次名称`` …).
Each document adds what it computes: the 自查 items, the deliverables
checklist, the survey figures.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..checks import measures
from ..workbook import schema
from ..workbook.model import Applicant, Batch, Record
from ..workbook.normalize import FORBIDDEN_XML, CnDate

# docxtpl turns this character into a new paragraph with the same formatting; "\n" becomes a line
# break and "\t" a tab. "\a" and "\f" (page break) are among the characters XML forbids, which are
# removed from text (the reader already removes them from cells), so only this module makes paragraphs.
PARAGRAPH_BREAK = "\a"
LINE_ENDS = re.compile(r"\r\n?")
SURROGATES = re.compile("[\ud800-\udfff]")
NOT_FILLED = "（尚未填写）"
CHINESE_NUMBERS = "一二三四五六七八九十"

CATEGORY_TITLES = {
    "标杆院系": "党建工作标杆院系",
    "样板支部": "党建工作样板支部",
    "双带头人工作室": "“双带头人”教师党支部书记工作室",
    "创新项目": "基层党建创新项目",
}


def format_value(value) -> object:
    """Return `value` as it should appear in a document."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, CnDate):
        return str(value)
    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, tuple):
        return PARAGRAPH_BREAK.join(clean_text(p) for p in value)
    if isinstance(value, str):
        return clean_text(value)
    return value


def clean_text(value: str) -> str:
    """Return `value` as a document can hold it: without the characters XML forbids (which would
    also make paragraphs or pages) or lone surrogates, and with "\r\n" or "\r" as one line break."""
    return SURROGATES.sub("", FORBIDDEN_XML.sub("", LINE_ENDS.sub("\n", value)))


def format_amount(value: Decimal) -> str:
    """Return an amount in 万元 with two decimals, e.g. ``2.50``."""
    return f"{value.quantize(Decimal('0.01')):.2f}"


def chinese_number(number: int) -> str:
    """Return 一 … 二十 for 1 … 20."""
    if number <= 10:
        return CHINESE_NUMBERS[number - 1]
    tens, ones = divmod(number, 10)
    return f"{'' if tens == 1 else CHINESE_NUMBERS[tens - 1]}十{CHINESE_NUMBERS[ones - 1] if ones else ''}"


def record_fields(record: Record | None, table: schema.Table) -> dict:
    """Return the template fields of one record: declared columns then extras."""
    if record is None:
        return {}
    fields = {c.name: format_value(record.get(c.header)) for c in table.columns}
    for header, value in record.extras.items():
        fields.setdefault(schema.field_name(header), format_value(value))
    return fields


def applicant_context(batch: Batch, applicant: Applicant, scheme=None) -> dict:
    """Return the fields every document of `applicant` can use."""
    context = record_fields(batch.info, schema.BATCH)
    context.update(record_fields(applicant.record, schema.APPLICANTS))
    for table in schema.CHILD_TABLES:
        if table.single:
            context[table.name] = record_fields(applicant.row(table.name), table)
        else:
            context[table.name] = [record_fields(r, table) for r in applicant.rows(table.name)]
    spec = scheme.categories.get(applicant.category) if scheme else None
    context["类别名称"] = spec.label if spec else CATEGORY_TITLES.get(applicant.category, applicant.category)
    context["方案名称"] = scheme.name if scheme else ""
    context["经费合计"] = format_amount(budget_total(applicant))
    return context


def budget_total(applicant: Applicant) -> Decimal:
    """Return the sum of the applicant's 经费预算 amounts in 万元."""
    amounts = (r.get("金额（万元）") for r in applicant.rows(schema.BUDGET.name))
    return sum((a for a in amounts if a is not None), Decimal("0"))


def self_check_context(batch: Batch, applicant: Applicant, scheme=None) -> dict:
    """Return the 自查报告 fields: every 对标 item, filled or marked 尚未填写."""
    context = applicant_context(batch, applicant, scheme)
    spec = scheme.categories.get(applicant.category) if scheme else None
    items = spec.items if spec else ()
    fields = ("做法", "成效", "佐证材料", "存在问题", "整改措施")
    entries = []
    for number, item in enumerate(items, start=1):
        row = measures.self_check_row(applicant, item)
        entry = {"序号": chinese_number(number), "名称": item.name, "已填写": row is not None}
        for field in fields:
            value = format_value(row.get(field)) if row is not None else ""
            entry[field] = value or NOT_FILLED
        entries.append(entry)
    context["对标项目"] = entries
    context["对标标准"] = (spec.standard if spec else "") or "对标项目"
    return context


def interim_context(batch: Batch, applicant: Applicant, scheme=None) -> dict:
    """Return the 中期报告 fields: stages with their state and the results so far."""
    context = applicant_context(batch, applicant, scheme)
    for stage in context["建设计划"]:
        stage["完成情况"] = stage["完成情况"] or "未填写"
        stage["进展说明"] = stage["进展说明"] or "—"
    states = [r.get("完成情况") for r in applicant.rows(schema.PLAN.name)]
    context["阶段总数"], context["已完成阶段数"] = len(states), states.count("已完成")
    return context


def acceptance_context(batch: Batch, applicant: Applicant, scheme=None) -> dict:
    """Return the 验收申请书 fields: deliverables checklist, survey figures, negative list."""
    context = applicant_context(batch, applicant, scheme)
    items = deliverable_items(scheme)
    context["成果清单"] = [checklist_entry(applicant, number, item, items)
                        for number, item in enumerate(items, start=1)]
    context["成果要求"] = deliverable_title(scheme)
    results = [measures.survey_result(r) for r in applicant.rows(schema.SURVEY.name)]
    context["测评"] = [survey_fields(r) for r in results]
    context["测评总体"] = survey_fields(measures.survey_overall(results)) if results else {}
    context["负面清单自查"] = negative_entries(applicant, scheme)
    return context


def deliverable_items(scheme) -> tuple:
    """Return the items a 验收 checklist lists: the required deliverables, else the outcome kinds."""
    if scheme is None:
        return ()
    return scheme.deliverables or scheme.outcomes


def deliverable_title(scheme) -> str:
    if scheme is None:
        return "建设成果"
    return "“四个一”成果" if scheme.deliverables else "六类成果"


def checklist_entry(applicant: Applicant, number: int, item, items) -> dict:
    found = measures.results_for(applicant, item, items)
    return {"序号": number, "项目": item.name, "状态": "已完成" if found else "缺",
            "成果名称": "；".join(r.get("成果名称") for r in found) or "—"}


def survey_fields(result: measures.SurveyResult) -> dict:
    fields = {name: result.counts[name] for name in measures.ALL_ANSWERS}
    fields.update(测评项目=result.item, 有效票数=result.answered, 参评人数=result.total,
                  满意率=f"{result.satisfied_rate}%" if result.satisfied_rate is not None else "—",
                  平均分=str(result.mean) if result.mean is not None else "—")
    return fields


def negative_entries(applicant: Applicant, scheme) -> list[dict]:
    rows = applicant.rows(schema.NEGATIVE.name)
    entries = [{"事项": r.get("事项"), "是否存在": format_value(r.get("是否存在")),
                "说明": r.get("说明") or ""} for r in rows]
    for item in (scheme.negative_items if scheme else ()):
        if not any(item.matches(r.get("事项", "")) for r in rows):
            entries.append({"事项": item.name, "是否存在": "未填写", "说明": ""})
    return entries


def case_context(batch: Batch, applicant: Applicant, scheme=None) -> dict:
    """Return the 典型案例 fields and its length in characters."""
    context = applicant_context(batch, applicant, scheme)
    row = applicant.row(schema.CASE.name)
    context["案例字数"] = measures.case_length(row) if row else 0
    return context


# --- reading a .docx package safely -------------------------------------------------------------
# Used by the renderer (templates) and by `inspect` (finished documents); it lives here, beside the
# other rendering code that needs neither Jinja nor docxtpl, so that inspecting stays light.
