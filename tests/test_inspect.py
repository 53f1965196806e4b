"""shenbaoshu inspect: clean on generated documents, and names exactly the damage otherwise."""

from __future__ import annotations

import shutil

import docx
import pytest
from click.testing import CliRunner

from shenbaoshu import render_documents
from shenbaoshu.checks.loader import load_scheme
from shenbaoshu.checks.validate import check_workbook
from shenbaoshu.cli import main
from shenbaoshu.review.inspection import inspect_file, inspect_paths


@pytest.fixture(scope="module")
def generated(sample_workbook, tmp_path_factory):
    out = tmp_path_factory.mktemp("docs")
    batch, validation = check_workbook(sample_workbook)
    render_documents(batch, out, documents=["all"], validation=validation)
    return out


def codes(result):
    return [(p.code, p.location.where) for p in result.report.problems]


def test_every_generated_document_is_clean(generated):
    results = inspect_paths([generated], scheme=load_scheme("zhengzhou-tielu-2022"))
    assert len(results) == 78
    assert [(r.path.name, codes(r)) for r in results if r.report.problems] == []
    kinds = {r.kind.name for r in results}
    assert kinds == {"申报书", "自查报告", "中期报告", "验收申请书", "典型案例"}


def copy(generated, tmp_path, pattern):
    source = next(generated.rglob(pattern))
    target = tmp_path / source.name
    shutil.copy(source, target)
    return target


def delete_table(path, title):
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == title)
    table._tbl.getparent().remove(table._tbl)
    document.save(path)


def test_removed_section_is_named(generated, tmp_path):
    path = copy(generated, tmp_path, "Z01_*_申报书.docx")
    delete_table(path, "七、预期成果")
    assert codes(inspect_file(path)) == [("section-missing", "")]
    assert "缺少“预期成果”部分" in inspect_file(path).report.problems[0].message


def test_emptied_section_is_named(generated, tmp_path):
    path = copy(generated, tmp_path, "Z01_*_申报书.docx")
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "五、建设目标")
    for paragraph in table.rows[1].cells[0].paragraphs:
        for run in paragraph.runs:
            run.text = ""
    document.save(path)
    result = inspect_file(path)
    assert [c for c, _ in codes(result)] == ["section-empty"]
    assert result.report.problems[0].location.where.startswith("表格")


def test_section_holding_only_instructions(generated, tmp_path):
    path = copy(generated, tmp_path, "Z01_*_典型案例.docx")
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "三、工作成效")
    end = next(i for i, p in enumerate(paragraphs) if p.text == "四、工作启示")
    paragraphs[start + 1].text = "（请简要说明工作成效，不超过500字）"
    for extra in paragraphs[start + 2:end]:
        extra._p.getparent().remove(extra._p)
    document.save(path)
    assert codes(inspect_file(path)) == [("section-instructions-only", f"第{start + 1}段")]


def test_placeholder_left(generated, tmp_path):
    path = copy(generated, tmp_path, "Z01_*_中期报告.docx")
    document = docx.Document(str(path))
    document.paragraphs[4].add_run("，共开展活动xxx次")
    document.paragraphs[5].add_run("{{ 下一步 }}")
    document.save(path)
    found = codes(inspect_file(path))
    assert found == [("placeholder-left", "第5段"), ("placeholder-left", "第6段")]


@pytest.mark.parametrize("text", ["【请填写】", "负责人：____", "联系电话：＿＿＿＿", "编号：××"])
def test_other_placeholders(tmp_path, text):
    document = docx.Document()
    for line in ("典型案例", "一、基本情况", "有内容。", "二、主要做法", f"主要做法如下：{text}", "三、工作成效", "有内容。",
                 "四、工作启示", "有内容。"):
        document.add_paragraph(line)
    path = tmp_path / "案例.docx"
    document.save(path)
    expected = [("placeholder-left", "第5段")]
    if "请填写" in text:  # a hint to fill in is also all the section holds
        expected.insert(0, ("section-instructions-only", "第4段"))
    assert codes(inspect_file(path)) == expected


