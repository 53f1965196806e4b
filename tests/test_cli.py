"""The command line, run through click's CliRunner: exit codes and Chinese output."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import applicant

from shenbaoshu.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_generate_writes_one_document_per_applicant(sample_workbook, tmp_path):
    result = run("generate", sample_workbook, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    written = sorted(tmp_path.rglob("*.docx"))
    assert len(written) == 18
    assert f"已生成 18 份文档（申报书 18 份），保存在 {tmp_path}" in result.output
    assert (tmp_path / "样板支部" / "Z01_机械工程学院智能制造系教工党支部_申报书.docx") in written


def test_only_renders_the_named_applicants(sample_workbook, tmp_path):
    result = run("generate", sample_workbook, "-o", tmp_path, "--only", "Z01", "--only", "S02")
    assert result.exit_code == 0
    assert sorted(p.name[:3] for p in tmp_path.rglob("*.docx")) == ["S02", "Z01"]


def test_only_with_an_unknown_id_lists_the_known_ones(sample_workbook, tmp_path):
    result = run("generate", sample_workbook, "-o", tmp_path, "--only", "Q99")
    assert result.exit_code == 2
    assert "没有编号为 Q99 的申报单位；现有编号：B01、B02" in result.output
    assert "Traceback" not in result.output


def test_bad_value_is_one_line_with_its_cell_and_exit_1(make_workbook, tmp_path):
    path = make_workbook([applicant(), applicant(编号="A02", 成立时间="2020年13月")])
    result = run("generate", path, "-o", tmp_path)
    assert result.exit_code == 1
    assert "申报单位!F3 成立时间：无法识别的日期「2020年13月」" in result.output
    assert "未生成 A02 测试学院教工第一党支部 的申报书" in result.output
    assert len(list(tmp_path.rglob("*.docx"))) == 1


def test_missing_file_is_a_chinese_message_without_traceback(tmp_path):
    result = run("generate", tmp_path / "没有这个文件.xlsx", "-o", tmp_path)
    assert result.exit_code == 2
    assert "错误：找不到工作簿文件" in result.output
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(tmp_path):
    result = CliRunner().invoke(main, ["--debug", "generate", str(tmp_path / "无.xlsx"), "-o", str(tmp_path)])
    assert result.exit_code != 0
    assert type(result.exception).__name__ == "WorkbookError"


def test_warnings_are_shown_but_do_not_fail(make_workbook, tmp_path):
    path = make_workbook([applicant(工作基础="甲_x000B_乙")])
    result = run("generate", path, "-o", tmp_path)
    assert result.exit_code == 0
    assert "警告：申报单位!P2 工作基础：含有 Word 不允许的控制字符" in result.output


def test_usage_errors_are_chinese(tmp_path):
    result = run("generate")
    assert result.exit_code == 2
    assert "错误：缺少参数 工作簿.xlsx" in result.output
    result = run("generate", "a.xlsx", "-o", tmp_path, "--bogus")
    assert "错误：没有选项 --bogus" in result.output


def test_help_is_chinese_with_an_example():
    for args in (["--help"], ["generate", "--help"]):
        result = run(*args)
        assert result.exit_code == 0
        assert "用法：" in result.output and "示例" in result.output and "选项：" in result.output
        assert "Show this message" not in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("shenbaoshu ")
