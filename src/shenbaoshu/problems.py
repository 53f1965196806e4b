"""Problems found in the data or in a document, as values rather than exceptions.

A :class:`Problem` has a stable code declared once in :mod:`shenbaoshu.catalogue`
(with its Chinese title, default severity and how to fix it), a Chinese
message, and a location: a workbook :class:`Cell` or a document :class:`Place`.
A :class:`Report` collects problems and serialises them in the one JSON shape
every command prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable, Union

from .catalogue import CATALOGUE, problem_type


class Severity(str, Enum):
    """How bad a problem is: a 错误 blocks the document it concerns, a 警告 only informs."""

    ERROR = "错误"
    WARNING = "警告"

    __hash__ = str.__hash__  # so that "错误" and Severity.ERROR are one key in dicts and sets

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Cell:
    """A place in the workbook: sheet, row, column header and letter."""

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

    @property
    def label(self) -> str:
        """Return the reference followed by the column header, as messages show it."""
        return f"{self.ref} {self.column}" if self.column else self.ref

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the location."""
        return {"kind": "cell", "ref": self.ref, "sheet": self.sheet, "row": self.row,
                "column": self.column, "letter": self.letter}


@dataclass(frozen=True)
class Place:
    """A place in a document: the file and where in it (a paragraph or a table cell)."""

    file: str
    where: str = ""

    @property
    def ref(self) -> str:
        """Return the file name, as problem lists show it."""
        return self.file

    @property
    def label(self) -> str:
        """Return the file and where in it, as messages show it."""
        return f"{self.file} {self.where}" if self.where else self.file

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the location."""
        return {"kind": "document", "ref": self.ref, "file": self.file, "where": self.where}


Location = Union[Cell, Place]


@dataclass(frozen=True, init=False)
class Problem:
    """One thing wrong, with where it is; the severity defaults to the catalogue's for the code."""

    code: str
    message: str
    location: Location | None
    applicant: str
    document: str
    severity: Severity

    def __init__(self, code: str, message: str, location: Location | None = None, applicant: str = "",
                 document: str = "", severity: Severity | str | None = None) -> None:
        declared = problem_type(code)  # an undeclared code fails here, where it is made
        for name, value in (("code", code), ("message", message), ("location", location),
                            ("applicant", applicant), ("document", document),
                            ("severity", Severity(severity or declared.severity))):
            object.__setattr__(self, name, value)

    @property
    def title(self) -> str:
        """Return the catalogue's Chinese title of the problem's code."""
        return CATALOGUE[self.code].title

    @property
    def cell(self) -> Cell | None:
        """Return the workbook cell of the problem, or None when it has none."""
        return self.location if isinstance(self.location, Cell) else None

    @property
    def ref(self) -> str:
        """Return the location's reference, or an empty string when there is none."""
        return self.location.ref if self.location else ""

    @property
    def is_error(self) -> bool:
        """Return True for a 错误 (blocks generation), False for a 警告."""
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        place = self.location.label if self.location else ""
        return f"{place}：{self.message}" if place else self.message

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary of the problem."""
        return {
            "code": self.code,
            "title": self.title,
            "severity": self.severity.value,
            "message": self.message,
            "ref": self.ref,
            "location": self.location.to_dict() if self.location else None,
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

    def extend(self, problems: Iterable[Problem]) -> None:
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

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape every command prints: validity, counts and every problem."""
        return {"valid": self.valid, "errors": len(self.errors), "warnings": len(self.warnings),
                "problems": [p.to_dict() for p in self.problems]}
