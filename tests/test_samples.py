"""The committed sample workbooks are what samples/make_samples.py makes, cell for cell.

xlsx files differ in their timestamps from one run to the next, so the sheets
(names and order) and every cell value are compared, not the bytes.
"""

from __future__ import annotations

import subprocess
import sys
from itertools import zip_longest
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
COMMITTED = sorted(p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*.xlsx")
                   if not p.name.startswith("~$"))
ADVICE = "请运行 python samples/make_samples.py"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    result = subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"samples/make_samples.py 运行失败：\n{result.stdout}{result.stderr}"
    return out


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    """Return every sheet's rows of cell values, by sheet name in workbook order."""
    book = openpyxl.load_workbook(path)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def first_difference(committed: list[tuple], fresh: list[tuple]) -> str:
    """Return the first cell whose value differs, as "B5：示例中为…，脚本生成…"."""
    for row, (old, new) in enumerate(zip_longest(committed, fresh, fillvalue=()), start=1):
        for column, (a, b) in enumerate(zip_longest(old, new), start=1):
            if a != b:
                return f"{get_column_letter(column)}{row}：示例中为{a!r}，脚本生成{b!r}"
    return "行数不同"


def test_script_writes_exactly_the_committed_samples(regenerated):
    fresh = sorted(p.relative_to(regenerated).as_posix() for p in regenerated.rglob("*.xlsx"))
    assert COMMITTED, "samples 中没有示例工作簿"
    assert fresh == COMMITTED, f"脚本生成的示例文件与提交的不一致：{ADVICE}"


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_sample_matches_the_script(regenerated, name):
    committed, fresh = sheet_values(SAMPLES / name), sheet_values(regenerated / name)
    assert list(committed) == list(fresh), f"{name} 的工作表与脚本生成的不一致：{ADVICE}"
    for sheet, rows in committed.items():
        assert rows == fresh[sheet], f"{name} 的“{sheet}”表 {first_difference(rows, fresh[sheet])}；{ADVICE}"
