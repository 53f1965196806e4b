"""Turn raw cell values into typed values: one converter per column type.

A converter returns the value or raises :class:`Unreadable` with a Chinese
message; the reader turns that into a problem located at the cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from . import schema
from .text import fold

# Characters XML 1.0 forbids in a document (Word refuses the file with them).
FORBIDDEN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers treated as dates: 1927-05-18 … 2119-01-10.
SERIAL_RANGE = (10000, 80000)
# Whole numbers (人数、票数、年度、党支部数) must be below this; a larger one is a typing or file error.
INT_LIMIT = 10**9
# Line breaks a cell may hold: Alt+Enter stores "\n"; other programs write "\r\n", "\r" or U+2028/U+2029.
LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


class Unreadable(ValueError):
    """A cell value that cannot be read as its column's type.

    `code` names the problem when it is not the column type's usual
    "unreadable" code (e.g. ``amount-negative``).
    """

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Unusable:
    """What the reader finds in a cell whose stored content cannot be used as a value.

    A formula saved without its calculated result, or a number cell whose
    stored text is not a finite number (``NaN``, ``1E+400``). The reader
    reports `message` at the cell, under `code` (or, when empty, the column
    type's "unreadable" code), and the value is blank.
    """

    code: str
    message: str

    def __str__(self) -> str:
        return ""


UNCACHED_FORMULA = Unusable(
    "formula-uncached", "单元格中是公式，但没有保存计算结果：请在 Excel 或 WPS 中打开工作簿、保存后再运行")


def bad_number(text: str) -> Unusable:
    """Return the marker of a number cell whose stored text `text` is not a finite number."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    return Unusable("", f"单元格中保存的数值「{shown}」不是有效的数字（无穷大、NaN 或格式错误），请重新输入")


def bad_value(text: str) -> Unusable:
    """Return the marker of a cell whose stored value is damaged (e.g. points at a missing string)."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    return Unusable("", f"单元格中保存的值「{shown}」已损坏，无法读取，请重新输入")


@dataclass(frozen=True, order=True)
class CnDate:
    """A date written the Chinese official way; the day may be unknown."""

    year: int
    month: int
    day: int | None = None

    def __str__(self) -> str:
        text = f"{self.year}年{self.month}月"
        return f"{text}{self.day}日" if self.day else text

    def as_date(self) -> dt.date:
        """Return a `datetime.date`, the first of the month when no day is known."""
        return dt.date(self.year, self.month, self.day or 1)

    @classmethod
    def from_date(cls, value: dt.date) -> "CnDate":
        """Return the CnDate of a `datetime.date` or `datetime.datetime`."""
        return cls(value.year, value.month, value.day)


def clean_text(value) -> str:
    """Return `value` as stripped text (U+3000 included); numbers lose a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return str(CnDate.from_date(value))
    return str(value).strip()


def to_text(value) -> str:
    """Return a text value, stripped; each line break in it (CRLF, CR, LF, U+2028, U+2029) is one "\\n"."""
    return LINE_BREAKS.sub("\n", clean_text(value))


def to_narrative(value) -> tuple[str, ...]:
    """Return the paragraphs of a narrative cell: split at each line break (Alt+Enter; CRLF is one
    break), each stripped, empty ones dropped."""
    lines = LINE_BREAKS.split(clean_text(value))
    return tuple(p for p in (line.strip() for line in lines) if p)


def to_id(value) -> str:
    """Return an identifier as half-width text (a number typed as 7 stays "7")."""
    return fold(clean_text(value)).replace(" ", "")


def to_phone(value) -> str:
    """Return a phone number as text, never in scientific notation."""
    if isinstance(value, float) and not value.is_integer():
        raise Unreadable(f"电话号码「{value}」不是整数，请把单元格设为文本格式后重新输入")
    text = fold(clean_text(value))
    if not re.fullmatch(r"[0-9+\-()（） 转]+", text):
        raise Unreadable(f"无法识别的电话号码「{clean_text(value)}」")
    return text


def to_int(value) -> int:
    """Return a whole number from 0 to below INT_LIMIT; "12人" and full-width digits are accepted.

    A negative number raises Unreadable with code ``int-negative``.
    """
    if isinstance(value, bool):
        raise Unreadable(f"无法识别的整数「{value}」")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        match = re.fullmatch(r"(-?\d+)\s*[人个名]?", fold(clean_text(value)))
        if not match:
            raise Unreadable(f"无法识别的整数「{clean_text(value)}」")
        number = int(match.group(1))
    if number < 0:
        raise Unreadable(f"「{number}」是负数：这一栏只能填 0 或正整数", code="int-negative")
    if number >= INT_LIMIT:
        raise Unreadable(f"整数「{number}」太大（须小于 {INT_LIMIT:,}），请核对")
    return number


def to_number(value) -> Decimal:
    """Return a finite amount as a Decimal, 0 or more; thousands separators are accepted.

    A negative amount raises Unreadable with code ``amount-negative``.
    """
    if isinstance(value, bool):
        raise Unreadable(f"无法识别的数字「{value}」")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise Unreadable(f"无法识别的数字「{value}」")
        number = Decimal(repr(value))
    else:
        text = fold(clean_text(value)).replace(",", "")
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            raise Unreadable(f"无法识别的数字「{clean_text(value)}」")
        number = Decimal(text)
    if number < 0:
        raise Unreadable(f"金额「{clean_text(value)}」是负数：金额只能填 0 或正数", code="amount-negative")
    return number


TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "对"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "x", "不是"}


