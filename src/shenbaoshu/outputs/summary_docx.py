"""The 申报汇总表 as a landscape Word table for the meeting papers."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from ..workbook.normalize import CnDate
from . import docxkit as k
from .package import reproducible

TEXT_WIDTH_MM = 297 - 25 - 25
WEIGHTS = {"序号": 0.75, "二级党组织": 1.6, "申报类别": 1.2, "单位名称": 1.9, "支部类型": 0.9, "成立时间": 1.4,
           "党员人数": 0.8, "负责人": 1.1, "是否双带头人": 0.8, "近年荣誉": 2.0, "负面清单自查": 0.9, "联系人": 1.1,
           "联系电话": 1.9, "校验结果": 1.4, "项目名称": 2.0}  # a name of 3 characters, 11 digits fit on one line
CELL = dict(size=9, line=13)


def document_bytes(school: str, columns, rows: list[list], title: str, headings: list[str],
                   day: dt.date) -> bytes:
    """Return the .docx bytes of the summary table."""
    document = docx.Document()
    k.set_doc_defaults(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(25)
    k.page_number_footers(document, section)
    k.paragraph(document, title, font=k.XIAOBIAOSONG, size=18, align="center", line=30, after=6)
    k.paragraph(document, f"填报单位（盖章）：{school}党委组织部"
                          f"{'　' * 16}填报日期：{CnDate.from_date(day)}", size=12, line=20, after=6)
    table = k.new_table(document, widths(columns))
    header = k.add_row(table, 10, header=True, whole=True)
    for cell, name in zip(header.cells, headings):
        k.cell_text(cell, name, font=k.HEITI, **CELL, align="center")
        k.shade(cell, "D9D9D9")
    for values in rows:
        row = k.add_row(table, 8, whole=True)
        for cell, value in zip(row.cells, values):
            text = "" if value is None else str(value)
            k.cell_text(cell, text, **CELL, align="center" if len(text) < 8 else "left")
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue())


def widths(columns) -> list[float]:
    """Return column widths in mm, shared out by weight across the landscape text width."""
    weights = [WEIGHTS.get(c, 1.0) for c in columns]
    return [round(TEXT_WIDTH_MM * w / sum(weights), 1) for w in weights]
