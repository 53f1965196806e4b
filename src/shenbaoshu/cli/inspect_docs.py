"""shenbaoshu inspect."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..checks.loader import load_scheme
from ..documents.types import ALL_KINDS as KINDS
from .base import EXIT_PROBLEMS, Command, report_errors

COLOURS = {"错误": "red", "警告": "yellow"}


@click.command("inspect", cls=Command)
@click.argument("paths", nargs=-1, required=True, metavar="文件或文件夹…",
                type=click.Path(path_type=Path))
@click.option("--doc", "kind", metavar="文档",
              help="文档类型：" + "、".join(f"{k.name}（{k.aliases[0]}）" for k in KINDS)
                   + "；不写时按文件名或标题判断。")
@click.option("--scheme", metavar="方案", default=None,
              help="用此方案的字数上限和成果要求（四个一、六类成果）：内置方案编号或方案文件路径。")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式。")
@report_errors
def inspect_command(paths, kind, scheme, output_format):
    """检查写好的 Word 文档：缺少或空着的栏目、遗留的占位符、超长、未提到的成果。

    \b
    示例：
      shenbaoshu inspect 输出
      shenbaoshu inspect 张三支部申报书.docx --doc 申报书
      shenbaoshu inspect 验收材料 --scheme heida-2025 --format json

    文件夹表示其中全部 .docx（以及 .doc、.wps：逐个报告为需另存为 .docx）。栏目标题可以在段落或表格中，编号写成“一、”“（一）”“1.”或不编号都可以。
    有必需的内容缺失时以状态 1 结束。
    """
    from ..review.inspection import inspect_paths

    chosen = load_scheme(scheme) if scheme else None
    results = inspect_paths(paths, kind, chosen)
    if output_format == "json":
        click.echo(json.dumps([as_json(r) for r in results], ensure_ascii=False, indent=2))
    else:
        print_text(results)
    sys.exit(EXIT_PROBLEMS if any(not r.report.valid for r in results) else 0)


def print_text(results) -> None:
    for result in results:
        guessed = f"（{result.guessed or result.kind.name}）"
        click.echo(f"\n{result.path}{guessed}")
        if result.skipped:
            click.echo(f"  {result.skipped}")
        elif not result.report.problems:
            click.echo("  通过")
        for problem in result.report.problems:
            where = f"{problem.location.where}：" if problem.location and problem.location.where else ""
            label = click.style(problem.severity, fg=COLOURS[problem.severity], bold=True)
            click.echo(f"  {label}  {where}{problem.message}")
    failed = sum(not r.report.valid for r in results)
    errors = sum(len(r.report.errors) for r in results)
    warnings = sum(len(r.report.warnings) for r in results)
    skipped = sum(bool(r.skipped) for r in results)
    also = f"，{skipped} 个不是申报材料（未检查）" if skipped else ""
    click.echo(f"\n共 {len(results)} 个文件：{len(results) - failed - skipped} 个通过，{failed} 个有问题{also}；"
               f"错误 {errors} 处，警告 {warnings} 处")


def as_json(result) -> dict:
    return {"file": str(result.path), "document": result.kind.name if result.kind else None,
            "guess": result.guessed, "skipped": result.skipped, **result.report.to_dict()}
