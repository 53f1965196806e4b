"""Bad places to write: over an input, into a file, a read-only folder, names too long in bytes.

Every case runs the command as a user would (tests/hostile.py's `run`, which
fails on a traceback or a changed input), asserts the exit code and the exact
Chinese line, and re-opens whatever was written.
"""

from __future__ import annotations

import errno
import importlib
import os
import stat
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import applicant
from hostile import EXIT_FAILURE, EXIT_OK, assert_sound, no_temporary_files, run

from shenbaoshu.cli import main
from shenbaoshu.documents.naming import safe_name
from shenbaoshu.errors import OutputError
from shenbaoshu.outputs import files
from shenbaoshu.outputs.files import atomic_write

EXIT_INTERNAL = 3
CHECK_MODULE = importlib.import_module("shenbaoshu.checks.validate")  # where the check command finds check_workbook
SAME_FILE = "错误：输出不能写回输入的工作簿 {}，请换一个文件名"


# 4. Never write over an input ----------------------------------------------------------------


def test_summary_refuses_to_write_over_its_workbook(make_workbook):
    workbook = make_workbook()
    outcome = run("summary", workbook, "-o", workbook, inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == SAME_FILE.format(workbook)


def test_summary_refuses_a_symlink_to_its_workbook(make_workbook, tmp_path):
    workbook = make_workbook()
    link = tmp_path / "链接.xlsx"
    link.symlink_to(workbook)
    outcome = run("summary", workbook, "-o", link, inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == SAME_FILE.format(workbook)
    assert link.is_symlink()


def test_summary_refuses_when_its_docx_twin_is_the_workbook(make_workbook):
    workbook = make_workbook()  # -o 工作簿1.docx writes 工作簿1.xlsx and 工作簿1.docx
    outcome = run("summary", workbook, "-o", workbook.with_suffix(".docx"), inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == SAME_FILE.format(workbook)
    assert not workbook.with_suffix(".docx").exists()


def test_write_summary_refuses_its_workbook(make_workbook):
    from shenbaoshu.checks.validate import check_workbook
    from shenbaoshu.outputs.summary import write_summary

    workbook = make_workbook()
    before = workbook.read_bytes()
    batch, validation = check_workbook(workbook)
    with pytest.raises(OutputError) as raised:
        write_summary(batch, validation, workbook)
    assert str(raised.value) == SAME_FILE.format(workbook).removeprefix("错误：")
    assert workbook.read_bytes() == before


def test_summary_beside_its_workbook_is_written(make_workbook, tmp_path):
    workbook = make_workbook()
    outcome = run("summary", workbook, "-o", tmp_path / "汇总.xlsx", inputs=(workbook,))
    assert outcome.exit_code == EXIT_OK, outcome.output
    assert assert_sound(tmp_path / "汇总.xlsx", tmp_path / "汇总.docx") == 2


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink"])
def test_annotate_refuses_its_workbook(make_workbook, tmp_path, how):
    workbook = make_workbook()
    target = {"same": workbook, "symlink": tmp_path / "链接.xlsx", "hardlink": tmp_path / "硬链接.xlsx"}[how]
    if how == "symlink":
        target.symlink_to(workbook)
    elif how == "hardlink":
        os.link(workbook, target)
    outcome = run("check", workbook, "--annotate", target, inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == SAME_FILE.format(workbook)


# 13. Folders that cannot be written ----------------------------------------------------------


def test_summary_under_a_file_names_the_file(make_workbook):
    workbook = make_workbook()
    outcome = run("summary", workbook, "-o", workbook / "汇总.xlsx", inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == f"错误：无法在 {workbook} 中写入文件：{workbook} 不是文件夹（同名文件已存在）"


def test_generate_where_a_file_has_the_name_of_a_category_folder(make_workbook, tmp_path):
    workbook = make_workbook()
    out = tmp_path / "输出"
    out.mkdir()
    (out / "样板支部").write_text("不是文件夹")
    outcome = run("generate", workbook, "-o", out, inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    reason = f"无法在 {out / '样板支部'} 中写入文件：{out / '样板支部'} 不是文件夹（同名文件已存在）"
    assert any(line.strip() == reason for line in outcome.lines), outcome.output
    assert "Word" not in outcome.output


def test_annotate_under_a_file(make_workbook):
    workbook = make_workbook()
    outcome = run("check", workbook, "--annotate", workbook / "标注.xlsx", inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == f"错误：无法在 {workbook} 中写入文件：{workbook} 不是文件夹（同名文件已存在）"
    assert "Word" not in outcome.output


def test_build_into_a_file_is_chinese(make_workbook):
    workbook = make_workbook()
    outcome = run("build", workbook, "-o", workbook, inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == f"错误：选项 -o/--output 的值无效：{workbook} 是一个文件，这里需要文件夹"
    assert "is a file" not in outcome.output


def test_summary_onto_a_folder_is_chinese(make_workbook, tmp_path):
    workbook = make_workbook()
    folder = tmp_path / "汇总.xlsx"
    folder.mkdir()
    outcome = run("summary", workbook, "-o", folder, inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == f"错误：选项 -o/--output 的值无效：{folder} 是一个文件夹，这里需要文件"


def test_read_only_folder(make_workbook, tmp_path, monkeypatch):
    folder = tmp_path / "只读"
    folder.mkdir()
    expected = f"无法在 {folder} 中写入文件：没有写入权限"
    if os.geteuid() != 0:
        workbook = make_workbook()
        os.chmod(folder, 0o500)
        try:
            outcome = run("summary", workbook, "-o", folder / "汇总.xlsx", inputs=(workbook,))
        finally:
            os.chmod(folder, 0o700)
        assert outcome.exit_code == EXIT_FAILURE, outcome.output
        assert outcome.error_line() == f"错误：{expected}"
    else:  # root ignores permissions: make the temporary file fail as a read-only folder would
        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")
        monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
        with pytest.raises(OutputError) as raised:
            atomic_write(folder / "汇总.xlsx", b"data")
        assert str(raised.value) == expected
    assert not list(folder.iterdir())


def test_a_file_open_in_word_is_named_with_the_hint(tmp_path, monkeypatch):
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"old")

    def refuse(source, destination):
        raise PermissionError(errno.EACCES, "Permission denied", str(destination))
    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OutputError) as raised:
        atomic_write(target, b"new")
    assert str(raised.value) == f"无法写入 {target}：没有写入权限（文件是否正在 Word 或 WPS 中打开？）"
    assert target.read_bytes() == b"old"
    no_temporary_files(tmp_path)


def test_other_errors_do_not_mention_word(tmp_path, monkeypatch):
    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(OutputError) as raised:
        atomic_write(tmp_path / "a.docx", b"data")
    assert str(raised.value) == f"无法写入 {tmp_path / 'a.docx'}：磁盘空间不足"
    no_temporary_files(tmp_path)


# 18. Names too long in bytes -----------------------------------------------------------------


@pytest.mark.parametrize("character", ["😀", "𠀀"])
def test_generate_with_a_name_of_four_byte_characters(make_workbook, tmp_path, character):
    workbook = make_workbook([applicant(单位名称=character * 200),
                              applicant(编号="A02", 单位名称=character * 200)])
    out = tmp_path / "输出"
    outcome = run("generate", workbook, "-o", out, inputs=(workbook,))
    assert outcome.exit_code == EXIT_OK, outcome.output
    written = sorted(out.rglob("*.docx"))
    assert len(written) == 2
    assert assert_sound(out) == 2
    for path in written:
        assert all(len(part.encode("utf-8")) <= 255 for part in path.relative_to(tmp_path).parts), path
        assert character in path.name


def test_build_with_a_name_of_four_byte_characters_keeps_room_for_the_new_version(make_workbook, tmp_path):
    workbook = make_workbook([applicant(单位名称="😀" * 200)])
    out = tmp_path / "输出"
    assert run("build", workbook, "-o", out, inputs=(workbook,)).exit_code == EXIT_OK
    (document,) = out.rglob("*申报书.docx")
    document.write_bytes(document.read_bytes() + b"\0")  # a hand edit
    changed = make_workbook([applicant(单位名称="😀" * 200, 工作基础="改过的工作基础。")])
    workbook.write_bytes(changed.read_bytes())
    outcome = run("build", workbook, "-o", out, inputs=(workbook,))
    assert outcome.exit_code == EXIT_OK, outcome.output
    (beside,) = out.rglob("*（新版）.docx")
    assert len(beside.name.encode("utf-8")) <= 255
    assert assert_sound(beside) == 1


@pytest.mark.parametrize("text", ["😀" * 200, "𠀀" * 200, "党" * 200, "a" * 300, "👨‍👩‍👧" * 60,
                                  "a" + "e\u0301" * 150, "❤\ufe0f" * 100])
@pytest.mark.parametrize("limit, most", [(80, 240), (70, 210)])  # 70: the stem of a document's name
def test_safe_name_limits_bytes_without_cutting_a_character(text, limit, most):
    name = safe_name(text, limit)
    assert text.startswith(name) and name
    assert len(name.encode("utf-8")) <= most
    assert len(name) <= limit
    rest = text[len(name):]
    assert not unicodedata.combining(rest[0]) and rest[0] != "\ufe0f"  # no mark torn from its character
    assert name[-1] != "\u200d"


def test_safe_name_keeps_as_many_chinese_characters_as_before():
    assert safe_name("党" * 300) == "党" * 80
    assert safe_name("党" * 300, 70) == "党" * 70


# 21. An unexpected error is a bug: exit 3, one line ------------------------------------------


def test_an_internal_error_is_one_line_and_exit_3(make_workbook, monkeypatch):
    workbook = make_workbook()

    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(CHECK_MODULE, "check_workbook", broken)
    outcome = run("check", workbook, inputs=(workbook,))
    assert outcome.exit_code == EXIT_INTERNAL, outcome.output
    assert outcome.error_line() == "错误：程序内部出错（RuntimeError: boom），请加 --debug 查看详情并报告此问题"


def test_an_internal_error_with_debug_shows_the_traceback(make_workbook, monkeypatch):
    workbook = make_workbook()

    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(CHECK_MODULE, "check_workbook", broken)
    result = CliRunner().invoke(main, ["--debug", "check", str(workbook)])
    assert isinstance(result.exception, RuntimeError)


def test_an_internal_error_while_reading_the_options_is_exit_3(make_workbook, monkeypatch):
    workbook = make_workbook()
    (argument,) = [p for p in main.commands["check"].params if p.name == "workbook"]

    def broken(*args, **kwargs):
        raise ValueError("坏了")
    monkeypatch.setattr(argument.type, "convert", broken)
    outcome = run("check", workbook, inputs=(workbook,))
    assert outcome.exit_code == EXIT_INTERNAL, outcome.output
    assert outcome.error_line() == "错误：程序内部出错（ValueError: 坏了），请加 --debug 查看详情并报告此问题"


def test_ctrl_c_is_cancelled_with_130(make_workbook, monkeypatch):
    workbook = make_workbook()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(CHECK_MODULE, "check_workbook", interrupted)
    outcome = run("check", workbook, inputs=(workbook,))
    assert outcome.exit_code == 130, outcome.output
    assert "已取消。" in outcome.lines


def test_exit_3_is_documented():
    assert "3 程序内部出错" in run("--help").output
    text = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "`3` 程序内部出错" in text


# 23. Modes, click's messages, help width, init's hint ----------------------------------------


def test_outputs_get_the_mode_open_would_give(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "a.docx", b"data")
        existing = tmp_path / "b.docx"
        existing.write_bytes(b"old")
        existing.chmod(0o600)
        atomic_write(existing, b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.docx").stat().st_mode) == 0o644
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600


def test_a_mistyped_command_is_chinese():
    outcome = run("chek", "x.xlsx")
    assert outcome.exit_code == EXIT_FAILURE
    assert outcome.error_line() == "错误：没有“chek”这个命令；是不是要用 check？"
    assert "No such" not in outcome.output and "Did you mean" not in outcome.output


def test_an_unknown_command_lists_the_commands():
    outcome = run("xyzzy")
    assert outcome.exit_code == EXIT_FAILURE
    assert outcome.error_line().startswith("错误：没有“xyzzy”这个命令；可用的命令：build、check、")


def test_a_mistyped_option_suggests_the_right_one(tmp_path):
    outcome = run("check", tmp_path / "x.xlsx", "--formt", "json")
    assert outcome.exit_code == EXIT_FAILURE
    assert outcome.error_line() == "错误：没有选项 --formt；是不是要用 --format？"


@pytest.mark.parametrize("args, line", [
    (["build", "{wb}", "-o", "{out}", "-j", "99"], "错误：选项 -j/--jobs 的值无效：99 超出范围，应为 1 到 32 之间的整数"),
    (["build", "{wb}", "-o", "{out}", "-j", "两"], "错误：选项 -j/--jobs 的值无效：“两”不是整数"),
    (["check", "{wb}", "--format", "xml"], "错误：选项 --format 的值无效：“xml”不是可选的值；可选：text、json"),
    (["template", "check", "{out}/无.docx"], "错误：参数 模板.docx 的值无效：{out}/无.docx 不存在"),
    (["check", "{wb}", "extra"], "错误：多余的参数：extra（路径中有空格时，请把整个路径放在引号中）"),
    (["check", "{wb}", "--annotate"], "错误：选项 --annotate 后面缺少值"),
])
def test_click_messages_are_chinese(make_workbook, tmp_path, args, line):
    workbook = make_workbook()
    names = {"wb": workbook, "out": tmp_path / "输出"}
    outcome = run(*[a.format(**names) for a in args], inputs=(workbook,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == line.format(**names)


def display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def every_command():
    yield []
    for name, command in sorted(main.commands.items()):
        yield [name]
        for sub in sorted(getattr(command, "commands", {})):
            yield [name, sub]


@pytest.mark.parametrize("names", list(every_command()), ids=lambda n: " ".join(n) or "shenbaoshu")
def test_help_fits_80_columns(names):
    result = CliRunner().invoke(main, [*names, "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    wide = [line for line in result.output.splitlines() if display_width(line) > 80]
    assert not wide, "\n".join(wide)
    assert "示例" in result.output


def test_help_fits_80_columns_in_a_wide_terminal():
    result = CliRunner().invoke(main, ["build", "--help"], env={"COLUMNS": "200"}, terminal_width=200)
    assert max(display_width(line) for line in result.output.splitlines()) <= 80


def test_init_quotes_a_folder_with_a_space(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outcome = run("init", "my folder")
    assert outcome.exit_code == EXIT_OK, outcome.output
    assert "下一步：填写 my folder/申报.xlsx，然后运行 shenbaoshu check 'my folder/申报.xlsx'" in outcome.lines
    assert assert_sound(tmp_path / "my folder") >= 1


def test_init_does_not_quote_a_plain_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outcome = run("init", "2026双创")
    assert "下一步：填写 2026双创/申报.xlsx，然后运行 shenbaoshu check 2026双创/申报.xlsx" in outcome.lines