def test_hand_written_document_in_another_numbering_style_with_table_headings(tmp_path):
    document = docx.Document()
    document.add_paragraph("某某支部建设中期报告")
    document.add_paragraph("1. 基础工作情况")
    document.add_paragraph("支部按计划推进各项工作。")
    table = document.add_table(rows=4, cols=1)
    table.rows[0].cells[0].text = "（二）建设推进情况："
    table.rows[1].cells[0].text = "各阶段按期完成。"
    table.rows[2].cells[0].text = "第三部分 工作特色和创新"
    table.rows[3].cells[0].text = "形成了特色品牌。"
    for heading, body in (("阶段性成果（附后）", "成果三项。"), ("存在的问题", "宣传不够。"), ("下一步工作", "加强宣传。")):
        document.add_paragraph(heading)
        document.add_paragraph(body)
    path = tmp_path / "某某支部材料.docx"
    document.save(path)
    result = inspect_file(path)
    assert result.kind.name == "中期报告" and result.guessed == "按标题判断为中期报告"
    assert codes(result) == []
    assert result.sections["建设推进情况"] == "各阶段按期完成。"


def test_type_guessed_from_title_when_the_name_says_nothing(generated, tmp_path):
    source = next(generated.rglob("Z01_*_自查报告.docx"))
    path = tmp_path / "材料1.docx"
    shutil.copy(source, path)
    result = inspect_file(path)
    assert (result.kind.name, result.guessed) == ("自查报告", "按标题判断为自查报告")


def test_length_limit_and_deliverables(tmp_path):
    document = docx.Document()
    document.add_paragraph("工作验收申请书")
    for heading in ("任务完成概况", "重要举措落实", "示范作用发挥", "建设成果清单", "满意度测评", "负面清单自查"):
        document.add_paragraph(heading)
        document.add_paragraph("建成微信公众号，汇编成果集，形成可复制的工作法。")
    path = tmp_path / "验收申请书.docx"
    document.save(path)
    result = inspect_file(path, scheme=load_scheme("heida-2025"))
    assert [(p.code, p.message) for p in result.report.problems] == [
        ("deliverable-not-mentioned", "没有提到“四个一”成果中的“微视频”")]
    case = docx.Document()
    case.add_paragraph("典型案例")
    for heading in ("一、基本情况", "二、主要做法", "三、工作成效", "四、工作启示"):
        case.add_paragraph(heading)
        case.add_paragraph("党" * 1300)
    case_path = tmp_path / "典型案例.docx"
    case.save(case_path)
    found = inspect_file(case_path, scheme=load_scheme("heida-2025"))
    assert [p.code for p in found.report.problems] == ["too-long"]


def test_cli_table_per_file_total_and_exit_code(generated, tmp_path):
    good = copy(generated, tmp_path, "Z01_*_典型案例.docx")
    bad = copy(generated, tmp_path, "Z02_*_申报书.docx")
    delete_table(bad, "八、经费预算")
    result = CliRunner().invoke(main, ["inspect", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{good}（按文件名判断为典型案例）\n  通过" in result.output
    assert "  错误  缺少“经费预算”部分" in result.output
    assert "共 2 个文件：1 个通过，1 个有问题；错误 1 处，警告 0 处" in result.output
    clean = CliRunner().invoke(main, ["inspect", str(good), "--doc", "anli", "--format", "json"])
    assert clean.exit_code == 0 and '"valid": true' in clean.output


def test_file_of_unknown_type_is_reported_not_fatal(tmp_path):
    document = docx.Document()
    document.add_paragraph("会议通知")
    document.save(tmp_path / "通知.docx")
    result, = inspect_paths([tmp_path])
    assert result.kind is None
    assert [(p.code, p.message[:12]) for p in result.report.problems] == [("type-unknown", "无法判断是哪种文档，请用")]


def test_the_tools_own_build_output_inspects_clean(sample_workbook, tmp_path):
    from hostile import run

    from shenbaoshu.batch.build import build_batch

    build_batch(sample_workbook, tmp_path / "全部")
    result = run("inspect", tmp_path / "全部")
    assert result.exit_code == 0, result.output
    assert "  这是申报汇总表，不是申报材料，未检查" in result.lines
    assert result.lines[-1] == "共 79 个文件：78 个通过，0 个有问题，1 个不是申报材料（未检查）；错误 0 处，警告 0 处"
