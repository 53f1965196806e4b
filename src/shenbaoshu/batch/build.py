"""One command for the whole batch: check, every document, the summary, the check results.

A rebuild writes only what changed. OUT/.shenbaoshu/manifest.json records, per
output, the hashes of its template and of the data it was rendered from, the
tool version, and the hash of the file as written. An output whose file no
longer matches that hash was edited by hand: build never overwrites it, but
writes the new version beside it as “…（新版）” (unless `overwrite`).
Rendering is deterministic, so a file written just before a build was killed
is recognised as the build's own on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..checks.scheme import Scheme
from ..checks.validate import Validation, check_workbook
from ..documents.plan import Job, Skipped, plan_documents
from ..documents.templates import Renderer
from ..documents.types import DOCUMENT_TYPES
from ..errors import ShenbaoshuError
from ..outputs.annotate import annotated_bytes
from ..outputs.files import atomic_write
from ..outputs.reporting import report_lines
from ..outputs.summary import summary_files
from ..resources import VERSION

STATE_DIR = ".shenbaoshu"
REMOVED_DIR = "已移除"
NEW_VERSION = "（新版）"


class BuildLocked(ShenbaoshuError):
    """Another build is writing the same output folder."""


def digest(data: bytes) -> str:
    """Return the SHA-256 of `data` as hex."""
    return hashlib.sha256(data).hexdigest()


def data_digest(value) -> str:
    """Return a stable hash of JSON-like `value` (dict order does not matter)."""
    return digest(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))


def file_digest(path: Path) -> str | None:
    """Return the hash of the file at `path`, or None when there is none."""
    return digest(path.read_bytes()) if path.is_file() else None


@dataclass
class Entry:
    """What the manifest knows of one output."""

    applicant: str
    document: str
    template: str
    template_hash: str
    data_hash: str
    output_hash: str
    version: str = VERSION
    pending: str = ""

    def inputs_match(self, template_hash: str, data_hash: str) -> bool:
        return (self.template_hash, self.data_hash, self.version) == (template_hash, data_hash, VERSION)


class Manifest:
    """OUT/.shenbaoshu/manifest.json, written atomically at most once a second and at the end.

    A file written after the last save is still recognised on the next build,
    because rendering the same inputs gives the same bytes.
    """

    SAVE_INTERVAL = 1.0

    def __init__(self, out: Path):
        self.path = out / STATE_DIR / "manifest.json"
        self.entries: dict[str, Entry] = {}
        self._saved_at, self._dirty = time.monotonic(), False
        if self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.entries = {k: Entry(**v) for k, v in data.get("outputs", {}).items()}
            except (ValueError, TypeError) as exc:
                raise ShenbaoshuError(f"清单文件 {self.path} 已损坏（{exc}）：请删除它后重新运行，"
                                      "已有文件将被视为手工修改过而保留") from exc

    def changed(self) -> None:
        """Note a change; save when the last save is more than a second old."""
        self._dirty = True
        if time.monotonic() - self._saved_at >= self.SAVE_INTERVAL:
            self.save()

    def save(self) -> None:
        data = {"tool_version": VERSION, "outputs": {k: asdict(v) for k, v in sorted(self.entries.items())}}
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        self._saved_at, self._dirty = time.monotonic(), False

    def save_if_changed(self) -> None:
        if self._dirty:
            self.save()


class BuildLock:
    """An exclusive lock on an output folder, released on exit; a dead owner's lock is taken over."""

    def __init__(self, out: Path):
        self.path = out / STATE_DIR / "lock"

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                owner = self._owner()
                if owner and _alive(owner):
                    raise BuildLocked(f"输出文件夹 {self.path.parent.parent} 正由另一个 shenbaoshu build"
                                      f"（进程 {owner}）使用，请等它结束后再运行") from None
                self.path.unlink(missing_ok=True)  # left by a build that was killed
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            return self
        raise BuildLocked(f"无法锁定输出文件夹 {self.path.parent.parent}")

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)

    def _owner(self) -> int | None:
        try:
            return int(self.path.read_text().strip() or 0) or None
        except (OSError, ValueError):
            return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class BuildAccount:
    """What a build did."""

    validation: Validation | None = None
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_applicable: list[Skipped] = field(default_factory=list)
    preserved: list[tuple[Path, Path]] = field(default_factory=list)
    edited: list[Path] = field(default_factory=list)
    overwritten: list[Path] = field(default_factory=list)
    removed: list[tuple[Path, Path | None]] = field(default_factory=list)


