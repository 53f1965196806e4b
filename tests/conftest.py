"""Fixtures: a factory that writes small, valid workbooks which a test then spoils."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

BATCH = {"学校名称": "测试大学", "批次名称": "2025年度测试批次", "参照日期": dt.date(2025, 5, 31)}
APPLICANT = {
    "编号": "A01", "申报类别": "样板支部", "单位名称": "测试学院教工第一党支部",
    "所属党组织": "中共测试大学测试学院委员会", "支部类型": "教师", "成立时间": dt.date(2015, 3, 1),
    "党员人数": 20, "负责人": "张三", "负责人职务职称": "支部书记、教授", "是否双带头人": "是",
    "联系人": "李四", "联系电话": "13800000000", "电子邮箱": "a@example.edu.cn",
    "填报日期": dt.date(2025, 5, 20), "基本情况": "基本情况第一段。\n基本情况第二段。",
    "工作基础": "工作基础内容。", "特色做法": "特色做法内容。", "建设目标": "建设目标内容。",
    "预期成果": "预期成果内容。", "所在党组织意见": "同意推荐。",
}


def edit_cell(workbook: Path, unit_id: str, column: str, value) -> None:
    """Set `column` of the 申报单位 row of `unit_id` to `value` in the workbook file, as a user would."""
    book = load_workbook(workbook)
    sheet = book["申报单位"]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == unit_id:
            row[headers.index(column)].value = value
    book.save(workbook)


def applicant(**changes) -> dict:
    """Return a valid applicant row with `changes` applied (None blanks a cell)."""
    row = dict(APPLICANT)
    row.update(changes)
    return row


class WorkbookFactory:
    """Write workbooks into a temporary folder; each call returns the new path."""

    def __init__(self, folder: Path):
        self.folder, self.count = folder, 0

    def __call__(self, applicants=None, batch=None, children=None, headers=None,
                 drop_sheets=(), title_rows=0) -> Path:
        self.count += 1
        book = Workbook()
        sheet = book.active
        sheet.title = "批次"
        sheet.append(["项目", "内容"])
        for key, value in (BATCH if batch is None else batch).items():
            sheet.append([key, value])
        rows = [applicant()] if applicants is None else applicants
        columns = headers or list(dict.fromkeys(k for r in rows for k in r) or APPLICANT)
        self._table(book, "申报单位", columns, rows, title_rows)
        for name, child_rows in (children or {}).items():
            child_columns = list(dict.fromkeys(k for r in child_rows for k in r))
            self._table(book, name, child_columns, child_rows, 0)
        for name in drop_sheets:
            del book[name]
        path = self.folder / f"工作簿{self.count}.xlsx"
        book.save(path)
        return path

    @staticmethod
    def _table(book, name, columns, rows, title_rows):
        sheet = book.create_sheet(name)
        for _ in range(title_rows):
            sheet.append([f"{name}（标题行）"])
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(c) for c in columns])
        return sheet


@pytest.fixture
def make_workbook(tmp_path) -> WorkbookFactory:
    """Return a factory of small workbooks in `tmp_path`."""
    return WorkbookFactory(tmp_path)


@pytest.fixture(scope="session")
def sample_workbook() -> Path:
    """Return the bundled sample workbook."""
    path = Path(__file__).resolve().parent.parent / "samples" / "示例申报.xlsx"
    assert path.is_file(), f"缺少示例工作簿 {path}"
    return path


@pytest.fixture
def scheme_file(tmp_path):
    """Return a function that writes a small scheme file from TOML text and loads it."""
    from shenbaoshu.checks.loader import load_file

    def write(body: str, name: str = "测试方案.toml"):
        path = tmp_path / name
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return load_file(path)
    return write
