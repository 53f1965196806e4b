"""shenbaoshu summary."""

from __future__ import annotations

from pathlib import Path

import click

from .base import Command, report_errors
from .options import inputs_of, scheme_option


@click.command(cls=Command)
@click.argument("workbook", metavar="工作簿.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "target", required=True, metavar="汇总表.xlsx",
              type=click.Path(dir_okay=False, path_type=Path),
              help="汇总表文件；同时在旁边写出同名的 .docx（横向表格，供会议材料使用）。")
@scheme_option
@report_errors
def summary(workbook, target, scheme):
    """生成申报汇总表：每个申报单位一行，另有“统计”表（各二级党组织各类别的数量和配额使用）。

    \b
    示例：
      shenbaoshu summary 申报.xlsx -o 申报汇总表.xlsx

    表格按二级党组织、申报类别排序，A4 横向打印、自动适应页宽，每页重复表头；“校验结果”一列
    给出 shenbaoshu check 的结论。列可由方案的 summary_columns 指定。
    """
    from ..checks.validate import check_workbook
    from ..outputs.files import refuse_inputs
    from ..outputs.summary import write_summary
    for path in (target, target.with_suffix(".xlsx"), target.with_suffix(".docx")):
        refuse_inputs(path, inputs_of(workbook, scheme))  # before the work: the .docx twin too
    batch, validation = check_workbook(workbook, scheme)
    for path in write_summary(batch, validation, target):
        click.echo(f"已写出：{path}")
