"""Rendering: data appears exactly as typed, templates are prepared once, layout is right."""

from __future__ import annotations

import docx
import pytest
from conftest import applicant
from docx.oxml.ns import qn
from docxutil import W, paragraphs, part_xml, tables

import shenbaoshu
from shenbaoshu import TemplateError, read_workbook, render_documents
from shenbaoshu.documents import render as render_module

TEXT_WIDTH_TWIPS = 156 * 1440 / 25.4


@pytest.fixture(scope="module")
def sample_run(sample_workbook, tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    batch = read_workbook(sample_workbook)
    return batch, render_documents(batch, out), out


def test_every_sample_applicant_gets_a_document(sample_run):
    batch, result, _ = sample_run
    assert result.skipped == []
    assert len(result.written) == len(batch.applicants) >= 16
    categories = {a.category for a in batch.applicants}
    assert categories == {"标杆院系", "样板支部", "双带头人工作室", "创新项目"}


def test_each_document_holds_its_applicants_name_and_narrative(sample_run):
    batch, result, _ = sample_run
    for applicant, path in zip(batch.applicants, result.written):
        text = "\n".join(paragraphs(path))
        assert applicant.name in text
        for field in ("基本情况", "工作基础", "特色做法", "建设目标", "预期成果"):
            for paragraph in applicant.record.get(field):
                assert paragraph in paragraphs(path), (path.name, field)


def test_table_rows_match_child_rows(sample_run):
    batch, result, _ = sample_run
    for applicant, path in zip(batch.applicants, result.written):
        found = tables(path)
        honours = found["二、近三年所获荣誉"][2:]
        plan = found["六、实施计划"][2:]
        budget = found["八、经费预算"][2:-1]
        expected = applicant.rows("荣誉")
        assert len(honours) == max(len(expected), 1)
        if not expected:
            assert honours[0][0] == "无"
        assert [r[1] for r in honours if expected] == [r.get("荣誉名称") for r in expected]
        assert len(plan) == len(applicant.rows("建设计划"))
        assert len(budget) == len(applicant.rows("经费预算"))


def test_budget_total_and_amounts_have_two_decimals(make_workbook, tmp_path):
    budget = [{"编号": "A01", "科目": "活动", "金额（万元）": 0.6, "用途说明": "主题党日"},
              {"编号": "A01", "科目": "资料", "金额（万元）": "0.35", "用途说明": ""},
              {"编号": "A01", "科目": "宣传", "金额（万元）": 1, "用途说明": "微视频"}]
    batch = read_workbook(make_workbook(children={"经费预算": budget}))
    path = render_documents(batch, tmp_path / "out").written[0]
    rows = tables(path)["八、经费预算"]
    assert [r[2] for r in rows[2:]] == ["0.60", "0.35", "1.00", "1.95"]
    assert rows[-1][0] == "合  计"


def test_special_characters_appear_exactly_as_typed(make_workbook, tmp_path):
    typed = "R&D <部> \"x\" 'y' {{ 单位名称 }} {% if %} & 100%"
    row = applicant(单位名称=typed, 工作基础=f"第一段 {typed}\n第二段 {typed}")
    batch = read_workbook(make_workbook([row]))
    path = render_documents(batch, tmp_path / "out").written[0]
    texts = paragraphs(path)
    assert typed in texts
    assert f"第一段 {typed}" in texts and f"第二段 {typed}" in texts


def test_narrative_paragraphs_keep_the_template_formatting(sample_run):
    batch, result, _ = sample_run
    body = docx.Document(str(result.written[0])).element.body
    first = batch.applicants[0].record.get("基本情况")
    found = [p for p in body.iter(qn("w:p"))
             if "".join(t.text or "" for t in p.iter(qn("w:t"))) in first]
    assert len(found) == len(first) >= 2
    for paragraph in found:
        assert paragraph.find(f"{{{W}}}pPr/{{{W}}}ind").get(qn("w:firstLineChars")) == "200"


def test_every_run_names_its_chinese_font_and_language(sample_run):
    _, result, _ = sample_run
    for part in ("word/document.xml", "word/footer1.xml"):
        runs = [r for r in part_xml(result.written[0], part).iter(f"{{{W}}}r")
                if r.find(f"{{{W}}}t") is not None]
        assert runs
        for run in runs:
            fonts = run.find(f"{{{W}}}rPr/{{{W}}}rFonts")
            assert fonts is not None and fonts.get(qn("w:eastAsia")), part
            assert run.find(f"{{{W}}}rPr/{{{W}}}lang").get(qn("w:eastAsia")) == "zh-CN"


def test_page_setup_is_a4_with_gbt9704_margins(sample_run):
    _, result, _ = sample_run
    for section in docx.Document(str(result.written[0])).sections:
        sizes = (section.page_width, section.page_height, section.top_margin,
                 section.bottom_margin, section.left_margin, section.right_margin)
        assert [round(size.mm) for size in sizes] == [210, 297, 37, 35, 28, 26]


def test_tables_fit_the_text_width(sample_run):
    _, result, _ = sample_run
    for path in result.written:
        for grid in part_xml(path).iter(f"{{{W}}}tblGrid"):
            width = sum(int(c.get(qn("w:w"))) for c in grid)
            assert width <= TEXT_WIDTH_TWIPS + 5, path.name


def test_page_numbers_in_the_footers(sample_run):
    _, result, _ = sample_run
    document = docx.Document(str(result.written[0]))
    body = document.sections[1]
    for footer in (body.footer, body.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "— " in xml and " —" in xml
    assert document.settings.odd_and_even_pages_header_footer


def test_templates_are_prepared_once_per_run(sample_workbook, tmp_path, monkeypatch):
    reads = []
    original = render_module.PreparedTemplate._read_parts

    def counting(self):
        reads.append(self.path.name)
        return original(self)

    monkeypatch.setattr(render_module.PreparedTemplate, "_read_parts", counting)
    batch = read_workbook(sample_workbook)
    render_documents(batch, tmp_path)
    assert sorted(reads) == sorted({f"申报书_{a.category}.docx" for a in batch.applicants})
    assert len(batch.applicants) > len(reads)


def write_template(path, *texts):
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    document.save(path)
    return path


def test_field_missing_from_the_data_names_template_and_field_before_anything_is_written(make_workbook, tmp_path):
    folder = tmp_path / "模板"
    folder.mkdir()
    write_template(folder / "申报书_样板支部.docx", "{{ 单位名称 }}", "{{ 支部口号 }}")
    batch = read_workbook(make_workbook())
    with pytest.raises(TemplateError) as caught:
        render_documents(batch, tmp_path / "out", template_dir=folder)
    message = str(caught.value)
    assert "申报书_样板支部.docx" in message and "支部口号" in message and message.endswith("还没有写出任何文件")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.docx"))


def test_misspelt_field_stops_build_before_any_document_with_the_nearest_name(sample_workbook, tmp_path):
    from hostile import run

    folder = tmp_path / "我的模板"
    folder.mkdir()
    write_template(folder / "申报书_样板支部.docx", "{{ 单位名城 }}")
    result = run("build", sample_workbook, "-o", tmp_path / "out", "--template-dir", folder)
    assert result.exit_code == 2
    assert "使用了字段「单位名城」（是不是“单位名称”？）" in result.error_line()
    assert not any((tmp_path / "out").rglob("*.docx"))


def test_missing_attribute_of_a_row_is_reported_too(make_workbook, tmp_path):
    folder = tmp_path / "模板"
    folder.mkdir()
    write_template(folder / "申报书_样板支部.docx", "{% for 行 in 荣誉 %}{{ 行.奖金 }}{% endfor %}")
    honours = [{"编号": "A01", "荣誉名称": "先进党支部", "获得时间": "2023年6月"}]
    batch = read_workbook(make_workbook(children={"荣誉": honours}))
    with pytest.raises(TemplateError, match="奖金"):
        render_documents(batch, tmp_path / "out", template_dir=folder)


def test_custom_template_dir_falls_back_to_defaults_and_sees_extra_columns(make_workbook, tmp_path):
    folder = tmp_path / "模板"
    folder.mkdir()
    write_template(folder / "申报书_样板支部.docx", "自定义：{{ 单位名称 }}，排序{{ 推荐排序 }}")
    rows = [applicant(推荐排序=3), applicant(编号="A02", 申报类别="标杆院系", 推荐排序=1)]
    batch = read_workbook(make_workbook(rows))
    written = render_documents(batch, tmp_path / "out", template_dir=folder).written
    assert paragraphs(written[0]) == ["自定义：测试学院教工第一党支部，排序3"]
    assert "一、基本情况" in paragraphs(written[1])


def test_template_syntax_error_names_the_paragraph(tmp_path):
    path = write_template(tmp_path / "坏模板.docx", "开头", "{% for 行 in 荣誉 %}{{ 行.荣誉名称 }}", "结尾")
    with pytest.raises(TemplateError) as caught:
        render_module.PreparedTemplate(path)
    assert "坏模板.docx" in str(caught.value) and "语法错误" in str(caught.value)


def test_sandbox_refuses_unsafe_template_code(make_workbook, tmp_path):
    folder = tmp_path / "模板"
    folder.mkdir()
    write_template(folder / "申报书_样板支部.docx", "{{ 单位名称.__class__.__mro__ }}")
    batch = read_workbook(make_workbook())
    with pytest.raises(TemplateError):
        render_documents(batch, tmp_path / "out", template_dir=folder)


def test_applicants_with_errors_are_skipped_unless_forced(make_workbook, tmp_path):
    rows = [applicant(), applicant(编号="A02", 成立时间="2020年13月")]
    batch = read_workbook(make_workbook(rows))
    result = render_documents(batch, tmp_path / "out")
    assert [s.applicant.id for s in result.skipped] == ["A02"]
    assert "无法识别的日期" in result.skipped[0].reasons[0]
    assert len(result.written) == 1
    forced = render_documents(batch, tmp_path / "forced", force=True)
    assert len(forced.written) == 2


def test_output_path_pattern_and_uniqueness(make_workbook, tmp_path):
    rows = [applicant(单位名称='a/b:c*d?"e"<f>|g'), applicant(编号="A02", 单位名称='a/b:c*d?"e"<f>|g')]
    rows[1]["编号"] = "A01 "  # differs in the cell, same 编号 once trimmed → duplicate-id, forced
    batch = read_workbook(make_workbook(rows))
    written = render_documents(batch, tmp_path, force=True).written
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "样板支部/A01_a_b_c_d__e__f__g_申报书.docx",
        "样板支部/A01_a_b_c_d__e__f__g_申报书_2.docx"]


def test_library_api_is_importable():
    assert callable(shenbaoshu.read_workbook) and callable(shenbaoshu.render_documents)
    assert shenbaoshu.__version__
