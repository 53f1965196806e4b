"""Templates of the documents after the 申报书: 自查报告, 中期报告, 验收申请书, 典型案例.

Reports are written the way official documents are (GB/T 9704): a 小标宋 title,
黑体 “一、” headings, 楷体 “（一）” headings, 仿宋 三号 body at 28 pt. The
验收申请书 is a form like the 申报书. Used by build_templates.py.
"""

from __future__ import annotations

import docx

import templatekit as k  # noqa: E402

BODY = dict(size=16, line=28, align="justify")
TABLE = dict(size=12, line=20)
LABEL = dict(font=k.HEITI, size=12, line=20, align="center")


def new_report(title_lines, subtitle: str):
    """Return a document with page setup, page numbers, a title and a subtitle."""
    document = docx.Document()
    k.set_doc_defaults(document)
    section = document.sections[0]
    k.set_page(section)
    k.page_number_footers(document, section)
    for index, line in enumerate(title_lines):
        k.paragraph(document, line, font=k.XIAOBIAOSONG, size=22, align="center", line=36,
                    before=0 if index else 12)
    k.paragraph(document, subtitle, font=k.KAITI, size=16, align="center", line=28, before=6, after=14)
    return document


def heading(document, text: str):
    """Add a level-1 heading “一、…” in 黑体 三号."""
    para = k.paragraph(document, text, font=k.HEITI, size=16, line=28)
    k.first_line_chars(para, 2)
    para.paragraph_format.keep_with_next = True
    return para


def subheading(document, text: str):
    """Add a level-2 heading “（一）…” in 楷体 三号."""
    para = k.paragraph(document, text, font=k.KAITI, size=16, line=28)
    k.first_line_chars(para, 2)
    para.paragraph_format.keep_with_next = True
    return para


def body(document, text: str):
    """Add a body paragraph in 仿宋 三号, first line indented two characters."""
    return k.paragraph(document, text, **BODY, indent=True)


def labelled(document, label: str, text: str):
    """Add a body paragraph that starts with a bold label, e.g. “1.主要做法。”."""
    para = body(document, "")
    k.style_run(para.add_run(label), k.FANGSONG, 16, bold=True)
    k.style_run(para.add_run(text), k.FANGSONG, 16)
    return para


def tag(document, text: str):
    """Add a paragraph holding only a docxtpl paragraph tag (it disappears when rendered)."""
    return k.paragraph(document, text, size=10)


def signature(document, name: str, date: str):
    """Add the issuing unit and date, right-aligned and kept together, after the body."""
    first = k.paragraph(document, name, size=16, line=28, align="right", before=28)
    first.paragraph_format.keep_with_next = True
    k.paragraph(document, date, size=16, line=28, align="right")


def report_table(document, title_widths, cells, loop: str, empty: str):
    """Add a table with a header row, one row per item of `loop`, or one `empty` row."""
    table = k.new_table(document, [w for _, w in title_widths])
    row = k.add_row(table, 9, header=True, whole=True)
    for cell, (text, _) in zip(row.cells, title_widths):
        k.cell_text(cell, text, **LABEL)
    single_row(table, f"{{%tr for 行 in {loop} %}}")
    row = k.add_row(table, 9, whole=True)
    for cell, text in zip(row.cells, cells):
        k.cell_text(cell, text, **TABLE, align="center" if len(text) < 24 else "justify")
    single_row(table, "{%tr else %}")
    row = k.add_row(table, 9)
    k.cell_text(k.merge(row, 0, len(title_widths) - 1), empty, **TABLE, align="center")
    single_row(table, "{%tr endfor %}")
    k.paragraph(document, "", size=6, line=10)
    return table


def single_row(table, text: str):
    row = k.add_row(table)
    k.cell_text(k.merge(row, 0, len(table._widths) - 1), text, size=10)
    return row


def self_check(path) -> None:
    """Write the 自查报告 template."""
    document = new_report(("{{ 单位名称 }}", "对标“{{ 对标标准 }}”自查报告"), "（{{ 批次名称 }}）")
    heading(document, "一、基本情况")
    body(document, "{{ 基本情况 }}")
    heading(document, "二、对标自查情况")
    tag(document, "{%p for 项 in 对标项目 %}")
    subheading(document, "（{{ 项.序号 }}）{{ 项.名称 }}")
    labelled(document, "1.主要做法。", "{{ 项.做法 }}")
    labelled(document, "2.工作成效。", "{{ 项.成效 }}")
    labelled(document, "3.佐证材料。", "{{ 项.佐证材料 }}")
    tag(document, "{%p endfor %}")
    heading(document, "三、存在问题和整改措施")
    tag(document, "{%p for 项 in 对标项目 %}")
    subheading(document, "（{{ 项.序号 }}）{{ 项.名称 }}")
    labelled(document, "1.存在问题。", "{{ 项.存在问题 }}")
    labelled(document, "2.整改措施。", "{{ 项.整改措施 }}")
    tag(document, "{%p endfor %}")
    signature(document, "{{ 单位名称 }}", "{{ 填报日期 }}")
    document.core_properties.title = "自查报告"
    document.save(path)


def interim(path) -> None:
    """Write the 中期报告 template."""
    document = new_report(("{{ 单位名称 }}", "{{ 类别名称 }}建设中期报告"), "（阶段工作总结和成果报告）")
    heading(document, "一、基础工作情况")
    body(document, "{{ 中期报告.基础工作情况 }}")
    heading(document, "二、建设推进情况")
    body(document, "对照申报书的实施计划，建设共分{{ 阶段总数 }}个阶段，目前已完成{{ 已完成阶段数 }}个阶段，"
                   "各阶段推进情况如下。")
    report_table(document, (("阶段", 22), ("起止时间", 30), ("工作目标", 40), ("完成情况", 22), ("进展说明", 42)),
                 ("{{ 行.阶段 }}", "{{ 行.起止时间 }}", "{{ 行.工作目标 }}", "{{ 行.完成情况 }}",
                  "{{ 行.进展说明 }}"), "建设计划", "（未填写实施计划）")
    heading(document, "三、工作特色与创新")
    body(document, "{{ 中期报告.工作特色与创新 }}")
    heading(document, "四、阶段成果")
    report_table(document, (("序号", 14), ("成果类型", 30), ("成果名称", 46), ("完成时间", 28), ("链接或文件", 38)),
                 ("{{ loop.index }}", "{{ 行.成果类型 }}", "{{ 行.成果名称 }}", "{{ 行.完成时间 }}",
                  "{{ 行.链接或文件 }}"), "建设成果", "（暂无阶段成果）")
    heading(document, "五、存在问题")
    body(document, "{{ 中期报告.存在问题 }}")
    heading(document, "六、下一步措施")
    body(document, "{{ 中期报告.下一步措施 }}")
    signature(document, "{{ 单位名称 }}", "{{ 中期报告.报告日期 }}")
    document.core_properties.title = "中期报告"
    document.save(path)


def case(path) -> None:
    """Write the 典型案例 template."""
    document = new_report(("{{ 典型案例.标题 }}",), "{{ 单位名称 }}")
    for number, part in (("一", "基本情况"), ("二", "主要做法"), ("三", "工作成效"), ("四", "工作启示")):
        heading(document, f"{number}、{part}")
        body(document, f"{{{{ 典型案例.{part} }}}}")
    document.core_properties.title = "典型案例"
    document.save(path)