@dataclass(frozen=True)
class Planned:
    """An output with the hashes of what it is made from."""

    job: Job | None
    rel: str
    template: str
    template_hash: str
    data_hash: str


def build_batch(workbook: str | os.PathLike[str], out: str | os.PathLike[str], *,
                scheme: str | os.PathLike[str] | Scheme | None = None, template_dir: str | os.PathLike[str] | None = None,
                jobs: int = 1, overwrite: bool = False, prune: bool = False, force: bool = False,
                progress: Callable[[list], Iterable] | None = None) -> BuildAccount:
    """Check `workbook` and bring everything in `out` up to date; return the account.

    `scheme` overrides the scheme the workbook's 批次 sheet names; `jobs` > 1
    renders in that many processes; a file edited by hand is never overwritten
    unless `overwrite`; `prune` moves the files of applicants no longer in the
    workbook to ``已移除/``; `force` renders documents that have 错误.
    """
    out = Path(out)
    with BuildLock(out):
        _clean_temporary_files(out)
        batch, validation = check_workbook(workbook, scheme)
        account, manifest = BuildAccount(validation=validation), Manifest(out)
        planned_jobs, result = plan_documents(batch, out, ["all"], force=force, report=validation.report)
        account.skipped, account.not_applicable = result.skipped, result.not_applicable
        renderer = Renderer(batch, validation.scheme, template_dir)
        template_hashes: dict[Path, str] = {}
        plans = [_plan(renderer, job, out, template_hashes) for job in planned_jobs]
        stale = [p for p in plans if not _up_to_date(p, manifest, out, account)]
        try:
            for plan, data in _render_all(stale, renderer, workbook, scheme, template_dir, jobs, progress):
                _settle(plan, data, out, manifest, account, overwrite)
            _extras(workbook, batch, validation, out, manifest, account, overwrite)
            _removed(batch, {p.rel for p in plans}, out, manifest, account, prune)
        finally:
            manifest.save_if_changed()
        return account


def _plan(renderer: Renderer, job: Job, out: Path, template_hashes: dict) -> Planned:
    template = renderer.template_path(job)
    if template not in template_hashes:
        template_hashes[template] = digest(template.read_bytes())
    return Planned(job, job.path.relative_to(out).as_posix(), template.name, template_hashes[template],
                   data_digest([job.kind.name, renderer.context(job)]))


def _up_to_date(plan: Planned, manifest: Manifest, out: Path, account: BuildAccount) -> bool:
    entry = manifest.entries.get(plan.rel)
    path = out / plan.rel
    if not entry or not entry.inputs_match(plan.template_hash, plan.data_hash):
        return False
    current = file_digest(path)
    if current == entry.output_hash:
        account.unchanged.append(path)
        return True
    if current is not None and entry.output_hash:  # edited by hand, and nothing new to merge
        account.edited.append(path)
        if entry.pending and (out / entry.pending).is_file():
            account.preserved.append((path, out / entry.pending))
        return True
    return False


