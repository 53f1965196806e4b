"""One command for the whole batch: check, every document, the summary, the check results.

A rebuild writes only what changed (see folder.py for how hand edits are kept
and manifest.py for what is recorded). Rendering is deterministic, so a file
written just before a run was killed is recognised as the tool's own on the
next run.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..checks.scheme import Scheme
from ..checks.validate import Validation, check_workbook
from ..documents.plan import Job, plan_documents
from ..documents.templates import Renderer
from ..documents.types import DOCUMENT_TYPES
from ..outputs import summary as summaries
from ..outputs.annotate import annotated_bytes
from ..outputs.reporting import report_lines
from ..outputs.summary import summary_files
from ..workbook.model import Batch
from .folder import Account, OutputFolder, Planned, owner_of, template_folder
from .manifest import data_digest, digest

BuildAccount = Account
Progress = Callable[[list[Planned]], Iterable[Planned]]


def build_batch(workbook: str | os.PathLike[str], out: str | os.PathLike[str], *,
                scheme: str | os.PathLike[str] | Scheme | None = None,
                template_dir: str | os.PathLike[str] | None = None, jobs: int = 1, overwrite: bool = False,
                prune: bool = False, force: bool = False, adopt: bool = False,
                progress: Progress | None = None) -> Account:
    """Check `workbook` and bring everything in `out` up to date; return the account.

    `scheme` overrides the scheme the workbook's 批次 sheet names; templates come
    from `template_dir`, else from a ``模板`` folder beside the workbook (as
    ``shenbaoshu init`` makes it), else the built-in ones; `jobs` > 1 renders in
    that many processes; a file edited by hand is never overwritten unless
    `overwrite`; `prune` moves the files of applicants no longer in the workbook
    to ``已移除/``; `force` renders documents that have 错误; `adopt` takes over
    an output folder that belongs to another workbook.
    """
    out = Path(out)
    batch, validation = check_workbook(workbook, scheme)
    templates = template_folder(workbook, template_dir)
    with OutputFolder(out, owner_of(batch), overwrite=overwrite, adopt=adopt) as folder:
        account = Account(validation=validation, template_dir=templates)
        planned_jobs, result = plan_documents(batch, out, ["all"], force=force, report=validation.report)
        account.skipped, account.not_applicable = result.skipped, result.not_applicable
        renderer = Renderer(batch, validation.scheme, templates)
        renderer.check_fields(planned_jobs)
        plans = plan_outputs(renderer, planned_jobs, out)
        stale = [p for p in plans if not folder.up_to_date(p, account)]
        for plan, data in _render_all(stale, renderer, workbook, validation.scheme, templates, jobs, progress):
            folder.settle(plan, data, account)
        _extras(Path(workbook), batch, validation, folder, account)
        folder.removed({a.id for a in batch.applicants}, {p.rel for p in plans}, prune, account)
        return account


def plan_outputs(renderer: Renderer, jobs: list[Job], out: Path) -> list[Planned]:
    """Return each job with the hashes of its template and of the data it is rendered from."""
    template_hashes: dict[Path, str] = {}
    plans = []
    for job in jobs:
        template = renderer.template_path(job)
        if template not in template_hashes:
            template_hashes[template] = digest(template.read_bytes())
        plans.append(Planned(job, job.path.relative_to(out).as_posix(), template.name, template_hashes[template],
                             data_digest([job.kind.name, renderer.context(job)])))
    return plans


def _render_all(plans: list[Planned], renderer: Renderer, workbook: str | os.PathLike[str],
                scheme: Scheme | None, template_dir: Path | None, jobs: int,
                progress: Progress | None) -> Iterator[tuple[Planned, bytes]]:
    """Yield (plan, bytes) for every plan, in parallel processes when `jobs` > 1."""
    wrap = progress or (lambda items: items)
    if jobs <= 1 or len(plans) < 2:
        for plan in wrap(plans):
            assert plan.job is not None
            yield plan, renderer.render(plan.job)
        return
    tasks = [(p.job.kind.name, p.job.applicant.id) for p in plans if p.job is not None]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(str(workbook), scheme, template_dir)) as pool:
        results = pool.map(_render_task, tasks, chunksize=max(1, len(tasks) // (jobs * 16)))
        yield from zip(wrap(plans), results)  # results arrive in order, as they are rendered


_WORKER: dict = {}


def _init_worker(workbook: str, scheme: Scheme | None, template_dir: Path | None) -> None:
    batch, validation = check_workbook(workbook, scheme)
    _WORKER["renderer"] = Renderer(batch, validation.scheme, template_dir)
    _WORKER["applicants"] = {a.id: a for a in batch.applicants}


def _render_task(task: tuple[str, str]) -> bytes:
    document, applicant = task
    job = Job(DOCUMENT_TYPES[document], _WORKER["applicants"][applicant], Path())
    return _WORKER["renderer"].render(job)


def _extras(workbook: Path, batch: Batch, validation: Validation, folder: OutputFolder,
            account: Account) -> None:
    """Bring the summary and the check results up to date, with the same care as documents.

    The summary is made only when its inputs changed: the workbook's bytes, the
    scheme, the reference date and the day (its 填报日期).
    """
    problems = [p.to_dict() for p in validation.report.problems]
    text = "\n".join(report_lines(workbook.name, batch, validation)) + "\n"
    source_hash = digest(workbook.read_bytes())
    inputs = [source_hash, repr(validation.scheme), validation.reference.isoformat(), summaries.today().isoformat()]
    made: dict[str, bytes] = {}

    def summary(suffix: str) -> bytes:
        if not made:
            made.update(summary_files(batch, validation)[0])
        return made[suffix]

    extras = {
        "校验结果.txt": (data_digest(text), lambda: text.encode("utf-8")),
        "校验结果-标注.xlsx": (data_digest([source_hash, problems]),
                            lambda: annotated_bytes(workbook, validation.report.problems)),
        "申报汇总表.xlsx": (data_digest(["xlsx", *inputs]), lambda: summary(".xlsx")),
        "申报汇总表.docx": (data_digest(["docx", *inputs]), lambda: summary(".docx")),
    }
    for rel, (data_hash, produce) in extras.items():
        plan = Planned(None, rel, "", "", data_hash)
        if not folder.up_to_date(plan, account):
            folder.settle(plan, produce(), account)
