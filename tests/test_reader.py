"""Reading: every value keeps its cell; problems are located values, not tracebacks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import APPLICANT, applicant

from shenbaoshu import WorkbookError, read_workbook
from shenbaoshu.workbook.normalize import CnDate


def only_applicant(path):
    batch = read_workbook(path)
    assert len(batch.applicants) == 1
    return batch, batch.applicants[0].record


def test_valid_workbook_reads_without_problems(make_workbook):
    batch, record = only_applicant(make_workbook())
    assert batch.report.problems == []
    assert batch.school == "测试大学"
    assert record.get("单位名称") == "测试学院教工第一党支部"
    assert record.get("成立时间") == CnDate(2015, 3, 1)
    assert record.cell("成立时间").ref == "申报单位!F2"


@pytest.mark.parametrize("typed, expected", [
    ("2020年5月9日", CnDate(2020, 5, 9)),
    ("2020年5月", CnDate(2020, 5)),
    ("2020.5.9", CnDate(2020, 5, 9)),
    ("2020-05-09", CnDate(2020, 5, 9)),
    ("2020/5/9", CnDate(2020, 5, 9)),
    ("２０２０年５月９日", CnDate(2020, 5, 9)),
    (" 2020年5月9日\u3000", CnDate(2020, 5, 9)),
    (dt.datetime(2020, 5, 9, 14, 30), CnDate(2020, 5, 9)),
    (43960, CnDate(2020, 5, 9)),  # the serial openpyxl returns for Chinese date formats 27–36, 50–58
])
def test_dates_are_read_from_cells_serials_and_text(make_workbook, typed, expected):
    batch, record = only_applicant(make_workbook([applicant(成立时间=typed)]))
    assert batch.report.problems == []
    assert record.get("成立时间") == expected


def test_dates_are_written_the_official_way():
    assert str(CnDate(2024, 3, 15)) == "2024年3月15日"
    assert str(CnDate(2024, 3)) == "2024年3月"


@pytest.mark.parametrize("typed", ["2020年13月", "2020年2月30日", "去年五月", "3"])
def test_unreadable_date_is_a_problem_at_its_cell(make_workbook, typed):
    batch, record = only_applicant(make_workbook([applicant(成立时间=typed)]))
    assert batch.report.codes() == [("date-unreadable", "申报单位!F2")]
    assert record.get("成立时间") is None
    assert batch.report.problems[0].applicant == "A01"


def test_unreadable_date_message_names_cell_column_and_value(make_workbook):
    batch, _ = only_applicant(make_workbook([applicant(成立时间="2020年13月")]))
    assert str(batch.report.problems[0]) == "申报单位!F2 成立时间：无法识别的日期「2020年13月」"


def test_phone_typed_as_number_stays_text(make_workbook):
    batch, record = only_applicant(make_workbook([applicant(联系电话=13812345678)]))
    assert record.get("联系电话") == "13812345678"
    batch, record = only_applicant(make_workbook([applicant(联系电话="１３８１２３４５６７８")]))
    assert record.get("联系电话") == "13812345678"


def test_id_typed_as_number_and_full_width_is_text(make_workbook):
    _, record = only_applicant(make_workbook([applicant(编号=7)]))
    assert record.get("编号") == "7"
    _, record = only_applicant(make_workbook([applicant(编号="Ａ０１")]))
    assert record.get("编号") == "A01"


def test_text_is_trimmed_including_ideographic_space(make_workbook):
    _, record = only_applicant(make_workbook([applicant(负责人="\u3000张三 ")]))
    assert record.get("负责人") == "张三"


def test_alt_enter_line_breaks_become_paragraphs(make_workbook):
    _, record = only_applicant(make_workbook([applicant(基本情况="第一段。\n\n第二段。\r\n 第三段。")]))
    assert record.get("基本情况") == ("第一段。", "第二段。", "第三段。")


def test_member_count_accepts_unit_and_full_width_digits(make_workbook):
    _, record = only_applicant(make_workbook([applicant(党员人数="２０人")]))
    assert record.get("党员人数") == 20


def test_category_and_branch_type_accept_aliases(make_workbook):
    _, record = only_applicant(make_workbook([applicant(申报类别="样板党支部", 支部类型="教工党支部")]))
    assert (record.get("申报类别"), record.get("支部类型")) == ("样板支部", "教师")


def test_unknown_category_lists_valid_values(make_workbook):
    batch, _ = only_applicant(make_workbook([applicant(申报类别="先进支部")]))
    assert batch.report.codes() == [("choice-invalid", "申报单位!B2")]
    assert "标杆院系 / 样板支部 / 双带头人工作室 / 创新项目" in batch.report.problems[0].message


def test_unreadable_yes_no(make_workbook):
    batch, _ = only_applicant(make_workbook([applicant(是否双带头人="也许")]))
    assert batch.report.codes() == [("bool-unreadable", "申报单位!J2")]


def test_required_value_missing(make_workbook):
    batch, _ = only_applicant(make_workbook([applicant(单位名称=None)]))
    assert batch.report.codes() == [("required-missing", "申报单位!C2")]


def test_headers_match_after_folding_spaces_and_full_width(make_workbook):
    row = applicant()
    row["联系 电话"] = row.pop("联系电话")
    budget = [{"编号": "A01", "科目": "活动", "金额(万元)": "１.５", "用途说明": "说明"}]
    batch = read_workbook(make_workbook([row], children={"经费预算": budget}))
    assert batch.report.problems == []
    assert batch.applicants[0].record.get("联系电话") == "13800000000"
    assert batch.applicants[0].rows("经费预算")[0].get("金额（万元）") == Decimal("1.5")


def test_column_order_does_not_matter_and_extra_columns_are_kept(make_workbook):
    row = applicant(**{"推荐排序": 2})
    headers = list(reversed(list(row)))
    batch = read_workbook(make_workbook([row], headers=headers))
    record = batch.applicants[0].record
    assert batch.report.problems == []
    assert record.get("单位名称") == APPLICANT["单位名称"]
    assert record.extras == {"推荐排序": "2"}


def test_header_row_may_follow_title_rows(make_workbook):
    batch = read_workbook(make_workbook(title_rows=2))
    assert batch.applicants[0].record.cell("成立时间").ref == "申报单位!F4"


def test_missing_sheet_names_what_is_missing_and_found(make_workbook):
    path = make_workbook(drop_sheets=["批次"])
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    assert "缺少工作表：批次" in str(caught.value)
    assert "现有工作表：申报单位" in str(caught.value)


def test_missing_required_column_names_what_is_missing_and_found(make_workbook):
    row = applicant()
    del row["成立时间"], row["负责人"]
    with pytest.raises(WorkbookError) as caught:
        read_workbook(make_workbook([row]))
    message = str(caught.value)
    assert "工作表「申报单位」缺少必填列：成立时间、负责人" in message
    assert "找到的列：编号、申报类别" in message


def test_unreadable_file_is_a_workbook_error(tmp_path):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_text("这不是工作簿", encoding="utf-8")
    with pytest.raises(WorkbookError, match="不是有效的 .xlsx"):
        read_workbook(bad)
    with pytest.raises(WorkbookError, match="找不到工作簿文件"):
        read_workbook(tmp_path / "没有.xlsx")
    (tmp_path / "旧.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(WorkbookError, match="另存为 .xlsx"):
        read_workbook(tmp_path / "旧.xls")


def test_duplicate_id_points_at_the_second_row(make_workbook):
    batch = read_workbook(make_workbook([applicant(), applicant(单位名称="另一个支部")]))
    assert batch.report.codes() == [("duplicate-id", "申报单位!A3")]
    assert "申报单位!A2" in batch.report.problems[0].message
    assert batch.report.problems[0].applicant == "A01"


def test_child_rows_attach_to_their_applicant(make_workbook):
    honours = [{"编号": "A01", "荣誉名称": "先进党支部", "级别": "校级", "授予单位": "测试大学",
                "获得时间": "2023年6月"},
               {"编号": "Z99", "荣誉名称": "无主荣誉", "获得时间": "2023年6月"}]
    batch = read_workbook(make_workbook(children={"荣誉": honours}))
    assert [r.get("荣誉名称") for r in batch.applicants[0].rows("荣誉")] == ["先进党支部"]
    assert batch.report.codes() == [("unknown-applicant", "荣誉!A3")]


def test_batch_sheet_required_key_missing(make_workbook):
    batch = read_workbook(make_workbook(batch={"批次名称": "x"}))
    assert batch.report.codes() == [("required-missing", "批次")]


def test_forbidden_xml_character_is_removed_and_reported(make_workbook):
    path = make_workbook([applicant(工作基础="甲_x000B_乙")])  # how Excel stores a vertical tab
    batch, record = only_applicant(path)
    assert record.get("工作基础") == ("甲乙",)
    assert batch.report.codes() == [("illegal-character", "申报单位!P2")]
    assert not batch.report.problems[0].is_error


def test_excel_escapes_are_decoded(make_workbook):
    path = make_workbook([applicant(工作基础="第一段_x000D_\n第二段", 负责人="张_x005F_x0041_三")])
    batch, record = only_applicant(path)
    assert record.get("工作基础") == ("第一段", "第二段")
    assert record.get("负责人") == "张_x0041_三"
    assert batch.report.problems == []
