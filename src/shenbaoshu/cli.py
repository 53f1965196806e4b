"""Command line: a thin layer over the library; every message is in Chinese."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import __version__
from .documents import render_documents
from .errors import ShenbaoshuError
from .reader import read_workbook

PROGRESS_THRESHOLD = 5
CONTEXT = dict(help_option_names=["-h", "--help"], max_content_width=100)


def report_errors(command):
    """Turn a ShenbaoshuError into one Chinese line and exit code 2 (traceback with --debug)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ShenbaoshuError as exc:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            click.secho(f"错误：{exc}", fg="red", err=True)
            sys.exit(2)
    return wrapper


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", message="shenbaoshu %(version)s",
                      help="显示版本号并退出。")
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈（供排查问题）。")
def main(debug):
    """申报书：从 Excel 工作簿批量生成党建“双创”申报书等 Word 文档。

    \b
    示例：
      shenbaoshu generate samples/示例申报.xlsx -o 输出
    """


def progress_bar(label: str):
    """Return a wrapper that shows a progress bar for long lists on the terminal."""
    def wrap(items):
        if len(items) < PROGRESS_THRESHOLD:
            return items
        return click.progressbar(items, label=label, file=sys.stderr,
                                 item_show_func=lambda a: str(a) if a else None)
    return wrap


def iterate(wrapper, items):
    """Iterate `items` through `wrapper`, entering it when it is a progress bar."""
    wrapped = wrapper(items)
    if hasattr(wrapped, "__enter__"):
        with wrapped as bar:
            yield from bar
    else:
        yield from wrapped


@main.command(context_settings=CONTEXT)
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹；文件写到 输出文件夹/<申报类别>/<编号>_<单位名称>_申报书.docx。")
@click.option("--only", multiple=True, metavar="编号",
              help="只生成这些编号的申报单位，可重复使用：--only B01 --only B02。")
@click.option("--template-dir", type=click.Path(file_okay=False, path_type=Path),
              help="自定义模板所在文件夹；其中没有的模板使用内置模板。")
@click.option("--force", is_flag=True, help="存在“错误”的申报单位也生成（默认跳过它们）。")
@report_errors
def generate(workbook, outdir, only, template_dir, force):
    """为工作簿中的每个申报单位生成申报书（.docx）。

    \b
    示例：
      shenbaoshu generate 申报.xlsx -o 输出
      shenbaoshu generate 申报.xlsx -o 输出 --only B01 --only B02
      shenbaoshu generate 申报.xlsx -o 输出 --template-dir 我的模板

    有“错误”的申报单位不生成，命令列出原因并以状态 1 结束；“警告”只提示。
    """
    batch = read_workbook(workbook)
    for problem in batch.report.warnings:
        click.secho(f"警告：{problem}", fg="yellow", err=True)
    result = render_documents(
        batch, outdir, only=only, template_dir=template_dir, force=force,
        progress=lambda items: iterate(progress_bar("生成申报书"), items))
    for item in result.skipped:
        click.secho(f"未生成 {item.applicant}：", fg="red", err=True)
        for reason in item.reasons:
            click.echo(f"  {reason}", err=True)
    click.echo(f"已生成 {len(result.written)} 份申报书，保存在 {outdir}"
               + (f"；{len(result.skipped)} 个申报单位因错误未生成" if result.skipped else ""))
    sys.exit(1 if result.skipped else 0)
