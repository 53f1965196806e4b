"""Write chosen documents for the applicants of a batch into a folder, through the one write path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from ..checks.validate import Validation, select_scheme, validate
from ..documents.plan import plan_documents
from ..documents.templates import Renderer
from ..workbook.model import Batch
from .build import plan_outputs
from .folder import Account, OutputFolder, Planned, owner_of, template_folder

Progress = Callable[[list[Planned]], Iterable[Planned]]


def render_documents(batch: Batch, outdir: str | os.PathLike[str], *, validation: Validation | None = None,
                     documents: Iterable[str] = ("申报书",), only: Iterable[str] | None = None,
                     template_dir: str | os.PathLike[str] | None = None, force: bool = False,
                     overwrite: bool = False, adopt: bool = False,
                     progress: Progress | None = None) -> Account:
    """Render `documents` for the applicants of `batch` into `outdir`; return what was written and skipped.

    `validation` is the result of :func:`shenbaoshu.validate`: its scheme supplies
    the 对标 items, deliverables and labels the documents show, and a document
    with a 错误 in its report is skipped unless `force`. Without it, the batch is
    validated against the scheme its 批次 sheet names. Files go through the same
    write path as ``build``: unchanged files are not rewritten and a file edited
    by hand is kept, with the new version beside it (unless `overwrite`).
    Templates come from `template_dir`, else a ``模板`` folder beside the
    workbook, else the built-in ones. `progress` may wrap the list of work.
    """
    if validation is None:
        validation = validate(batch, select_scheme(batch))
    out = Path(outdir)
    templates = template_folder(batch.path, template_dir)
    with OutputFolder(out, owner_of(batch), overwrite=overwrite, adopt=adopt) as folder:
        account = Account(validation=validation, template_dir=templates)
        jobs, planned = plan_documents(batch, out, documents, only, force, validation.report)
        account.skipped, account.not_applicable = planned.skipped, planned.not_applicable
        renderer = Renderer(batch, validation.scheme, templates)
        renderer.check_fields(jobs)
        plans = plan_outputs(renderer, jobs, out)
        stale = [p for p in plans if not folder.up_to_date(p, account)]
        for plan in (progress or list)(stale):
            assert plan.job is not None
            folder.settle(plan, renderer.render(plan.job), account)
        return account
