"""Read a workbook into a :class:`Batch`, driven by the declared table schemas."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..errors import WorkbookError
from ..problems import Cell, Problem, Report
from . import normalize, schema
from .model import Applicant, Batch, Record
from .text import is_blank
from .xlsxfile import Row, check_lock, open_workbook, sheet_rows

HEADER_SCAN_ROWS = 10
UNREADABLE_CODES = {
    schema.DATE: "date-unreadable", schema.INT: "int-unreadable",
    schema.NUMBER: "number-unreadable", schema.PHONE: "phone-unreadable",
    schema.BOOL: "bool-unreadable", schema.CHOICE: "choice-invalid",
}


def read_workbook(path: str | os.PathLike[str], tables: tuple[schema.Table, ...] = schema.TABLES) -> Batch:
    """Return the batch held by the workbook at `path`.

    Raise :class:`WorkbookError` when the file, a required sheet or a required
    column is missing, or the file is damaged (not a zip, parts past the size
    limits, a DOCTYPE, XML that does not parse); every problem in the values
    goes into ``batch.report``, as does the warning that the workbook is open
    in Excel or WPS (a lock file beside it).
    """
    path = Path(path)
    book = open_workbook(path)
    report = Report()
    try:
        check_lock(path, report)
        sheets = _find_sheets(book, tables, path)
        parsed = {t.name: _read_table(sheet_rows(book, sheets[t.name], path), t, path, report)
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


def _read_table(rows: list[tuple[int, Row]], table: schema.Table, path: Path, report: Report) -> list[Record]:
    if table.keyvalue:
        return [_read_keyvalue(rows, table, report)]
    if not table.required and all(is_blank(v) for _, row in rows for v in row.values()):
        return []  # an optional sheet left empty: no rows, nothing to complain about
    header_number, columns = _header(rows, table, path)
    records = []
    for number, row in rows:
        if number <= header_number or all(is_blank(v) for v in row.values()):
            continue
        records.append(_read_row(row, number, columns, table, report))
    return records


def _header(rows: list[tuple[int, Row]], table: schema.Table, path: Path):
    """Return the number of the header row and a map of column index to header."""
    wanted = {schema.normalize_header(c.header): c.header for c in table.columns}
    best, best_hits, header = 1, -1, {}
    for number, row in rows:
        if number > HEADER_SCAN_ROWS:
            break
        hits = sum(1 for v in row.values() if schema.normalize_header(_header_text(v)) in wanted)
        if hits > best_hits:
            best, best_hits, header = number, hits, row
    columns = {}
    for position, value in sorted(header.items()):
        text = _header_text(value)
        if is_blank(text):
            continue
        columns[position] = wanted.get(schema.normalize_header(text), text.strip())
    missing = [c.header for c in table.columns if c.required and c.header not in columns.values()]
    if missing:
        raise WorkbookError(
            f"{path.name} 工作表「{table.name}」缺少必填列：{'、'.join(missing)}；"
            f"在第{best}行找到的列：{'、'.join(columns.values()) or '（空）'}")
    return best, columns


def _header_text(value) -> str:
    """Return a header cell as text ("" for a cell whose value cannot be used)."""
    return "" if value is None or isinstance(value, normalize.Unusable) else str(value)


def _read_row(row: Row, row_number: int, columns: dict, table: schema.Table, report: Report) -> Record:
    record, found = Record(table.name, row_number), Report()
    declared = {c.header: c for c in table.columns}
    for position, header in columns.items():
        raw = row.get(position)
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
    if isinstance(raw, normalize.Unusable):
        report.add(Problem(raw.code or "value-unreadable", raw.message, cell))
        return ""
    value, removed = normalize.strip_forbidden(raw)
    if removed:
        report.add(Problem("illegal-character", "含有 Word 不允许的控制字符，已删除；请检查该单元格内容", cell))
    return normalize.to_text(value)


def _value(raw, column: schema.Column, cell: Cell, report: Report):
    if isinstance(raw, normalize.Unusable):
        report.add(Problem(raw.code or UNREADABLE_CODES.get(column.type, "value-unreadable"), raw.message, cell))
        return None
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
        code = exc.code or UNREADABLE_CODES.get(column.type, "value-unreadable")
        report.add(Problem(code, str(exc), cell))
        return None


def _required_missing(column: schema.Column, cell: Cell) -> Problem:
    return Problem("required-missing", f"必填项“{column.header}”为空，请填写", cell)


def _read_keyvalue(rows: list[tuple[int, Row]], table: schema.Table, report: Report) -> Record:
    record = Record(table.name, None)
    declared = {schema.normalize_header(c.header): c for c in table.columns}
    for number, row in rows:
        key = row.get(0)
        if is_blank(key) or isinstance(key, normalize.Unusable):
            continue
        raw_key = normalize.clean_text(key)
        column = declared.get(schema.normalize_header(raw_key))
        raw = row.get(1)
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
        records = [r for r in parsed.get(table.name, []) if r.get(table.parent_key) is not None]
        if records and not by_id:  # one line for the sheet, not one per row
            report.add(Problem(
                "unknown-applicant",
                f"“{table.name}”表有 {len(records)} 行，但“申报单位”表中还没有任何单位：请先在“申报单位”表中填写",
                records[0].cell(table.parent_key)))
            continue
        for record in records:
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