def _render_all(plans, renderer, workbook, scheme, template_dir, jobs, progress):
    """Yield (plan, bytes) for every plan, in parallel processes when `jobs` > 1."""
    wrap = progress or (lambda items: items)
    if jobs <= 1 or len(plans) < 2:
        for plan in wrap(plans):
            yield plan, renderer.render(plan.job)
        return
    tasks = [(p.job.kind.name, p.job.applicant.id) for p in plans]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(str(workbook), scheme, template_dir)) as pool:
        results = pool.map(_render_task, tasks, chunksize=max(1, len(tasks) // (jobs * 16)))
        yield from zip(wrap(plans), results)  # results arrive in order, as they are rendered


_WORKER: dict = {}


def _init_worker(workbook: str, scheme, template_dir) -> None:
    batch, validation = check_workbook(workbook, scheme)
    _WORKER["renderer"] = Renderer(batch, validation.scheme, template_dir)
    _WORKER["applicants"] = {a.id: a for a in batch.applicants}


def _render_task(task) -> bytes:
    document, applicant = task
    job = Job(DOCUMENT_TYPES[document], _WORKER["applicants"][applicant], Path())
    return _WORKER["renderer"].render(job)


def _settle(plan: Planned, data: bytes, out: Path, manifest: Manifest, account: BuildAccount,
            overwrite: bool) -> None:
    """Write one rendered output unless that would lose a hand edit; record it."""
    path, new_hash = out / plan.rel, digest(data)
    entry = manifest.entries.get(plan.rel)
    current = file_digest(path)
    ours = current is None or current == new_hash or (entry is not None and current == entry.output_hash)
    if ours or overwrite:
        if current == new_hash:
            account.unchanged.append(path)
        else:
            atomic_write(path, data)
            (account.overwritten if not ours else account.written).append(path)
        manifest.entries[plan.rel] = _entry(plan, new_hash)
    else:
        beside = path.with_name(f"{path.stem}{NEW_VERSION}{path.suffix}")
        if file_digest(beside) != new_hash:
            atomic_write(beside, data)
        account.preserved.append((path, beside))
        kept = entry or _entry(plan, "")
        kept.pending = beside.relative_to(out).as_posix()
        manifest.entries[plan.rel] = kept
    manifest.changed()


def _entry(plan: Planned, output_hash: str) -> Entry:
    job = plan.job
    return Entry(job.applicant.id if job else "", job.kind.name if job else plan.rel, plan.template,
                 plan.template_hash, plan.data_hash, output_hash, VERSION)


def _extras(workbook, batch, validation: Validation, out: Path, manifest: Manifest,
            account: BuildAccount, overwrite: bool) -> None:
    """Bring the summary and the check results up to date, with the same care as documents."""
    problems = [p.to_dict() for p in validation.report.problems]
    text = "\n".join(report_lines(Path(workbook).name, batch, validation)) + "\n"
    summary, table = summary_files(batch, validation)
    source_hash = digest(Path(workbook).read_bytes())
    extras = {
        "校验结果.txt": (data_digest(text), lambda: text.encode("utf-8")),
        "校验结果-标注.xlsx": (data_digest([source_hash, problems]),
                            lambda: annotated_bytes(workbook, validation.report.problems)),
        "申报汇总表.xlsx": (data_digest(["xlsx", table]), lambda: summary[".xlsx"]),
        "申报汇总表.docx": (data_digest(["docx", table]), lambda: summary[".docx"]),
    }
    for rel, (data_hash, produce) in extras.items():
        plan = Planned(None, rel, "", "", data_hash)
        if not _up_to_date(plan, manifest, out, account):
            _settle(plan, produce(), out, manifest, account, overwrite)


def _removed(batch, planned: set[str], out: Path, manifest: Manifest, account: BuildAccount,
             prune: bool) -> None:
    """Report (and with `prune` move to 已移除/) outputs of applicants no longer in the workbook."""
    present = {a.id for a in batch.applicants}
    for rel, entry in sorted(manifest.entries.items()):
        if not entry.applicant or entry.applicant in present or rel in planned:
            continue
        path = out / rel
        target = None
        if prune:
            for name in filter(None, (rel, entry.pending)):
                source = out / name
                if source.exists():
                    destination = out / REMOVED_DIR / name
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(source), str(destination))
                    target = target or destination
            del manifest.entries[rel]
            manifest.changed()
        account.removed.append((path, target))


def _clean_temporary_files(out: Path) -> None:
    """Remove temporary files a killed run may have left (never a finished output)."""
    for temp in out.rglob(".~*.tmp"):
        temp.unlink(missing_ok=True)
