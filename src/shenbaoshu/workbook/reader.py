"""Read a workbook into a :class:`Batch`, driven by the declared table schemas."""

from __future__ import annotations

import math
import os
import re
import warnings
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from ..errors import WorkbookError
from ..problems import Cell, Problem, Report
from . import normalize, schema
from .model import Applicant, Batch, Record
from .text import is_blank

HEADER_SCAN_ROWS = 10
MIB = 1024 * 1024
# Limits on the uncompressed size of a workbook's parts, checked before anything is read
# (docs/workbook.md): a real workbook of a batch is a few MiB; more is damage or a zip bomb.
MAX_PART_BYTES = 200 * MIB
MAX_TOTAL_BYTES = 500 * MIB
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's own limits
PROLOG_BYTES = 64 * 1024  # how much of each XML part is searched for a DOCTYPE
LOCK_FILES = ("~${}", ".~lock.{}#")  # Excel and WPS; LibreOffice
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
    book = _open(path)
    report = Report()
    try:
        _check_lock(path, report)
        sheets = _find_sheets(book, tables, path)
        parsed = {t.name: _read_table(_sheet_rows(book, sheets[t.name], path), t, path, report)
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
    if path.is_dir():
        raise WorkbookError(f"无法读取工作簿 {path.name}：这是一个文件夹，不是 .xlsx 文件")
    _check_package(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl fails on damaged parts with many exception types
        raise WorkbookError(f"无法读取工作簿 {path.name}：{_damage(path, exc)}") from exc


def _unreadable(path: Path, why: str) -> WorkbookError:
    return WorkbookError(f"无法读取工作簿 {path.name}：{why}")


def _check_package(path: Path) -> None:
    """Refuse, before anything is parsed, a file that is no zip, a part or a total that inflates
    past the limits, and any XML part with a DOCTYPE (entity bombs; no .xlsx has one)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise _unreadable(path, f"它不是有效的 .xlsx 文件（{_not_zip(path, exc)}）") from exc
    except OSError as exc:
        raise _unreadable(path, f"无法打开文件（{exc.strerror or exc}）") from exc
    with archive:
        entries = archive.infolist()
        total = 0
        for entry in entries:
            if entry.file_size > MAX_PART_BYTES:
                raise _unreadable(path, f"其中的 {entry.filename} 解压后有 {_size(entry.file_size)}，"
                                        f"超过每个部分 {_size(MAX_PART_BYTES)} 的上限；文件可能已损坏或不是正常的工作簿")
            total += entry.file_size
        if total > MAX_TOTAL_BYTES:
            raise _unreadable(path, f"解压后共有 {_size(total)}，超过 {_size(MAX_TOTAL_BYTES)} 的上限；"
                                    f"文件可能已损坏或不是正常的工作簿")
        if not any(e.filename.startswith("xl/") for e in entries):
            raise _unreadable(path, "它是 zip 压缩包，但其中没有 Excel 工作簿（可能是把其他文件的扩展名改成了 .xlsx）")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels", ".vml")):
                _check_prolog(path, archive, entry)


def _check_prolog(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    try:
        with archive.open(entry) as part:
            start = part.read(PROLOG_BYTES)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise _unreadable(path, f"文件已损坏，其中的 {entry.filename} 无法解压（{exc}）") from exc
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        start = start.decode("utf-16", errors="ignore").encode("utf-8")
    if b"<!DOCTYPE" in start:
        raise _unreadable(path, f"其中的 {entry.filename} 含有 DOCTYPE 声明（正常的 .xlsx 没有），"
                                f"文件可能已损坏或被恶意修改，已拒绝读取")


def _not_zip(path: Path, exc: Exception) -> str:
    with open(path, "rb") as file:
        head = file.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "这是加密（设了打开密码）的工作簿或旧版 .xls 文件：请取消打开密码，或另存为 .xlsx"
    if path.name.startswith("~$"):
        return "这是 Excel 或 WPS 打开工作簿时生成的临时锁定文件，不是工作簿本身"
    return f"不是 zip 压缩包，可能已损坏、没有完整复制，或只是扩展名为 .xlsx：{exc}"


def _size(size: int) -> str:
    return f"{size / MIB:.0f} MiB" if size >= MIB else f"{size} 字节"


RESAVE = "请在 Excel 或 WPS 中打开，另存为新的 .xlsx 后再试"
OPENPYXL_STEPS = {"read manifest": "内容类型清单", "read strings": "共享字符串", "read workbook": "工作簿结构",
                  "read properties": "文档属性", "read custom properties": "自定义属性", "read theme": "主题",
                  "read stylesheet": "样式", "read worksheets": "工作表", "assign names": "定义的名称"}
PART_NAMES = {"[Content_Types].xml": "内容类型清单", "xl/sharedStrings.xml": "共享字符串",
              "xl/workbook.xml": "工作簿结构", "xl/styles.xml": "样式"}


def _damage(path: Path, exc: Exception) -> str:
    """Return, in Chinese, what part of a workbook openpyxl could not read and why."""
    step = re.search(r"could not (.+?) from", str(exc))
    cause = (exc.__cause__ or exc.__context__ or exc) if step else exc
    missing = re.search(r"There is no item named '(.+?)' in the archive", str(cause))
    if missing:
        return f"它不是有效的 .xlsx 文件：缺少 {missing.group(1)}"
    broken = _broken_part(path)
    if broken:
        part, error = broken
        named = f"（{PART_NAMES[part]}）" if part in PART_NAMES else ""
        return f"文件已损坏：{part}{named} XML 格式错误（{error}）；{RESAVE}"
    where = f"{OPENPYXL_STEPS.get(step.group(1), step.group(1))}：" if step else ""
    return f"文件已损坏，{where}内容无法识别（{type(cause).__name__}：{cause}）；{RESAVE}"


def _broken_part(path: Path) -> tuple[str, Exception] | None:
    """Return the first XML part of the workbook that does not parse, with the parser's error."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(name) as part:
                    for _ in ElementTree.iterparse(part):
                        pass
            except ElementTree.ParseError as exc:
                return name, exc
            except Exception:
                continue
    return None


def _check_lock(path: Path, report: Report) -> None:
    """Warn when a lock file beside the workbook says it is open in Excel, WPS or LibreOffice."""
    for pattern in LOCK_FILES:
        lock = path.with_name(pattern.format(path.name))
        if lock.exists():
            report.add(Problem(
                "workbook-open",
                f"工作簿 {path.name} 似乎正在 Excel 或 WPS 中打开（旁边有锁定文件 {lock.name}）："
                f"尚未保存的修改不会被读取。请先保存工作簿；如果已经关闭，可以删除这个锁定文件"))
            return


class _CellParser(WorkSheetParser):
    """openpyxl's sheet parser, but a cell whose stored value cannot be used becomes a
    :class:`normalize.Unusable` at its place instead of an exception or a silent blank:
    a formula saved without its result, a number that is not finite, a broken value."""

    def parse_cell(self, element):
        kind = element.get("t", "n")
        text = element.findtext(VALUE_TAG)
        if element.find(FORMULA_TAG) is not None and (text is None or (text == "" and kind != "str")):
            return self._unusable(element, normalize.UNCACHED_FORMULA)
        if kind == "n" and text and text.strip() and not _finite(text):
            return self._unusable(element, normalize.bad_number(text))
        counter = self.col_counter
        try:
            cell = super().parse_cell(element)
        except (ValueError, IndexError, TypeError, OverflowError, KeyError):
            self.col_counter = counter
            return self._unusable(element, normalize.bad_value(text or ""))
        if kind == "n" and cell["data_type"] == "e":  # a date serial out of range
            cell["value"] = normalize.bad_number(text or "")
        return cell

    def _unusable(self, element, marker: normalize.Unusable) -> dict:
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        return {"row": row, "column": column, "value": marker, "data_type": "n", "style_id": 0}


def _finite(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


Row = dict[int, object]  # column index (0 for A) to value; empty cells are absent


def _sheet_rows(book, sheet, path: Path) -> list[tuple[int, Row]]:
    """Return the sheet's non-empty rows as (row number, cells), in order.

    Rows and cells are read as they are in the file (not padded to the sheet's
    declared dimension, which may be wrong or huge); a damaged sheet is a
    WorkbookError naming it.
    """
    grid: dict[int, Row] = {}
    part = getattr(sheet, "_worksheet_path", "")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with sheet._get_source() as source:
                parser = _CellParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                     date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
                for number, cells in parser.parse():
                    for cell in cells:
                        row, column = cell["row"], cell["column"]
                        if not (1 <= row <= MAX_ROWS and 1 <= column <= MAX_COLUMNS):
                            raise ValueError(f"单元格位置超出范围：第{row}行第{column}列")
                        if cell["value"] is not None:
                            grid.setdefault(row, {})[column - 1] = cell["value"]
    except WorkbookError:
        raise
    except Exception as exc:  # the sheet's XML or a cell position is damaged
        near = _cell_near(book, part, exc)
        what = "XML 格式错误" if isinstance(exc, SyntaxError) else "内容无法识别"
        raise _unreadable(path, f"工作表「{sheet.title}」已损坏：{part}{near} {what}（{exc}）；{RESAVE}") from exc
    return sorted(grid.items())


def _cell_near(book, part: str, exc: Exception) -> str:
    """Return " 单元格 H2 附近" for an XML error in a sheet, or "" when it cannot be told."""
    position = getattr(exc, "position", None)
    if not part or not position:
        return ""
    try:
        text = book._archive.read(part).decode("utf-8", errors="replace")
    except Exception:
        return ""
    line, column = position
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    before = "\n".join(lines[:line - 1] + [lines[line - 1][:column]])
    refs = re.findall(r'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"', before[-20000:])
    return f" 单元格 {refs[-1]} 附近" if refs else ""


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
