"""The office's 申报汇总表: one row per applicant, as a print-ready .xlsx and a landscape .docx."""

from __future__ import annotations

import datetime as dt
import io
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..checks import facts
from ..checks.validate import Validation
from ..documents.context import format_value
from ..errors import ShenbaoshuError
from ..workbook import schema
from ..workbook.model import Applicant, Batch
from ..workbook.normalize import CnDate
from .files import atomic_write, refuse_inputs
from .package import reproducible
from .summary_docx import document_bytes

DEFAULT_COLUMNS = ("序号", "二级党组织", "申报类别", "单位名称", "支部类型", "成立时间", "党员人数", "负责人",
                   "是否双带头人", "近年荣誉", "负面清单自查", "联系人", "联系电话", "校验结果")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WIDE = {"单位名称": 30, "二级党组织": 28, "近年荣誉": 34, "校验结果": 24, "负面清单自查": 14, "联系电话": 14,
        "负责人职务职称": 20, "项目名称": 28}


@dataclass(frozen=True)
class Row:
    """One applicant's line of the summary, in column order."""

    applicant: Applicant
    values: list


org_name = facts.org_name


def recent_honours(applicant: Applicant, validation: Validation) -> str:
    """Return the honours that count as recent under the scheme (its window and lowest level)."""
    years, level = facts.honour_window(validation.scheme, applicant.category)
    since = facts.years_before(validation.reference, years)
    names = [f"{r.get('荣誉名称')}（{r.get('级别') or '级别未填'}）"
             for r in facts.recent_honours(applicant, since, level)]
    return "；".join(names) or "无"


def honours_heading(batch: Batch, validation: Validation) -> str:
    """Return the heading of the recent-honours column: 近N年荣誉 with the scheme's N."""
    windows = {c: facts.honour_window(validation.scheme, c)[0]
               for c in schema.CATEGORIES if any(a.category == c for a in batch.applicants)}
    if len(set(windows.values())) <= 1:
        return f"近{next(iter(windows.values()), facts.DEFAULT_HONOUR_YEARS):g}年荣誉"
    return "近年荣誉（" + "，".join(f"{c}{y:g}年" for c, y in windows.items()) + "）"


def negative_summary(applicant: Applicant, validation: Validation) -> str:
    rows = applicant.rows(schema.NEGATIVE.name)
    if not rows:
        return "未填写"
    present = [r.get("事项") for r in rows if r.get("是否存在") is True]
    return "存在：" + "；".join(present) if present else "无"


def check_summary(applicant: Applicant, validation: Validation) -> str:
    mine = [p for p in validation.report.problems if p.applicant == applicant.id]
    errors = sum(p.is_error for p in mine)
    if not mine:
        return "通过"
    parts = [f"错误{errors}处"] if errors else []
    if len(mine) - errors:
        parts.append(f"警告{len(mine) - errors}处")
    return "、".join(parts) + "：" + "；".join(dict.fromkeys(p.title for p in mine))


# Column names older scheme files may use for a computed column.
ALIASES = {"近三年荣誉": "近年荣誉", "近五年荣誉": "近年荣誉"}
COMPUTED: dict[str, Callable] = {
    "二级党组织": lambda a, v: org_name(a),
    "近年荣誉": recent_honours,
    "负面清单自查": negative_summary,
    "校验结果": check_summary,
}


def summary_columns(validation: Validation, batch: Batch) -> tuple[str, ...]:
    """Return the columns: the scheme's choice, else the defaults; unknown names are an error."""
    columns = tuple(ALIASES.get(c, c) for c in validation.scheme.summary_columns) \
        if validation.scheme and validation.scheme.summary_columns else DEFAULT_COLUMNS
    known = {"序号", *COMPUTED, *ALIASES, *(c.header for c in schema.APPLICANTS.columns)}
    for applicant in batch.applicants:
        known.update(applicant.record.extras)
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise ShenbaoshuError(f"汇总表没有“{'、'.join(unknown)}”这一列；可用的列：{'、'.join(sorted(known))}")
    return columns


def column_heading(column: str, batch: Batch, validation: Validation) -> str:
    """Return the heading a column shows (the honours column says the scheme's years)."""
    return honours_heading(batch, validation) if column == "近年荣誉" else column


def summary_rows(batch: Batch, validation: Validation, columns) -> list[Row]:
    """Return the rows, sorted by 二级党组织 then 申报类别 then 编号."""
    order = {c: i for i, c in enumerate(schema.CATEGORIES)}
    applicants = sorted(batch.applicants, key=lambda a: (org_name(a), order.get(a.category, 9), a.id))
    rows = []
    for number, applicant in enumerate(applicants, start=1):
        values = [number if c == "序号" else cell_value(applicant, validation, c) for c in columns]
        rows.append(Row(applicant, values))
    return rows


def cell_value(applicant: Applicant, validation: Validation, column: str):
    if column in COMPUTED:
        return COMPUTED[column](applicant, validation)
    if column in applicant.record.extras:
        return applicant.record.extras[column]
    value = format_value(applicant.record.get(column))
    return value.replace("\a", "\n") if isinstance(value, str) else value


def today() -> dt.date:
    """Return the summary's 填报日期: the day it is made."""
    return dt.date.today()


def title_of(batch: Batch) -> str:
    return f"{batch.school}{batch.info.get('批次名称', '')}申报汇总表"


