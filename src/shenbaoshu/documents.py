"""Generate documents: each document type is declared once; templates prepared once per run."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from . import context as contexts
from . import schema
from .errors import ShenbaoshuError, TemplateError
from .model import Applicant, Batch
from .output import NameBook, atomic_write, safe_name
from .problems import Problem, Report
from .render import PreparedTemplate, make_environment
from .scheme import Item

BENCHMARKED = ("标杆院系", "样板支部", "双带头人工作室")


@dataclass(frozen=True)
class DocumentType:
    """A kind of document: its template, the data it needs, the sections it must have.

    The template is ``<name>_<类别>.docx`` when `per_category`, else ``<name>.docx``
    (a user's folder may still hold a ``<name>_<类别>.docx`` for one category).
    A document applies to an applicant of one of `categories` that has a row
    in `source` (when set).
    """

    name: str
    aliases: tuple[str, ...]
    description: str
    build_context: Callable
    categories: tuple[str, ...] = schema.CATEGORIES
    source: str = ""
    per_category: bool = False
    sections: tuple[Item, ...] = ()
    may_be_empty: tuple[str, ...] = ()
    title_words: tuple[str, ...] = ()

    def template_names(self, category: str) -> list[str]:
        """Return the template file names to look for, most specific first."""
        names = [template_name(self.name, category)]
        return names if self.per_category else names + [f"{self.name}.docx"]

    def applies_to(self, applicant: Applicant) -> str:
        """Return why the document does not apply to `applicant`, or "" when it does."""
        if not applicant.category:
            return "申报类别无效"
        if applicant.category not in self.categories:
            return f"{applicant.category}没有{self.name}"
        if self.source and not applicant.rows(self.source):
            return f"“{self.source}”表中没有它的数据"
        return ""


def sections(*specs) -> tuple[Item, ...]:
    """Return section declarations from ("名称", "别称", …) tuples."""
    return tuple(Item(spec[0], tuple(spec[1:])) for spec in specs)


DOCUMENTS = (
    DocumentType("申报书", ("shenbaoshu", "application"), "各类别的创建申报书（创新项目为申报表）",
                 contexts.applicant_context, per_category=True,
                 sections=sections(
                     ("基本情况", "单位概况", "支部概况", "院系概况"),
                     ("近三年所获荣誉", "所获荣誉", "近三年获得荣誉", "荣誉情况"),
                     ("工作基础", "党建工作基础和成功做法", "党建工作基础", "工作基础和已有成效", "成功做法"),
                     ("特色做法", "特色做法和经验", "特色经验", "工作室特色和创新点", "项目内容和创新点"),
                     ("建设目标", "项目目标", "目标任务"),
                     ("实施计划", "建设计划", "工作计划"),
                     ("预期成果", "预期效果"),
                     ("经费预算", "经费预算表"),
                     ("所在党组织意见", "推荐意见", "二级党组织意见"),
                     ("学校党委意见", "校党委意见")),
                 may_be_empty=("学校党委意见",), title_words=("申报书", "申报表")),
    DocumentType("自查报告", ("zicha", "self-check"), "对照五个到位、七个有力等对标项目逐项自查",
                 contexts.self_check_context, BENCHMARKED, schema.SELF_CHECK.name,
                 sections=sections(("基本情况", "基本概况"), ("对标自查情况", "自查情况", "对标情况"),
                                   ("存在问题和整改措施", "存在问题及整改措施", "问题和整改")),
                 title_words=("自查报告", "自查")),
    DocumentType("中期报告", ("zhongqi", "interim"), "阶段工作总结和成果报告（建设进展报告）",
                 contexts.interim_context, source=schema.INTERIM.name,
                 sections=sections(("基础工作情况", "基础工作", "工作基础情况"),
                                   ("建设推进情况", "推进情况", "建设进展情况", "建设进展"),
                                   ("工作特色与创新", "特色与创新", "工作特色和创新", "工作特色"),
                                   ("阶段成果", "阶段性成果", "建设成果"), ("存在问题", "存在的问题", "问题与不足"),
                                   ("下一步措施", "下一步工作", "下一步打算", "下一步工作措施")),
                 title_words=("中期报告", "阶段工作总结", "进展报告", "成果报告")),
    DocumentType("验收申请书", ("yanshou", "acceptance"), "工作验收申请书：任务完成、成果清单、满意度测评、负面清单",
                 contexts.acceptance_context, source=schema.ACCEPTANCE.name,
                 sections=sections(("任务完成概况", "任务完成情况", "重点任务完成情况"),
                                   ("重要举措落实", "重要举措落实情况", "举措落实情况"),
                                   ("示范作用发挥", "示范作用发挥情况", "示范作用"),
                                   ("建设成果清单", "成果清单", "建设成果"), ("满意度测评", "满意度测评情况", "测评结果"),
                                   ("负面清单自查", "负面清单自查情况", "负面清单核查")),
                 may_be_empty=("学校党委验收意见",), title_words=("验收申请书", "验收")),
    DocumentType("典型案例", ("anli", "case"), "典型案例：基本情况、主要做法、工作成效、工作启示",
                 contexts.case_context, source=schema.CASE.name,
                 sections=sections(("基本情况", "背景", "基本概况"), ("主要做法", "做法", "具体做法"),
                                   ("工作成效", "成效", "取得成效", "主要成效"), ("工作启示", "启示", "经验启示")),
                 title_words=("典型案例", "案例")),
)
# Documents written by hand that `inspect` checks but the tool does not generate.
INSPECT_ONLY = (
    DocumentType("总结报告", ("zongjie", "final-report"), "建设期满的工作总结报告", contexts.applicant_context,
                 sections=sections(("主要做法", "工作开展情况", "建设情况", "主要工作"),
                                   ("工作成效", "主要成效", "建设成效", "取得成效"),
                                   ("存在问题", "存在的问题", "问题与不足"),
                                   ("下一步措施", "下一步工作", "下一步打算")),
                 title_words=("总结报告", "工作总结")),
)
DOCUMENT_TYPES = {d.name: d for d in DOCUMENTS}


def document_types(names: Iterable[str]) -> list[DocumentType]:
    """Return the document types named (Chinese name, alias, or ``all``), in declaration order."""
    wanted = set()
    for name in names:
        key = str(name).strip().lower()
        if key == "all":
            return list(DOCUMENTS)
        found = [d for d in DOCUMENTS if key == d.name or key in d.aliases]
        if not found:
            choices = "、".join(f"{d.name}（{d.aliases[0]}）" for d in DOCUMENTS)
            raise ShenbaoshuError(f"没有“{name}”这种文档；可选：{choices}、all")
        wanted.add(found[0].name)
    return [d for d in DOCUMENTS if d.name in wanted]


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


def template_name(document: str, category: str) -> str:
    """Return the file name of the `document` template for `category`."""
    return f"{document}_{category}.docx"


def default_template_dir() -> Path:
    """Return the folder of the templates shipped with the package."""
    shipped = Path(str(resources.files("shenbaoshu").joinpath("templates")))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "templates"  # running from a source checkout


def bundled_sample() -> Path:
    """Return the sample workbook shipped with the package."""
    shipped = Path(str(resources.files("shenbaoshu").joinpath("data", "示例申报.xlsx")))
    if shipped.is_file():
        return shipped
    return Path(__file__).resolve().parents[2] / "samples" / "示例申报.xlsx"  # a source checkout


def find_template(document: DocumentType, category: str, template_dir=None) -> Path:
    """Return the template for `category`: the user's copy if it exists, else the default."""
    names = document.template_names(category)
    if template_dir is not None:
        folder = Path(template_dir)
        if not folder.is_dir():
            raise TemplateError(f"模板文件夹不存在：{folder}")
        for name in names:
            if (folder / name).is_file():
                return folder / name
    for name in names:
        if (default_template_dir() / name).is_file():
            return default_template_dir() / name
    raise TemplateError(f"找不到模板 {names[-1]}（在 {default_template_dir()} 中）")


class TemplateSet:
    """Templates, each read and prepared at most once per run."""

    def __init__(self, template_dir=None):
        self.template_dir = template_dir
        self.env = make_environment()
        self._prepared: dict[Path, PreparedTemplate] = {}

    def get(self, document: DocumentType, category: str) -> PreparedTemplate:
        """Return the prepared template of `document` for `category`."""
        path = find_template(document, category, self.template_dir)
        if path not in self._prepared:
            self._prepared[path] = PreparedTemplate(path, self.env)
        return self._prepared[path]


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


class Renderer:
    """Render jobs of one batch, each template prepared once."""

    def __init__(self, batch: Batch, scheme=None, template_dir=None):
        self.batch, self.scheme = batch, scheme
        self.templates = TemplateSet(template_dir)

    def template_path(self, job: Job) -> Path:
        """Return the template file `job` is rendered from."""
        return find_template(job.kind, job.applicant.category, self.templates.template_dir)

    def context(self, job: Job) -> dict:
        """Return the values `job`'s template sees."""
        return job.kind.build_context(self.batch, job.applicant, self.scheme)

    def render(self, job: Job) -> bytes:
        """Return the .docx bytes of `job`."""
        template = self.templates.get(job.kind, job.applicant.category)
        return template.render(self.context(job), who=f"申报单位 {job.applicant}")


def render_documents(batch: Batch, outdir, *, documents: Iterable[str] = ("申报书",), only=None,
                     template_dir=None, force: bool = False, report: Report | None = None,
                     scheme=None, progress: Callable[[list], Iterable] | None = None) -> GenerateResult:
    """Render `documents` for the applicants of `batch` into `outdir`.

    A document with a 错误 in `report` (by default the problems found while
    reading; pass a validation report to apply a scheme's rules too) is
    skipped unless `force`; `progress` may wrap the list of work (e.g. in a
    progress bar).
    """
    jobs, result = plan_documents(batch, outdir, documents, only, force, report)
    renderer = Renderer(batch, scheme, template_dir)
    for job in (progress or list)(jobs):
        atomic_write(job.path, renderer.render(job))
        result.written.append(job.path)
        result.counts[job.kind.name] = result.counts.get(job.kind.name, 0) + 1
    return result
