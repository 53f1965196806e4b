"""Options several commands share."""

from __future__ import annotations

from pathlib import Path

import click

scheme_option = click.option(
    "--scheme", metavar="方案", default=None,
    help="按此方案检查：内置方案编号（见 shenbaoshu schemes）或方案文件路径；默认用“批次”表中的“方案”。")


def inputs_of(workbook: Path, scheme: str | None) -> list[Path]:
    """Return the files a command reads: the workbook, and the scheme when it is a file."""
    return [workbook] + ([Path(scheme)] if scheme and Path(scheme).is_file() else [])
