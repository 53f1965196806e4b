"""Read a workbook into a :class:`Batch`, driven by the declared table schemas."""

from __future__ import annotations

import os
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import WorkbookError
from ..problems import Cell, Problem, Report
from . import normalize, schema
from .model import Applicant, Batch, Record
from .text import is_blank

HEADER_SCAN_ROWS = 10
UNREADABLE_CODES = {
    schema.DATE: "date-unreadable", schema.INT: "int-unreadable",
    schema.NUMBER: "number-unreadable", schema.PHONE: "phone-unreadable",
    schema.BOOL: "bool-unreadable", schema.CHOICE: "choice-invalid",
}


def read_workbook(path: str | os.PathLike[str], tables: tuple[schema.Table, ...] = schema.TABLES) -> Batch:
    """Return the batch held by the workbook at `path`.

    Raise :class:`WorkbookError` when the file, a required sheet or a required
    column is missing; every problem in the values goes into ``batch.report``.
    """
    path = Path(path)
    book = _open(path)
    try:
        sheets = _find_sheets(book, tables, path)
        report = Report()
        parsed = {t.name: _read_table(sheets[t.name], t, path, report)
                  for t in tables if t.name in sheets}
    finally:
        book.close()
    info = parsed.get(schema.BATCH.name) or [Record(schema.BATCH.name, None)]
    applicants = [Applicant(r) for r in parsed[schema.APPLICANTS.name]]
    for table in tables:
        if table.key and table.name in parsed:
            _check_unique(table, parsed[table.name], report)
    _attach_children(applicants, [t for t in tables if t.parent_key], parsed, report)
    return Batch(path=path, info=info[0], applicants=applicants, report=report, sheets=parsed)


def _open(path: Path):
    if not path.exists():
        raise WorkbookError(f"找不到工作簿文件：{path}")
    if path.suffix.lower() == ".xls":
        raise WorkbookError(f"{path.name} 是旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再试")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise WorkbookError(f"无法打开工作簿 {path.name}：它不是有效的 .xlsx 文件（{exc}）") from exc


def _find_sheets(book, tables, path: Path) -> dict:
    found = {schema.normalize_header(name): name for name in book.sheetnames}
    sheets, missing = {}, []
    for table in tables:
        real = found.get(schema.normalize_header(table.name))
        if real is not None:
            sheets[table.name] = book[real]
        elif table.required:
            missing.append(table.name)
    if missing:
        raise WorkbookError(
            f"{path.name} 缺少工作表：{'、'.join(missing)}；"
            f"现有工作表：{'、'.join(book.sheetnames) or '（无）'}")
    return sheets


def _read_table(sheet, table: schema.Table, path: Path, report: Report) -> list[Record]:
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    if table.keyvalue:
        return [_read_keyvalue(rows, table, report)]
    if not table.required and all(is_blank(v) for row in rows for v in row):
        return []  # an optional sheet left empty: no rows, nothing to complain about
    header_index, columns = _header(rows, table, path)
    records = []
    for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        if all(is_blank(v) for v in row):
            continue
        records.append(_read_row(row, offset, columns, table, report))
    return records


def _header(rows, table: schema.Table, path: Path):
    """Return the index of the header row and a map of column index to header."""
    wanted = {schema.normalize_header(c.header): c.header for c in table.columns}
    best, best_hits = 0, -1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        hits = sum(1 for v in row if schema.normalize_header(v or "") in wanted)
        if hits > best_hits:
            best, best_hits = index, hits
    header = rows[best] if rows else []
    columns = {}
    for position, value in enumerate(header):
        if is_blank(value):
            continue
        key = schema.normalize_header(value)
        columns[position] = wanted.get(key, str(value).strip())
    missing = [c.header for c in table.columns if c.required and c.header not in columns.values()]
    if missing:
        found = [str(v).strip() for v in header if not is_blank(v)]
        raise WorkbookError(
            f"{path.name} 工作表「{table.name}」缺少必填列：{'、'.join(missing)}；"
            f"在第{best + 1}行找到的列：{'、'.join(found) or '（空）'}")
    return best, columns


