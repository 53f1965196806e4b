"""Template-building helpers on top of shenbaoshu's docxkit: what only the template scripts need.

Import this module as ``k``: it offers every docxkit helper plus the cover and
table helpers below.
"""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from shenbaoshu.outputs.docxkit import *  # noqa: F401,F403  (re-exported for the scripts)
from shenbaoshu.outputs.docxkit import set_page


def keep_with_next(cell) -> None:
    """Keep the paragraphs of `cell` on the same page as what follows."""
    for para in cell.paragraphs:
        para.paragraph_format.keep_with_next = True


def merge(row, first: int, last: int):
    """Merge cells `first`..`last` of `row` and return the merged cell."""
    return row.cells[first].merge(row.cells[last])


def top_align(cell) -> None:
    """Align the content of `cell` to its top edge."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def underline_cell(cell) -> None:
    """Draw only a bottom border under `cell` (a fill-in line on a cover)."""
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    cell._tc.get_or_add_tcPr().append(borders)


def page_break_before(para) -> None:
    """Start `para` on a new page."""
    para.paragraph_format.page_break_before = True


def new_section(document, restart_numbering: bool = True):
    """Start a new section on a new page, numbered from 1, and return it."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section)
    if restart_numbering:
        number = OxmlElement("w:pgNumType")
        number.set(qn("w:start"), "1")
        section._sectPr.append(number)
    return section
