"""Build the values a template sees for one applicant.

Every declared column is available under its field name (``单位名称``,
``成立时间`` …), extra columns under their header, child sheets as lists of
rows (``荣誉``, ``建设计划``, ``经费预算``), and the 批次 values
(``学校名称``, ``批次名称`` …).
"""

from __future__ import annotations

from decimal import Decimal

from . import schema
from .model import Applicant, Batch, Record
from .normalize import CnDate

# docxtpl turns this character into a new paragraph with the same formatting.
PARAGRAPH_BREAK = "\a"

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
        return PARAGRAPH_BREAK.join(value)
    return value


def format_amount(value: Decimal) -> str:
    """Return an amount in 万元 with two decimals, e.g. ``2.50``."""
    return f"{value.quantize(Decimal('0.01')):.2f}"


def record_fields(record: Record, table: schema.Table) -> dict:
    """Return the template fields of one record: declared columns then extras."""
    fields = {c.name: format_value(record.get(c.header)) for c in table.columns}
    for header, value in record.extras.items():
        fields.setdefault(schema.field_name(header), value)
    return fields


def applicant_context(batch: Batch, applicant: Applicant,
                      tables=schema.CHILD_TABLES) -> dict:
    """Return the template context of `applicant` in `batch`."""
    context = record_fields(batch.info, schema.BATCH)
    context.update(record_fields(applicant.record, schema.APPLICANTS))
    for table in tables:
        context[table.name] = [record_fields(r, table) for r in applicant.rows(table.name)]
    context["类别名称"] = CATEGORY_TITLES.get(applicant.category, applicant.category)
    context["经费合计"] = format_amount(budget_total(applicant))
    return context


def budget_total(applicant: Applicant) -> Decimal:
    """Return the sum of the applicant's 经费预算 amounts in 万元."""
    amounts = (r.get("金额（万元）") for r in applicant.rows(schema.BUDGET.name))
    return sum((a for a in amounts if a is not None), Decimal("0"))
