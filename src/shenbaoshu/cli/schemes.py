"""shenbaoshu schemes."""

from __future__ import annotations

import click

from ..checks.loader import builtin_schemes
from .base import Command, report_errors


@click.command(cls=Command)
@report_errors
def schemes():
    """列出内置方案（各校通知中可以自动检查的规则）。

    \b
    示例：
      shenbaoshu schemes
      shenbaoshu check 申报.xlsx --scheme zju-2024

    在工作簿“批次”表的“方案”一行填写方案编号或名称，或用 --scheme 指定；
    也可以用 --scheme 给出自己编写的方案文件（.toml）。
    """
    for scheme in builtin_schemes():
        categories = "、".join(c.label for c in scheme.categories.values())
        click.echo(f"{click.style(scheme.id, bold=True)}  {scheme.name}")
        click.echo(f"    类别：{categories}")
        click.echo(f"    {scheme.description}")
        if scheme.notice:
            issued = f"（{scheme.issued}）" if scheme.issued else ""
            click.echo(f"    依据：《{scheme.notice}》{issued}")
