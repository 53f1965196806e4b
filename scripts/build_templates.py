"""Build the default 申报书 templates (one per 申报类别) in this folder.

    python scripts/build_templates.py            # rewrite templates/*.docx
    python scripts/build_templates.py OUTDIR     # write them somewhere else

The templates are ordinary Word documents with docxtpl tags ({{ 单位名称 }},
{%tr for 行 in 荣誉 %} …). Offices may edit copies in Word and pass the folder
with --template-dir; this script is how the defaults are made and reviewed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import docx

from shenbaoshu.documents.types import template_name

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report_templates  # noqa: E402
import templatekit as k  # noqa: E402

NARRATIVE_HEIGHT_MM = 45
OPINION_HEIGHT_MM = 50
CELL = dict(size=12, line=20)          # 小四 in table cells
LABEL = dict(font=k.HEITI, size=12, line=20, align="center")


@dataclass(frozen=True)
class Form:
    """What differs between the 申报书 of two categories."""

    category: str
    title_lines: tuple[str, ...]
    cover_fields: tuple[tuple[str, str], ...]
    info_rows: tuple[tuple[str, str, str, str], ...]
    sections: tuple[tuple[str, str], ...]
    intro_label: str = "单位概况"


COMMON_COVER = (("申报单位", "单位名称"), ("所属党组织", "所属党组织"), ("负 责 人", "负责人"),
                ("联系电话", "联系电话"), ("填报日期", "填报日期"))
NARRATIVES = (("党建工作基础和成功做法", "工作基础"), ("特色做法和经验", "特色做法"),
              ("建设目标", "建设目标"))

FORMS = (
    Form("标杆院系", ("党建工作标杆院系", "创建申报书"), COMMON_COVER,
         (("院系党组织", "单位名称", "", ""),
          ("所属党组织", "所属党组织", "成立时间", "成立时间"),
          ("党员人数", "党员人数", "党组织书记", "负责人"),
          ("职务职称", "负责人职务职称", "是否“双带头人”", "是否双带头人"),
          ("联 系 人", "联系人", "联系电话", "联系电话"),
          ("电子邮箱", "电子邮箱", "", "")),
         NARRATIVES, "院系概况"),
    Form("样板支部", ("党建工作样板支部", "创建申报书"), COMMON_COVER,
         (("党支部名称", "单位名称", "", ""),
          ("所属党组织", "所属党组织", "支部类型", "支部类型"),
          ("成立时间", "成立时间", "党员人数", "党员人数"),
          ("支部书记", "负责人", "职务职称", "负责人职务职称"),
          ("是否“双带头人”", "是否双带头人", "联 系 人", "联系人"),
          ("联系电话", "联系电话", "电子邮箱", "电子邮箱")),
         NARRATIVES, "支部概况"),
    Form("双带头人工作室", ("“双带头人”教师党支部", "书记工作室", "创建申报书"),
         (("依托党支部", "单位名称"), ("所属党组织", "所属党组织"), ("工作室负责人", "负责人"),
          ("联系电话", "联系电话"), ("填报日期", "填报日期")),
         (("依托党支部", "单位名称", "", ""),
          ("所属党组织", "所属党组织", "支部类型", "支部类型"),
          ("支部成立时间", "成立时间", "党员人数", "党员人数"),
          ("工作室负责人", "负责人", "职务职称", "负责人职务职称"),
          ("是否“双带头人”", "是否双带头人", "联 系 人", "联系人"),
          ("联系电话", "联系电话", "电子邮箱", "电子邮箱")),
         (("工作基础和已有成效", "工作基础"), ("工作室特色和创新点", "特色做法"),
          ("建设目标", "建设目标")),
         "负责人及支部情况"),
    Form("创新项目", ("基层党建创新项目", "申报表"),
         (("项目名称", "项目名称"), ("申报单位", "单位名称"), ("所属党组织", "所属党组织"),
          ("项目负责人", "负责人"), ("联系电话", "联系电话"), ("填报日期", "填报日期")),
         (("项目名称", "项目名称", "", ""),
          ("申报单位", "单位名称", "", ""),
          ("所属党组织", "所属党组织", "成立时间", "成立时间"),
          ("项目负责人", "负责人", "职务职称", "负责人职务职称"),
          ("党员人数", "党员人数", "联 系 人", "联系人"),
          ("联系电话", "联系电话", "电子邮箱", "电子邮箱")),
         (("工作基础", "工作基础"), ("项目内容和创新点", "特色做法"), ("项目目标", "建设目标")),
         "申报单位概况"),
)

INSTRUCTIONS = (
    "本申报书由申报单位如实填写，内容应客观真实、重点突出、言简意赅，不得涉及国家秘密。",
    "“所属党组织”填写申报单位所在的二级党组织全称；“成立时间”按上级党组织批准成立的时间填写。",
    "“近三年所获荣誉”只填写校级（含）以上的表彰，并提交证书或文件复印件作为佐证材料。",
    "“实施计划”应按建设周期分阶段填写工作目标和主要措施，“经费预算”金额以万元为单位。",
    "“所在党组织意见”由二级党组织负责人签字并加盖公章，“学校党委意见”由学校党委填写。",
    "本申报书用A4纸双面打印，一式两份，连同电子版按时报送党委组织部。",
)


ACCEPTANCE = Form(
    "验收", ("{{ 类别名称 }}", "工作验收申请书"),
    (("建设单位", "单位名称"), ("所属党组织", "所属党组织"), ("负 责 人", "负责人"), ("联系电话", "联系电话"),
     ("申请日期", "验收.申请日期")),
    (("建设单位", "单位名称", "", ""),
     ("所属党组织", "所属党组织", "申报类别", "类别名称"),
     ("批　　次", "批次名称", "", ""),
     ("建 设 期", "验收.建设期", "负 责 人", "负责人"),
     ("联 系 人", "联系人", "联系电话", "联系电话")),
    (), "")

ACCEPTANCE_INSTRUCTIONS = (
    "本申请书由建设单位对照申报书提出的建设目标和任务如实填写，内容应客观真实、数据准确。",
    "“建设成果清单”按方案要求的成果逐项列出，已完成的写明成果名称，并附成果材料；未完成的标为“缺”。",
    "“满意度测评”按测评说明组织师生测评后填写汇总结果：满意率为“很好”“较好”票数占有效票数的比例，"
    "平均分按很好5分、较好4分、一般3分、较差2分、很差1分计算，“不了解”不计入。",
    "“负面清单自查”对照方案所列事项逐项填写。",
    "所在党组织意见由二级党组织负责人签字并加盖公章，连同典型案例、成果材料一并报送党委组织部。",
)


def new_form(form: Form, notes=None):
    """Return a document with the cover of `form` and, in a numbered section, the 填表说明."""
    document = docx.Document()
    k.set_doc_defaults(document)
    k.set_page(document.sections[0])
    cover(document, form)
    body = k.new_section(document)
    k.page_number_footers(document, body)
    instructions(document, notes)
    return document


def build(form: Form, path: Path) -> None:
    """Write the template of `form` to `path`."""
    document = new_form(form)
    info_table(document, form)
    honours_table(document)
    for number, (title, field) in enumerate(form.sections, start=3):
        narrative_table(document, f"{chinese_number(number)}、{title}", field)
    plan_table(document, 6)
    narrative_table(document, "七、预期成果", "预期成果")
    budget_table(document, 8)
    opinion_table(document, "九、所在党组织意见", "{{ 所在党组织意见 }}", "负责人（签字）：")
    opinion_table(document, "十、学校党委意见", "", "")
    k.paragraph(document, "", size=1, line=1)  # Word needs a paragraph after the last table
    document.core_properties.title = f"{form.category}申报书"
    document.core_properties.author = "shenbaoshu"
    document.save(path)


def cover(document, form: Form) -> None:
    """Write the cover page: number, school, title, fill-in lines, issuer."""
    k.paragraph(document, "编号：{{ 编号 }}", size=14, line=28)
    k.paragraph(document, "{{ 学校名称 }}", font=k.XIAOBIAOSONG, size=22, align="center",
                before=30, line=40)
    for index, line in enumerate(form.title_lines):
        k.paragraph(document, line, font=k.XIAOBIAOSONG, size=26, align="center",
                    line=44, before=14 if index == 0 else 0)
    k.paragraph(document, "", line=24, before=24)
    table = k.new_table(document, (46, 100), style=None)
    for label, field in form.cover_fields:
        row = k.add_row(table, 12)
        k.cell_text(row.cells[0], f"{label}：", size=16, align="right", line=24)
        k.cell_text(row.cells[1], f"{{{{ {field} }}}}", size=16, align="center", line=24)
        k.underline_cell(row.cells[1])
    k.paragraph(document, "{{ 学校名称 }}党委组织部制", size=16, align="center", before=36, line=28)
    k.paragraph(document, "{{ 批次名称 }}", size=16, align="center", line=28)


def acceptance(path: Path) -> None:
    """Write the 工作验收申请书 template."""
    document = new_form(ACCEPTANCE, ACCEPTANCE_INSTRUCTIONS)
    spacer(document, first=True)
    table = k.new_table(document, (32, 46, 32, 46))
    title_row(table, "一、基本情况")
    info_rows(table, ACCEPTANCE)
    narrative_table(document, "二、任务完成概况（对照申报书建设目标）", "验收.任务完成概况")
    narrative_table(document, "三、重要举措落实", "验收.重要举措落实")
    narrative_table(document, "四、示范作用发挥", "验收.示范作用发挥")
    list_table(document, "五、建设成果清单（{{ 成果要求 }}）", ("序号", "成果项目", "完成情况", "成果名称"),
               (14, 50, 22, 70), "成果清单",
               ("{{ 行.序号 }}", "{{ 行.项目 }}", "{{ 行.状态 }}", "{{ 行.成果名称 }}"), "（方案未规定成果清单）")
    survey_table(document)
    list_table(document, "七、负面清单自查", ("事项", "是否存在", "说明"), (84, 22, 50), "负面清单自查",
               ("{{ 行.事项 }}", "{{ 行.是否存在 }}", "{{ 行.说明 }}"), "（未填写负面清单自查）")
    opinion_table(document, "八、所在党组织意见", "", "负责人（签字）：")
    opinion_table(document, "九、学校党委验收意见", "", "")
    k.paragraph(document, "", size=1, line=1)
    document.core_properties.title = "工作验收申请书"
    document.save(path)


SURVEY_COLUMNS = (("测评项目", 40), ("很好", 12), ("较好", 12), ("一般", 12), ("较差", 12), ("很差", 12),
                  ("不了解", 18), ("满意率", 20), ("平均分", 18))


def survey_table(document) -> None:
    """Write the 满意度测评 table with one row per item and the overall figures."""
    fields = ("测评项目", "很好", "较好", "一般", "较差", "很差", "不了解", "满意率", "平均分")
    table = list_table(document, "六、满意度测评", [c for c, _ in SURVEY_COLUMNS], [w for _, w in SURVEY_COLUMNS],
                       "测评", [f"{{{{ 行.{f} }}}}" for f in fields], "（未填写满意度测评结果）")
    tag_row(table, "{%tr if 测评 %}")
    row = k.add_row(table, 9, whole=True)
    k.cell_text(row.cells[0], "总体", **LABEL)
    for cell, name in zip(row.cells[1:], fields[1:]):
        k.cell_text(cell, f"{{{{ 测评总体.{name} }}}}", **CELL, align="center")
    tag_row(table, "{%tr endif %}")


def instructions(document, texts=None) -> None:
    """Write the 填表说明 page."""
    k.paragraph(document, "填 表 说 明", font=k.HEITI, size=16, align="center", line=28, after=14)
    for number, text in enumerate(texts or INSTRUCTIONS, start=1):
        k.paragraph(document, f"{number}. {text}", size=16, line=28, align="justify", indent=True)


def title_row(table, text: str):
    """Add the shaded section-title row of a form table."""
    row = k.add_row(table, 10, header=True, whole=True)
    cell = k.merge(row, 0, len(table._widths) - 1)
    k.cell_text(cell, text, font=k.HEITI, size=14, line=22)
    k.shade(cell)
    k.keep_with_next(cell)
    return row


def spacer(document, first: bool = False):
    """Add the small paragraph that keeps two tables apart (or starts the form page)."""
    para = k.paragraph(document, "", size=6, line=10)
    if first:
        k.page_break_before(para)
    return para


def info_table(document, form: Form) -> None:
    """Write table 一、基本情况."""
    spacer(document, first=True)
    table = k.new_table(document, (32, 46, 32, 46))
    title_row(table, "一、基本情况")
    info_rows(table, form)
    row = k.add_row(table, NARRATIVE_HEIGHT_MM)
    k.cell_text(row.cells[0], form.intro_label, **LABEL)
    cell = k.merge(row, 1, 3)
    k.cell_text(cell, "{{ 基本情况 }}", **CELL, align="justify", indent=True)
    k.top_align(cell)


def info_rows(table, form: Form) -> None:
    """Add the label/value rows of a 基本情况 table."""
    for label1, field1, label2, field2 in form.info_rows:
        row = k.add_row(table, 11)
        k.cell_text(row.cells[0], label1, **LABEL)
        value = k.merge(row, 1, 3) if not label2 else row.cells[1]
        k.cell_text(value, f"{{{{ {field1} }}}}", **CELL, align="center")
        if label2:
            k.cell_text(row.cells[2], label2, **LABEL)
            k.cell_text(row.cells[3], f"{{{{ {field2} }}}}", **CELL, align="center")


def list_table(document, title: str, headers, widths, loop: str, cells, empty: str):
    """Write a table with one row per child record, or one "无" row when there are none."""
    spacer(document)
    table = k.new_table(document, widths)
    title_row(table, title)
    row = k.add_row(table, 9, header=True, whole=True)
    for cell, text in zip(row.cells, headers):
        k.cell_text(cell, text, **LABEL)
        k.keep_with_next(cell)
    tag_row(table, f"{{%tr for 行 in {loop} %}}")
    row = k.add_row(table, 9, whole=True)
    for cell, text in zip(row.cells, cells):
        align = "center" if len(text) < 30 else "justify"
        k.cell_text(cell, text, **CELL, align=align)
    tag_row(table, "{%tr else %}")
    row = k.add_row(table, 9)
    k.cell_text(k.merge(row, 0, len(widths) - 1), empty, **CELL, align="center")
    tag_row(table, "{%tr endfor %}")
    return table


def tag_row(table, tag: str) -> None:
    """Add a row holding only a docxtpl row tag (the row disappears when rendered)."""
    row = k.add_row(table)
    k.cell_text(k.merge(row, 0, len(table._widths) - 1), tag, size=10)


def honours_table(document) -> None:
    """Write table 二、近三年所获荣誉."""
    list_table(document, "二、近三年所获荣誉", ("序号", "荣誉名称", "级别", "授予单位", "获得时间"),
               (14, 50, 20, 40, 32), "荣誉",
               ("{{ loop.index }}", "{{ 行.荣誉名称 }}", "{{ 行.级别 }}", "{{ 行.授予单位 }}",
                "{{ 行.获得时间 }}"), "无")


def plan_table(document, number: int) -> None:
    """Write the 实施计划 table, one row per stage."""
    list_table(document, f"{chinese_number(number)}、实施计划",
               ("阶段", "起止时间", "工作目标", "主要措施"), (22, 38, 48, 48), "建设计划",
               ("{{ 行.阶段 }}", "{{ 行.起止时间 }}", "{{ 行.工作目标 }}", "{{ 行.主要措施 }}"),
               "（未填写实施计划）")


def budget_table(document, number: int) -> None:
    """Write the 经费预算 table with its computed total."""
    table = list_table(document, f"{chinese_number(number)}、经费预算",
                       ("序号", "科目", "金额（万元）", "用途说明"), (14, 36, 32, 74), "经费预算",
                       ("{{ loop.index }}", "{{ 行.科目 }}", "{{ 行.金额 }}", "{{ 行.用途说明 }}"),
                       "（未填写经费预算）")
    row = k.add_row(table, 9, whole=True)
    k.cell_text(k.merge(row, 0, 1), "合  计", **LABEL)
    k.cell_text(row.cells[2], "{{ 经费合计 }}", **CELL, align="center")
    k.cell_text(row.cells[3], "", **CELL)


def narrative_table(document, title: str, field: str) -> None:
    """Write a section-title row and one tall cell of narrative."""
    spacer(document)
    table = k.new_table(document, (k.TEXT_WIDTH_MM,))
    title_row(table, title)
    row = k.add_row(table, NARRATIVE_HEIGHT_MM)
    k.cell_text(row.cells[0], f"{{{{ {field} }}}}", **CELL, align="justify", indent=True)
    k.top_align(row.cells[0])


def opinion_table(document, title: str, text: str, signer: str) -> None:
    """Write an 意见 box that ends with a signature, 盖章 and date line."""
    spacer(document)
    table = k.new_table(document, (k.TEXT_WIDTH_MM,))
    title_row(table, title)
    row = k.add_row(table, OPINION_HEIGHT_MM, whole=True)
    cell = row.cells[0]
    k.cell_text(cell, text, **CELL, align="justify", indent=bool(text))
    for _ in range(2 if text else 5):
        k.paragraph(cell, "", **CELL)
    k.paragraph(cell, f"{signer}{'　' * 8}（盖章）", **CELL, align="right")
    k.paragraph(cell, "年　　月　　日", **CELL, align="right", after=6)
    k.top_align(cell)


def chinese_number(number: int) -> str:
    """Return 一 … 十 for 1 … 10."""
    return "一二三四五六七八九十"[number - 1]


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "templates"
    out.mkdir(parents=True, exist_ok=True)
    for form in FORMS:
        path = out / template_name("申报书", form.category)
        build(form, path)
        print(path)
    builders = {"自查报告": report_templates.self_check, "中期报告": report_templates.interim,
                "验收申请书": acceptance, "典型案例": report_templates.case}
    for name, write in builders.items():
        write(out / f"{name}.docx")
        print(out / f"{name}.docx")


if __name__ == "__main__":
    main(sys.argv)
