"""Templates: the user's copy when there is one, else the built-in one; each prepared once per run."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from ..checks.scheme import Scheme
from ..errors import TemplateError
from ..resources import default_template_dir
from ..workbook.model import Batch
from .plan import Job
from .render import PreparedTemplate, make_environment
from .types import DocumentType


def find_template(document: DocumentType, category: str,
                  template_dir: str | os.PathLike[str] | None = None) -> Path:
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

    def __init__(self, template_dir: str | os.PathLike[str] | None = None):
        self.template_dir = template_dir
        self.env = make_environment()
        self._prepared: dict[Path, PreparedTemplate] = {}

    def get(self, document: DocumentType, category: str) -> PreparedTemplate:
        """Return the prepared template of `document` for `category`."""
        path = find_template(document, category, self.template_dir)
        if path not in self._prepared:
            self._prepared[path] = PreparedTemplate(path, self.env)
        return self._prepared[path]


class Renderer:
    """Render jobs of one batch, each template prepared once."""

    def __init__(self, batch: Batch, scheme: Scheme | None = None,
                 template_dir: str | os.PathLike[str] | None = None):
        self.batch, self.scheme = batch, scheme
        self.templates = TemplateSet(template_dir)

    def template_path(self, job: Job) -> Path:
        """Return the template file `job` is rendered from."""
        return find_template(job.kind, job.applicant.category, self.templates.template_dir)

    def context(self, job: Job) -> dict:
        """Return the values `job`'s template sees."""
        return job.kind.context(self.batch, job.applicant, self.scheme)

    def check_fields(self, jobs: list[Job]) -> None:
        """Raise TemplateError, before anything is written, when a template uses a field its documents lack.

        A misspelt field is a mistake in the template, not in one applicant's
        data: it is reported once, with the nearest field name, instead of
        stopping a run half-way.
        """
        seen: set[Path] = set()
        for job in jobs:
            path = self.template_path(job)
            if path in seen:
                continue
            seen.add(path)
            template = self.templates.get(job.kind, job.applicant.category)
            known = set(self.context(job)) | set(template.env.globals)
            unknown = sorted(template.fields() - known)
            if unknown:
                close = difflib.get_close_matches(unknown[0], sorted(known), 1)
                hint = f"（是不是“{close[0]}”？）" if close else ""
                raise TemplateError(
                    f"模板「{path.name}」使用了字段「{unknown[0]}」{hint}，工作簿中没有这个字段：请改正模板中的拼写"
                    "（shenbaoshu template check 可以先检查模板），或在工作簿中增加这一列；还没有写出任何文件")

    def render(self, job: Job) -> bytes:
        """Return the .docx bytes of `job`."""
        template = self.templates.get(job.kind, job.applicant.category)
        return template.render(self.context(job), who=f"申报单位 {job.applicant}")
