"""Write documents for the applicants of a batch into a folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from ..checks.validate import Validation, select_scheme, validate
from ..documents.plan import GenerateResult, Job, plan_documents
from ..documents.templates import Renderer
from ..outputs.files import atomic_write
from ..workbook.model import Batch

Progress = Callable[[list[Job]], Iterable[Job]]


def render_documents(batch: Batch, outdir: str | os.PathLike[str], *, validation: Validation | None = None,
                     documents: Iterable[str] = ("申报书",), only: Iterable[str] | None = None,
                     template_dir: str | os.PathLike[str] | None = None, force: bool = False,
                     progress: Progress | None = None) -> GenerateResult:
    """Render `documents` for the applicants of `batch` into `outdir`; return what was written and skipped.

    `validation` is the result of :func:`shenbaoshu.validate`: its scheme supplies
    the 对标 items, deliverables and labels the documents show, and a document
    with a 错误 in its report is skipped unless `force`. Without it, the batch is
    validated against the scheme its 批次 sheet names. `progress` may wrap the
    list of work (e.g. in a progress bar).
    """
    if validation is None:
        validation = validate(batch, select_scheme(batch))
    jobs, result = plan_documents(batch, Path(outdir), documents, only, force, validation.report)
    renderer = Renderer(batch, validation.scheme, template_dir)
    for job in (progress or list)(jobs):
        atomic_write(job.path, renderer.render(job))
        result.written.append(job.path)
        result.counts[job.kind.name] = result.counts.get(job.kind.name, 0) + 1
    return result
