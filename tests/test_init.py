"""shenbaoshu init: a workbook ready to fill, whose example rows pass check."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from shenbaoshu.checks.loader import builtin_schemes
from shenbaoshu.checks.validate import check_workbook
from shenbaoshu.cli import main
from shenbaoshu.workbook import schema


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("scheme", [s.id for s in builtin_schemes()] + [None])
def test_example_rows_pass_check_without_errors(tmp_path, scheme):
    folder = tmp_path / "工作"
    result = run("init", folder, *(["--scheme", scheme] if scheme else []))
    assert result.exit_code == 0, result.output
    batch, validation = check_workbook(folder / "申报.xlsx")
    assert validation.report.errors == []
    assert (validation.scheme.id if validation.scheme else None) == scheme
    assert len(batch.applicants) == 1
    for table in schema.CHILD_TABLES:
        assert batch.applicants[0].rows(table.name), table.name
    assert run("check", folder / "申报.xlsx").exit_code == 0


def test_workbook_has_every_sheet_header_help_and_formats(tmp_path):
    run("init", tmp_path / "工作", "--scheme", "zju-2024")
    book = openpyxl.load_workbook(tmp_path / "工作" / "申报.xlsx")
    assert book.sheetnames == ["说明"] + [t.name for t in schema.TABLES]
    explained = {(r[0], r[1]) for r in book["说明"].iter_rows(min_row=2, values_only=True)}
    for table in schema.TABLES:
        for column in table.columns:
            assert (table.name, column.header) in explained
    sheet = book["申报单位"]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.header for c in schema.APPLICANTS.columns]
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(1, headers.index("编号") + 1).comment.text.startswith("必填。")
    assert sheet.cell(3, headers.index("成立时间") + 1).number_format == 'yyyy"年"m"月"d"日"'
    assert sheet.cell(3, headers.index("联系电话") + 1).number_format == "@"
    lists = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"标杆院系,样板支部,双带头人工作室,创新项目"' in lists and '"是,否"' in lists
    assert '"教师,学生,师生联合,机关"' in lists
    grades = {v.formula1 for v in book["考核"].data_validations.dataValidation}
    assert any("好" in f for f in grades)


def test_templates_and_how_to_are_copied(tmp_path):
    run("init", tmp_path / "工作")
    assert (tmp_path / "工作" / "模板" / "申报书_样板支部.docx").is_file()
    assert (tmp_path / "工作" / "模板" / "验收申请书.docx").is_file()
    assert "shenbaoshu build 申报.xlsx" in (tmp_path / "工作" / "使用说明.txt").read_text(encoding="utf-8")


def test_init_never_overwrites(tmp_path):
    folder = tmp_path / "工作"
    run("init", folder)
    (folder / "申报.xlsx").write_bytes(b"my data")
    result = run("init", folder)
    assert result.exit_code == 2 and "为免覆盖" in result.output
    assert (folder / "申报.xlsx").read_bytes() == b"my data"


def test_round_trip_init_check_build(tmp_path):
    folder = tmp_path / "工作"
    run("init", folder, "--scheme", "heida-2025")
    result = run("build", folder / "申报.xlsx", "-o", folder / "输出", "--template-dir", folder / "模板")
    assert result.exit_code == 0, result.output
    assert (folder / "输出" / "样板支部" / "E01_示例学院教工第一党支部_申报书.docx").is_file()
    assert "没有需要更新的文件" in run("build", folder / "申报.xlsx", "-o", folder / "输出",
                                    "--template-dir", folder / "模板").output
