"""The permanent suite of bad and hostile inputs.

Each case feeds the tool a workbook that users really produce (merged cells,
text that looks like a formula, ...) and asserts the same things: the exit
code, the exact Chinese line or the annotated cell, no traceback, the input
workbook left byte for byte as it was, and every output workbook sound (it
opens with openpyxl and each worksheet's XML parses). Add new cases here,
using the helpers below.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from conftest import applicant
from lxml import etree

from shenbaoshu.cli import main
from shenbaoshu.outputs.annotate import annotated_bytes
from shenbaoshu.problems import Cell, Problem

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SECOND = applicant(编号="A02", 单位名称="测试学院教工第二党支部")  # same 所属党组织 as the first row
MISSING_PARENT = "  错误  申报单位!D3 所属党组织：必填项“所属党组织”为空，请填写"


class Run:
    """A command run on `workbook`: remembers its bytes so that `finish` can prove them unchanged."""

    def __init__(self, workbook: Path, *args):
        self.workbook = Path(workbook)
        self.before = self.workbook.read_bytes()
        self.result = CliRunner().invoke(main, [str(a) for a in args])
        self.output = self.result.output

    def finish(self, exit_code: int, *lines: str) -> None:
        """Assert the exit code, that each of `lines` is a whole output line, no traceback, input unchanged."""
        shown = self.output.splitlines()
        assert "Traceback" not in self.output, self.output
        assert self.result.exception is None or isinstance(self.result.exception, SystemExit), (
            repr(self.result.exception))
        assert self.result.exit_code == exit_code, self.output
        for line in lines:
            assert line in shown, (line, self.output)
        assert self.workbook.read_bytes() == self.before, "the input workbook was modified"


def check(workbook: Path, *args) -> Run:
    return Run(workbook, "check", workbook, *args)


def sound_workbook(output: Path | bytes) -> openpyxl.Workbook:
    """Assert that an output workbook opens and each worksheet's XML parses; return it opened."""
    def source():
        return io.BytesIO(output) if isinstance(output, bytes) else output
    with zipfile.ZipFile(source()) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert sheets
        for name in sheets:
            etree.fromstring(archive.read(name))
    return openpyxl.load_workbook(source())


