"""Output file names users can open on Windows and Linux, unique within a run."""

from __future__ import annotations

import re
from pathlib import Path

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
