"""The text form of a validation: grouped by applicant, then by sheet, with a total that adds up."""

from __future__ import annotations

import os

from ..checks.validate import Validation, describe_reference
from ..problems import Problem, Report
from ..workbook.model import Applicant, Batch


def report_lines(workbook: str | os.PathLike[str], batch: Batch, validation: Validation) -> list[str]:
    """Return the lines `shenbaoshu check` prints and `build` saves as 校验结果.txt.

    Every problem is printed: under its applicant, or (when it belongs to no
    applicant of the workbook) under the sheet that holds it.
    """
    scheme = validation.scheme
    lines = [f"工作簿：{workbook}",
             f"方案：{scheme.id} {scheme.name}" if scheme else "方案：（未指定）",
             describe_reference(validation)]
    for heading, problems in grouped(batch, validation.report):
        lines += ["", heading] + [problem_line(p) for p in problems]
    return lines + ["", total_line(batch, validation.report)]


def grouped(batch: Batch, report: Report) -> list[tuple[str, list[Problem]]]:
    """Return (heading, problems) groups: each applicant in workbook order, then each sheet."""
    known = {a.id for a in batch.applicants if a.id}
    by_applicant: dict[str, list[Problem]] = {}
    by_sheet: dict[str, list[Problem]] = {}
    for problem in report.problems:
        if problem.applicant in known:
            by_applicant.setdefault(problem.applicant, []).append(problem)
        else:
            by_sheet.setdefault(sheet_of(problem), []).append(problem)
    groups = [(str(a), by_applicant[a.id]) for a in batch.applicants if a.id in by_applicant]
    return groups + [(f"“{sheet}”表" if sheet else "全批次", found) for sheet, found in by_sheet.items()]


def sheet_of(problem: Problem) -> str:
    """Return the sheet a problem's cell is in, or "" for a problem of the whole batch."""
    return problem.cell.sheet if problem.cell else ""


def problem_line(problem: Problem) -> str:
    """Return one problem as a line: severity, where, and what to fix."""
    return f"  {problem.severity}  {problem}"


def applicant_counts(batch: Batch, report: Report) -> tuple[int, int, int]:
    """Return how many applicants have no problem, only 警告, and at least one 错误; they add up."""
    counts = [0, 0, 0]
    for applicant in batch.applicants:
        mine = [p for p in report.problems if belongs(p, applicant)]
        counts[2 if any(p.is_error for p in mine) else 1 if mine else 0] += 1
    return counts[0], counts[1], counts[2]


def belongs(problem: Problem, applicant: Applicant) -> bool:
    """Return True when `problem` concerns `applicant`: by its 编号, or by its row when it has none."""
    if applicant.id:
        return problem.applicant == applicant.id
    cell = problem.cell
    return cell is not None and cell.sheet == applicant.record.sheet and cell.row == applicant.record.row


def total_line(batch: Batch, report: Report) -> str:
    """Return the closing line: applicants by outcome, then the number of 错误 and 警告."""
    clean, warned, failed = applicant_counts(batch, report)
    return (f"共 {len(batch.applicants)} 个申报单位：{clean} 个无问题，{warned} 个仅有警告，{failed} 个有错误；"
            f"错误 {len(report.errors)} 处，警告 {len(report.warnings)} 处")
