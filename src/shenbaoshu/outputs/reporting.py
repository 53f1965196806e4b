"""The text form of a validation: grouped by applicant, with a one-line total."""

from __future__ import annotations

from ..checks.validate import Validation, describe_reference, problems_by_applicant
from ..problems import Problem
from ..workbook.model import Batch


def report_lines(workbook, batch: Batch, validation: Validation) -> list[str]:
    """Return the lines `shenbaoshu check` prints and `build` saves as 校验结果.txt."""
    scheme = validation.scheme
    lines = [f"工作簿：{workbook}",
             f"方案：{scheme.id} {scheme.name}" if scheme else "方案：（未指定）",
             describe_reference(validation)]
    groups = problems_by_applicant(validation.report)
    for applicant in batch.applicants:
        if applicant.id in groups:
            lines += ["", str(applicant)] + [problem_line(p) for p in groups[applicant.id]]
    if "" in groups:
        lines += ["", "全批次"] + [problem_line(p) for p in groups[""]]
    return lines + ["", total_line(batch, validation)]


def problem_line(problem: Problem) -> str:
    return f"  {problem.severity} {problem.code}  {problem}"


def total_line(batch: Batch, validation: Validation) -> str:
    report = validation.report
    blocked = report.blocked_applicants()
    clean = len(batch.applicants) - len({p.applicant for p in report.problems if p.applicant})
    return (f"共 {len(batch.applicants)} 个申报单位：{clean} 个无问题，{len(blocked)} 个有错误；"
            f"错误 {len(report.errors)} 处，警告 {len(report.warnings)} 处")
