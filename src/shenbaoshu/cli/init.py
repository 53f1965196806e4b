"""shenbaoshu init."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import click

from ..checks.loader import load_scheme
from .base import Command, report_errors


@click.command(cls=Command)
@click.argument("folder", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path))
@click.option("--scheme", metavar="方案", default=None,
              help="按此方案准备示例行和“方案”一行：内置方案编号（见 shenbaoshu schemes）或方案文件路径。")
@report_errors
def init(folder, scheme):
    """新建一个工作文件夹：待填写的工作簿、模板副本和使用说明。

    \b
    示例：
      shenbaoshu init 2026双创 --scheme zju-2024
      cd 2026双创
      shenbaoshu check 申报.xlsx

    工作簿包含全部工作表和表头、“说明”表、下拉选项、日期和数字格式、冻结的表头、必填列的批注，
    以及每张表一行示例（示例行按方案的规则填写，检查时没有“错误”）。不会覆盖已有的文件。
    """
    from ..batch.scaffold import init_folder
    chosen = load_scheme(scheme) if scheme else None
    for path in init_folder(folder, chosen):
        click.echo(f"已创建：{path}")
    workbook = folder / "申报.xlsx"
    click.echo(f"下一步：填写 {workbook}，然后运行 shenbaoshu check {shell_quoted(workbook)}")


def shell_quoted(path: Path) -> str:
    """Return `path` as it must be typed in a command: quoted when it has spaces or shell characters."""
    text = str(path)
    if os.name == "nt":
        return f'"{text}"' if re.search(r'[\s&()^%!,;=]', text) else text
    return shlex.quote(text) if re.search(r"""[\s'"$`\\!*?\[\]{}();&|<>#~]""", text) else text
