"""shenbaoshu check: grouped text, JSON, exit codes, the annotated copy, and the samples."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import applicant

from shenbaoshu.checks.validate import check_workbook
from shenbaoshu.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# The deliberate problems of each scheme sample, as listed in samples/README.md.
EXPECTED = {
    "shichuang-2020": {("dual-leader-required", "申报单位!K15"), ("already-selected", "荣誉!B33"),
                       ("required-missing", "申报单位!U9")},
    "guizhou-ligong-2020": {("too-young", "申报单位!G8"), ("budget-over-cap", "经费预算!C2"),
                            ("quota-exceeded", "二级党组织!A4"), ("negative-item", "负面清单!C31"),
                            ("self-check-missing", "申报单位!A9")},
    "zju-2024": {("quota-exceeded", "二级党组织!C3"), ("honours-missing", "申报单位!A8"),
                 ("member-honour-missing", "申报单位!A8"), ("member-honour-missing", "申报单位!A3"),
                 ("deadline-passed", "申报单位!O11"), ("survey-mismatch", "满意度测评!I26")},
    "zhengzhou-tielu-2022": {("budget-over-cap", "经费预算!C64"), ("value-not-allowed", "申报单位!E14"),
                             ("negative-unchecked", "申报单位!A10"), ("required-missing", "申报单位!F18")},
    "heida-2025": {("dual-leader-share", "二级党组织!E3"), ("condition-unmet", "二级党组织!F4"),
                   ("quota-unmet", "二级党组织!A7"), ("too-young", "申报单位!G5"),
                   ("deliverable-missing", "验收!A6"), ("case-too-long", "典型案例!B9")},
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_main_sample_is_clean(sample_workbook):
    _, validation = check_workbook(sample_workbook)
    assert validation.scheme.id == "zhengzhou-tielu-2022"
    assert validation.report.problems == []


@pytest.mark.parametrize("scheme_id", sorted(EXPECTED))
def test_each_scheme_sample_lists_exactly_its_deliberate_problems(scheme_id):
    _, validation = check_workbook(SAMPLES / "方案示例" / f"{scheme_id}.xlsx")
    assert validation.scheme.id == scheme_id
    assert set(validation.report.codes()) == EXPECTED[scheme_id]
    assert len(validation.report.problems) == len(EXPECTED[scheme_id])


def test_samples_readme_lists_every_deliberate_problem():
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for problems in EXPECTED.values():
        for code, ref in problems:
            assert f"`{code}` `{ref}`" in text, (code, ref)


def test_text_output_groups_by_applicant_with_a_total():
    result = run("check", SAMPLES / "方案示例" / "zju-2024.xlsx")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1] == "方案：zju-2024 浙江大学第三批党建“双创”（2024）"
    assert lines[2] == "成立年限和“近N年”计算到 2025年5月31日（批次表的参照日期）"
    z04 = lines.index("Z04 信息科学与工程学院本科生第二党支部")
    assert lines[z04 + 1].startswith("  错误  申报单位!A8 编号：不满足荣誉或考核条件")
    assert "“二级党组织”表" in lines
    assert lines[-1] == "共 11 个申报单位：7 个无问题，1 个仅有警告，3 个有错误；错误 5 处，警告 1 处"


def test_json_output(tmp_path):
    result = run("check", SAMPLES / "方案示例" / "heida-2025.xlsx", "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert data["scheme"]["id"] == "heida-2025" and data["valid"] is False
    assert {(p["code"], p["ref"]) for p in data["problems"]} == EXPECTED["heida-2025"]
    too_young = next(p for p in data["problems"] if p["code"] == "too-young")
    assert (too_young["applicant"], too_young["location"]["column"], too_young["location"]["row"]) == ("Z01", "成立时间", 5)


def test_warnings_only_exit_zero(make_workbook, tmp_path):
    result = run("check", make_workbook())
    assert result.exit_code == 0
    assert "  警告  批次 方案：未指定方案" in result.output


def test_scheme_option_overrides_the_batch_sheet(make_workbook):
    result = run("check", make_workbook([applicant(申报类别="创新项目")]), "--scheme", "zju-2024")
    assert result.exit_code == 1
    assert "  错误  申报单位!B2 申报类别：方案“浙江大学第三批党建“双创”（2024）”不设“创新项目”" in result.output


def test_scheme_file_mistake_is_one_line(make_workbook, tmp_path):
    bad = tmp_path / "坏方案.toml"
    bad.write_text('id = "x"\nname = "x"\n[categories."样板支部"]\nplaces = "四个"\n', encoding="utf-8")
    result = run("check", make_workbook(), "--scheme", bad)
    assert result.exit_code == 2
    assert result.output.strip() == ("错误：方案文件 坏方案.toml 的“categories.样板支部.places”有误："
                                     "应为整数，现为“四个”")


def test_unknown_scheme_in_batch_sheet_names_the_cell(make_workbook):
    path = make_workbook(batch={"学校名称": "测试大学", "批次名称": "x", "方案": "没有这个方案"})
    result = run("check", path)
    assert result.exit_code == 2
    assert "错误：批次!B4 方案：没有名为“没有这个方案”的方案" in result.output


def test_schemes_command_lists_builtins():
    result = run("schemes")
    assert result.exit_code == 0
    for scheme_id in EXPECTED:
        assert scheme_id in result.output
    assert "标杆二级党组织、样板党支部" in result.output


@pytest.fixture
def annotated(tmp_path):
    source = tmp_path / "输入.xlsx"
    shutil.copy(SAMPLES / "方案示例" / "zju-2024.xlsx", source)
    before = source.read_bytes()
    target = tmp_path / "标注.xlsx"
    result = run("check", source, "--annotate", target)
    assert result.exit_code == 1 and f"已写出标注工作簿：{target}" in result.output
    assert source.read_bytes() == before
    return target


def test_annotated_copy_marks_cells_and_lists_problems(annotated):
    book = openpyxl.load_workbook(annotated)
    assert book.sheetnames[0] == "校验结果"
    young = book["申报单位"]["A8"]
    assert young.fill.fgColor.rgb.endswith("FFC7CE")
    assert "不满足荣誉或考核条件" in young.comment.text and "成员近3年" in young.comment.text
    late = book["申报单位"]["O11"]
    assert late.fill.fgColor.rgb.endswith("FFEB9C") and "【警告】" in late.comment.text
    assert book["申报单位"]["A2"].comment is None
    results = book["校验结果"]
    rows = list(results.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 6
    quota = next(r for r in results.iter_rows(min_row=2) if r[2].value == "推荐数超过名额")
    assert quota[3].hyperlink.location == "'二级党组织'!C3"


def test_annotated_copy_survives_libreoffice(annotated, tmp_path):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.fail("没有找到 LibreOffice（soffice）：请先运行 scripts/install-system-deps.sh")
    out = tmp_path / "lo"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(annotated)],
                   check=True, capture_output=True, timeout=300)
    book = openpyxl.load_workbook(out / annotated.name)
    cell = book["申报单位"]["A8"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert "不满足荣誉或考核条件" in cell.comment.text
    assert book["校验结果"].max_row == 7


def test_annotate_refuses_to_overwrite_the_input(tmp_path):
    source = tmp_path / "输入.xlsx"
    shutil.copy(SAMPLES / "方案示例" / "zju-2024.xlsx", source)
    before = source.read_bytes()
    result = run("check", source, "--annotate", source)
    assert result.exit_code == 2 and "不能写回输入的工作簿" in result.output
    assert source.read_bytes() == before


def test_generate_skips_applicants_with_scheme_errors(tmp_path):
    result = run("generate", SAMPLES / "方案示例" / "zju-2024.xlsx", "-o", tmp_path)
    assert result.exit_code == 1
    assert "未生成 Z04 信息科学与工程学院本科生第二党支部 的申报书" in result.output
    assert "未生成 B02" in result.output
    assert "警告：申报单位!O11 填报日期" in result.output
    written = {p.name[:3] for p in tmp_path.rglob("*.docx")}
    assert written == {"B01", "B03", "Z01", "Z02", "Z03", "Z05", "Z06", "Z07", "Z08"}
    forced = run("generate", SAMPLES / "方案示例" / "zju-2024.xlsx", "-o", tmp_path / "全部", "--force")
    assert forced.exit_code == 0 and len(list((tmp_path / "全部").rglob("*.docx"))) == 11
