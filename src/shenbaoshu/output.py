"""Safe output: file names users can open on Windows, and atomic writes."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import OutputError

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
MAX_NAME = 80
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
            *(f"LPT{i}" for i in range(1, 10))}


def safe_name(text: str, limit: int = MAX_NAME) -> str:
    """Return `text` usable as one file or folder name on Windows and Linux."""
    name = UNSAFE.sub("_", str(text))
    name = re.sub(r"\s+", " ", name).strip(" .")
    if name.upper() in RESERVED:
        name = f"_{name}"
    return name[:limit].rstrip(" .") or "未命名"


class NameBook:
    """Hand out unique file names within one run (case-insensitive, as on Windows)."""

    def __init__(self):
        self._taken: set[str] = set()

    def claim(self, folder: Path, stem: str, suffix: str) -> Path:
        """Return a path in `folder` for `stem` + `suffix` that no earlier claim holds."""
        candidate, number = stem, 1
        while str(folder / f"{candidate}{suffix}").lower() in self._taken:
            number += 1
            candidate = f"{stem}_{number}"
        path = folder / f"{candidate}{suffix}"
        self._taken.add(str(path).lower())
        return path


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file, so no half-written file is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {path}：{exc.strerror or exc}（文件是否正在 Word 或 WPS 中打开？）") from exc
