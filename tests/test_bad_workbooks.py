"""Damaged, hostile and half-finished workbooks: the reader refuses or reports, never crashes.

Each case writes a normal workbook with `make_workbook`, then rewrites parts of
its zip (a cell of a sheet, the workbook part, the shared strings) with the
`spoil` fixture, runs a command as a user would (`hostile.run`: no traceback,
inputs unchanged) and asserts the exit code and the exact Chinese line; every
output is re-opened (`assert_sound`). File-level damage is one line
``错误：无法读取工作簿 X.xlsx：…`` and exit 2; a cell whose stored value cannot
be used is a problem at that cell.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import time
import zipfile
from pathlib import Path
from typing import Callable, Union

import pytest
from conftest import APPLICANT, BATCH, applicant
from hostile import EXIT_FAILURE, EXIT_OK, EXIT_PROBLEMS, Outcome, assert_sound, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from shenbaoshu import read_workbook
from shenbaoshu.workbook import normalize, xlsxfile

APPLICANTS, BUDGET = "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"  # the factory's sheet order
BATCH_SHEET, WORKBOOK_PART = "xl/worksheets/sheet1.xml", "xl/workbook.xml"
BUDGET_ROWS = [{"编号": "A01", "科目": "活动经费", "金额（万元）": 1.5, "用途说明": "组织生活"}]
SURVEY_ROWS = [{"编号": "A01", "测评项目": "总体评价", "很好": 10, "较好": 5, "一般": 0, "较差": 0, "很差": 0,
                "不了解": 0, "参评人数": 15}]
UNCACHED = "单元格中是公式，但没有保存计算结果：请在 Excel 或 WPS 中打开工作簿、保存后再运行"
RESAVE = "请在 Excel 或 WPS 中打开，另存为新的 .xlsx 后再试"
BOMB_DOCTYPE = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                          for i in range(1, 10)) + "]>")

Edit = Union[str, bytes, Callable[[str], str], None]


def cell(ref: str, xml: str) -> Callable[[str], str]:
    """Return an edit of a sheet part that replaces cell `ref` (which must exist) with `xml`."""
    pattern = re.compile(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', re.S)

    def edit(text: str) -> str:
        assert pattern.search(text), f"no cell {ref}"
        return pattern.sub(lambda _: xml, text, count=1)
    return edit


def number(ref: str, stored: str, style: str = "") -> Callable[[str], str]:
    """Return an edit that makes `ref` a number cell holding the text `stored`."""
    return cell(ref, f'<c r="{ref}"{style}><v>{stored}</v></c>')


def inline(ref: str, xml_text: str) -> Callable[[str], str]:
    """Return an edit that makes `ref` an inline string whose XML text is `xml_text`."""
    return cell(ref, f'<c r="{ref}" t="inlineStr"><is><t>{xml_text}</t></is></c>')


def spoiled_zip(source: Path, target: Path, parts: dict[str, Edit]) -> Path:
    """Copy the zip `source` to `target`, rewriting `parts`: text, bytes, a function of the text, or None to drop."""
    unused = set(parts)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename in parts:
                unused.discard(info.filename)
                edit = parts[info.filename]
                if edit is None:
                    continue
                data = edit(data.decode("utf-8")).encode("utf-8") if callable(edit) else (
                    edit.encode("utf-8") if isinstance(edit, str) else edit)
            new.writestr(info, data)
        for name in unused:  # new parts
            edit = parts[name]
            assert isinstance(edit, (str, bytes)), name
            new.writestr(name, edit)
    return target


class Spoiler:
    """A fixture factory: a normal workbook from `make_workbook`, then parts of its zip rewritten."""

    def __init__(self, make_workbook, folder: Path):
        self.make_workbook, self.folder = make_workbook, folder

    def __call__(self, parts: dict[str, Edit], name: str = "申报.xlsx", **workbook) -> Path:
        source = self.make_workbook(**workbook)
        target = self.folder / name
        spoiled_zip(source, target, parts)
        source.unlink()
        return target


@pytest.fixture
def spoil(make_workbook, tmp_path) -> Spoiler:
    return Spoiler(make_workbook, tmp_path)


def with_shared_strings(*strings: str) -> dict[str, Edit]:
    """Return the edits that add a shared-strings part holding `strings` (as XML text)."""
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return {
        "xl/sharedStrings.xml": ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                 f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'),
        "[Content_Types].xml": lambda t: t.replace("</Types>", (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')),
        "xl/_rels/workbook.xml.rels": lambda t: t.replace("</Relationships>", (
            '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')),
    }


def check(path: Path, *args, inputs=()) -> Outcome:
    return run("check", path, *args, inputs=(path, *inputs))


def cannot_read(path: Path, why: str) -> str:
    return f"错误：无法读取工作簿 {path.name}：{why}"


def assert_refused(path: Path, why: str, *commands: str, tmp_path: Path | None = None) -> None:
    """Assert that each command stops with exit 2 and the one line ``错误：无法读取工作簿 …``."""
    for command in commands or ("check",):
        extra = ("-o", tmp_path / f"输出-{command}") if command != "check" else ()
        outcome = run(command, path, *extra, inputs=(path,))
        assert outcome.exit_code == EXIT_FAILURE, outcome.output
        assert outcome.error_line() == cannot_read(path, why)
        if extra:
            assert not any(extra[1].rglob("*.docx"))


# 10. A workbook still open in Excel or WPS --------------------------------------------------------


def open_in_excel(path: Path, lock: str = "~${}") -> Path:
    """Put the lock file Excel or WPS keeps beside an open workbook (a few bytes with the user's name)."""
    lock_file = path.with_name(lock.format(path.name))
    lock_file.write_bytes(b"\x08zhangsan" + b" " * 40 + b"\x00" * 100)
    return lock_file


def open_warning(path: Path, lock: str) -> str:
    return (f"工作簿 {path.name} 似乎正在 Excel 或 WPS 中打开（旁边有锁定文件 {lock}）：尚未保存的修改不会被读取。"
            f"请先保存工作簿；如果已经关闭，可以删除这个锁定文件")


def test_check_warns_that_unsaved_edits_in_excel_are_not_read(make_workbook, tmp_path):
    path = make_workbook()
    lock = open_in_excel(path)
    target = tmp_path / "标注.xlsx"
    outcome = check(path, "--annotate", target, inputs=(lock,))
    assert outcome.exit_code == EXIT_OK, outcome.output
    assert "全批次" in outcome.lines
    assert f"  警告  {open_warning(path, lock.name)}" in outcome.lines
    assert assert_sound(target) == 1


def test_generate_and_build_warn_about_an_open_workbook(make_workbook, tmp_path):
    path = make_workbook()
    lock = open_in_excel(path)
    outcome = run("generate", path, "-o", tmp_path / "生成", inputs=(path, lock))
    assert outcome.exit_code == EXIT_OK, outcome.output
    assert f"警告：{open_warning(path, lock.name)}" in outcome.lines
    assert assert_sound(tmp_path / "生成") == 1
    out = tmp_path / "全部"
    outcome = run("build", path, "-o", out, inputs=(path, lock))
    assert outcome.exit_code == EXIT_OK, outcome.output
    results = (out / "校验结果.txt").read_text(encoding="utf-8").splitlines()
    assert f"  警告  {open_warning(path, lock.name)}" in results
    assert assert_sound(out) >= 3


def test_libreoffice_lock_is_an_open_workbook_too(make_workbook):
    path = make_workbook()
    lock = open_in_excel(path, ".~lock.{}#")
    batch = read_workbook(path)
    assert [(p.code, p.location, str(p.severity)) for p in batch.report.problems] == [("workbook-open", None, "警告")]
    assert lock.name in batch.report.problems[0].message


def test_a_closed_workbook_has_no_warning(make_workbook, tmp_path):
    path = make_workbook()
    (tmp_path / "~$另一个.xlsx").write_bytes(b"x")
    assert read_workbook(path).report.problems == []


def test_the_lock_file_itself_is_not_a_workbook(make_workbook):
    lock = open_in_excel(make_workbook())
    assert_refused(lock, "它不是有效的 .xlsx 文件（这是 Excel 或 WPS 打开工作簿时生成的临时锁定文件，不是工作簿本身）")


# 15. Malformed xlsx: file-level damage is one line and exit 2 --------------------------------------


@pytest.mark.parametrize("reference", ["&#1;", "&#x1F;", "&#0;"])
def test_invalid_character_reference_in_an_inline_string(spoil, tmp_path, reference):
    path = spoil({APPLICANTS: inline("H2", f"张{reference}三")})
    outcome = check(path)
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    line = outcome.error_line()
    assert line.startswith(cannot_read(path, "工作表「申报单位」已损坏：xl/worksheets/sheet2.xml 单元格 H2 附近 "
                                             "XML 格式错误（reference to invalid character number"))
    assert line.endswith(RESAVE)


def test_invalid_character_reference_in_shared_strings(spoil, tmp_path):
    path = spoil({**with_shared_strings("张&#1;三"), APPLICANTS: cell("H2", '<c r="H2" t="s"><v>0</v></c>')})
    outcome = check(path)
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == cannot_read(
        path, "文件已损坏：xl/sharedStrings.xml（共享字符串） XML 格式错误（reference to invalid character number: "
              f"line 1, column 105）；{RESAVE}")
    assert outcome.error_line().endswith(RESAVE)


def test_shared_strings_are_read(spoil):
    path = spoil({**with_shared_strings("王五"), APPLICANTS: cell("H2", '<c r="H2" t="s"><v>0</v></c>')})
    batch = read_workbook(path)
    assert batch.report.problems == []
    assert batch.applicants[0].record.get("负责人") == "王五"


@pytest.mark.parametrize("part, place", [(APPLICANTS, "xl/worksheets/sheet2.xml"), (WORKBOOK_PART, "xl/workbook.xml")])
def test_entity_bomb_is_refused_at_once(spoil, tmp_path, part, place):
    if part == APPLICANTS:
        edit = lambda t: BOMB_DOCTYPE + inline("H2", "&lol9;")(t)  # noqa: E731
    else:
        edit = lambda t: BOMB_DOCTYPE + t.replace('name="批次"', 'name="&lol9;"')  # noqa: E731
    path = spoil({part: edit})
    started = time.monotonic()
    assert_refused(path, f"其中的 {place} 含有 DOCTYPE 声明（正常的 .xlsx 没有），文件可能已损坏或被恶意修改，已拒绝读取",
                   "check", "generate", "build", tmp_path=tmp_path)
    assert time.monotonic() - started < 5


def test_entity_bomb_behind_a_long_comment_is_stopped_by_the_parser(spoil):
    """A DOCTYPE after 100 KiB of comment escapes the quick search; the XML parser's limit stops it."""
    padding = "<!--" + " " * 100_000 + "-->"
    path = spoil({APPLICANTS: lambda t: BOMB_DOCTYPE.replace("<!DOCTYPE", padding + "<!DOCTYPE")
                  + inline("H2", "&lol9;")(t)})
    started = time.monotonic()
    outcome = check(path)
    assert time.monotonic() - started < 5
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == cannot_read(
        path, "工作表「申报单位」已损坏：xl/worksheets/sheet2.xml 单元格 H2 附近 XML 格式错误（limit on input "
              f"amplification factor (from DTD and entities) breached: line 1, column 103249）；{RESAVE}")


def test_truncated_zip(make_workbook, tmp_path):
    whole = make_workbook()
    path = tmp_path / "截断.xlsx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert_refused(path, "它不是有效的 .xlsx 文件（不是 zip 压缩包，可能已损坏、没有完整复制，或只是扩展名为 .xlsx："
                         "File is not a zip file）", "check", "generate", tmp_path=tmp_path)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "照片.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("照片/1.jpg", b"\xff\xd8\xff")
    assert_refused(path, "它是 zip 压缩包，但其中没有 Excel 工作簿（可能是把其他文件的扩展名改成了 .xlsx）")