def _read_row(row, row_number: int, columns: dict, table: schema.Table, report: Report) -> Record:
    record, found = Record(table.name, row_number), Report()
    declared = {c.header: c for c in table.columns}
    for position, header in columns.items():
        raw = row[position] if position < len(row) else None
        cell = Cell(table.name, row_number, header, get_column_letter(position + 1))
        record.cells[header] = cell
        column = declared.get(header)
        if column is None:
            record.extras[header] = _clean(raw, cell, found)
            continue
        record.values[header] = _value(raw, column, cell, found)
    for column in table.columns:
        if column.header not in record.cells:
            record.values[column.header] = None
            if column.required:
                found.add(_required_missing(column, Cell(table.name, row_number, column.header)))
    applicant = record.get(table.key or table.parent_key, "") if (table.key or table.parent_key) else ""
    report.extend(replace(p, applicant=applicant) for p in found.problems)
    return record


def _clean(raw, cell: Cell, report: Report):
    value, removed = normalize.strip_forbidden(raw)
    if removed:
        report.add(Problem("illegal-character", "含有 Word 不允许的控制字符，已删除；请检查该单元格内容", cell))
    return normalize.clean_text(value)


def _value(raw, column: schema.Column, cell: Cell, report: Report):
    raw, removed = normalize.strip_forbidden(raw)
    if removed:
        report.add(Problem("illegal-character", "含有 Word 不允许的控制字符，已删除；请检查该单元格内容", cell))
    if is_blank(raw):
        if column.required:
            report.add(_required_missing(column, cell))
        return None
    try:
        return normalize.convert(raw, column)
    except normalize.Unreadable as exc:
        code = UNREADABLE_CODES.get(column.type, "value-unreadable")
        report.add(Problem(code, str(exc), cell))
        return None


def _required_missing(column: schema.Column, cell: Cell) -> Problem:
    return Problem("required-missing", f"必填项“{column.header}”为空，请填写", cell)


def _read_keyvalue(rows, table: schema.Table, report: Report) -> Record:
    record = Record(table.name, None)
    declared = {schema.normalize_header(c.header): c for c in table.columns}
    for number, row in enumerate(rows, start=1):
        if not row or is_blank(row[0]):
            continue
        raw_key = normalize.clean_text(row[0])
        column = declared.get(schema.normalize_header(raw_key))
        raw = row[1] if len(row) > 1 else None
        cell = Cell(table.name, number, raw_key, "B")
        if column is None:
            if raw_key != "项目":
                record.extras[raw_key] = _clean(raw, cell, report)
                record.cells[raw_key] = cell
            continue
        record.cells[column.header] = cell
        record.values[column.header] = _value(raw, column, cell, report)
    for column in table.columns:
        if column.header not in record.cells:
            record.values[column.header] = None
            if column.required:
                report.add(Problem("required-missing",
                                   f"缺少“{column.header}”一行：请在 A 列写“{column.header}”，B 列写内容",
                                   Cell(table.name, None, column.header)))
    return record


def _check_unique(table: schema.Table, records: list[Record], report: Report) -> None:
    seen: dict[str, Record] = {}
    for record in records:
        value = record.get(table.key)
        if not value:
            continue
        first = seen.setdefault(value, record)
        if first is not record:
            applicant = value if table is schema.APPLICANTS else ""
            report.add(Problem(
                "duplicate-id",
                f"{table.key}“{value}”与 {first.cell(table.key).ref} 重复，每行的{table.key}必须唯一",
                record.cell(table.key), applicant))


def _attach_children(applicants, tables, parsed, report: Report) -> None:
    by_id = {a.id: a for a in applicants if a.id}
    for table in tables:
        for applicant in applicants:
            applicant.children.setdefault(table.name, [])
        for record in parsed.get(table.name, []):
            key = record.get(table.parent_key)
            if key is None:
                continue
            if key not in by_id:
                report.add(Problem(
                    "unknown-applicant",
                    f"编号“{key}”在“申报单位”表中不存在，这一行没有用到任何文档中；请核对编号。"
                    f"现有编号：{listing(sorted(by_id))}",
                    record.cell(table.parent_key)))
                continue
            rows = by_id[key].children[table.name]
            if table.single and rows:
                report.add(Problem(
                    "duplicate-id",
                    f"“{table.name}”表中每个单位只能有一行，编号“{key}”已在 {rows[0].cell(table.parent_key).ref} 出现",
                    record.cell(table.parent_key), key))
                continue
            rows.append(record)


def listing(names: list[str], limit: int = 30) -> str:
    """Return `names` joined for a message, shortened after `limit` of them."""
    shown = "、".join(names[:limit]) or "（无）"
    return shown + (f" 等 {len(names)} 个" if len(names) > limit else "")
