"""What the tool knows of an output folder: OUT/.shenbaoshu/manifest.json, and the folder's lock.

Per output the manifest records the hashes of its template and of the data it
was rendered from, the tool version, the hash of the file as the tool wrote
it, a pending “（新版）” beside it when the user edited the file by hand, and
the hash of a hand-edited version the user settled on. It also records which
workbook the folder belongs to, so that a run from the wrong folder does not
mix two batches.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import ShenbaoshuError
from ..outputs.files import atomic_write, make_folder
from ..resources import VERSION

STATE_DIR = ".shenbaoshu"


class BuildLocked(ShenbaoshuError):
    """Another run is writing the same output folder."""


class ForeignFolder(ShenbaoshuError):
    """The output folder belongs to another workbook."""


def digest(data: bytes) -> str:
    """Return the SHA-256 of `data` as hex."""
    return hashlib.sha256(data).hexdigest()


def data_digest(value: Any) -> str:
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
    version: str = ""
    pending: str = ""
    pending_hash: str = ""
    accepted_hash: str = ""

    def inputs_match(self, template_hash: str, data_hash: str) -> bool:
        """Return True when the output was made from these inputs by this version of the tool."""
        return (self.template_hash, self.data_hash, self.version) == (template_hash, data_hash, VERSION)


@dataclass(frozen=True)
class Owner:
    """The workbook an output folder belongs to: its path and its 学校名称 and 批次名称."""

    workbook: str
    school: str
    batch: str

    def same_batch(self, other: "Owner") -> bool:
        """Return True when `other` is the same workbook, or a moved copy of the same batch."""
        return self.workbook == other.workbook or (bool(self.school or self.batch)
                                                   and (self.school, self.batch) == (other.school, other.batch))

    def describe(self) -> str:
        return f"{Path(self.workbook).name}（{self.school}{self.batch}）"


class Manifest:
    """OUT/.shenbaoshu/manifest.json, written atomically at most once a second and at the end.

    A file written after the last save is still recognised on the next run,
    because rendering the same inputs gives the same bytes.
    """

    SAVE_INTERVAL = 1.0

    def __init__(self, out: Path):
        self.path = Path(out) / STATE_DIR / "manifest.json"
        self.entries: dict[str, Entry] = {}
        self.owner: Owner | None = None
        self._saved_at, self._dirty = time.monotonic(), False
        if self.path.is_file():
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            outputs = data["outputs"]
            known = {f.name for f in fields(Entry)}
            self.entries = {str(k): Entry(**{n: str(v[n]) for n in known if n in v}) for k, v in outputs.items()}
            self.owner = Owner(**data["owner"]) if data.get("owner") else None
        except (ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError) as exc:
            raise ShenbaoshuError(
                f"清单文件 {self.path} 已损坏或不是本工具写的（{type(exc).__name__}）：请删除它后重新运行，"
                "文件夹中已有的文件将被视为手工修改过而保留") from exc

    def claim(self, owner: Owner, adopt: bool = False) -> None:
        """Record that the folder belongs to `owner`; refuse a folder of another batch unless `adopt`."""
        if self.owner is not None and not self.owner.same_batch(owner) and not adopt:
            raise ForeignFolder(
                f"输出文件夹 {self.path.parent.parent} 属于另一个工作簿 {self.owner.describe()}，"
                f"不是 {owner.describe()}：请换一个输出文件夹；确实要改用这个文件夹时加 --adopt")
        if self.owner != owner:
            self.owner = owner
            self._dirty = True

    def changed(self) -> None:
        """Note a change; save when the last save is more than a second old."""
        self._dirty = True
        if time.monotonic() - self._saved_at >= self.SAVE_INTERVAL:
            self.save()

    def save(self) -> None:
        data = {"tool_version": VERSION, "owner": asdict(self.owner) if self.owner else None,
                "outputs": {k: asdict(v) for k, v in sorted(self.entries.items())}}
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        self._saved_at, self._dirty = time.monotonic(), False

    def save_if_changed(self) -> None:
        if self._dirty:
            self.save()


class BuildLock:
    """An exclusive lock on an output folder, released on exit; a dead owner's lock is taken over."""

    def __init__(self, out: Path):
        self.path = Path(out) / STATE_DIR / "lock"

    def __enter__(self) -> "BuildLock":
        make_folder(self.path.parent)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                owner = self._owner()
                if owner and _alive(owner):
                    raise BuildLocked(f"输出文件夹 {self.path.parent.parent} 正由另一个 shenbaoshu build"
                                      f"（进程 {owner}）使用，请等它结束后再运行") from None
                self.path.unlink(missing_ok=True)  # left by a run that was killed
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            return self
        raise BuildLocked(f"无法锁定输出文件夹 {self.path.parent.parent}")

    def __exit__(self, *exc: object) -> None:
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
