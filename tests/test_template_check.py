"""shenbaoshu template check / fields: each defect named with its paragraph, and the field guide."""

from __future__ import annotations

import docx
from click.testing import CliRunner
from conftest import applicant
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxutil import paragraphs

from shenbaoshu import read_workbook, render_documents
from shenbaoshu.cli import main
from shenbaoshu.review.template_check import check_template


def template(tmp_path, *texts, name="申报书_样板支部.docx"):
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(path)
    return path


def runs_template(tmp_path, pieces, name="申报书_样板支部.docx"):
    """Write one paragraph whose text is split into runs as Word does (one run per piece)."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    for index, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        run.bold = index % 2 == 1
        if index == 1:
            proof = OxmlElement("w:proofErr")
            proof.set(qn("w:type"), "spellStart")
            paragraph._p.append(proof)
    path = tmp_path / name
    document.save(path)
    return path


def codes(result):
    return [(p.code, p.location.where) for p in result.report.problems]


def test_clean_template_lists_fields_and_where(tmp_path):
    path = template(tmp_path, "单位：{{ 单位名称 }}", "书记：{{ 负责人 }}，{{ 单位名称 }}")
    result = check_template(path)
    assert codes(result) == []
    assert result.fields == {"单位名称": ["第1段", "第2段"], "负责人": ["第2段"]}


def test_tag_split_across_runs_is_repaired_and_not_flagged(tmp_path, make_workbook):
    path = runs_template(tmp_path, ["单位：{", "{ 单位", "名称 }", "}"])
    assert codes(check_template(path)) == []
    batch = read_workbook(make_workbook())
    written = render_documents(batch, tmp_path / "out", template_dir=tmp_path).written
    assert paragraphs(written[0]) == ["单位：测试学院教工第一党支部"]


def test_tag_split_across_paragraphs_is_flagged(tmp_path):
    path = template(tmp_path, "单位：{{ 单位", "名称 }}")
    found = codes(check_template(path))
    assert ("tag-split", "第1段") in found and ("tag-split", "第2段") in found


def test_tag_with_a_tab_inside_is_flagged(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("{{ 单位")
    paragraph.add_run().add_tab()
    paragraph.add_run("名称 }}")
    path = tmp_path / "申报书_样板支部.docx"
    document.save(path)
    result = check_template(path)
    assert ("tag-broken", "第1个段落") in codes(result)
    assert "制表符" in result.report.problems[0].message


def test_braces_typed_by_a_chinese_input_method(tmp_path):
    for text in ("单位：｛｛ 单位名称 ｝｝", "单位：{ { 单位名称 } }", "｛% if 项目名称 %｝"):
        result = check_template(template(tmp_path, "开头", text))
        assert codes(result)[0] == ("ime-braces", "第2段"), text
        assert "英文半角" in result.report.problems[0].message


def test_syntax_error_names_the_paragraph(tmp_path):
    path = template(tmp_path, "开头", "{% for 行 in 荣誉 %}{{ 行.荣誉名称 }}", "结尾")
    result = check_template(path)
    assert [c for c, _ in codes(result)] == ["syntax-error"]
    assert "{% for 行 in 荣誉 %}" in result.report.problems[0].message
    assert result.report.problems[0].message.startswith("缺少结束标签 {% endfor %} 或 {% else %}")


def test_unknown_field_and_workbook_lacks(tmp_path, make_workbook):
    path = template(tmp_path, "{{ 单位名称 }}", "{{ 支部口号 }}", "{{ 项目名称 }}")
    result = check_template(path)
    assert codes(result) == [("unknown-field", "")]
    assert "「支部口号」（用在第2段）" in result.report.problems[0].message
    row = applicant(支部口号="永远跟党走")  # the factory's 申报单位 sheet has no 项目名称 column
    assert "项目名称" not in row
    with_column = check_template(path, make_workbook([row]))
    assert [(p.code, p.severity) for p in with_column.report.problems] == [
        ("unknown-field", "错误"), ("workbook-lacks", "警告")]
    assert "没有“项目名称”列" in with_column.report.problems[1].message


def test_shipped_templates_pass(sample_workbook):
    from shenbaoshu.resources import default_template_dir

    for path in sorted(default_template_dir().glob("*.docx")):
        assert codes(check_template(path, sample_workbook)) == [], path.name


def test_cli_template_check_exit_codes(tmp_path):
    good = CliRunner().invoke(main, ["template", "check", str(template(tmp_path, "{{ 单位名称 }}"))])
    assert good.exit_code == 0 and "单位名称：第1段" in good.output and "没有发现问题" in good.output
    bad = CliRunner().invoke(main, ["template", "check", str(template(tmp_path, "｛｛ 单位名称 ｝｝"))])
    assert bad.exit_code == 1 and "是中文输入法打出的括号" in bad.output


def test_field_guide_lists_every_field_with_examples(tmp_path):
    target = tmp_path / "字段说明.docx"
    result = CliRunner().invoke(main, ["template", "fields", "-o", str(target), "--markdown"])
    assert result.exit_code == 0, result.output
    table = docx.Document(str(target)).tables[0]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["{{ 单位名称 }}"][3] == "中共江城理工大学机械工程学院委员会"
    assert rows["{{ 成立时间 }}"][2] == "日期"
    for name in ("荣誉", "建设计划", "对标项目", "成果清单", "测评", "中期报告", "经费合计"):
        assert "{{ " + name + " }}" in rows, name
    markdown = target.with_suffix(".md").read_text(encoding="utf-8")
    assert "{%tr for 行 in 荣誉 %}" in markdown and "| `{{ 联系电话 }}` |" in markdown
