"""shenbaoshu init: a working folder with a ready-to-fill workbook, the templates and a how-to.

The workbook is made from the sheet declarations in schema.py: every sheet and
header, a 说明 sheet, dropdowns for choices, date and number formats, frozen
headers, comments on required headers, and one example row per sheet (a few
more where the scheme's rules need them) that passes `check` without 错误.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..checks.scheme import Scheme
from ..errors import OutputError
from ..outputs.files import atomic_write, make_folder
from ..outputs.package import reproducible
from ..resources import default_template_dir
from ..workbook import schema

WORKBOOK_NAME = "申报.xlsx"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
FORMATS = {schema.DATE: 'yyyy"年"m"月"d"日"', schema.INT: "0", schema.NUMBER: "0.00",
           schema.PHONE: "@", schema.ID: "@"}
ROWS_PREPARED = 500
ORG = "中共示例大学示例学院委员会"
UNIT = "示例学院教工第一党支部"


def init_folder(folder: str | os.PathLike[str], scheme: Scheme | None = None) -> list[Path]:
    """Create the working folder and return the files written; never overwrite anything."""
    folder = Path(folder)
    targets = [folder / WORKBOOK_NAME, folder / "模板", folder / "使用说明.txt"]
    existing = [t for t in targets if t.exists()]
    if existing:
        raise OutputError(f"{folder} 中已有 {'、'.join(t.name for t in existing)}，为免覆盖，请换一个空文件夹")
    make_folder(folder)
    atomic_write(targets[0], workbook_bytes(scheme))
    shutil.copytree(default_template_dir(), targets[1])
    atomic_write(targets[2], HOW_TO.format(workbook=WORKBOOK_NAME, folder=folder.name).encode("utf-8"))
    return targets


def workbook_bytes(scheme: Scheme | None) -> bytes:
    """Return the new workbook for `scheme`."""
    book = openpyxl.Workbook()
    explain(book.active)
    examples = example_rows(scheme)
    for table in schema.TABLES:
        sheet = book.create_sheet(table.name)
        if table.keyvalue:
            key_value_sheet(sheet, table, examples[table.name][0])
        else:
            table_sheet(sheet, table, examples.get(table.name, []))
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue())


def explain(sheet) -> None:
    """Fill the 说明 sheet: one row per column of every sheet."""
    sheet.title = "说明"
    sheet.append(["工作表", "列", "类型", "必填", "可选的值", "说明"])
    names = {schema.TEXT: "文字", schema.NARRATIVE: "叙述（Alt+Enter 分段）", schema.DATE: "日期",
             schema.INT: "整数", schema.NUMBER: "金额/数字", schema.PHONE: "电话（文本）", schema.ID: "编号（文本）",
             schema.BOOL: "是/否", schema.CHOICE: "选项"}
    for table in schema.TABLES:
        for column in table.columns:
            choices = " / ".join(column.choices) if column.choices else ("是 / 否" if column.type == schema.BOOL else "")
            sheet.append([table.name, column.header, names[column.type], "是" if column.required else "",
                          choices, column.description or table.description])
    style_header(sheet, [10, 16, 18, 6, 36, 60])
    for row in sheet.iter_rows(min_row=2):
        row[5].alignment = Alignment(wrap_text=True, vertical="top")


def style_header(sheet, widths) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def key_value_sheet(sheet, table: schema.Table, example: dict) -> None:
    sheet.append(["项目", "内容"])
    for column in table.columns:
        sheet.append([column.header, example.get(column.header)])
        cell = sheet.cell(sheet.max_row, 2)
        if column.type in FORMATS:
            cell.number_format = FORMATS[column.type]
        if column.required:
            sheet.cell(sheet.max_row, 1).fill = REQUIRED_FILL
        sheet.cell(sheet.max_row, 1).comment = Comment(column_note(column), "shenbaoshu")
    style_header(sheet, [14, 44])


def table_sheet(sheet, table: schema.Table, examples: list[dict]) -> None:
    sheet.append([c.header for c in table.columns])
    for example in examples:
        sheet.append([example.get(c.header) for c in table.columns])
    widths = [44 if c.type == schema.NARRATIVE else max(10, len(c.header) * 2 + 4) for c in table.columns]
    style_header(sheet, widths)
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(1, index)
        if column.required:
            head.fill = REQUIRED_FILL
        head.comment = Comment(column_note(column), "shenbaoshu")
        for row in range(2, ROWS_PREPARED + 2):
            cell = sheet.cell(row, index)
            if column.type in FORMATS:
                cell.number_format = FORMATS[column.type]
            if column.type == schema.NARRATIVE:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        dropdown(sheet, column, f"{letter}2:{letter}{ROWS_PREPARED + 1}")


def column_note(column: schema.Column) -> str:
    text = ("必填。" if column.required else "选填。") + (column.description or "")
    if column.choices:
        text += f" 可选：{' / '.join(column.choices)}"
    return text


def dropdown(sheet, column: schema.Column, cells: str) -> None:
    values = column.choices or (("是", "否") if column.type == schema.BOOL else ())
    if not values:
        return
    check = DataValidation(type="list", formula1=f'"{",".join(values)}"', allow_blank=True,
                           showErrorMessage=True, errorTitle="无效的值",
                           error=f"请从下拉列表中选择：{' / '.join(values)}")
    check.add(cells)
    sheet.add_data_validation(check)


def example_rows(scheme: Scheme | None) -> dict[str, list[dict]]:
    """Return example rows for every sheet that meet the scheme's rules."""
    due = scheme.deadlines.get("申报") if scheme else None
    reference = due.as_date() if due else dt.date.today()
    category = "样板支部" if not scheme or "样板支部" in scheme.categories else next(iter(scheme.categories))
    spec = scheme.categories[category] if scheme else None
    item = spec.items[0].name if spec and spec.items else "教育党员有力"
    cap = spec.budget_cap if spec and spec.budget_cap is not None else None
    recent = reference - dt.timedelta(days=200)
    uid = "E01"
    return {
        "批次": [{"学校名称": "示例大学", "批次名称": f"{reference.year}年度党建“双创”培育创建",
                "方案": scheme.id if scheme else None, "参照日期": reference, "截止日期": reference}],
        "申报单位": [{
            "编号": uid, "申报类别": category, "单位名称": ORG if category == "标杆院系" else UNIT,
            "所属党组织": "中共示例大学委员会" if category == "标杆院系" else ORG,
            "支部类型": None if category == "标杆院系" else "教师", "项目名称": "示例创新项目",
            "成立时间": dt.date(2010, 3, 1), "党员人数": 20, "负责人": "张明", "负责人职务职称": "支部书记、教授",
            "是否双带头人": "是", "联系人": "李华", "联系电话": "13800000000", "电子邮箱": "dangjian@example.edu.cn",
            "填报日期": reference - dt.timedelta(days=10),
            "基本情况": "（示例）本支部现有党员20名……\n第二段用 Alt+Enter 换行。",
            "工作基础": "（示例）党建工作基础和成功做法。", "特色做法": "（示例）特色做法和经验。",
            "建设目标": "（示例）建设周期内的总体目标。", "预期成果": "（示例）预期形成的成果。",
            "所在党组织意见": "（示例）同意推荐。"}],
        "荣誉": [{"编号": uid, "荣誉名称": "优秀共产党员", "级别": "校级", "授予单位": "中共示例大学委员会",
                "获得时间": recent, "获奖对象": "个人"}],
        "建设计划": [{"编号": uid, "阶段": "启动部署", "起止时间": f"{reference.year}年6月—{reference.year}年8月",
                  "工作目标": "制定建设方案", "主要措施": "召开动员会，细化任务分工"}],
        "经费预算": [{"编号": uid, "科目": "主题活动", "金额（万元）": float(min(cap, Decimal(1))) / 2 if cap else 0.5,
                  "用途说明": "主题党日、实践活动"}],
        "考核": [{"编号": uid, "年度": reference.year - 2, "等次": "好"},
               {"编号": uid, "年度": reference.year - 1, "等次": "好"}],
        "负面清单": [{"编号": uid, "事项": i.name, "是否存在": "否", "说明": "经核查不存在"}
                 for i in (scheme.negative_items if scheme else ())] or
                [{"编号": uid, "事项": "违反中央八项规定精神", "是否存在": "否", "说明": "经核查不存在"}],
        "自查": [{"编号": uid, "对标项目": item, "做法": "（示例）主要做法。", "成效": "（示例）工作成效。",
                "佐证材料": "（示例）佐证材料清单。", "存在问题": "（示例）存在问题。", "整改措施": "（示例）整改措施。"}],
        "建设成果": [{"编号": uid, "成果类型": "典型案例", "成果名称": "（示例）“支部+”工作法",
                  "完成时间": recent, "链接或文件": "成果材料/工作法.pdf"}],
        "中期报告": [{"编号": uid, "基础工作情况": "（示例）", "工作特色与创新": "（示例）", "存在问题": "（示例）",
                  "下一步措施": "（示例）"}],
        "验收": [{"编号": uid, "建设期": f"{reference.year}年6月—{reference.year + 1}年5月",
                "任务完成概况": "（示例）", "重要举措落实": "（示例）", "示范作用发挥": "（示例）"}],
        "典型案例": [{"编号": uid, "标题": "（示例）案例标题", "基本情况": "（示例）", "主要做法": "（示例）",
                  "工作成效": "（示例）", "工作启示": "（示例）"}],
        "满意度测评": [{"编号": uid, "测评项目": "总体评价", "很好": 40, "较好": 8, "一般": 2, "较差": 0, "很差": 0,
                   "不了解": 1, "参评人数": 51}],
        "二级党组织": [{"名称": ORG, "类型": "党委", "党支部总数": 20, "教师党支部数": 10, "双带头人书记数": 10,
                   "党员之家六有": "是"}],
    }


HOW_TO = """使用说明
========

这个文件夹由 shenbaoshu init 生成：
  {workbook}      要填写的工作簿（“说明”表解释每一列；橙色表头为必填；每张表有一行示例）
  模板/           内置模板的副本，可以在 Word 或 WPS 中修改
  使用说明.txt    本文件

步骤（在这个文件夹中打开命令行）：

1. 填写 {workbook}：把示例行改成自己的数据，或删除后另填。单元格内用 Alt+Enter 换行即为分段。
   “批次”表的“方案”一行写适用的方案编号（shenbaoshu schemes 列出内置方案）。

2. 检查：
     shenbaoshu check {workbook} --annotate 标注.xlsx
   按提示修改；标注.xlsx 中问题单元格标红（错误）或黄（警告）。

3. 生成全部文档、申报汇总表和校验结果：
     shenbaoshu build {workbook} -o 输出 --template-dir 模板

4. 改了模板或数据后，再运行第 3 步的命令：只重写有变化的文件；
   手工修改过的文件不会被覆盖，新版本写在旁边（文件名带“（新版）”），需要人工合并。

每个命令都有帮助：shenbaoshu build --help
"""
