"""shenbaoshu generate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..documents import render_documents
from ..validate import check_workbook
from .base import EXIT_PROBLEMS, Command, report_errors, with_progress
from .options import scheme_option


@click.command(cls=Command)
@click.argument("workbook", metavar="工作簿.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, metavar="文件夹", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹；文件写到 输出文件夹/<申报类别>/<编号>_<单位名称>_申报书.docx。")
@click.option("--only", multiple=True, metavar="编号",
              help="只生成这些编号的申报单位，可重复使用：--only B01 --only B02。")
@click.option("--template-dir", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path),
              help="自定义模板所在文件夹；其中没有的模板使用内置模板。")
@scheme_option
@click.option("--force", is_flag=True, help="存在“错误”的申报单位也生成（默认跳过它们）。")
@report_errors
def generate(workbook, outdir, only, template_dir, scheme, force):
    """为工作簿中的每个申报单位生成申报书（.docx）。

    \b
    示例：
      shenbaoshu generate 申报.xlsx -o 输出
      shenbaoshu generate 申报.xlsx -o 输出 --only B01 --only B02
      shenbaoshu generate 申报.xlsx -o 输出 --template-dir 我的模板

    生成前按方案检查（同 shenbaoshu check）：有“错误”的申报单位不生成，命令列出原因并以
    状态 1 结束；“警告”只提示。
    """
    batch, validation = check_workbook(workbook, scheme)
    selected = set(only) if only else None
    for problem in validation.report.warnings:
        if selected is None or problem.applicant in selected or not problem.applicant:
            click.secho(f"警告：{problem}", fg="yellow", err=True)
    result = render_documents(batch, outdir, only=only, template_dir=template_dir, force=force,
                              report=validation.report, progress=with_progress("生成申报书"))
    for item in result.skipped:
        click.secho(f"未生成 {item.applicant}：", fg="red", err=True)
        for reason in item.reasons:
            click.echo(f"  {reason}", err=True)
    summary = f"已生成 {len(result.written)} 份申报书，保存在 {outdir}"
    if result.skipped:
        summary += f"；{len(result.skipped)} 个申报单位因“错误”未生成，见上方原因"
    click.echo(summary)
    sys.exit(EXIT_PROBLEMS if result.skipped else 0)
