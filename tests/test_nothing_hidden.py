"""Every problem reaches the user, once, in Chinese; totals add up; shown outputs are real ones."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import applicant
from eligible import batch_values, sheets, unit

from shenbaoshu.checks.loader import load_scheme
from shenbaoshu.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def typo_workbook(make_workbook):
    honours = [{"编号": "ZO1", "荣誉名称": "先进党支部", "级别": "校级", "获得时间": "2024-06-01"},
               {"编号": "A01", "荣誉名称": "优秀党支部", "级别": "校级", "获得时间": "2024-06-01"}]
    return make_workbook([applicant(), applicant(编号="A02", 单位名称="测试学院教工第二党支部")],
                         children={"荣誉": honours})


def test_child_row_with_an_unknown_id_is_printed_under_its_sheet(make_workbook):
    result = run("check", typo_workbook(make_workbook))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    sheet = lines.index("“荣誉”表")
    assert lines[sheet + 1].startswith("  错误  荣誉!A2 编号：编号“ZO1”在“申报单位”表中不存在")
    assert "现有编号：A01、A02" in lines[sheet + 1]
    assert lines[-1] == "共 2 个申报单位：2 个无问题，0 个仅有警告，0 个有错误；错误 1 处，警告 1 处"


def test_build_writes_the_unknown_id_into_the_check_results(make_workbook, tmp_path):
    result = run("build", typo_workbook(make_workbook), "-o", tmp_path / "out")
    assert result.exit_code == 1
    text = (tmp_path / "out" / "校验结果.txt").read_text(encoding="utf-8")
    assert "荣誉!A2 编号：编号“ZO1”在“申报单位”表中不存在" in text
    assert "检查：错误 1 处" in result.output


def test_totals_add_up_with_warnings_and_errors(make_workbook):
    rows = [applicant(), applicant(编号="A02", 联系电话="abc"), applicant(编号="A03", 填报日期=None)]
    result = run("check", make_workbook(rows, batch=dict(batch_values(), 截止日期="2025-05-01")))
    total = result.output.splitlines()[-1]
    numbers = [int(n) for n in re.findall(r"(\d+) 个", total)]
    assert numbers[0] == 3 and sum(numbers[1:]) == 3, total


def test_missing_required_narrative_is_reported_once(make_workbook):
    scheme = load_scheme("zju-2024")
    row = dict(unit("样板支部"), 基本情况=None)
    path = make_workbook([row], batch=dict(batch_values(), 方案="zju-2024"), children=sheets(scheme, [row]))
    result = run("check", path, "--format", "json")
    found = [p for p in json.loads(result.output)["problems"] if p["code"] == "required-missing"]
    assert [p["ref"] for p in found] == ["申报单位!O2"]


def test_summary_check_column_shows_titles_not_codes(make_workbook, tmp_path):
    path = make_workbook([applicant(联系电话="abc")])
    out = tmp_path / "汇总.xlsx"
    assert run("summary", path, "-o", out).exit_code == 0
    sheet = openpyxl.load_workbook(out)["申报汇总表"]
    value = [c.value for c in sheet[4]][-1]
    assert value == "错误1处：无法识别的电话号码"
    assert not re.search(r"[a-z]+-[a-z]+", value)


def shown_output(text: str, command: str) -> str:
    """Return the output shown after ``$ command`` in a ```text block, without its indentation."""
    block = re.search(rf"```text\n( *)\$ {re.escape(command)}\n(.*?)\n *```", text, re.S)
    assert block, command
    indent = len(block.group(1))
    return "\n".join(line[indent:] for line in block.group(2).splitlines())


def test_check_output_shown_in_the_docs_is_real(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    command = "shenbaoshu check samples/方案示例/zju-2024.xlsx --annotate 标注.xlsx"
    target = tmp_path / "标注.xlsx"
    result = run("check", "samples/方案示例/zju-2024.xlsx", "--annotate", target)
    real = result.output.replace(str(target), "标注.xlsx").rstrip("\n")
    for page in ("README.md", "docs/cli.md"):
        assert shown_output((ROOT / page).read_text(encoding="utf-8"), command) == real, page


def test_inspect_output_shown_in_the_docs_is_real(tmp_path, monkeypatch):
    import docx

    def make(path: Path, texts: list[str]) -> None:
        document = docx.Document()
        for text in texts:
            document.add_paragraph(text)
        document.save(str(path))

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "报送材料"
    folder.mkdir()
    make(folder / "Z01_申报书.docx", [
        "党建工作样板支部创建申报书", "编号：Z01（联系人：xxx）", "一、基本情况", "本支部现有党员21名。",
        "二、近三年所获荣誉", "2023年 校级先进基层党组织", "三、工作基础", "坚持“三会一课”。", "四、特色做法",
        "“支部+课题组”。", "五、建设目标", "", "六、实施计划", "分三个阶段推进。", "八、经费预算", "合计2.00万元。",
        "九、所在党组织意见", "同意推荐。", "十、学校党委意见"])
    make(folder / "Z01_典型案例.docx", [
        "“支部建在课题组上”典型案例", "一、基本情况", "支部现有党员21名。", "二、主要做法", "把支部建在课题组上。",
        "三、工作成效", "两项成果获奖。", "四、工作启示", "党建与业务同频共振。"])
    result = run("inspect", "报送材料")
    assert result.exit_code == 1
    shown = shown_output((ROOT / "docs" / "cli.md").read_text(encoding="utf-8"), "shenbaoshu inspect 报送材料")
    assert result.output.rstrip("\n") == shown


def test_template_check_output_shown_in_the_docs_is_real(tmp_path, monkeypatch):
    import docx

    monkeypatch.chdir(tmp_path)
    document = docx.Document()
    document.add_paragraph("单位：｛｛ 单位名称 ｝｝")
    document.add_paragraph("{% for 行 in 荣誉 %}{{ 行.荣誉名称 }}")
    document.save("我的模板.docx")
    result = run("template", "check", "我的模板.docx")
    assert result.exit_code == 1
    shown = shown_output((ROOT / "docs" / "cli.md").read_text(encoding="utf-8"),
                         "shenbaoshu template check 我的模板.docx")
    assert result.output.rstrip("\n") == shown


@pytest.mark.parametrize("command", ["shenbaoshu init 2026双创 --scheme zju-2024",
                                     "shenbaoshu summary samples/示例申报.xlsx -o 申报汇总表.xlsx",
                                     "shenbaoshu schemes"])
def test_other_outputs_shown_in_the_docs_are_real(command, sample_workbook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "samples").mkdir()
    shutil.copy(sample_workbook, tmp_path / "samples" / "示例申报.xlsx")
    result = run(*command.split()[1:])
    assert result.exit_code == 0, result.output
    shown = shown_output((ROOT / "docs" / "cli.md").read_text(encoding="utf-8"), command)
    assert result.output.rstrip("\n") == shown


def test_child_rows_without_any_applicant_give_one_line_per_sheet(make_workbook):
    honours = [{"编号": f"A{i:02d}", "荣誉名称": "先进党支部", "级别": "校级", "获得时间": "2024-06-01"}
               for i in range(1, 30)]
    result = run("check", make_workbook([], children={"荣誉": honours}))
    lines = [line for line in result.output.splitlines() if line.startswith("  错误")]
    assert lines == ["  错误  荣誉!A2 编号：“荣誉”表有 29 行，但“申报单位”表中还没有任何单位：请先在“申报单位”表中填写"]
