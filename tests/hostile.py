"""Shared checks of the bad-input suite: run a command as a user would and hold it to the rules.

Every case asserts the same things: the exit code; one clear Chinese line naming
the file, sheet or cell; no Python traceback; the user's inputs byte for byte
unchanged; every output re-opened and each of its XML parts parsed strictly.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
from click.testing import CliRunner
from lxml import etree

from shenbaoshu.cli import main

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILURE = 0, 1, 2


@dataclass
class Outcome:
    """What a command did: its exit code and what it printed (stdout and stderr together)."""

    exit_code: int
    output: str

    @property
    def lines(self) -> list[str]:
        return self.output.splitlines()

    def error_line(self) -> str:
        """Return the one line starting with 错误：, failing when there is none or several."""
        found = [line for line in self.lines if line.startswith("错误：")]
        assert len(found) == 1, self.output
        return found[0]


def run(*args: object, inputs: tuple[Path, ...] = ()) -> Outcome:
    """Run ``shenbaoshu *args``; check that no traceback escaped and that `inputs` are unchanged."""
    before = {Path(p): Path(p).read_bytes() for p in inputs if Path(p).is_file()}
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"未捕获的异常：{result.exception!r}\n{result.output}")
    for path, data in before.items():
        assert path.read_bytes() == data, f"输入文件被改动：{path}"
    return Outcome(result.exit_code, result.output)


def assert_sound(*paths: Path) -> int:
    """Re-open every .docx and .xlsx under `paths` and parse each XML part strictly; return how many."""
    files: list[Path] = []
    for path in map(Path, paths):
        files += sorted(path.rglob("*")) if path.is_dir() else [path]
    checked = 0
    for file in files:
        if not file.is_file() or file.suffix not in (".docx", ".xlsx") or file.name.startswith((".~", "~$")):
            continue
        with zipfile.ZipFile(file) as package:
            for name in package.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(package.read(name), etree.XMLParser(recover=False, resolve_entities=False))
        if file.suffix == ".docx":
            docx.Document(str(file))
        else:
            openpyxl.load_workbook(file).close()
        checked += 1
    return checked


def no_temporary_files(folder: Path) -> None:
    """Assert that no half-written temporary file is left in `folder`."""
    left = [p for p in Path(folder).rglob(".~*.tmp")]
    assert not left, left
