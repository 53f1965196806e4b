"""Write a copy of the workbook with each problem marked on its cell.

Every offending cell is filled (red for 错误, yellow for 警告) and carries a
comment with the messages; a `校验结果` sheet lists every problem with a link
to its cell. A problem inside a merged range is marked on the range's top-left
cell, the only one that can hold a fill and a comment. Every text the copy gets
is written as text, so a 编号 or message such as ``=1+1`` never becomes a
formula. The input workbook is never modified.
"""

from __future__ import annotations

import io
import math
import os
import warnings
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
from lxml import etree
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import column_index_from_string
from openpyxl.worksheet.hyperlink import Hyperlink

from ..problems import Problem
from ..workbook.schema import normalize_header
from ..workbook.text import display_width
from .files import atomic_write, refuse_inputs
from .package import reproducible

RESULTS_SHEET = "校验结果"
UNREADABLE_NOTE_SHEET = "说明"
FILLS = {"错误": PatternFill("solid", fgColor="FFC7CE"), "警告": PatternFill("solid", fgColor="FFEB9C")}
HEADERS = ("序号", "严重程度", "问题", "位置", "编号", "问题说明")
WIDTHS = (6, 9, 24, 18, 8, 70)
TITLE, PLACE, MESSAGE = (HEADERS.index(h) + 1 for h in ("问题", "位置", "问题说明"))  # 1-based columns
CHARS_PER_LINE = 34  # Chinese characters that fit in the message column
TITLE_CHARS_PER_LINE = 11  # and in the title column


def write_annotated(source: str | os.PathLike[str], target: str | os.PathLike[str], problems: list[Problem]) -> Path:
    """Write `source` with `problems` marked to `target` and return `target`."""
    source, target = Path(source), Path(target)
    refuse_inputs(target, [source])
    atomic_write(target, annotated_bytes(source, problems))
    return target


def annotated_bytes(source: str | os.PathLike[str], problems: list[Problem]) -> bytes:
    """Return the bytes of a copy of workbook `source` with `problems` marked.

    When openpyxl cannot re-open the workbook as a whole (a damaged cell the
    reader reported as a problem), the copy holds the 校验结果 sheet alone,
    with a first line saying why.
    """
    book = _copy_of(source)
    sheets = {normalize_header(name): name for name in book.sheetnames if name != RESULTS_SHEET}
    marked: dict[tuple[str, str], tuple[Any, list[Problem]]] = {}
    for problem in problems:
        cell = _cell_of(book, sheets, problem)
        if cell is not None:
            marked.setdefault((cell.parent.title, cell.coordinate), (cell, []))[1].append(problem)
    for cell, found in marked.values():
        _mark(cell, found)
    _results_sheet(book, sheets, problems)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue())


def _copy_of(source: str | os.PathLike[str]):
    """Return the workbook at `source` opened for editing, or a new empty one when it cannot be."""
    try:
        with warnings.catch_warnings():  # openpyxl's English notes about unsupported extensions
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(source)
    except (ValueError, TypeError, KeyError, IndexError, OSError, zipfile.BadZipFile, etree.LxmlError,
            ElementTree.ParseError):
        book = openpyxl.Workbook()
        book.active.title = UNREADABLE_NOTE_SHEET
        _write_row(book.active, 1, [f"工作簿 {Path(source).name} 中有无法读取的内容，这份标注只有“校验结果”表；"
                                 "请按其中的位置修改原工作簿"])
        return book


def _cell_of(book, sheets: dict, problem: Problem):
    """Return the cell to mark for `problem`: its own, or the anchor of the merged range it is in."""
    where = problem.cell
    if where is None or where.row is None or where.row < 1 or not where.letter:
        return None
    name = sheets.get(normalize_header(where.sheet))
    if not name:
        return None
    try:
        column = column_index_from_string(where.letter)
    except ValueError:
        return None
    sheet = book[name]
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= where.row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return sheet.cell(merged.min_row, merged.min_col)
    return sheet.cell(where.row, column)


def _mark(cell, problems: list[Problem]) -> None:
    worst = "错误" if any(p.is_error for p in problems) else "警告"
    cell.fill = FILLS[worst]
    text = "\n".join(f"【{p.severity}】{_note(cell, p)}" for p in problems)
    comment = Comment(text, "shenbaoshu")
    comment.width, comment.height = 320, min(60 + 40 * len(problems) + len(text) // 2, 400)
    cell.comment = comment


def _note(cell, problem: Problem) -> str:
    """Return the problem's message, with its own cell named when it lies elsewhere in a merged range."""
    where = problem.cell
    if where is not None and f"{where.letter.upper()}{where.row}" != cell.coordinate:
        return str(problem)
    return problem.message


def _link(book, sheets: dict, problem: Problem) -> str | None:
    where = problem.cell
    name = sheets.get(normalize_header(where.sheet)) if where else None
    if where is None or not name:
        return None
    cell = _cell_of(book, sheets, problem)
    return f"'{name}'!{cell.coordinate if cell is not None else 'A1'}"


def put(cell, value) -> None:
    """Write `value` into `cell`; text that looks like a formula stays text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _explanation(problem: Problem) -> str:
    """Return the message with its column header; the place is in the 位置 column beside it."""
    column = problem.cell.column if problem.cell else ""
    return f"{column}：{problem.message}" if column else problem.message


def _write_row(sheet, row: int, values) -> None:
    """Write `values` into `row` of `sheet`, text as text (never `sheet.append`: it makes formulas)."""
    for column, value in enumerate(values, start=1):
        put(sheet.cell(row, column), value)


def _results_sheet(book, sheets: dict, problems: list[Problem]) -> None:
    if RESULTS_SHEET in book.sheetnames:
        del book[RESULTS_SHEET]
    sheet = book.create_sheet(RESULTS_SHEET, 0)
    _write_row(sheet, 1, HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, problem in enumerate(problems, start=1):
        row = number + 1
        text = _explanation(problem)
        _write_row(sheet, row, [number, problem.severity.value, problem.title, problem.ref, problem.applicant, text])
        sheet.cell(row, 2).fill = FILLS[problem.severity]
        link = _link(book, sheets, problem)
        if link:
            place = sheet.cell(row, PLACE)
            place.hyperlink = Hyperlink(ref=place.coordinate, location=link, display=problem.ref)
            place.style = "Hyperlink"
        for column in range(1, len(HEADERS) + 1):
            sheet.cell(row, column).alignment = Alignment(wrap_text=column in (TITLE, MESSAGE), vertical="top")
        lines = max(math.ceil(display_width(text) / 2 / CHARS_PER_LINE),
                    math.ceil(display_width(problem.title) / 2 / TITLE_CHARS_PER_LINE), 1)
        sheet.row_dimensions[row].height = 16 * lines
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    if not problems:
        _write_row(sheet, 2, [None] * (MESSAGE - 1) + ["未发现问题"])
