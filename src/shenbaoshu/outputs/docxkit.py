"""Small python-docx helpers for documents in GB/T 9704 typography (summary, field guide, templates).

Every run gets explicit ``w:rFonts`` (including ``w:eastAsia``) and
``w:lang w:eastAsia="zh-CN"``: python-docx's ``font.name`` sets neither the
East Asian font nor the language, and Word then falls back to another font.
"""

from __future__ import annotations

from docx.enum.table import (
    WD_CELL_VERTICAL_ALIGNMENT,
    WD_ROW_HEIGHT_RULE,
    WD_TABLE_ALIGNMENT,
)
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"
TEXT_WIDTH_MM = 156  # A4 210 mm less the 28 mm and 26 mm side margins

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def set_page(section) -> None:
    """Set A4 paper and the GB/T 9704 margins on `section`."""
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(18)


def set_doc_defaults(document) -> None:
    """Make 仿宋_GB2312 and zh-CN the defaults of every style in `document`."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(_fonts(FANGSONG))
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "28")
    rpr.append(size)
    rpr.append(_lang())
    for style in document.styles:
        element = style.element.find(qn("w:rPr"))
        if element is not None and element.find(qn("w:rFonts")) is not None:
            element.remove(element.find(qn("w:rFonts")))


def _fonts(east_asia: str, latin: str = LATIN):
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    return fonts


def _lang():
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    return lang


def style_run(run, font: str = FANGSONG, size: float = 14, bold: bool = False,
              underline: bool = False) -> None:
    """Give `run` its fonts (East Asian included), size and language."""
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.underline = underline or None
    rpr = run._r.get_or_add_rPr()
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    rpr.insert(0, _fonts(font, SONGTI if font == SONGTI else LATIN))
    rpr.append(_lang())


def paragraph(container, text: str = "", font: str = FANGSONG, size: float = 14,
              bold: bool = False, align: str = "left", line: float | None = None,
              before: float = 0, after: float = 0, indent: bool = False):
    """Add a paragraph of one styled run to `container` and return it."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    if indent:
        first_line_chars(para, 2)
    if text:
        style_run(para.add_run(text), font, size, bold)
    return para


def first_line_chars(para, chars: int) -> None:
    """Indent the first line of `para` by `chars` characters (Word's 首行缩进)."""
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * 280))
    para._p.get_or_add_pPr().append(ind)


def cell_text(cell, text: str = "", **kwargs):
    """Replace the content of `cell` with one paragraph of `text` and return it."""
    for para in list(cell.paragraphs):
        cell._element.remove(para._p)
    return paragraph(cell, text, **kwargs)


def new_table(document, widths_mm, style: str | None = "Table Grid"):
    """Add a fixed-layout table with columns of `widths_mm` and return it."""
    table = document.add_table(rows=0, cols=len(widths_mm))
    if style:
        table.style = document.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    table._widths = widths_mm
    return table


def add_row(table, height_mm: float | None = None, exact: bool = False, header: bool = False,
            whole: bool = False):
    """Add a row to `table` with every cell at its column width, and return it.

    A `header` row repeats on every page the table runs onto; a `whole` row is
    never split across two pages.
    """
    row = table.add_row()
    for cell, width in zip(row.cells, table._widths):
        cell.width = Mm(width)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if height_mm:
        row.height = Mm(height_mm)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if exact else WD_ROW_HEIGHT_RULE.AT_LEAST
    if whole:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if header:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return row


def shade(cell, fill: str = "E7E6E6") -> None:
    """Give `cell` a background colour."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def page_number_footers(document, section) -> None:
    """Put "— 1 —" page numbers in 宋体四号 on the outside edge of `section`'s pages."""
    document.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.footer, "right")
    _page_number(section.even_page_footer, "left")


def _page_number(footer, align: str) -> None:
    para = footer.paragraphs[0]
    para.alignment = ALIGN[align]
    for piece in ("— ", "<begin>", " PAGE ", "<separate>", "1", "<end>", " —"):
        run = para.add_run()
        style_run(run, SONGTI, 14)
        if piece.startswith("<"):
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), piece.strip("<>"))
            run._r.append(char)
        elif piece == " PAGE ":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = piece
            run._r.append(code)
        else:
            run.text = piece