def test_workbook_part_missing(spoil):
    path = spoil({WORKBOOK_PART: None})
    assert_refused(path, "它不是有效的 .xlsx 文件：缺少 xl/workbook.xml")


def test_encrypted_workbook_says_so(tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert_refused(path, "它不是有效的 .xlsx 文件（这是加密（设了打开密码）的工作簿或旧版 .xls 文件：请取消打开密码，"
                         "或另存为 .xlsx）")


def test_damaged_cell_position_names_the_sheet(spoil):
    path = spoil({APPLICANTS: cell("H2", '<c r="H0"><v>1</v></c>')})
    outcome = check(path)
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line().startswith(cannot_read(path, "工作表「申报单位」已损坏：xl/worksheets/sheet2.xml 内容无法识别"))


# 15. Cell-level: numbers must be finite, amounts and counts not negative ---------------------------


def problem_line(ref: str, header: str, message: str, severity: str = "错误") -> str:
    return f"  {severity}  {ref} {header}：{message}"


def bad_number_line(ref: str, header: str, stored: str) -> str:
    return problem_line(ref, header, f"单元格中保存的数值「{stored}」不是有效的数字（无穷大、NaN 或格式错误），请重新输入")


@pytest.mark.parametrize("stored", ["NaN", "1E+400", "-1E+400", "inf", "0x10"])
def test_amount_that_is_not_a_finite_number(spoil, stored):
    path = spoil({BUDGET: number("C2", stored)}, children={"经费预算": BUDGET_ROWS})
    outcome = check(path)
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert bad_number_line("经费预算!C2", "金额（万元）", stored) in outcome.lines
    batch = read_workbook(path)
    assert batch.report.codes() == [("number-unreadable", "经费预算!C2")]
    assert batch.applicants[0].rows("经费预算")[0].get("金额（万元）") is None


def test_infinite_amount_no_longer_reaches_the_documents(spoil, tmp_path):
    """1E+400 was read as inf and crashed amount formatting; now the cell is a problem and --force renders."""
    path = spoil({BUDGET: number("C2", "1E+400")}, children={"经费预算": BUDGET_ROWS})
    out = tmp_path / "输出"
    outcome = run("generate", path, "-o", out, "--force", inputs=(path,))
    assert outcome.exit_code == EXIT_OK, outcome.output
    assert assert_sound(out) == 1
    target = tmp_path / "标注.xlsx"
    outcome = check(path, "--annotate", target)
    assert outcome.exit_code == EXIT_PROBLEMS
    assert assert_sound(target) == 1


@pytest.mark.parametrize("ref, header, code", [
    ("G2", "党员人数", "int-unreadable"), ("F2", "成立时间", "date-unreadable"),
    ("H2", "负责人", "value-unreadable"), ("L2", "联系电话", "phone-unreadable"),
])
def test_nan_in_any_column_is_a_problem_at_its_cell(spoil, ref, header, code):
    path = spoil({APPLICANTS: number(ref, "NaN")})
    outcome = check(path)
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert bad_number_line(f"申报单位!{ref}", header, "NaN") in outcome.lines
    assert read_workbook(path).report.codes() == [(code, f"申报单位!{ref}")]


def test_infinite_serial_in_a_date_cell(spoil):
    path = spoil({APPLICANTS: number("F2", "1E+400", ' s="1"')})  # style 1 is the factory's date format
    assert bad_number_line("申报单位!F2", "成立时间", "1E+400") in check(path).lines
    path = spoil({APPLICANTS: number("F2", "1E+300", ' s="1"')}, name="大.xlsx")  # finite, but no date
    assert read_workbook(path).report.codes() == [("date-unreadable", "申报单位!F2")]


def test_huge_whole_number_is_unreadable(spoil):
    path = spoil({APPLICANTS: number("G2", str(10**30))})
    outcome = check(path)
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert problem_line("申报单位!G2", "党员人数", f"整数「{10**30}」太大（须小于 1,000,000,000），请核对") in outcome.lines


def test_negative_amount(spoil, tmp_path):
    path = spoil({BUDGET: number("C2", "-3")}, children={"经费预算": BUDGET_ROWS})
    target = tmp_path / "标注.xlsx"
    outcome = check(path, "--annotate", target)
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert problem_line("经费预算!C2", "金额（万元）", "金额「-3」是负数：金额只能填 0 或正数") in outcome.lines
    assert read_workbook(path).report.codes() == [("amount-negative", "经费预算!C2")]
    assert assert_sound(target) == 1


def test_negative_amount_typed_as_text(make_workbook):
    rows = [dict(BUDGET_ROWS[0], **{"金额（万元）": "-1,200.5"})]
    batch = read_workbook(make_workbook(children={"经费预算": rows}))
    assert batch.report.codes() == [("amount-negative", "经费预算!C2")]
    assert batch.report.problems[0].message == "金额「-1,200.5」是负数：金额只能填 0 或正数"


def test_negative_member_count_and_votes(make_workbook):
    survey = [dict(SURVEY_ROWS[0], 较好=-5)]
    path = make_workbook([applicant(党员人数=-2)], children={"满意度测评": survey})
    outcome = check(path)
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert problem_line("申报单位!G2", "党员人数", "「-2」是负数：这一栏只能填 0 或正整数") in outcome.lines
    assert problem_line("满意度测评!D2", "较好", "「-5」是负数：这一栏只能填 0 或正整数") in outcome.lines
    assert read_workbook(path).report.codes() == [("int-negative", "申报单位!G2"), ("int-negative", "满意度测评!D2")]


def test_shared_string_index_out_of_range_is_a_cell_problem(spoil):
    path = spoil({APPLICANTS: cell("H2", '<c r="H2" t="s"><v>99</v></c>')})
    outcome = check(path)
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert problem_line("申报单位!H2", "负责人", "单元格中保存的值「99」已损坏，无法读取，请重新输入") in outcome.lines


def test_a_wrong_dimension_does_not_hide_rows(spoil):
    """openpyxl's read-only mode trusts <dimension>; the reader reads the cells that are there."""
    second = applicant(编号="A02", 单位名称="第二支部")
    path = spoil({APPLICANTS: lambda t: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:B2"/>', t)},
                 applicants=[applicant(), second])
    batch = read_workbook(path)
    assert [a.id for a in batch.applicants] == ["A01", "A02"]
    assert batch.applicants[1].record.get("预期成果") == ("预期成果内容。",)
    assert batch.report.problems == []


# 17. Parts that inflate past the limits --------------------------------------------------------------


def test_real_limits_are_the_documented_ones():
    assert (xlsxfile.MAX_PART_BYTES, xlsxfile.MAX_TOTAL_BYTES) == (200 * 2**20, 500 * 2**20)
    text = (Path(__file__).resolve().parent.parent / "docs" / "workbook.md").read_text(encoding="utf-8")
    assert "不得超过 **200 MiB**" in text and "合计不得超过 **500 MiB**" in text


def claim_size(path: Path, part: str, size: int) -> None:
    """Make the zip's central directory claim that `part` inflates to `size` bytes (a lying zip bomb)."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + length]) == name:
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(part)


def test_part_claiming_a_gibibyte_is_refused_before_reading(spoil, tmp_path):
    path = spoil({})
    claim_size(path, APPLICANTS, 2**30)
    assert_refused(path, "其中的 xl/worksheets/sheet2.xml 解压后有 1024 MiB，超过每个部分 200 MiB 的上限；"
                         "文件可能已损坏或不是正常的工作簿", "check", "build", tmp_path=tmp_path)


def test_part_that_inflates_past_what_the_directory_claims(spoil):
    """zipfile stops at the claimed size and its checksum fails: damage, not a longer read."""
    path = spoil({})
    claim_size(path, APPLICANTS, 100)
    assert_refused(path, "文件已损坏，其中的 xl/worksheets/sheet2.xml 无法解压（Bad CRC-32 for file "
                         "'xl/worksheets/sheet2.xml'）")


def test_total_past_the_limit_is_refused(spoil, monkeypatch):
    monkeypatch.setattr(xlsxfile, "MAX_TOTAL_BYTES", 10_000)
    path = spoil({})
    assert "解压后共有" in check(path).error_line()
    assert check(path).error_line().endswith("超过 10000 字节 的上限；文件可能已损坏或不是正常的工作簿")
    assert check(path).exit_code == EXIT_FAILURE


def test_compressed_part_that_inflates_past_the_limit(spoil, monkeypatch):
    """A real zip bomb in miniature: 3 MiB of spaces compress to a few KiB; the limit is made 1 MiB."""
    monkeypatch.setattr(xlsxfile, "MAX_PART_BYTES", 2**20)
    path = spoil({APPLICANTS: lambda t: t.replace("</worksheet>", " " * 3 * 2**20 + "</worksheet>")})
    assert path.stat().st_size < 100_000
    assert_refused(path, "其中的 xl/worksheets/sheet2.xml 解压后有 3 MiB，超过每个部分 1 MiB 的上限；"
                         "文件可能已损坏或不是正常的工作簿")


# 19. Formulas without a cached value ------------------------------------------------------------------


def test_uncached_formula_in_a_required_column_is_not_reported_empty(spoil):
    path = spoil({APPLICANTS: cell("H2", '<c r="H2"><f>B5&amp;"三"</f></c>')})
    outcome = check(path)
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert problem_line("申报单位!H2", "负责人", UNCACHED) in outcome.lines
    assert not any("为空" in line for line in outcome.lines)


def test_uncached_formula_in_an_optional_column_is_an_error(make_workbook, tmp_path):
    """A program wrote 联系人 as a formula (openpyxl writes <f> and an empty <v>); it is not silently blank."""
    path = make_workbook([applicant(联系人="=H2")])
    out = tmp_path / "输出"
    outcome = run("generate", path, "-o", out, inputs=(path,))
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert f"  申报单位!K2 联系人：{UNCACHED}" in outcome.lines
    batch = read_workbook(path)
    assert batch.report.codes() == [("formula-uncached", "申报单位!K2")]
    assert batch.report.problems[0].is_error
    target = tmp_path / "标注.xlsx"
    assert check(path, "--annotate", target).exit_code == EXIT_PROBLEMS
    assert assert_sound(target) == 1


def test_uncached_shared_formula_extra_column_and_batch_sheet(spoil):
    path = spoil({APPLICANTS: lambda t: cell("U2", '<c r="U2"><f>K2</f></c>')(
                      cell("K2", '<c r="K2"><f t="shared" si="0"/></c>')(t)),
                  BATCH_SHEET: cell("B3", '<c r="B3"><f>"2025年度"</f></c>')},
                 applicants=[applicant(推荐排序=1)])
    batch = read_workbook(path)
    assert batch.report.codes() == [("formula-uncached", "批次!B3"), ("formula-uncached", "申报单位!K2"),
                                    ("formula-uncached", "申报单位!U2")]
    assert batch.info.get("批次名称") is None
    assert batch.applicants[0].record.extras["推荐排序"] == ""


def test_formula_with_cached_value_is_used(spoil):
    path = spoil({APPLICANTS: cell("H2", '<c r="H2" t="str"><f>"张"&amp;"三"</f><v>张三</v></c>'),
                  BUDGET: cell("C2", '<c r="C2"><f>1+0.5</f><v>1.5</v></c>')}, children={"经费预算": BUDGET_ROWS})
    batch = read_workbook(path)
    assert batch.report.problems == []
    assert batch.applicants[0].record.get("负责人") == "张三"
    assert str(batch.applicants[0].rows("经费预算")[0].get("金额（万元）")) == "1.5"


def test_formula_that_calculated_an_empty_text_is_blank(spoil):
    path = spoil({APPLICANTS: cell("K2", '<c r="K2" t="str"><f>""</f><v></v></c>')})
    batch = read_workbook(path)
    assert batch.report.problems == []
    assert batch.applicants[0].record.get("联系人") is None


# 20. Line breaks -------------------------------------------------------------------------------------


def test_crlf_in_a_text_field_is_one_line_break(make_workbook):
    path = make_workbook([applicant(负责人职务职称="支部书记\r\n教授", 联系人="李四_x000D_\n王五",
                                    基本情况="第一段\r\n第二段\r\n\r\n第三段", **{"推荐意见": "同意\r\n推荐"})])
    batch = read_workbook(path)
    record = batch.applicants[0].record
    assert batch.report.problems == []
    assert record.get("负责人职务职称") == "支部书记\n教授"
    assert record.get("联系人") == "李四\n王五"
    assert record.get("基本情况") == ("第一段", "第二段", "第三段")
    assert record.extras["推荐意见"] == "同意\n推荐"


@pytest.mark.parametrize("typed, text, paragraphs", [
    ("甲\r乙", "甲\n乙", ("甲", "乙")),
    ("甲\u2028乙", "甲\n乙", ("甲", "乙")),
    ("\r\n 甲 \r\n", "甲", ("甲",)),
    ("甲\n\r\n乙", "甲\n\n乙", ("甲", "乙")),
])
def test_line_breaks_are_normalised_the_same_way(typed, text, paragraphs):
    assert normalize.to_text(typed) == text
    assert normalize.to_narrative(typed) == paragraphs


# Property: any text round-trips through a workbook as normalize documents it -----------------------

TEXT_COLUMN, NARRATIVE_COLUMN = "项目名称", "所在党组织意见"
LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
FORBIDDEN = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"
assert all(normalize.FORBIDDEN_XML.match(c) for c in FORBIDDEN)
cell_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters=FORBIDDEN), max_size=60)


def excel_escaped(text: str) -> str:
    """Return `text` as Excel stores it: a literal ``_xHHHH_`` gets its underscore escaped as ``_x005F_``."""
    return re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)


def write_with_openpyxl(path: Path, text: str, narrative: str) -> None:
    book = Workbook(write_only=True)
    info = book.create_sheet("批次")
    for key, value in BATCH.items():
        info.append([key, value])
    sheet = book.create_sheet("申报单位")
    headers = list(APPLICANT) + [TEXT_COLUMN]
    sheet.append(headers)
    row = dict(APPLICANT, **{TEXT_COLUMN: excel_escaped(text), NARRATIVE_COLUMN: excel_escaped(narrative)})
    cells = []
    for header in headers:
        value = row[header]
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"  # text that starts with "=" stays text, as a user typed it
        cells.append(written)
    sheet.append(cells)
    book.save(path)


def expected_text(text: str):
    value = LINE_BREAK.sub("\n", text).strip()
    return value or None


def expected_paragraphs(text: str):
    paragraphs = tuple(p.strip() for p in LINE_BREAK.split(text) if p.strip())
    return paragraphs or None


@pytest.fixture(scope="module")
def roundtrip_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("roundtrip")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=cell_text, narrative=cell_text)
def test_any_text_round_trips_as_normalize_documents(roundtrip_folder, text, narrative):
    path = roundtrip_folder / "往返.xlsx"
    write_with_openpyxl(path, text, narrative)
    batch = read_workbook(path)
    record = batch.applicants[0].record
    assert batch.report.problems == []
    assert record.get(TEXT_COLUMN) == expected_text(text)
    assert record.get(NARRATIVE_COLUMN) == expected_paragraphs(narrative)
    assert record.get("成立时间") == normalize.CnDate.from_date(dt.date(2015, 3, 1))


def test_annotated_workbook_of_a_nan_cell(spoil, tmp_path):
    path = spoil({BUDGET: number("C2", "NaN")}, children={"经费预算": BUDGET_ROWS})
    target = tmp_path / "标注.xlsx"
    outcome = check(path, "--annotate", target)
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert assert_sound(target) == 1
