"""shenbaoshu check."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..checks.validate import Validation

from .base import EXIT_PROBLEMS, Command, report_errors
from .options import inputs_of, scheme_option

COLOURS = {"错误": "red", "警告": "yellow"}


@click.command(cls=Command)
@click.argument("workbook", metavar="工作簿.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@scheme_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式：text 供人阅读，json 供程序处理。")
@click.option("--annotate", metavar="标注.xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help="另存一份标注过的工作簿：问题单元格填红（错误）或黄（警告）并加批注，"
                   "另有“校验结果”表；原工作簿不会被修改。")
@report_errors
def check(workbook, scheme, output_format, annotate):
    """检查工作簿：谁符合申报条件，缺了什么，问题在哪个单元格。

    \b
    示例：
      shenbaoshu check 申报.xlsx
      shenbaoshu check 申报.xlsx --scheme zju-2024 --annotate 申报-标注.xlsx
      shenbaoshu check 申报.xlsx --format json > 结果.json

    有“错误”时以状态 1 结束，只有“警告”或没有问题时为 0。
    """
    from ..checks.validate import check_workbook
    from ..outputs.annotate import write_annotated
    from ..outputs.files import refuse_inputs
    if annotate:
        refuse_inputs(annotate, inputs_of(workbook, scheme))  # before the check, not after it
    batch, validation = check_workbook(workbook, scheme)
    if output_format == "json":
        click.echo(json.dumps(as_json(workbook, batch, validation), ensure_ascii=False, indent=2))
    else:
        print_text(workbook, batch, validation)
    if annotate:
        write_annotated(workbook, annotate, validation.report.problems)
        click.echo(f"已写出标注工作簿：{annotate}", err=output_format == "json")
    sys.exit(0 if validation.report.valid else EXIT_PROBLEMS)


def print_text(workbook: Path, batch, validation: Validation) -> None:
    """Print the problems grouped by applicant, then a one-line total; severities in colour."""
    from ..outputs.reporting import report_lines
    for line in report_lines(workbook, batch, validation):
        for severity, colour in COLOURS.items():
            if line.startswith(f"  {severity} "):
                line = "  " + click.style(severity, fg=colour, bold=True) + line[2 + len(severity):]
        click.echo(line)


def as_json(workbook: Path, batch, validation: Validation) -> dict:
    scheme = validation.scheme
    report = validation.report
    return {
        "workbook": str(workbook),
        "scheme": {"id": scheme.id, "name": scheme.name} if scheme else None,
        "reference_date": validation.reference.isoformat(),
        "applicants": len(batch.applicants),
        **report.to_dict(),
    }
