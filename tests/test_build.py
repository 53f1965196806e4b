"""shenbaoshu build: the rebuild matrix, hand edits, removed applicants, locking, being killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import edit_cell

from shenbaoshu.batch.build import build_batch as build
from shenbaoshu.batch.manifest import BuildLock, BuildLocked, Manifest
from shenbaoshu.cli import main

TOTAL = 82  # 78 documents, the summary (.xlsx, .docx) and the check results (.txt, annotated .xlsx)
Z01 = "样板支部/Z01_机械工程学院智能制造系教工党支部_申报书.docx"


@pytest.fixture
def work(sample_workbook, tmp_path):
    workbook = tmp_path / "申报.xlsx"
    shutil.copy(sample_workbook, workbook)
    out = tmp_path / "输出"
    first = build(workbook, out)
    assert len(first.written) == TOTAL and not first.unchanged
    return workbook, out, tmp_path


def relative(paths, out):
    return sorted(p.relative_to(out).as_posix() for p in paths)


def test_nothing_changed_writes_nothing(work):
    workbook, out, _ = work
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and ".shenbaoshu" not in p.parts}
    again = build(workbook, out)
    assert again.written == [] and len(again.unchanged) == TOTAL
    assert {p: p.stat().st_mtime_ns for p in before} == before


def test_one_template_changed_rewrites_exactly_its_documents(work):
    workbook, out, tmp_path = work
    templates = tmp_path / "模板"
    templates.mkdir()
    document = docx.Document(str(Path(__file__).resolve().parent.parent / "templates" / "典型案例.docx"))
    document.add_paragraph("（供交流使用）")
    document.save(templates / "典型案例.docx")
    again = build(workbook, out, template_dir=templates)
    names = relative(again.written, out)
    assert len(names) == 15 and all(n.endswith("_典型案例.docx") for n in names)
    assert "（供交流使用）" in [p.text for p in docx.Document(str(out / names[0])).paragraphs]


def test_one_row_changed_rewrites_only_that_applicants_documents(work):
    workbook, out, _ = work
    edit_cell(workbook, "Z03", "负责人", "吴振宇（新任）")
    again = build(workbook, out)
    documents = [n for n in relative(again.written, out) if n.endswith(".docx") and "/" in n]
    assert documents and all(n.split("/")[1].startswith("Z03_") for n in documents)
    assert "样板支部/Z03_信息科学与工程学院计算机系教工党支部_申报书.docx" in documents


def test_hand_edited_output_is_never_overwritten(work):
    workbook, out, _ = work
    edited = docx.Document(str(out / Z01))
    edited.add_paragraph("书记手工补充的一段")
    edited.save(out / Z01)
    kept = (out / Z01).read_bytes()
    quiet = build(workbook, out)
    assert relative(quiet.edited, out) == [Z01] and quiet.preserved == [] and quiet.written == []
    edit_cell(workbook, "Z01", "负责人职务职称", "支部书记、教授、博士生导师")
    again = build(workbook, out)
    assert (out / Z01).read_bytes() == kept
    (old, new), = again.preserved
    assert old == out / Z01 and new.name.endswith("申报书（新版）.docx")
    assert "支部书记、教授、博士生导师" in "".join(c.text for t in docx.Document(str(new)).tables
                                          for r in t.rows for c in r.cells)
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(out)])
    assert "请人工合并" in result.output and "申报书（新版）.docx" in result.output
    forced = build(workbook, out, overwrite=True)
    assert relative(forced.overwritten, out) == [Z01]
    assert (out / Z01).read_bytes() != kept


def test_removed_applicant_is_reported_then_moved_only_with_prune(work):
    workbook, out, _ = work
    book = openpyxl.load_workbook(workbook)
    for name in book.sheetnames:
        sheet = book[name]
        for row in reversed(list(sheet.iter_rows(min_row=2))):
            if row[0].value == "X04":
                sheet.delete_rows(row[0].row)
    book.save(workbook)
    x04 = "创新项目/X04_经济管理学院电子商务系教工党支部_申报书.docx"
    reported = build(workbook, out)
    assert [p.relative_to(out).as_posix() for p, _ in reported.removed] == [x04]
    assert (out / x04).exists()
    pruned = build(workbook, out, prune=True)
    assert pruned.removed == [(out / x04, out / "已移除" / x04)]
    assert not (out / x04).exists() and (out / "已移除" / x04).exists()
    assert build(workbook, out).removed == []


def test_parallel_build_writes_the_same_bytes(work, tmp_path):
    workbook, out, _ = work
    parallel = tmp_path / "并行"
    account = build(workbook, parallel, jobs=2)
    assert len(account.written) == TOTAL
    for path in out.rglob("*.docx"):
        if "申报汇总表" not in path.name:
            assert (parallel / path.relative_to(out)).read_bytes() == path.read_bytes(), path.name


def test_a_second_build_on_the_same_folder_is_refused(work):
    workbook, out, _ = work
    with BuildLock(out):
        with pytest.raises(BuildLocked, match="正由另一个 shenbaoshu build"):
            build(workbook, out)
        result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(out)])
        assert result.exit_code == 2 and "请等它结束后再运行" in result.output


def test_lock_of_a_dead_build_is_taken_over(work):
    workbook, out, _ = work
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    (out / ".shenbaoshu" / "lock").write_text(str(finished.pid))
    assert len(build(workbook, out).unchanged) == TOTAL
    assert not (out / ".shenbaoshu" / "lock").exists()


def test_build_killed_midway_then_rebuilt_cleanly(sample_workbook, tmp_path):
    out = tmp_path / "输出"
    command = [sys.executable, "-c", "from shenbaoshu.cli import main; main()",
               "build", str(sample_workbook), "-o", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.rglob("*.docx"))) < 20:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    written = list(out.rglob("*.docx"))
    assert 20 <= len(written) < 80, "the build should have been killed mid-way"
    for path in written:
        docx.Document(str(path))  # every .docx present is whole
    Manifest(out)  # the manifest left behind is readable
    rebuilt = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert "保留" not in rebuilt.stdout  # files written before the kill are recognised as ours
    assert not list(out.rglob(".~*.tmp"))
    assert len(list(out.rglob("*.docx"))) == 79  # 78 documents and the summary
    for path in out.rglob("*.docx"):
        docx.Document(str(path))
    assert build(sample_workbook, out).written == []
