"""shenbaoshu template check | fields."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .base import EXIT_PROBLEMS, Command, Group, report_errors


@click.group(cls=Group)
def template():
    """检查模板，或写出模板可用的字段说明。

    \b
    示例：
      shenbaoshu template check 我的模板/申报书_样板支部.docx --workbook 申报.xlsx
      shenbaoshu template fields -o 字段说明.docx --markdown
    """


@template.command("check", cls=Command)
@click.argument("path", metavar="模板.docx", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--workbook", metavar="工作簿.xlsx", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="同时核对这个工作簿是否提供模板用到的每个字段。")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式。")
@report_errors
def check_command(path, workbook, output_format):
    """列出模板用到的字段及位置，找出标签的毛病。

    \b
    示例：
      shenbaoshu template check 模板/申报书_样板支部.docx
      shenbaoshu template check 模板/验收申请书.docx --workbook 申报.xlsx

    检查：工作簿格式中没有的字段（加 --workbook 时还有这个工作簿缺的列）、Jinja 语法错误、
    被拆到两段中或夹有制表符/换行的标签、中文输入法打出的括号 ｛｛ ｝｝ 或 { {。有问题时以状态 1 结束。
    """
    from ..review.template_check import check_template
    result = check_template(path, workbook)
    if output_format == "json":
        data = {"template": str(path), "fields": result.fields, **result.report.to_dict()}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(f"模板：{path}")
        click.echo(f"用到的字段（{len(result.fields)} 个）：")
        for name, places in result.fields.items():
            click.echo(f"  {name}：{'、'.join(places) or '（页眉页脚或属性中）'}")
        for problem in result.report.problems:
            where = f"{problem.location.where}：" if problem.location and problem.location.where else ""
            click.secho(f"{problem.severity}  {where}{problem.message}",
                        fg="red" if problem.is_error else "yellow")
        click.echo("没有发现问题。" if not result.report.problems else
                   f"错误 {len(result.report.errors)} 处，警告 {len(result.report.warnings)} 处")
    sys.exit(0 if result.report.valid else EXIT_PROBLEMS)


@template.command("fields", cls=Command)
@click.option("-o", "--output", "target", default="字段说明.docx", show_default=True, metavar="文件.docx",
              type=click.Path(dir_okay=False, path_type=Path), help="字段说明写到这里。")
@click.option("--markdown", is_flag=True, help="同时写出同名的 Markdown 文件（.md）。")
@report_errors
def fields_command(target, markdown):
    """写出字段说明：每个字段的含义、类型和示例值。

    也说明表格行、段落的循环写法，改模板时放在手边。

    \b
    示例：
      shenbaoshu template fields
      shenbaoshu template fields -o 字段说明.docx --markdown
    """
    from ..outputs.files import atomic_write
    from ..review.field_guide import guide_docx, guide_markdown
    atomic_write(target, guide_docx())
    click.echo(f"已写出：{target}")
    if markdown:
        atomic_write(target.with_suffix(".md"), guide_markdown().encode("utf-8"))
        click.echo(f"已写出：{target.with_suffix('.md')}")
