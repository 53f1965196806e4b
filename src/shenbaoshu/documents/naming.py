"""Output file names users can open on Windows and Linux, unique within a run."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
MAX_NAME = 80
# A name may be at most 255 bytes on Linux: ext4 and most others count UTF-8 bytes, so a Chinese
# character uses 3 and an emoji or a rare character such as 𠀀 uses 4. A name is therefore never longer
# in bytes than `limit` Chinese characters, and never longer than MAX_NAME_BYTES. The 70-character
# stems of documents (210 bytes) leave room for what is added to them: "_验收申请书" (16 bytes), a
# de-duplication number "_99" (3), "（新版）" (12) and ".docx" (5).
BYTES_PER_CHARACTER = 3
MAX_NAME_BYTES = 240
JOINERS = "\u200c\u200d"  # zero-width (non-)joiners: meaningless at the end of a cut name
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
            *(f"LPT{i}" for i in range(1, 10))}


def safe_name(text: str, limit: int = MAX_NAME, byte_limit: int | None = None) -> str:
    """Return `text` usable as one file or folder name on Windows and Linux.

    The name has at most `limit` characters and `byte_limit` bytes in UTF-8
    (by default as many as `limit` Chinese characters take, at most
    MAX_NAME_BYTES), and is never cut inside a character (nor between a
    character and a mark that belongs to it, nor just after a joiner).
    """
    if byte_limit is None:
        byte_limit = min(BYTES_PER_CHARACTER * limit, MAX_NAME_BYTES)
    name = UNSAFE.sub("_", str(text))
    name = re.sub(r"\s+", " ", name).strip(" .")
    if name.upper() in RESERVED:
        name = f"_{name}"
    return shorten(name, limit, byte_limit).rstrip(" .") or "未命名"


def shorten(name: str, limit: int, byte_limit: int) -> str:
    """Return the longest start of `name` within `limit` characters and `byte_limit` UTF-8 bytes."""
    cut, size = 0, 0
    for char in name[:limit]:
        size += len(char.encode("utf-8", "surrogatepass"))
        if size > byte_limit:
            break
        cut += 1
    if cut == len(name):
        return name
    while cut and (unicodedata.combining(name[cut]) or "\ufe00" <= name[cut] <= "\ufe0f"):
        cut -= 1  # the mark after the cut belongs to the character before it: drop both
    return name[:cut].rstrip(JOINERS)


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
