"""Find and load schemes: the built-in ones shipped with the package, or a user's TOML file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..resources import scheme_dir
from ..workbook.text import plain
from .rules import selectable_rules
from .scheme import Scheme, SchemeError, SchemeParser, read_toml

STANDARDS_FILE = "standards.toml"


def builtin_schemes() -> list[Scheme]:
    """Return every built-in scheme, ordered by id."""
    paths = sorted(p for p in scheme_dir().glob("*.toml") if p.name != STANDARDS_FILE)
    return [load_file(p) for p in paths]


def load_scheme(reference: str | os.PathLike[str]) -> Scheme:
    """Return the scheme named by `reference`: a .toml file, a built-in id or a built-in name."""
    path = Path(reference)
    if path.suffix.lower() == ".toml" or path.is_file():
        return load_file(path)
    wanted = plain(str(reference))
    for scheme in builtin_schemes():
        if wanted in (plain(scheme.id), plain(scheme.name)):
            return scheme
    known = "、".join(s.id for s in builtin_schemes())
    raise SchemeError(f"没有名为“{reference}”的方案；内置方案：{known}（也可以给出方案文件的路径）")


def load_file(path: str | os.PathLike[str]) -> Scheme:
    """Return the scheme in the TOML file at `path`, or raise SchemeError naming the mistake."""
    path = Path(path)
    return SchemeParser(path, standards(), selectable_rules()).scheme(read_toml(path))


@lru_cache(maxsize=1)
def standards() -> dict:
    """Return the standard item lists (五个到位, 七个有力 …) schemes may name."""
    return read_toml(scheme_dir() / STANDARDS_FILE)
