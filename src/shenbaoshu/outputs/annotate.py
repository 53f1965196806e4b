"""Write a copy of the workbook with each problem marked on its cell.

Every offending cell is filled (red for 错误, yellow for 警告) and carries a
comment with the messages; a `校验结果` sheet lists every problem with a link
to its cell. The input workbook is never modified.
"""

from __future__ import annotations

import io
import math
import os
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from ..errors import OutputError
from ..problems import Problem
from ..workbook.schema import normalize_header
from .files import atomic_write

RESULTS_SHEET = "校验结果"
FILLS = {"错误": PatternFill("solid", fgColor="FFC7CE"), "警告": PatternFill("solid", fgColor="FFEB9C")}
HEADERS = ("序号", "严重程度", "代码", "位置", "编号", "问题说明")
WIDTHS = (6, 9, 22, 18, 8, 70)
CHARS_PER_LINE = 34  # Chinese characters that fit in the message column


def write_annotated(source: str | os.PathLike[str], target: str | os.PathLike[str], problems: list[Problem]) -> Path:
    """Write `source` with `problems` marked to `target` and return `target`."""
    source, target = Path(source), Path(target)
    if target.exists() and target.resolve() == source.resolve():
        raise OutputError(f"--annotate 不能写回输入的工作簿 {source.name}，请换一个文件名")
    atomic_write(target, annotated_bytes(source, problems))
    return target


def annotated_bytes(source: str | os.PathLike[str], problems: list[Problem]) -> bytes:
    """Return the bytes of a copy of workbook `source` with `problems` marked."""
    book = openpyxl.load_workbook(source)
    sheets = {normalize_header(name): name for name in book.sheetnames}
    marked: dict[str, tuple[Any, list[Problem]]] = {}
    for problem in problems:
        cell = _cell_of(book, sheets, problem)
        if cell is not None:
            marked.setdefault(cell.coordinate + cell.parent.title, (cell, []))[1].append(problem)
    for cell, found in marked.values():
        _mark(cell, found)
    _results_sheet(book, sheets, problems)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell_of(book, sheets: dict, problem: Problem):
    where = problem.cell
    if where is None or where.row is None or not where.letter:
        return None
    name = sheets.get(normalize_header(where.sheet))
    return book[name][f"{where.letter}{where.row}"] if name else None


def _mark(cell, problems: list[Problem]) -> None:
    worst = "错误" if any(p.is_error for p in problems) else "警告"
    cell.fill = FILLS[worst]
    text = "\n".join(f"【{p.severity}】{p.message}" for p in problems)
    comment = Comment(text, "shenbaoshu")
    comment.width, comment.height = 320, min(60 + 40 * len(problems) + len(text) // 2, 400)
    cell.comment = comment


def _link(sheets: dict, problem: Problem) -> str | None:
    where = problem.cell
    name = sheets.get(normalize_header(where.sheet)) if where else None
    if where is None or not name:
        return None
    target = f"{where.letter}{where.row}" if where.row and where.letter else "A1"
    return f"'{name}'!{target}"


def _results_sheet(book, sheets: dict, problems: list[Problem]) -> None:
    if RESULTS_SHEET in book.sheetnames:
        del book[RESULTS_SHEET]
    sheet = book.create_sheet(RESULTS_SHEET, 0)
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, problem in enumerate(problems, start=1):
        sheet.append([number, problem.severity, problem.code, problem.ref, problem.applicant,
                      str(problem)])
        row = sheet.max_row
        sheet.cell(row, 2).fill = FILLS[problem.severity]
        link = _link(sheets, problem)
        if link:
            place = sheet.cell(row, 4)
            place.hyperlink = Hyperlink(ref=place.coordinate, location=link, display=problem.ref)
            place.style = "Hyperlink"
        for column in range(1, len(HEADERS) + 1):
            sheet.cell(row, column).alignment = Alignment(wrap_text=column == 6, vertical="top")
        sheet.row_dimensions[row].height = 16 * math.ceil(len(str(problem)) / CHARS_PER_LINE)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    if not problems:
        sheet.append(["", "", "", "", "", "未发现问题"])