def summary_files(batch: Batch, validation: Validation) -> tuple[dict[str, bytes], list]:
    """Return the summary as {".xlsx": bytes, ".docx": bytes}, and the table it shows."""
    columns = summary_columns(validation, batch)
    rows = summary_rows(batch, validation, columns)
    headings = [column_heading(c, batch, validation) for c in columns]
    table = [headings] + [r.values for r in rows]
    return {".xlsx": workbook_bytes(batch, validation, columns, rows, headings),
            ".docx": document_bytes(batch.school, columns, [r.values for r in rows], title_of(batch),
                                    headings, today())}, table


def write_summary(batch: Batch, validation: Validation, target: str | os.PathLike[str]) -> list[Path]:
    """Write the summary as ``target`` (.xlsx) and beside it as .docx; return both paths.

    Neither may be the workbook the batch was read from (nor the scheme file):
    that raises OutputError before anything is written.
    """
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        target = target.with_suffix(".xlsx") if target.suffix else target.parent / f"{target.name}.xlsx"
    paths = [target.with_suffix(suffix) for suffix in (".xlsx", ".docx")]
    for path in paths:
        refuse_inputs(path, [batch.path, validation.scheme.path if validation.scheme else None])
    files, _ = summary_files(batch, validation)
    for path in paths:
        atomic_write(path, files[path.suffix])
    return paths


def workbook_bytes(batch: Batch, validation: Validation, columns, rows: list[Row], headings: list[str]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "申报汇总表"
    write_table(sheet, batch, columns, rows, headings)
    statistics_sheet(book.create_sheet("统计"), batch, validation)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue())


def put(cell, value) -> None:
    """Write `value` into `cell`; text that looks like a formula stays text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def write_table(sheet, batch: Batch, columns, rows: list[Row], headings: list[str]) -> None:
    last = get_column_letter(len(columns))
    sheet.merge_cells(f"A1:{last}1")
    put(sheet["A1"], title_of(batch))
    sheet["A1"].font = Font(name="方正小标宋简体", size=18)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 36
    put(sheet["A2"], f"填报单位（盖章）：{batch.school}党委组织部")
    put(sheet.cell(2, len(columns)), f"填报日期：{CnDate.from_date(today())}")
    sheet.cell(2, len(columns)).alignment = Alignment(horizontal="right")
    for index, (name, heading) in enumerate(zip(columns, headings), start=1):
        cell = sheet.cell(3, index)
        put(cell, heading)
        cell.font = Font(name="黑体", bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(index)].width = WIDE.get(name, 6 if name == "序号" else 11)
    for number, row in enumerate(rows, start=4):
        for index, value in enumerate(row.values, start=1):
            cell = sheet.cell(number, index)
            put(cell, value)
            cell.font = Font(name="仿宋_GB2312")
            cell.alignment = Alignment(vertical="center", wrap_text=True,
                                       horizontal="center" if len(str(value)) < 8 else "left")
            cell.border = BORDER
        sheet.row_dimensions[number].height = row_height(columns, row.values)
    print_setup(sheet, len(columns))


def row_height(columns, values) -> float:
    lines = max(math.ceil(len(str(v)) / max(WIDE.get(c, 11) / 2 - 1, 1)) for c, v in zip(columns, values))
    return max(20, 15 * lines)


def print_setup(sheet, width: int) -> None:
    """A4 landscape, fit to the page width, header rows on every page, frozen header."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:3"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.freeze_panes = "A4"


def statistics_sheet(sheet, batch: Batch, validation: Validation) -> None:
    """Write counts per category per 二级党组织, and the quota each one uses."""
    categories = [c for c in schema.CATEGORIES if any(a.category == c for a in batch.applicants)]
    headers = ["二级党组织", *categories, "合计", "配额使用"]
    for index, name in enumerate(headers, start=1):
        put(sheet.cell(1, index), name)
        sheet.cell(1, index).font = Font(bold=True)
        sheet.cell(1, index).border = BORDER
    orgs = sorted({org_name(a) for a in batch.applicants})
    for number, org in enumerate(orgs + ["合计"], start=2):
        members = [a for a in batch.applicants if org == "合计" or org_name(a) == org]
        counts = [sum(a.category == c for a in members) for c in categories]
        values = [org, *counts, sum(counts), "" if org == "合计" else quota_use(batch, validation, org, members)]
        for index, value in enumerate(values, start=1):
            put(sheet.cell(number, index), value)
            sheet.cell(number, index).border = BORDER
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions[get_column_letter(len(headers))].width = 40
    print_setup_plain(sheet)


def print_setup_plain(sheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.freeze_panes = "A2"


def quota_use(batch: Batch, validation: Validation, org: str, members: list[Applicant]) -> str:
    """Return "样板支部 2/3" for each quota rule of the scheme that applies to `org`."""
    if validation.scheme is None:
        return ""
    record = facts.orgs_by_name(batch.rows(schema.ORGS.name)).get(org)
    uses = []
    for category, spec in validation.scheme.categories.items():
        used = sum(a.category == category for a in members)
        for rule in spec.rules:
            limit = facts.quota_limit(rule.rule, rule.params, record)
            if limit is not None:
                uses.append(f"{spec.label} {used}/{limit}")
    return "；".join(uses)
