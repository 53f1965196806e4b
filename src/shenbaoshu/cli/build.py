"""shenbaoshu build."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .base import EXIT_FAILURE, EXIT_PROBLEMS, Command, report_errors, with_progress
from .options import scheme_option

adopt_option = click.option(
    "--adopt", is_flag=True,
    help="输出文件夹属于另一个工作簿时也写入（默认拒绝，以免两个批次的文件混在一起）。")

LIST_LIMIT = 20  # list written files one by one up to this many


@click.command(cls=Command)
@click.argument("workbook", metavar="工作簿.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True, metavar="文件夹",
              type=click.Path(file_okay=False, path_type=Path), help="输出文件夹。")
@scheme_option
@click.option("--template-dir", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path),
              help="自定义模板所在文件夹；其中没有的模板使用内置模板。")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 32), metavar="N",
              help="用 N 个进程并行生成文档。")
@click.option("--overwrite", is_flag=True, help="覆盖手工修改过的文件（默认保留它们，把新版本写在旁边）。")
@click.option("--prune", is_flag=True, help="把已从工作簿中删除的单位的文件移到 输出文件夹/已移除/（从不删除）。")
@click.option("--force", is_flag=True, help="有“错误”的文档也生成。")
@adopt_option
@report_errors
def build(workbook, out, scheme, template_dir, jobs, overwrite, prune, force, adopt):
    """一条命令更新整个批次：检查 → 全部文档 → 申报汇总表 → 校验结果。

    \b
    示例：
      shenbaoshu build 申报.xlsx -o 输出
      shenbaoshu build 申报.xlsx -o 输出 --template-dir 模板 --jobs 2
      shenbaoshu build 申报.xlsx -o 输出 --prune

    只重写有变化的文件：改了一个模板，只重写用它生成的文档；改了一个单位的数据，只重写这个单位的
    文档；什么都没改，就什么都不写。手工修改过的文件不会被覆盖：新版本写在旁边，文件名加“（新版）”，
    需要人工合并；合并后删除“（新版）”文件，这个版本就被接受，直到数据或模板再次变化。
    结束时列出写入、未变、跳过、保留和已移除的文件。

    模板：用 --template-dir 给出的文件夹；没有给出时，工作簿旁边有“模板”文件夹（shenbaoshu init
    建的）就用它；其中没有的模板使用内置模板。每次运行都说明用了哪个模板文件夹。

    输出文件夹记录它属于哪个工作簿：用另一个批次的工作簿写入同一个文件夹会被拒绝（加 --adopt
    才写入）。有“错误”时以状态 1 结束；有文件无法写入时以状态 2 结束。
    """
    from ..batch.build import build_batch
    account = build_batch(workbook, out, scheme=scheme, template_dir=template_dir, jobs=jobs,
                          overwrite=overwrite, prune=prune, force=force, adopt=adopt,
                          progress=with_progress("生成文档"))
    report = account.validation.report
    for problem in report.problems:
        if problem.location is None:  # about the whole run, e.g. the workbook is still open in Excel
            click.secho(f"{problem.severity}：{problem.message}", fg="yellow", err=True)
    click.echo(f"检查：错误 {len(report.errors)} 处，警告 {len(report.warnings)} 处（详见 {out / '校验结果.txt'}）")
    for line in account_lines(account, out, prune):
        click.echo(line)
    sys.exit(exit_code(account))


def exit_code(account) -> int:
    """Return 2 when a file could not be written, 1 when something was held back for 错误, else 0."""
    if account.failed:
        return EXIT_FAILURE
    return 0 if account.validation.report.valid and not account.skipped else EXIT_PROBLEMS


def template_line(account) -> str:
    """Return the line saying which templates were used."""
    if account.template_dir is None:
        return "模板：内置模板"
    return f"模板：{shown_path(account.template_dir)}（其中没有的使用内置模板）"


def shown_path(path: Path) -> str:
    """Return `path` relative to the current folder when it is inside it, else as it is."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def account_lines(account, out: Path, prune: bool = False) -> list[str]:
    """Return the closing account of a run that wrote into `out`."""
    lines = [template_line(account)]
    if not account.written and not account.overwritten:
        lines.append(f"没有需要更新的文件：{len(account.unchanged)} 个文件均未变化。")
    else:
        lines.append(f"写入 {len(account.written) + len(account.overwritten)} 个文件，"
                     f"未变 {len(account.unchanged)} 个。")
    changed = account.written + account.overwritten
    if len(changed) <= LIST_LIMIT:
        for path in changed:
            note = "（覆盖了手工修改）" if path in account.overwritten else ""
            lines.append(f"  写入 {path.relative_to(out)}{note}")
    if account.skipped:
        lines.append(f"跳过 {len(account.skipped)} 份（有错误）：")
        lines += [f"  {s.applicant} {s.document}：{s.reasons[0]}"
                  + (f"（另有 {len(s.reasons) - 1} 处，见 校验结果.txt）" if len(s.reasons) > 1 else "")
                  for s in account.skipped]
    if account.preserved:
        lines.append(f"保留 {len(account.preserved)} 个手工修改过的文件，新版本写在旁边，请人工合并：")
        lines += [f"  {old.relative_to(out)} ← {new.name}" for old, new in account.preserved]
    quiet = [p for p in account.edited
             if p not in {old for old, _ in account.preserved} and p not in account.accepted]
    if quiet:
        lines.append(f"{len(quiet)} 个文件手工修改过，数据和模板都没有变化，保持原样：")
        lines += [f"  {p.relative_to(out)}" for p in quiet]
    if account.accepted:
        lines.append(f"{len(account.accepted)} 个文件已合并（“（新版）”已删除），接受合并后的版本：")
        lines += [f"  {p.relative_to(out)}" for p in account.accepted]
    if account.failed:
        lines.append(f"{len(account.failed)} 个文件无法写入：")
        lines += [f"  {reason}" for _, reason in account.failed]
    if account.removed:
        verb = "已移到" if prune else "仍保留在原处（加 --prune 移到 已移除/）"
        lines.append(f"{len(account.removed)} 个文件所属的单位已不在工作簿中，{verb}：")
        lines += [f"  {p.relative_to(out)}" + (f" → {t.relative_to(out)}" if t else "") for p, t in account.removed]
    return lines
