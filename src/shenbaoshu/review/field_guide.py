"""The 字段说明: every field a template can use, what it means, its type and a sample value."""

from __future__ import annotations

import io

import docx

from ..checks.validate import select_scheme
from ..documents.types import DOCUMENTS
from ..outputs import docxkit as k
from ..outputs.package import reproducible
from ..resources import bundled_sample
from ..workbook import schema
from ..workbook.reader import read_workbook

TYPE_NAMES = {schema.TEXT: "文字", schema.NARRATIVE: "叙述（分段）", schema.DATE: "日期", schema.INT: "整数",
              schema.NUMBER: "金额（两位小数）", schema.PHONE: "文字", schema.ID: "文字", schema.BOOL: "是/否",
              schema.CHOICE: "选项"}
COMPUTED = {
    "类别名称": "申报类别的全称（有方案时用方案中的叫法）", "方案名称": "方案的名称", "经费合计": "经费预算金额之和",
    "对标项目": "自查报告：方案的对标项目，每项有 序号、名称、做法、成效、佐证材料、存在问题、整改措施",
    "对标标准": "自查报告：对标标准的名称，如“七个有力”", "阶段总数": "中期报告：实施计划的阶段数",
    "已完成阶段数": "中期报告：完成情况为“已完成”的阶段数",
    "成果清单": "验收申请书：方案要求的成果，每项有 序号、项目、状态（已完成/缺）、成果名称",
    "成果要求": "验收申请书：“四个一”成果或六类成果", "测评": "验收申请书：各测评项目的票数、有效票数、满意率、平均分",
    "测评总体": "验收申请书：所有测评项目合计的票数、满意率、平均分", "负面清单自查": "验收申请书：事项、是否存在、说明",
    "案例字数": "典型案例：按 Word 字数口径统计的字数",
}
LOOP_HELP = (
    "表格中的行：单独一行写 {%tr for 行 in 荣誉 %}，下一行写 {{ 行.荣誉名称 }} 等，再单独一行写 {%tr endfor %}；"
    "可在其间加 {%tr else %} 和“无”一行，在没有记录时显示。",
    "重复段落：单独一段写 {%p for 项 in 对标项目 %}，中间的段落对每一项重复，最后单独一段写 {%p endfor %}。",
    "序号：在循环中写 {{ loop.index }}。一行一单位的表（中期报告、验收、典型案例）写“表名.列名”，如 {{ 验收.建设期 }}。",
    "标签中的括号、百分号必须是英文半角；不要在标签中间换行或插入制表符。",
)


def field_rows() -> list[tuple[str, str, str, str]]:
    """Return (字段, 含义, 类型, 示例值) for every field, with values from the bundled sample."""
    batch = read_workbook(bundled_sample())
    scheme = select_scheme(batch)
    context: dict[str, object] = {}
    for document in DOCUMENTS:
        for applicant in (a for a in batch.applicants if not document.applies_to(a)):
            for name, value in document.context(batch, applicant, scheme).items():
                if value not in ("", None, [], {}) and name not in context:
                    context[name] = value  # the first non-empty example of each field
    described = {}
    for table in (schema.BATCH, schema.APPLICANTS):
        for column in table.columns:
            described[column.name] = (f"{table.name}表：{column.description or column.header}", TYPE_NAMES[column.type])
    for table in schema.CHILD_TABLES:
        columns = "、".join(c.name for c in table.columns if c.name != "编号")
        shape = "一行（表名.列名）" if table.single else "行的列表"
        described[table.name] = (f"“{table.name}”表，{shape}：{columns}", "表" if table.single else "列表")
    for name, meaning in COMPUTED.items():
        described[name] = (meaning, "列表" if isinstance(context.get(name), list) else "计算值")
    return [(name, meaning, kind, example(context.get(name))) for name, (meaning, kind) in described.items()]


def example(value) -> str:
    if isinstance(value, list):
        return f"（{len(value)} 行）"
    if isinstance(value, dict):
        return "（一行）" if value else "（无）"
    return str(value if value is not None else "").replace("\a", " ")[:40]


def guide_docx() -> bytes:
    """Return the 字段说明 as a .docx."""
    document = docx.Document()
    k.set_doc_defaults(document)
    k.set_page(document.sections[0])
    k.page_number_footers(document, document.sections[0])
    k.paragraph(document, "模板字段说明", font=k.XIAOBIAOSONG, size=22, align="center", line=36, after=12)
    k.paragraph(document, "在 Word 模板中用 {{ 字段 }} 取值。示例值取自示例工作簿。", size=14, line=24)
    table = k.new_table(document, (34, 64, 22, 36))
    header = k.add_row(table, 9, header=True)
    for cell, text in zip(header.cells, ("字段", "含义", "类型", "示例值")):
        k.cell_text(cell, text, font=k.HEITI, size=11, line=18, align="center")
    for row in field_rows():
        cells = k.add_row(table, whole=True).cells
        for cell, text in zip(cells, ("{{ " + row[0] + " }}", *row[1:])):
            k.cell_text(cell, text, size=10.5, line=16)
    k.paragraph(document, "循环和其他写法", font=k.HEITI, size=16, line=28, before=12)
    for text in LOOP_HELP:
        k.paragraph(document, text, size=14, line=24, indent=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue())


def guide_markdown() -> str:
    """Return the 字段说明 as Markdown."""
    lines = ["# 模板字段说明", "", "在 Word 模板中用 `{{ 字段 }}` 取值。示例值取自示例工作簿。", "",
             "| 字段 | 含义 | 类型 | 示例值 |", "|---|---|---|---|"]
    lines += [f"| `{{{{ {n} }}}}` | {m} | {t} | {e} |" for n, m, t, e in field_rows()]
    lines += ["", "## 循环和其他写法", ""] + [f"- {text}" for text in LOOP_HELP]
    return "\n".join(lines) + "\n"
