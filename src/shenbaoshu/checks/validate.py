"""Validation: run a scheme's rules over a batch and collect the problems."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from ..problems import Cell, Problem, Report
from ..workbook import schema
from ..workbook.model import Batch
from ..workbook.normalize import CnDate
from ..workbook.reader import read_workbook
from . import document_rules  # noqa: F401  (registers the document rules)
from .loader import load_scheme
from .rules import CATEGORY, DOCUMENT, RULES, Check, Finding, Rule
from .scheme import CategorySpec, RuleSpec, Scheme, SchemeError


@dataclass(frozen=True)
class Validation:
    """The outcome of checking a batch: its problems, the scheme used and the reference date."""

    report: Report
    scheme: Scheme | None
    reference: dt.date
    reference_source: str


def select_scheme(batch: Batch, override: str | os.PathLike[str] | Scheme | None = None) -> Scheme | None:
    """Return the scheme given by `override`, else the one the 批次 sheet's 方案 names, else None."""
    if isinstance(override, Scheme):
        return override
    if override:
        return load_scheme(override)
    named = batch.info.get("方案")
    if not named:
        return None
    try:
        return load_scheme(named)
    except SchemeError as exc:
        raise SchemeError(f"{batch.info.cell('方案').ref} 方案：{exc}") from exc


def reference_date(batch: Batch, scheme: Scheme | None) -> tuple[dt.date, str]:
    """Return the date ages and recent years are counted to, and where it came from."""
    for key in ("参照日期", "截止日期"):
        if batch.info.get(key):
            return batch.info.get(key).as_date(), f"批次表的{key}"
    if scheme and scheme.deadlines.get("申报"):
        return scheme.deadlines["申报"].as_date(), "方案的申报截止日期"
    return dt.date.today(), "今天"


def validate(batch: Batch, scheme: Scheme | None) -> Validation:
    """Return the problems of `batch`: those found while reading plus the scheme's rules."""
    reference, source = reference_date(batch, scheme)
    report = Report(list(batch.report.problems))
    if scheme is None:
        report.add(Problem("scheme-missing",
                           "未指定方案：只检查了格式，没有检查申报条件；请在“方案”一行填写方案编号，"
                           "或使用 --scheme", Cell(schema.BATCH.name, None, "方案")))
        return Validation(report, None, reference, source)
    report.extend(categories_offered(batch, scheme))
    missing: set[str] = set()
    for spec in scheme.categories.values():
        check = Check(batch, scheme, spec, reference)
        for rule_spec in rules_of(spec):
            report.extend(run_rule(check, rule_spec, missing))
        report.extend(run_document_rules(check))
    report.extend(sheet_missing(sorted(missing)))
    return Validation(once(report), scheme, reference, source)


def once(report: Report) -> Report:
    """Return `report` with each problem kept once: the same code at the same place is one problem.

    A required column left blank is found while reading and again by the
    scheme's list of required fields; the user needs to hear it once.
    """
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for problem in report.problems:
        key = (problem.code, problem.ref, problem.cell.column if problem.cell else "")
        if key not in seen or not problem.ref:
            seen.add(key)
            kept.append(problem)
    return Report(kept)


def rules_of(spec: CategorySpec) -> list[RuleSpec]:
    """Return the category's rules, with the 申报书 required fields as a `required` rule first."""
    fields = spec.documents.get("申报书")
    implicit = [RuleSpec("required", "方案规定的申报书必填栏目", {"fields": list(fields)})] if fields else []
    return implicit + list(spec.rules)


def run_rule(check: Check, spec: RuleSpec, missing: set[str]) -> list[Problem]:
    """Return the problems rule `spec` finds in the category of `check`."""
    rule = RULES[spec.rule]
    absent = [s for s in rule.needs if not check.batch.has_sheet(s)]
    if absent:
        missing.update(absent)
        return []
    if rule.scope == CATEGORY:
        return [to_problem(f, rule, spec, "") for f in rule.function(check, **spec.params)]
    return [to_problem(f, rule, spec, applicant.id)
            for applicant in check.applicants()
            for f in rule.function(check, applicant, **spec.params)]


def run_document_rules(check: Check) -> list[Problem]:
    """Return the problems the built-in document checks find in the category of `check`."""
    return [Problem(f.code or rule.code, f.message, f.cell, applicant.id, rule.document,
                    f.severity or rule.severity)
            for rule in RULES.values() if rule.scope == DOCUMENT
            for applicant in check.applicants()
            for f in rule.function(check, applicant)]


def to_problem(finding: Finding, rule: Rule, spec: RuleSpec, applicant: str) -> Problem:
    """Return the Problem of one finding, its message ending with the clause it rests on."""
    severity = finding.severity or spec.severity or rule.severity
    basis = spec.clause.split("：")[0]
    return Problem(finding.code or rule.code, f"{finding.message}（依据：{basis}）", finding.cell, applicant,
                   severity=severity)


def categories_offered(batch: Batch, scheme: Scheme) -> list[Problem]:
    """Return a problem for each applicant whose 申报类别 the scheme does not offer."""
    offered = " / ".join(scheme.categories)
    return [Problem("category-not-offered",
                    f"方案“{scheme.name}”不设“{a.category}”，可申报：{offered}",
                    a.record.cell("申报类别"), a.id)
            for a in batch.applicants if a.category and a.category not in scheme.categories]


def sheet_missing(names: list[str]) -> list[Problem]:
    """Return one problem per sheet the scheme's rules need but the workbook lacks."""
    return [Problem("sheet-missing", f"方案的规则需要工作表“{name}”，请在工作簿中添加",
                    Cell(name)) for name in names]


def describe_reference(validation: Validation) -> str:
    """Return a line saying which date ages were counted to."""
    return f"成立年限和“近N年”计算到 {CnDate.from_date(validation.reference)}（{validation.reference_source}）"


def check_workbook(path: str | os.PathLike[str], scheme: str | os.PathLike[str] | Scheme | None = None
                   ) -> tuple[Batch, Validation]:
    """Read the workbook at `path` and validate it against `scheme` (or the one it names)."""
    batch = read_workbook(path)
    return batch, validate(batch, select_scheme(batch, scheme))