def to_bool(value) -> bool:
    """Return True for 是 and False for 否 (and their common spellings)."""
    if isinstance(value, bool):
        return value
    text = fold(clean_text(value)).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise Unreadable(f"无法识别「{clean_text(value)}」，请填写“是”或“否”")


DATE_PATTERNS = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]?)?"),
    re.compile(r"(\d{4})\s*[./\-]\s*(\d{1,2})(?:\s*[./\-]\s*(\d{1,2}))?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def to_date(value) -> CnDate:
    """Return a CnDate from a date cell, an Excel serial number or Chinese text."""
    if isinstance(value, (dt.datetime, dt.date)):
        return CnDate.from_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_serial(value)
    text = fold(clean_text(value))
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _checked_date(clean_text(value), *match.groups())
    raise Unreadable(f"无法识别的日期「{clean_text(value)}」，请写成 2024年3月15日 或 2024-03-15")


def _from_serial(value: float) -> CnDate:
    if not SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
        raise Unreadable(f"无法识别的日期「{clean_text(value)}」，请写成 2024年3月15日 或 2024-03-15")
    return CnDate.from_date(EXCEL_EPOCH + dt.timedelta(days=int(value)))


def _checked_date(original: str, year: str, month: str, day: str | None) -> CnDate:
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        raise Unreadable(f"无法识别的日期「{original}」") from None
    return CnDate(int(year), int(month), int(day) if day else None)


def to_choice(value, column: "schema.Column") -> str:
    """Return the declared choice `value` names, accepting the column's aliases."""
    text = re.sub(r"\s+", "", fold(clean_text(value)))
    if text in column.choices:
        return text
    plain = text.replace("“", "").replace("”", "").replace('"', "")
    for alias, target in column.aliases.items():
        if plain == alias.replace("“", "").replace("”", ""):
            return target
    raise Unreadable(f"「{clean_text(value)}」不是可选的值，可填：{' / '.join(column.choices)}")


CONVERTERS = {
    schema.TEXT: to_text,
    schema.NARRATIVE: to_narrative,
    schema.ID: to_id,
    schema.PHONE: to_phone,
    schema.INT: to_int,
    schema.NUMBER: to_number,
    schema.BOOL: to_bool,
    schema.DATE: to_date,
}


def convert(value, column: "schema.Column"):
    """Return `value` converted to the type `column` declares; a float must be finite."""
    if isinstance(value, float) and not math.isfinite(value):
        raise Unreadable(f"单元格中的数值「{value}」不是有效的数字（无穷大或 NaN），请重新输入")
    if column.type == schema.CHOICE:
        return to_choice(value, column)
    return CONVERTERS[column.type](value)


EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_excel(text: str) -> str:
    """Return `text` with Excel's ``_xHHHH_`` escapes decoded (openpyxl leaves them).

    Excel stores a control character typed or pasted into a cell as, e.g.,
    ``_x000B_`` and a literal ``_x`` sequence as ``_x005F_x…``.
    """
    return EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def strip_forbidden(value):
    """Return `value` decoded and without XML-forbidden characters, and whether any were removed."""
    if not isinstance(value, str):
        return value, False
    value = unescape_excel(value)
    cleaned = FORBIDDEN_XML.sub("", value)
    return cleaned, cleaned != value
