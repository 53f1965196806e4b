"""Plan a run: which document of which applicant is made, where it goes, and which are held back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import ShenbaoshuError
from ..problems import Problem, Report
from ..workbook import schema
from ..workbook.model import Applicant, Batch
from .naming import NameBook, safe_name
from .types import DocumentType, document_types


@dataclass
class Skipped:
    """An applicant's document that was not rendered, and why."""

    applicant: Applicant
    reasons: list[str]
    document: str = "申报书"


@dataclass
class GenerateResult:
    """What a generate run wrote, skipped for errors, and found not applicable."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_applicable: list[Skipped] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def output_path(outdir: Path, document: DocumentType, applicant: Applicant, names: NameBook) -> Path:
    """Return ``OUTDIR/<申报类别>/<编号>_<单位名称>_<文档>.docx``, sanitised and unique."""
    folder = Path(outdir) / safe_name(applicant.category)
    stem = safe_name(f"{applicant.id}_{applicant.name}", 70) + f"_{document.name}"
    return names.claim(folder, stem, ".docx")


def problems_of(report: Report, applicant: Applicant, document: str = "") -> list[Problem]:
    """Return the 错误 that block `document` of `applicant`.

    A problem belongs to the applicant by 编号 (or by its row when it has no
    编号); a problem tied to one document blocks only that document.
    """
    row = applicant.record.row
    return [p for p in report.errors
            if ((applicant.id and p.applicant == applicant.id)
                or (p.cell and p.cell.sheet == schema.APPLICANTS.name and p.cell.row == row))
            and (not p.document or p.document == document)]


def select(batch: Batch, only: Iterable[str] | None) -> list[Applicant]:
    """Return the applicants to render; `only` names 编号 that must exist."""
    if not only:
        return list(batch.applicants)
    only = [str(i).strip() for i in only]
    known = {a.id for a in batch.applicants}
    unknown = [i for i in only if i not in known]
    if unknown:
        raise ShenbaoshuError(
            f"没有编号为 {'、'.join(unknown)} 的申报单位；现有编号：{'、'.join(sorted(known))}")
    return batch.select(only)


@dataclass(frozen=True)
class Job:
    """One document to render: its type, its applicant and where it goes."""

    kind: DocumentType
    applicant: Applicant
    path: Path


def plan_documents(batch: Batch, outdir, documents: Iterable[str] = ("申报书",), only=None,
                   force: bool = False, report: Report | None = None) -> tuple[list[Job], GenerateResult]:
    """Return the documents to render, and a result holding those skipped or not applicable."""
    kinds, report = document_types(documents), report or batch.report
    names, result, jobs = NameBook(), GenerateResult(), []
    batch_errors = [p for p in report.errors if p.cell and p.cell.sheet == schema.BATCH.name]
    for applicant in select(batch, only):
        for kind in kinds:
            absent = kind.applies_to(applicant)
            if absent:
                result.not_applicable.append(Skipped(applicant, [absent], kind.name))
                continue
            reasons = [str(p) for p in batch_errors + problems_of(report, applicant, kind.name)]
            if reasons and not force:
                result.skipped.append(Skipped(applicant, reasons, kind.name))
                continue
            jobs.append(Job(kind, applicant, output_path(Path(outdir), kind, applicant, names)))
    return jobs, result
