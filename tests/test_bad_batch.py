"""Hand edits and inputs that must never be lost: the one write path shared by build and generate."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import applicant, edit_cell
from hostile import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_PROBLEMS,
    assert_sound,
    no_temporary_files,
    run,
)

from shenbaoshu.batch.build import build_batch

Z01 = "样板支部/Z01_机械工程学院智能制造系教工党支部_申报书.docx"


@pytest.fixture
def work(sample_workbook, tmp_path):
    workbook = tmp_path / "申报.xlsx"
    shutil.copy(sample_workbook, workbook)
    return workbook, tmp_path / "输出"


def hand_edit(path: Path, text: str) -> bytes:
    document = docx.Document(str(path))
    document.add_paragraph(text)
    document.save(str(path))
    return path.read_bytes()


def texts(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def test_generate_keeps_a_hand_edit_and_writes_the_new_version_beside_it(work):
    workbook, out = work
    assert run("generate", workbook, "-o", out, "--only", "Z01").exit_code == EXIT_OK
    kept = hand_edit(out / Z01, "书记手工补充的一段")
    edit_cell(workbook, "Z01", "负责人职务职称", "支部书记、教授、博士生导师")
    again = run("generate", workbook, "-o", out, "--only", "Z01", inputs=(workbook,))
    assert again.exit_code == EXIT_OK
    assert (out / Z01).read_bytes() == kept
    assert "保留 1 个手工修改过的文件，新版本写在旁边，请人工合并：" in again.lines
    new = out / Z01.replace("申报书.docx", "申报书（新版）.docx")
    assert "支部书记、教授、博士生导师" in texts(new)
    assert_sound(out)


def test_generate_respects_hand_edits_in_a_folder_build_manages(work):
    workbook, out = work
    build_batch(workbook, out)
    kept = hand_edit(out / Z01, "书记手工补充的一段")
    result = run("generate", workbook, "-o", out, "--doc", "all", inputs=(workbook,))
    assert result.exit_code == EXIT_OK
    assert (out / Z01).read_bytes() == kept
    assert "其中 77 份与上次相同，没有重写" in result.lines


def test_merged_version_is_accepted_until_the_data_changes_again(work):
    workbook, out = work
    build_batch(workbook, out)
    hand_edit(out / Z01, "书记手工补充的一段")
    edit_cell(workbook, "Z01", "负责人职务职称", "支部书记、教授、博士生导师")
    first = build_batch(workbook, out)
    new = out / Z01.replace("申报书.docx", "申报书（新版）.docx")
    assert first.preserved == [(out / Z01, new)] and new in first.written  # the 新版 counts as written
    merged = hand_edit(new, "书记手工补充的一段")  # the user merges into the new version …
    shutil.copy(new, out / Z01)  # … copies it over the original …
    new.unlink()  # … and deletes the 新版
    second = build_batch(workbook, out)
    assert second.accepted == [out / Z01] and second.preserved == [] and second.written == []
    assert not new.exists() and (out / Z01).read_bytes() == merged
    third = build_batch(workbook, out)
    assert third.written == [] and third.preserved == [] and third.accepted == []
    assert "没有需要更新的文件" in run("build", workbook, "-o", out).output
    edit_cell(workbook, "Z01", "负责人职务职称", "支部书记、二级教授")
    fourth = build_batch(workbook, out)
    assert fourth.preserved == [(out / Z01, new)] and (out / Z01).read_bytes() == merged
    assert "支部书记、二级教授" in texts(new)


def test_a_lost_manifest_does_not_turn_the_tools_own_files_into_hand_edits(work):
    workbook, out = work
    build_batch(workbook, out)
    (out / ".shenbaoshu" / "manifest.json").unlink()
    time.sleep(1.1)  # a save a second later stamps another time, unless outputs are reproducible
    again = build_batch(workbook, out)
    assert again.preserved == [] and again.edited == [] and again.written == []
    assert {p.name for p in again.unchanged} >= {"申报汇总表.xlsx", "申报汇总表.docx", "校验结果-标注.xlsx"}


def test_templates_beside_the_workbook_are_used_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "2026双创"
    assert run("init", folder).exit_code == EXIT_OK
    template = folder / "模板" / "典型案例.docx"
    document = docx.Document(str(template))
    document.add_paragraph("（本校模板）")
    document.save(str(template))
    result = run("build", folder / "申报.xlsx", "-o", folder / "输出", inputs=(folder / "申报.xlsx",))
    assert result.exit_code == EXIT_OK, result.output
    assert "模板：2026双创/模板（其中没有的使用内置模板）" in result.lines
    [case] = (folder / "输出").rglob("*典型案例.docx")
    assert "（本校模板）" in texts(case)
    assert_sound(folder / "输出")


def test_built_in_templates_are_named_when_used(make_workbook, tmp_path):
    result = run("generate", make_workbook(), "-o", tmp_path / "out")
    assert "模板：内置模板" in result.lines


def test_an_output_folder_of_another_workbook_is_refused(work, make_workbook):
    workbook, out = work
    build_batch(workbook, out)
    other = make_workbook()
    refused = run("build", other, "-o", out, inputs=(other,))
    assert refused.exit_code == EXIT_FAILURE
    line = refused.error_line()
    assert line.startswith(f"错误：输出文件夹 {out} 属于另一个工作簿 申报.xlsx（江城理工大学")
    assert line.endswith("确实要改用这个文件夹时加 --adopt")
    assert not list(out.rglob("A01_*"))
    assert run("generate", other, "-o", out).exit_code == EXIT_FAILURE
    adopted = run("build", other, "-o", out, "--adopt")
    assert adopted.exit_code == EXIT_OK and list(out.rglob("A01_*"))


def test_a_moved_workbook_keeps_its_output_folder(work, tmp_path):
    workbook, out = work
    build_batch(workbook, out)
    moved = tmp_path / "别处" / "申报.xlsx"
    moved.parent.mkdir()
    shutil.move(str(workbook), str(moved))
    result = run("build", moved, "-o", out)
    assert result.exit_code == EXIT_OK and "没有需要更新的文件：82 个文件均未变化。" in result.lines


@pytest.mark.parametrize("content", ['{"outputs": []}', '{"outputs": {"a.docx": 1}}', "[]",
                                     '{"outputs": {"a.docx": {"applicant": "Z01"}}}', "\udcff"],
                         ids=["list", "number", "array", "fields-missing", "not-utf8"])
def test_a_manifest_of_the_wrong_shape_is_one_line(make_workbook, tmp_path, content):
    out = tmp_path / "out"
    (out / ".shenbaoshu").mkdir(parents=True)
    (out / ".shenbaoshu" / "manifest.json").write_bytes(content.encode("utf-8", "surrogateescape"))
    result = run("build", make_workbook(), "-o", out)
    assert result.exit_code == EXIT_FAILURE
    assert result.error_line().startswith(f"错误：清单文件 {out / '.shenbaoshu' / 'manifest.json'} 已损坏")


def test_a_file_that_cannot_be_written_is_reported_and_the_run_goes_on(make_workbook, tmp_path):
    rows = [applicant(), applicant(编号="A02", 单位名称="测试学院教工第二党支部")]
    out = tmp_path / "out"
    blocked = out / "样板支部" / "A01_测试学院教工第一党支部_申报书.docx"
    blocked.mkdir(parents=True)  # a folder where the document should go
    result = run("build", make_workbook(rows), "-o", out)
    assert result.exit_code == EXIT_FAILURE
    assert "1 个文件无法写入：" in result.lines
    assert (out / "样板支部" / "A02_测试学院教工第二党支部_申报书.docx").is_file()
    assert (out / "申报汇总表.xlsx").is_file()
    no_temporary_files(out)
    assert assert_sound(out) == 4


def test_check_problems_exit_one_and_still_write_the_rest(make_workbook, tmp_path):
    rows = [applicant(), applicant(编号="A02", 单位名称="第二党支部", 联系电话="abc")]
    out = tmp_path / "out"
    result = run("build", make_workbook(rows), "-o", out)
    assert result.exit_code == EXIT_PROBLEMS
    assert "跳过 1 份（有错误）：" in result.lines
    manifest = json.loads((out / ".shenbaoshu" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["owner"]["school"] == "测试大学"


def test_build_output_shown_in_the_docs_is_real(work, monkeypatch):
    workbook, out = work
    monkeypatch.chdir(workbook.parent)
    build_batch("申报.xlsx", "输出")
    hand_edit(out / Z01, "书记手工补充的一段")
    edit_cell(workbook, "Z01", "负责人职务职称", "支部书记、教授、博士生导师")
    book = openpyxl.load_workbook(workbook)
    for sheet in book.worksheets:
        for row in reversed(list(sheet.iter_rows(min_row=2))):
            if row[0].value == "X04":
                sheet.delete_rows(row[0].row)
    book.save(workbook)
    result = run("build", "申报.xlsx", "-o", "输出")
    docs = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    block = docs[docs.index("$ shenbaoshu build 申报.xlsx -o 输出\n"):]
    shown = block[block.index("\n") + 1:block.index("```")]
    assert result.output == shown


def test_a_scheme_id_that_is_also_a_folder_name_still_names_the_scheme(make_workbook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zju-2024").mkdir()
    result = run("generate", make_workbook(), "-o", "out", "--scheme", "zju-2024")
    assert result.exit_code in (EXIT_OK, EXIT_PROBLEMS), result.output
    assert "找不到方案文件" not in result.output


def test_a_new_version_taken_as_it_is_becomes_the_tools_own_again(work):
    workbook, out = work
    build_batch(workbook, out)
    hand_edit(out / Z01, "书记手工补充的一段")
    edit_cell(workbook, "Z01", "负责人职务职称", "支部书记、教授、博士生导师")
    build_batch(workbook, out)
    new = out / Z01.replace("申报书.docx", "申报书（新版）.docx")
    shutil.move(str(new), str(out / Z01))  # the user drops the hand edit and takes the new version
    taken = build_batch(workbook, out)
    assert taken.accepted == [out / Z01] and taken.edited == []
    later = build_batch(workbook, out)
    assert later.edited == [] and later.accepted == [] and out / Z01 in later.unchanged
    edit_cell(workbook, "Z01", "负责人职务职称", "支部书记、二级教授")
    changed = build_batch(workbook, out)
    assert out / Z01 in changed.written and changed.preserved == []  # ours again: simply rewritten


def test_the_summary_date_is_refreshed_on_a_new_day(make_workbook, tmp_path, monkeypatch):
    import datetime as dt

    from shenbaoshu.outputs import summary as summary_module

    workbook, out = make_workbook(), tmp_path / "out"
    build_batch(workbook, out)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monkeypatch.setattr(summary_module, "today", lambda: tomorrow)
    again = build_batch(workbook, out)
    assert {p.name for p in again.written} == {"申报汇总表.xlsx", "申报汇总表.docx"}
    assert f"{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日" in texts(out / "申报汇总表.docx")
    assert build_batch(workbook, out).written == []
