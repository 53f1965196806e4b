"""The 申报汇总表: rows, sorting, statistics, print settings, and no formula injection."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import applicant
from eligible import ORG, batch_values
from pypdf import PdfReader

from shenbaoshu.cli import main
from shenbaoshu.outputs.summary import DEFAULT_COLUMNS

# The sample's scheme counts honours of the last 3 years for every category it has.
HEADINGS = ["近3年荣誉" if c == "近年荣誉" else c for c in DEFAULT_COLUMNS]


@pytest.fixture(scope="module")
def summary(sample_workbook, tmp_path_factory):
    out = tmp_path_factory.mktemp("summary") / "汇总表.xlsx"
    result = CliRunner().invoke(main, ["summary", str(sample_workbook), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_one_row_per_applicant_sorted_by_org_then_category(summary):
    sheet = openpyxl.load_workbook(summary)["申报汇总表"]
    assert sheet["A1"].value == "江城理工大学2025年度基层党建“对标争先”建设计划申报汇总表"
    assert [c.value for c in sheet[3]] == HEADINGS
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 18
    assert [r[0] for r in rows] == list(range(1, 19))
    keys = [(r[1], ("标杆院系", "样板支部", "双带头人工作室", "创新项目").index(r[2])) for r in rows]
    assert keys == sorted(keys)
    assert all(r[-1] == "通过" for r in rows)
    z01 = next(r for r in rows if r[3] == "机械工程学院智能制造系教工党支部")
    assert z01[5] == "2012年3月15日" and z01[10] == "无"
    assert "江城理工大学先进党支部（校级）" in z01[9]


def test_print_settings(summary):
    sheet = openpyxl.load_workbook(summary)["申报汇总表"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$3"
    assert sheet.freeze_panes == "A4"
    assert sheet["D4"].alignment.wrap_text and sheet["D4"].border.left.style == "thin"


def test_statistics_sheet_counts_and_quota_use(summary):
    sheet = openpyxl.load_workbook(summary)["统计"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert [c.value for c in sheet[1]][:6] == ["二级党组织", "标杆院系", "样板支部", "双带头人工作室", "创新项目", "合计"]
    assert rows["合计"][5] == 18
    mech = rows["中共江城理工大学机械工程学院委员会"]
    assert mech[1:6] == (1, 2, 1, 0, 4)


def test_quota_use_from_the_scheme(make_workbook, tmp_path):
    rows = [applicant(编号=f"A{i}", 单位名称=f"第{i}支部", 所属党组织=ORG) for i in (1, 2)]
    orgs = [{"名称": ORG, "类型": "党委", "党支部总数": 25}]
    path = make_workbook(rows, batch=dict(batch_values(), 方案="zju-2024"), children={"二级党组织": orgs})
    out = tmp_path / "汇总.xlsx"
    assert CliRunner().invoke(main, ["summary", str(path), "-o", str(out)]).exit_code == 0
    stats = {r[0]: r for r in openpyxl.load_workbook(out)["统计"].iter_rows(min_row=2, values_only=True)}
    assert stats[ORG][-1] == "党建工作样板支部 2/2"


def test_cell_values_that_look_like_formulas_stay_text(make_workbook, tmp_path):
    row = applicant(单位名称="=HYPERLINK(\"http://x\",\"点我\")", 联系人="@SUM(A1)", 负责人="+1+1", 联系电话="-2")
    path = make_workbook([row])
    book = openpyxl.load_workbook(path)
    for cell in book["申报单位"][2]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text typed in Excel, not a formula
    book.save(path)
    out = tmp_path / "汇总.xlsx"
    result = CliRunner().invoke(main, ["summary", str(path), "-o", str(out)])
    assert result.exit_code == 0
    sheet = openpyxl.load_workbook(out)["申报汇总表"]
    values = {c.value: c.data_type for c in sheet[4]}
    for text in ("=HYPERLINK(\"http://x\",\"点我\")", "@SUM(A1)", "+1+1"):
        assert values[text] == "s", text
    with zipfile.ZipFile(out) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")


def test_word_version_is_a_landscape_table(summary):
    document = docx.Document(str(summary.with_suffix(".docx")))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADINGS
    assert len(table.rows) == 19


def test_summary_opens_in_libreoffice_in_landscape(summary, tmp_path):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.fail("没有找到 LibreOffice（soffice）：请先运行 scripts/install-system-deps.sh")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(summary)],
                   check=True, capture_output=True, timeout=300)
    pages = PdfReader(tmp_path / "汇总表.pdf").pages
    box = pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert all("申报汇总表" in p.extract_text() or "二级党组织" in p.extract_text() for p in pages)


def test_recent_honours_on_a_leap_day_reference(make_workbook, tmp_path):
    import datetime as dt

    honours = [{"编号": "A01", "荣誉名称": "先进党支部", "级别": "校级", "获得时间": dt.date(2021, 3, 1)},
               {"编号": "A01", "荣誉名称": "旧荣誉", "级别": "校级", "获得时间": dt.date(2020, 6, 1)}]
    path = make_workbook(batch=dict(batch_values(), 参照日期=dt.date(2024, 2, 29)), children={"荣誉": honours})
    out = tmp_path / "汇总.xlsx"
    assert CliRunner().invoke(main, ["summary", str(path), "-o", str(out)]).exit_code == 0
    row = list(openpyxl.load_workbook(out)["申报汇总表"].iter_rows(min_row=4, values_only=True))[0]
    assert row[DEFAULT_COLUMNS.index("近年荣誉")] == "先进党支部（校级）"


def test_recent_honours_follow_the_schemes_window_and_level(make_workbook, tmp_path):
    import datetime as dt

    rows = [applicant(编号="B01", 申报类别="标杆院系", 单位名称=ORG, 所属党组织="中共测试大学委员会", 支部类型=None),
            applicant(编号="A01")]
    four_years_ago = dt.date(2021, 6, 1)  # inside zju-2024's 5 years for 标杆院系, outside 3 years for 样板支部
    honours = [{"编号": i, "荣誉名称": f"{i}先进集体", "级别": "校级", "获得时间": four_years_ago} for i in ("B01", "A01")]
    honours.append({"编号": "A01", "荣誉名称": "院级表彰", "级别": "院级", "获得时间": dt.date(2025, 1, 1)})
    path = make_workbook(rows, batch=dict(batch_values(), 方案="zju-2024"), children={"荣誉": honours})
    out = tmp_path / "汇总.xlsx"
    assert CliRunner().invoke(main, ["summary", str(path), "-o", str(out)]).exit_code in (0, 1)
    sheet = openpyxl.load_workbook(out)["申报汇总表"]
    column = DEFAULT_COLUMNS.index("近年荣誉")
    assert sheet[3][column].value == "近年荣誉（标杆院系5年，样板支部3年）"
    found = {r[3]: r[column] for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert found[ORG] == "B01先进集体（校级）"
    assert found["测试学院教工第一党支部"] == "无"  # 4 years old, and 院级 is below the scheme's 校级
