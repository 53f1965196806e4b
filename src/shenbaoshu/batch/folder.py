"""The one write path into an output folder: every command that writes documents goes through it.

A file the tool wrote and nobody touched is replaced when its inputs change. A
file edited by hand is never overwritten (unless asked): the new version is
written beside it as “…（新版）”. Once the user has merged — the 新版 is gone
and the original changed — that version is accepted until the data or the
template changes again. A file that cannot be written is reported and the run
goes on.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.validate import Validation
from ..documents.plan import Job, Skipped
from ..errors import OutputError
from ..outputs.files import atomic_write, refuse_inputs
from ..workbook.model import Batch
from . import manifest
from .manifest import BuildLock, Entry, Manifest, Owner, digest, file_digest

REMOVED_DIR = "已移除"
NEW_VERSION = "（新版）"


@dataclass
class Account:
    """What a run did to its output folder."""

    validation: Validation | None = None
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_applicable: list[Skipped] = field(default_factory=list)
    preserved: list[tuple[Path, Path]] = field(default_factory=list)
    edited: list[Path] = field(default_factory=list)
    accepted: list[Path] = field(default_factory=list)
    overwritten: list[Path] = field(default_factory=list)
    removed: list[tuple[Path, Path | None]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    template_dir: Path | None = None


@dataclass(frozen=True)
class Planned:
    """An output with the hashes of what it is made from."""

    job: Job | None
    rel: str
    template: str
    template_hash: str
    data_hash: str

    def describe(self) -> str:
        """Return the output as progress displays show it, e.g. ``Z01 申报书``."""
        return f"{self.job.applicant.id} {self.job.kind.name}" if self.job else self.rel


TEMPLATE_FOLDER = "模板"


def template_folder(workbook: str | os.PathLike[str],
                    template_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the folder of the user's templates: `template_dir`, else ``模板`` beside the workbook, else None.

    ``shenbaoshu init`` makes that ``模板`` folder; using it by default means a
    forgotten ``--template-dir`` does not quietly switch back to the built-in
    templates. None means the built-in templates.
    """
    if template_dir is not None:
        return Path(template_dir)
    beside = Path(workbook).resolve().parent / TEMPLATE_FOLDER
    return beside if beside.is_dir() else None


def owner_of(batch: Batch) -> Owner:
    """Return the owner record of the folder a run on `batch` writes into."""
    return Owner(str(Path(batch.path).resolve()), batch.school, str(batch.info.get("批次名称", "") or ""))


class OutputFolder:
    """An output folder opened for one run: locked, its manifest loaded and claimed, saved on exit."""

    def __init__(self, out: str | os.PathLike[str], owner: Owner, *, overwrite: bool = False,
                 adopt: bool = False, inputs: tuple[str | os.PathLike[str], ...] = ()):
        self.out, self.owner, self.overwrite, self.adopt = Path(out), owner, overwrite, adopt
        self.inputs = inputs or (owner.workbook,)
        self.lock = BuildLock(self.out)
        self.manifest = Manifest(self.out)

    def __enter__(self) -> "OutputFolder":
        self.manifest.claim(self.owner, self.adopt)
        self.lock.__enter__()
        _clean_temporary_files(self.out)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.manifest.save_if_changed()
        finally:
            self.lock.__exit__()

    def up_to_date(self, plan: Planned, account: Account) -> bool:
        """Return True when `plan`'s file needs no new rendering, noting what was found in `account`."""
        entry = self.manifest.entries.get(plan.rel)
        path = self.out / plan.rel
        if not entry or not entry.inputs_match(plan.template_hash, plan.data_hash):
            return False
        current = file_digest(path)
        if current is None:
            return False  # deleted by the user: make it again
        if current == entry.output_hash:
            account.unchanged.append(path)
            return True
        if self.overwrite:
            return False  # edited by hand, and asked to overwrite
        if entry.pending_hash and current == entry.pending_hash:  # the 新版 was taken as it is
            entry.output_hash, entry.pending, entry.pending_hash, entry.accepted_hash = current, "", "", ""
            self.manifest.changed()
            account.accepted.append(path)
            return True
        pending = self.out / entry.pending if entry.pending else None
        if pending is not None and pending.is_file():
            account.preserved.append((path, pending))
        elif pending is not None or current != entry.accepted_hash:
            self._accept(entry, current, path, account)
        account.edited.append(path)
        return True

    def _accept(self, entry: Entry, current: str, path: Path, account: Account) -> None:
        """Accept the hand-edited file as the version of the current inputs (the user merged the 新版)."""
        if entry.pending:
            account.accepted.append(path)
        entry.pending, entry.accepted_hash = "", current
        self.manifest.changed()

    def settle(self, plan: Planned, data: bytes, account: Account) -> None:
        """Write one rendered output unless that would lose a hand edit; record it in the manifest."""
        try:
            self._settle(plan, data, account)
        except OutputError as exc:
            account.failed.append((self.out / plan.rel, str(exc)))

    def _settle(self, plan: Planned, data: bytes, account: Account) -> None:
        path, new_hash = self.out / plan.rel, digest(data)
        refuse_inputs(path, self.inputs)
        entry = self.manifest.entries.get(plan.rel)
        current = file_digest(path)
        ours = current is None or current == new_hash or (entry is not None and current == entry.output_hash)
        if ours or self.overwrite:
            if current == new_hash:
                account.unchanged.append(path)
            else:
                atomic_write(path, data)
                (account.written if ours else account.overwritten).append(path)
            self.manifest.entries[plan.rel] = new_entry(plan, new_hash)
        else:
            beside = path.with_name(f"{path.stem}{NEW_VERSION}{path.suffix}")
            if file_digest(beside) != new_hash:
                atomic_write(beside, data)
                account.written.append(beside)
            account.preserved.append((path, beside))
            kept = new_entry(plan, entry.output_hash if entry else "")
            kept.pending, kept.pending_hash = beside.relative_to(self.out).as_posix(), new_hash
            self.manifest.entries[plan.rel] = kept
        if plan.job is not None:
            account.counts[plan.job.kind.name] = account.counts.get(plan.job.kind.name, 0) + 1
        self.manifest.changed()

    def removed(self, present: set[str], planned: set[str], prune: bool, account: Account) -> None:
        """Report (and with `prune` move to 已移除/) outputs of applicants no longer in the workbook."""
        for rel, entry in sorted(self.manifest.entries.items()):
            if not entry.applicant or entry.applicant in present or rel in planned:
                continue
            target = self._move_away(rel, entry) if prune else None
            account.removed.append((self.out / rel, target))

    def _move_away(self, rel: str, entry: Entry) -> Path | None:
        target = None
        for name in filter(None, (rel, entry.pending)):
            source = self.out / name
            if source.exists():
                destination = self.out / REMOVED_DIR / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(source), str(destination))
                target = target or destination
        del self.manifest.entries[rel]
        self.manifest.changed()
        return target


def new_entry(plan: Planned, output_hash: str) -> Entry:
    """Return the manifest entry of `plan` written as a file whose hash is `output_hash`."""
    job = plan.job
    return Entry(job.applicant.id if job else "", job.kind.name if job else plan.rel, plan.template,
                 plan.template_hash, plan.data_hash, output_hash, manifest.VERSION)


def _clean_temporary_files(out: Path) -> None:
    """Remove temporary files a killed run may have left (never a finished output)."""
    if out.is_dir():
        for temp in out.rglob(".~*.tmp"):
            temp.unlink(missing_ok=True)