def formulas(path: Path) -> list[str]:
    """Return the text of every formula (`<f>` element) in the workbook's worksheets."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                root = etree.fromstring(archive.read(name))
                found += [f"{name}: {f.text}" for f in root.iter(f"{{{MAIN}}}f")]
    return found


def results_rows(book) -> list[dict]:
    """Return the rows of the 校验结果 sheet as dictionaries keyed by its headers."""
    sheet = book["校验结果"]
    headers = [c.value for c in sheet[1]]
    return [dict(zip(headers, row)) for row in sheet.iter_rows(min_row=2)]


# Merged cells ---------------------------------------------------------------------------------


def merged_workbook(make_workbook, span: str = "D2:D3") -> Path:
    """Two applicants whose 所属党组织 cells are merged, as users often do."""
    path = make_workbook([applicant(), SECOND])
    book = openpyxl.load_workbook(path)
    book["申报单位"].merge_cells(span)
    book.save(path)
    return path


def test_problem_inside_a_merged_range_marks_its_anchor(make_workbook):
    path = merged_workbook(make_workbook)
    before = path.read_bytes()
    problem = Problem("unknown-parent", "“中共测试大学测试学院委员会”不在“二级党组织”表中",
                      Cell("申报单位", 3, "所属党组织", "D"), "A02")
    book = sound_workbook(annotated_bytes(path, [problem]))
    anchor = book["申报单位"]["D2"]
    assert anchor.fill.fgColor.rgb.endswith("FFC7CE")
    assert "不在“二级党组织”表中" in anchor.comment.text
    assert [str(r) for r in book["申报单位"].merged_cells.ranges] == ["D2:D3"]
    (row,) = results_rows(book)
    assert row["位置"].value == "申报单位!D3"
    assert row["位置"].hyperlink.location == "'申报单位'!D2"
    assert path.read_bytes() == before


def test_problems_on_one_merged_range_share_one_comment(make_workbook):
    path = merged_workbook(make_workbook, "D2:D4")
    make = [Problem("unknown-parent", "第一条：不在表中", Cell("申报单位", 2, "所属党组织", "D"), "A01"),
            Problem("required-missing", "第二条：为空", Cell("申报单位", 3, "所属党组织", "D"), "A02"),
            Problem("value-not-allowed", "第三条：不允许", Cell("申报单位", 4, "所属党组织", "D"), "A03",
                    severity="警告")]
    book = sound_workbook(annotated_bytes(path, make))
    sheet = book["申报单位"]
    text = sheet["D2"].comment.text
    assert all(m in text for m in ("第一条：不在表中", "第二条：为空", "第三条：不允许")), text
    assert sheet["D2"].fill.fgColor.rgb.endswith("FFC7CE")  # the worst of the three
    assert [r["位置"].hyperlink.location for r in results_rows(book)] == ["'申报单位'!D2"] * 3


def test_check_annotate_with_merged_parent_cells(make_workbook, tmp_path):
    path = merged_workbook(make_workbook)
    target = tmp_path / "标注.xlsx"
    run = check(path, "--annotate", target)
    run.finish(1, MISSING_PARENT, f"已写出标注工作簿：{target}")
    book = sound_workbook(target)
    anchor = book["申报单位"]["D2"]
    assert anchor.fill.fgColor.rgb.endswith("FFC7CE")
    assert anchor.comment.text == "【错误】申报单位!D3 所属党组织：必填项“所属党组织”为空，请填写"
    assert anchor.value == "中共测试大学测试学院委员会"


def test_build_with_merged_parent_cells(make_workbook, tmp_path):
    path = merged_workbook(make_workbook)
    out = tmp_path / "输出"
    run = Run(path, "build", path, "-o", out)
    run.finish(1, f"检查：错误 1 处，警告 1 处（详见 {out / '校验结果.txt'}）")
    book = sound_workbook(out / "校验结果-标注.xlsx")
    assert "必填项“所属党组织”为空" in book["申报单位"]["D2"].comment.text


# Text that looks like a formula ----------------------------------------------------------------


def test_id_that_looks_like_a_formula_stays_text(make_workbook, tmp_path):
    path = make_workbook([applicant(编号="=1+1", 基本情况=None)])
    book = openpyxl.load_workbook(path)  # the factory wrote a formula; a user typed text
    book["申报单位"]["A2"].value = "=1+1"
    book["申报单位"]["A2"].data_type = "s"
    book.save(path)
    target = tmp_path / "标注.xlsx"
    run = check(path, "--annotate", target)
    run.finish(1, "=1+1 测试学院教工第一党支部", "  错误  申报单位!O2 基本情况：必填项“基本情况”为空，请填写")
    assert formulas(target) == []
    book = sound_workbook(target)
    assert book["申报单位"]["A2"].value == "=1+1"
    row = next(r for r in results_rows(book) if r["问题"].value == "必填项为空")
    assert row["编号"].value == "=1+1" and row["编号"].data_type == "s"


def test_messages_and_places_that_look_like_formulas_stay_text(make_workbook, tmp_path):
    path = make_workbook()
    hostile = [Problem("required-missing", '=HYPERLINK("http://example.com","点我")', Cell("+1", 2, "x", "A"), "=1+1"),
               Problem("required-missing", "-2+3", Cell("申报单位", 2, "编号", "A"), "@SUM(1)"),
               Problem("required-missing", "+4", None, "-5")]
    target = tmp_path / "标注.xlsx"
    target.write_bytes(annotated_bytes(path, hostile))
    assert formulas(target) == []
    book = sound_workbook(target)
    rows = results_rows(book)
    assert [r["编号"].value for r in rows] == ["=1+1", "@SUM(1)", "-5"]
    assert rows[0]["位置"].value == "+1!A2"
    assert rows[0]["问题说明"].value.endswith('=HYPERLINK("http://example.com","点我")')
    assert all(c.data_type == "s" for r in rows for c in r.values() if isinstance(c.value, str))


def test_results_sheet_shows_the_chinese_title(make_workbook):
    path = make_workbook()
    problem = Problem("unknown-parent", "不在表中", Cell("申报单位", 2, "所属党组织", "D"), "A01")
    book = sound_workbook(annotated_bytes(path, [problem]))
    assert [c.value for c in book["校验结果"][1]] == ["序号", "严重程度", "问题", "位置", "编号", "问题说明"]
    (row,) = results_rows(book)
    assert row["问题"].value == "所属二级党组织不在“二级党组织”表中"
    assert not any(re.search(r"[a-z]+-[a-z]+", str(c.value)) for r in book["校验结果"].iter_rows() for c in r)
