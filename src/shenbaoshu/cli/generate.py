"""shenbaoshu generate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..documents.types import document_types
from .base import EXIT_FAILURE, EXIT_PROBLEMS, Command, report_errors, with_progress
from .build import adopt_option, template_line
from .options import scheme_option


@click.command(cls=Command)
@click.argument("workbook", metavar="工作簿.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, metavar="文件夹", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹；文件写到 输出文件夹/<申报类别>/<编号>_<单位名称>_<文档>.docx。")
@click.option("--doc", "documents", multiple=True, default=("申报书",), show_default=True, metavar="文档",
              help="生成哪种文档，可重复：申报书（shenbaoshu）、自查报告（zicha）、中期报告（zhongqi）、"
                   "验收申请书（yanshou）、典型案例（anli），或 all 表示全部。")
@click.option("--only", multiple=True, metavar="编号",
              help="只生成这些编号的申报单位，可重复使用：--only B01 --only B02。")
@click.option("--template-dir", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path),
              help="自定义模板所在文件夹；其中没有的模板使用内置模板。")
@scheme_option
@click.option("--force", is_flag=True, help="存在“错误”的申报单位也生成（默认跳过它们）。")
@click.option("--overwrite", is_flag=True, help="覆盖手工修改过的文件（默认保留它们，把新版本写在旁边）。")
@adopt_option
@report_errors
def generate(workbook, outdir, documents, only, template_dir, scheme, force, overwrite, adopt):
    """为工作簿中的每个申报单位生成申报书等文档（.docx）。

    \b
    示例：
      shenbaoshu generate 申报.xlsx -o 输出
      shenbaoshu generate 申报.xlsx -o 输出 --doc all
      shenbaoshu generate 申报.xlsx -o 输出 --doc zicha --doc 验收申请书 --only B01
      shenbaoshu generate 申报.xlsx -o 输出 --template-dir 我的模板

    文档适用于有相应数据的单位：自查报告需“自查”表，中期报告需“中期报告”表，
    验收申请书需“验收”表，典型案例需“典型案例”表；没有数据的单位列为“不适用”。

    生成前按方案检查（同 shenbaoshu check）：有“错误”的申报单位不生成，命令列出原因并以
    状态 1 结束；“警告”只提示。

    与 shenbaoshu build 写文件的方式相同：没有变化的文件不重写，手工修改过的文件不会被覆盖（新版本
    写在旁边，文件名加“（新版）”）；没有给出 --template-dir 时，工作簿旁边的“模板”文件夹优先于内置模板。
    """
    from ..batch.generate import render_documents
    from ..checks.validate import check_workbook
    kinds = document_types(documents)
    batch, validation = check_workbook(workbook, scheme)
    selected = set(only) if only else None
    for problem in validation.report.warnings:
        if selected is None or problem.applicant in selected or not problem.applicant:
            click.secho(f"警告：{problem}", fg="yellow", err=True)
    result = render_documents(batch, outdir, documents=[k.name for k in kinds], only=only,
                              template_dir=template_dir, force=force, validation=validation,
                              overwrite=overwrite, adopt=adopt, progress=with_progress("生成文档"))
    for item in result.skipped:
        click.secho(f"未生成 {item.applicant} 的{item.document}：", fg="red", err=True)
        for reason in item.reasons:
            click.echo(f"  {reason}", err=True)
    click.echo(account(result, kinds, outdir))
    sys.exit(EXIT_FAILURE if result.failed else EXIT_PROBLEMS if result.skipped else 0)


def account(result, kinds, outdir) -> str:
    """Return the closing lines: documents made per kind, hand edits kept, skipped, not applicable."""
    made = "、".join(f"{k.name} {result.counts.get(k.name, 0)} 份" for k in kinds)
    lines = [template_line(result),
             f"已生成 {sum(result.counts.values())} 份文档（{made}），保存在 {outdir}"]
    if result.unchanged:
        lines.append(f"其中 {len(result.unchanged)} 份与上次相同，没有重写")
    if result.preserved:
        lines.append(f"保留 {len(result.preserved)} 个手工修改过的文件，新版本写在旁边，请人工合并：")
        lines += [f"  {old.relative_to(outdir)} ← {new.name}" for old, new in result.preserved]
    if result.failed:
        lines.append(f"{len(result.failed)} 个文件无法写入：")
        lines += [f"  {reason}" for _, reason in result.failed]
    if result.skipped:
        lines.append(f"{len(result.skipped)} 份因“错误”未生成，见上方原因")
    groups: dict[tuple, list[str]] = {}
    for item in result.not_applicable:
        groups.setdefault((item.document, item.reasons[0]), []).append(item.applicant.id)
    for (document, reason), ids in groups.items():
        lines.append(f"不适用：{document} {'、'.join(ids)}（{reason}）")
    return "\n".join(lines)
