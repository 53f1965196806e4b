"""Records read from the workbook; every value keeps the cell it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Cell, Report


@dataclass
class Record:
    """One row of a sheet (or the key/value pairs of a key/value sheet)."""

    sheet: str
    row: int | None
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    extras: dict[str, str] = field(default_factory=dict)

    def get(self, header: str, default: Any = None) -> Any:
        """Return the typed value of column `header`, or `default` when blank."""
        value = self.values.get(header)
        return default if value is None else value

    def cell(self, header: str) -> Cell:
        """Return the cell of column `header` (the row when the column is absent)."""
        return self.cells.get(header) or Cell(self.sheet, self.row, header)


@dataclass
class Applicant:
    """One applicant: its row of 申报单位 and its rows in each child sheet."""

    record: Record
    children: dict[str, list[Record]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Return the applicant's 编号."""
        return self.record.get("编号", "")

    @property
    def category(self) -> str:
        """Return the 申报类别."""
        return self.record.get("申报类别", "")

    @property
    def name(self) -> str:
        """Return the 单位名称."""
        return self.record.get("单位名称", "")

    def rows(self, sheet: str) -> list[Record]:
        """Return the applicant's rows in child `sheet`."""
        return self.children.get(sheet, [])

    def row(self, sheet: str) -> Record | None:
        """Return the applicant's only row in one-row-per-applicant `sheet`, or None."""
        rows = self.rows(sheet)
        return rows[0] if rows else None

    def __str__(self) -> str:
        return f"{self.id} {self.name}".strip()


@dataclass
class Batch:
    """A workbook read into records, with the problems found while reading."""

    path: Path
    info: Record
    applicants: list[Applicant]
    report: Report = field(default_factory=Report)
    sheets: dict[str, list[Record]] = field(default_factory=dict)

    @property
    def school(self) -> str:
        """Return the 学校名称 of the batch."""
        return self.info.get("学校名称", "")

    def has_sheet(self, name: str) -> bool:
        """Return True when the workbook had sheet `name`."""
        return name in self.sheets

    def rows(self, name: str) -> list[Record]:
        """Return the records of a sheet that is not attached to applicants (e.g. 二级党组织)."""
        return self.sheets.get(name, [])

    def select(self, ids) -> list[Applicant]:
        """Return the applicants whose 编号 is in `ids`, in workbook order."""
        wanted = set(ids)
        return [a for a in self.applicants if a.id in wanted]
