"""Generate documents: pick each applicant's template, render, write safely."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from . import schema
from .context import applicant_context
from .errors import ShenbaoshuError, TemplateError
from .model import Applicant, Batch
from .output import NameBook, atomic_write, safe_name
from .problems import Problem, Report
from .render import PreparedTemplate, make_environment


@dataclass(frozen=True)
class DocumentType:
    """A kind of document: one template per 申报类别, named ``<name>_<类别>.docx``."""

    name: str
    description: str
    categories: tuple[str, ...] = schema.CATEGORIES

    def template_file(self, category: str) -> str:
        """Return the template file name of `category`."""
        return template_name(self.name, category)


APPLICATION = DocumentType("申报书", "各类别的创建申报书（创新项目为申报表）")
DOCUMENT_TYPES = {APPLICATION.name: APPLICATION}


@dataclass
class Skipped:
    """An applicant that was not rendered, and why."""

    applicant: Applicant
    reasons: list[str]


@dataclass
class GenerateResult:
    """What a generate run wrote and what it skipped."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def template_name(document: str, category: str) -> str:
    """Return the file name of the `document` template for `category`."""
    return f"{document}_{category}.docx"


def default_template_dir() -> Path:
    """Return the folder of the templates shipped with the package."""
    shipped = Path(str(resources.files("shenbaoshu").joinpath("templates")))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "templates"  # running from a source checkout


def find_template(document: DocumentType, category: str, template_dir=None) -> Path:
    """Return the template for `category`: the user's copy if it exists, else the default."""
    name = document.template_file(category)
    if template_dir is not None:
        folder = Path(template_dir)
        if not folder.is_dir():
            raise TemplateError(f"模板文件夹不存在：{folder}")
        if (folder / name).is_file():
            return folder / name
    default = default_template_dir() / name
    if not default.is_file():
        raise TemplateError(f"找不到模板 {name}（在 {default.parent} 中）")
    return default


class TemplateSet:
    """The templates of one document type, each prepared at most once per run."""

    def __init__(self, document: DocumentType, template_dir=None):
        self.document, self.template_dir = document, template_dir
        self.env = make_environment()
        self._prepared: dict[str, PreparedTemplate] = {}

    def get(self, category: str) -> PreparedTemplate:
        """Return the prepared template of `category`."""
        if category not in self._prepared:
            path = find_template(self.document, category, self.template_dir)
            self._prepared[category] = PreparedTemplate(path, self.env)
        return self._prepared[category]


def output_path(outdir: Path, document: DocumentType, applicant: Applicant, names: NameBook) -> Path:
    """Return ``OUTDIR/<申报类别>/<编号>_<单位名称>_<文档>.docx``, sanitised and unique."""
    folder = Path(outdir) / safe_name(applicant.category)
    stem = safe_name(f"{applicant.id}_{applicant.name}", 70) + f"_{document.name}"
    return names.claim(folder, stem, ".docx")


def problems_of(report: Report, applicant: Applicant) -> list[Problem]:
    """Return the 错误 that concern `applicant` (by 编号, or by its row when it has none)."""
    row = applicant.record.row
    return [p for p in report.errors
            if (applicant.id and p.applicant == applicant.id)
            or (p.cell and p.cell.sheet == schema.APPLICANTS.name and p.cell.row == row)]


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


def render_documents(batch: Batch, outdir, *, document: str = "申报书", only=None,
                     template_dir=None, force: bool = False, report: Report | None = None,
                     progress: Callable[[list], Iterable] | None = None) -> GenerateResult:
    """Render `document` for the applicants of `batch` into `outdir`.

    Applicants with a 错误 in `report` (by default the problems found while
    reading; pass a validation report to apply a scheme's rules too) are
    skipped unless `force`; `progress` may wrap the list of applicants (e.g.
    in a progress bar).
    """
    kind = DOCUMENT_TYPES[document]
    report = report or batch.report
    templates, names, result = TemplateSet(kind, template_dir), NameBook(), GenerateResult()
    batch_errors = [p for p in report.errors if p.cell and p.cell.sheet == schema.BATCH.name]
    applicants = select(batch, only)
    for applicant in (progress or list)(applicants):
        reasons = [str(p) for p in batch_errors + problems_of(report, applicant)]
        if applicant.category not in kind.categories:
            result.skipped.append(Skipped(applicant, reasons or ["申报类别无效"]))
            continue
        if reasons and not force:
            result.skipped.append(Skipped(applicant, reasons))
            continue
        template = templates.get(applicant.category)
        data = template.render(applicant_context(batch, applicant), who=f"申报单位 {applicant}")
        path = output_path(Path(outdir), kind, applicant, names)
        atomic_write(path, data)
        result.written.append(path)
    return result
