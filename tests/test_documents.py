"""The documents after the 申报书: content, checklist marks, survey arithmetic, per-document blocking."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from docxutil import paragraphs, tables

from shenbaoshu import render_documents
from shenbaoshu.checks.measures import survey_result, word_count
from shenbaoshu.checks.validate import check_workbook
from shenbaoshu.cli import main
from shenbaoshu.documents.types import DOCUMENTS, document_types
from shenbaoshu.errors import ShenbaoshuError
from shenbaoshu.workbook.model import Record

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def generate_all(workbook, out):
    batch, validation = check_workbook(workbook)
    result = render_documents(batch, out, documents=["all"], validation=validation)
    return batch, validation, result


@pytest.fixture(scope="module")
def sample_all(sample_workbook, tmp_path_factory):
    return generate_all(sample_workbook, tmp_path_factory.mktemp("all"))


def written(result, unit_id, document):
    found = [p for p in result.written if p.name.startswith(unit_id + "_") and p.stem.endswith(document)]
    assert len(found) == 1, (unit_id, document)
    return found[0]


def test_all_documents_for_every_applicant_they_apply_to(sample_all):
    batch, _, result = sample_all
    assert result.skipped == []
    assert result.counts == {"申报书": 18, "自查报告": 14, "中期报告": 16, "验收申请书": 15, "典型案例": 15}
    absent = {(s.applicant.id, s.document) for s in result.not_applicable}
    assert ("X01", "自查报告") in absent and ("Z08", "中期报告") in absent and ("S03", "验收申请书") in absent


def test_document_names_and_aliases():
    assert [d.name for d in document_types(["zicha", "申报书"])] == ["申报书", "自查报告"]
    assert len(document_types(["all"])) == len(DOCUMENTS)
    with pytest.raises(ShenbaoshuError, match="没有“总结”这种文档；可选：申报书（shenbaoshu）"):
        document_types(["总结"])


def test_self_check_report_lists_every_item_in_order(sample_all):
    batch, _, result = sample_all
    texts = paragraphs(written(result, "Z01", "自查报告"))
    assert texts[:2] == ["机械工程学院智能制造系教工党支部", "对标“七个有力”自查报告"]
    headings = [t for t in texts if t.startswith("（") and t.endswith("有力")]
    expected = ["教育党员有力", "管理党员有力", "监督党员有力", "组织师生有力", "宣传师生有力", "凝聚师生有力",
                "服务师生有力"]
    numbers = "一二三四五六七"
    assert headings == [f"（{n}）{e}" for n, e in zip(numbers, expected)] * 2
    assert any(t.startswith("1.主要做法。围绕“教育党员有力”") for t in texts)
    texts = paragraphs(written(result, "B01", "自查报告"))
    assert "对标“五个到位”自查报告" in texts and "（五）推动改革发展到位" in texts


def test_missing_self_check_item_is_marked_not_filled(tmp_path):
    batch, validation, result = generate_all(SAMPLES / "方案示例" / "guizhou-ligong-2020.xlsx", tmp_path)
    texts = paragraphs(written(result, "Z05", "自查报告"))
    where = texts.index("（三）监督党员有力")
    assert texts[where + 1] == "1.主要做法。（尚未填写）"
    assert ("self-check-missing", "申报单位!A9") in validation.report.codes()


def test_interim_report_stage_table_and_results(sample_all):
    batch, _, result = sample_all
    path = written(result, "Z01", "中期报告")
    stages = next(rows for first, rows in tables(path).items() if first == "阶段")
    z01 = next(a for a in batch.applicants if a.id == "Z01")
    assert len(stages) - 1 == len(z01.rows("建设计划"))
    assert [r[3] for r in stages[1:]] == ["已完成", "已完成", "进行中", "未开始"]
    assert "对照申报书的实施计划，建设共分4个阶段，目前已完成2个阶段，各阶段推进情况如下。" in paragraphs(path)
    results = next(rows for first, rows in tables(path).items() if first == "序号")
    assert len(results) - 1 == len(z01.rows("建设成果"))


def test_acceptance_checklist_marks_missing_deliverable(tmp_path):
    batch, validation, result = generate_all(SAMPLES / "方案示例" / "heida-2025.xlsx", tmp_path)
    checklist = tables(written(result, "Z02", "验收申请书"))["五、建设成果清单（“四个一”成果）"]
    marks = {row[1]: (row[2], row[3]) for row in checklist[2:]}
    assert marks["微视频"] == ("缺", "—")
    assert marks["新媒体平台"] == ("已完成", "“青锋工坊”微信公众号专栏")
    assert [row[1] for row in checklist[2:]] == ["典型经验", "新媒体平台", "微视频", "成果汇编"]
    assert ("deliverable-missing", "验收!A6") in validation.report.codes()


def test_acceptance_survey_figures(sample_all):
    batch, _, result = sample_all
    survey = tables(written(result, "Z01", "验收申请书"))["六、满意度测评"]
    z01 = next(a for a in batch.applicants if a.id == "Z01")
    first = z01.rows("满意度测评")[0]
    row = survey[2]
    good, fair, ok, poor, bad = (first.get(n) for n in ("很好", "较好", "一般", "较差", "很差"))
    answered = good + fair + ok + poor + bad
    assert row[0] == first.get("测评项目")
    assert row[7] == f"{Decimal((good + fair) * 100) / answered:.1f}%"
    assert row[8] == f"{Decimal(5 * good + 4 * fair + 3 * ok + 2 * poor + bad) / answered:.2f}"
    assert survey[-1][0] == "总体"


def test_survey_arithmetic_leaves_out_dont_know():
    row = Record("满意度测评", 2, values={"测评项目": "总体评价", "很好": 6, "较好": 2, "一般": 1, "较差": 0,
                                      "很差": 1, "不了解": 10})
    result = survey_result(row)
    assert (result.answered, result.total) == (10, 20)
    assert result.satisfied_rate == Decimal("80.0")
    assert result.mean == Decimal("4.20")


def test_word_count_counts_characters_not_bytes():
    assert word_count("党建引领，R&D 2024年") == 9
    assert word_count("一二三", "四五") == 5


def test_errors_block_only_their_document(tmp_path):
    _, _, heida = generate_all(SAMPLES / "方案示例" / "heida-2025.xlsx", tmp_path / "heida")
    skipped = {(s.applicant.id, s.document) for s in heida.skipped}
    assert ("Z05", "典型案例") in skipped
    assert written(heida, "Z05", "申报书") and written(heida, "Z05", "验收申请书")
    _, _, zju = generate_all(SAMPLES / "方案示例" / "zju-2024.xlsx", tmp_path / "zju")
    assert ("Z02", "验收申请书") in {(s.applicant.id, s.document) for s in zju.skipped}
    assert written(zju, "Z02", "申报书") and written(zju, "Z02", "典型案例")


def test_case_document(sample_all):
    _, _, result = sample_all
    texts = paragraphs(written(result, "Z01", "典型案例"))
    assert texts[0].startswith("“车间里的党课”：以支部建在科研团队上")
    assert [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、")] == [
        "一、基本情况", "二、主要做法", "三、工作成效", "四、工作启示"]


def test_generate_doc_option_through_the_cli(sample_workbook, tmp_path):
    result = CliRunner().invoke(main, ["generate", str(sample_workbook), "-o", str(tmp_path),
                                       "--doc", "zicha", "--doc", "典型案例", "--only", "Z01"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.rglob("*.docx")) == [
        "Z01_机械工程学院智能制造系教工党支部_典型案例.docx", "Z01_机械工程学院智能制造系教工党支部_自查报告.docx"]
    assert "已生成 2 份文档（自查报告 1 份、典型案例 1 份）" in result.output
    bad = CliRunner().invoke(main, ["generate", str(sample_workbook), "-o", str(tmp_path), "--doc", "总结"])
    assert bad.exit_code == 2 and "没有“总结”这种文档" in bad.output
