"""Problems found in the data, as values rather than exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "错误"
WARNING = "警告"


@dataclass(frozen=True)
class Cell:
    """The place a value came from: sheet, row, column header and letter."""

    sheet: str
    row: int | None = None
    column: str = ""
    letter: str = ""

    @property
    def ref(self) -> str:
        """Return the cell reference as users write it, e.g. ``申报单位!F7``."""
        if self.row is None:
            return self.sheet
        if not self.letter:
            return f"{self.sheet}!第{self.row}行"
        return f"{self.sheet}!{self.letter}{self.row}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, with the cell that holds it."""

    code: str
    severity: str
    message: str
    cell: Cell | None = None
    applicant: str = ""
    document: str = ""

    @property
    def ref(self) -> str:
        """Return the cell reference, or an empty string when there is none."""
        return self.cell.ref if self.cell else ""

    @property
    def is_error(self) -> bool:
        """Return True for a 错误 (blocks generation), False for a 警告."""
        return self.severity == ERROR

    def __str__(self) -> str:
        column = f" {self.cell.column}" if self.cell and self.cell.column else ""
        place = f"{self.ref}{column}：" if self.cell else ""
        return f"{place}{self.message}"

    def as_dict(self) -> dict:
        """Return a JSON-ready dictionary of the problem."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "ref": self.ref,
            "sheet": self.cell.sheet if self.cell else "",
            "row": self.cell.row if self.cell else None,
            "column": self.cell.column if self.cell else "",
            "applicant": self.applicant,
            "document": self.document,
        }


@dataclass
class Report:
    """A collection of problems; `valid` when none of them is a 错误."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        """Append `problem` to the report."""
        self.problems.append(problem)

    def extend(self, problems) -> None:
        """Append every problem of `problems`."""
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        """Return the problems of severity 错误."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Return the problems of severity 警告."""
        return [p for p in self.problems if not p.is_error]

    @property
    def valid(self) -> bool:
        """Return True when the report holds no 错误."""
        return not self.errors

    def codes(self) -> list[tuple[str, str]]:
        """Return ``(code, ref)`` pairs, the form tests assert on."""
        return [(p.code, p.ref) for p in self.problems]

    def blocked_applicants(self) -> set[str]:
        """Return the 编号 of applicants that have at least one 错误."""
        return {p.applicant for p in self.errors if p.applicant}
