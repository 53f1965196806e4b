"""The .xlsx file itself: refuse damaged or oversized packages, and read each cell as Excel stored it.

Before openpyxl parses anything, the package is checked: a zip, with the parts
of a workbook, no part past the size limits (docs/workbook.md), no DOCTYPE
(entity bombs). Sheets are read through openpyxl's own sheet parser, so that a
damaged cell (NaN, infinity, a formula without a saved result, a missing
shared string) becomes a problem at that cell instead of an exception.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from ..errors import WorkbookError
from ..packages import MIB, declares_dtd, oversized_part, unpacked_size
from ..problems import Problem, Report
from . import normalize

# Limits on the uncompressed size of a workbook's parts, checked before anything is read
# (docs/workbook.md): a real workbook of a batch is a few MiB; more is damage or a zip bomb.
MAX_PART_BYTES = 200 * MIB
MAX_TOTAL_BYTES = 500 * MIB
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's own limits
PROLOG_BYTES = 64 * 1024  # how much of each XML part is searched for a DOCTYPE
LOCK_FILES = ("~${}", ".~lock.{}#")  # Excel and WPS; LibreOffice


def open_workbook(path: Path):
    if not path.exists():
        raise WorkbookError(f"找不到工作簿文件：{path}")
    if path.suffix.lower() == ".xls":
        raise WorkbookError(f"{path.name} 是旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再试")
    if path.is_dir():
        raise WorkbookError(f"无法读取工作簿 {path.name}：这是一个文件夹，不是 .xlsx 文件")
    _check_package(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl fails on damaged parts with many exception types
        raise WorkbookError(f"无法读取工作簿 {path.name}：{_damage(path, exc)}") from exc


def _unreadable(path: Path, why: str) -> WorkbookError:
    return WorkbookError(f"无法读取工作簿 {path.name}：{why}")


def _check_package(path: Path) -> None:
    """Refuse, before anything is parsed, a file that is no zip, a part or a total that inflates
    past the limits, and any XML part with a DOCTYPE (entity bombs; no .xlsx has one)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise _unreadable(path, f"它不是有效的 .xlsx 文件（{_not_zip(path, exc)}）") from exc
    except OSError as exc:
        raise _unreadable(path, f"无法打开文件（{exc.strerror or exc}）") from exc
    with archive:
        entries = archive.infolist()
        big = oversized_part(entries, MAX_PART_BYTES)
        if big is not None:
            raise _unreadable(path, f"其中的 {big.filename} 解压后有 {_size(big.file_size)}，"
                                    f"超过每个部分 {_size(MAX_PART_BYTES)} 的上限；文件可能已损坏或不是正常的工作簿")
        total = unpacked_size(entries)
        if total > MAX_TOTAL_BYTES:
            raise _unreadable(path, f"解压后共有 {_size(total)}，超过 {_size(MAX_TOTAL_BYTES)} 的上限；"
                                    f"文件可能已损坏或不是正常的工作簿")
        if not any(e.filename.startswith("xl/") for e in entries):
            raise _unreadable(path, "它是 zip 压缩包，但其中没有 Excel 工作簿（可能是把其他文件的扩展名改成了 .xlsx）")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels", ".vml")):
                _check_prolog(path, archive, entry)


def _check_prolog(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    try:
        with archive.open(entry) as part:
            start = part.read(PROLOG_BYTES)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise _unreadable(path, f"文件已损坏，其中的 {entry.filename} 无法解压（{exc}）") from exc
    if declares_dtd(start):
        raise _unreadable(path, f"其中的 {entry.filename} 含有 DOCTYPE 声明（正常的 .xlsx 没有），"
                                f"文件可能已损坏或被恶意修改，已拒绝读取")


def _not_zip(path: Path, exc: Exception) -> str:
    with open(path, "rb") as file:
        head = file.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "这是加密（设了打开密码）的工作簿或旧版 .xls 文件：请取消打开密码，或另存为 .xlsx"
    if path.name.startswith("~$"):
        return "这是 Excel 或 WPS 打开工作簿时生成的临时锁定文件，不是工作簿本身"
    return f"不是 zip 压缩包，可能已损坏、没有完整复制，或只是扩展名为 .xlsx：{exc}"


def _size(size: int) -> str:
    return f"{size / MIB:.0f} MiB" if size >= MIB else f"{size} 字节"


RESAVE = "请在 Excel 或 WPS 中打开，另存为新的 .xlsx 后再试"
OPENPYXL_STEPS = {"read manifest": "内容类型清单", "read strings": "共享字符串", "read workbook": "工作簿结构",
                  "read properties": "文档属性", "read custom properties": "自定义属性", "read theme": "主题",
                  "read stylesheet": "样式", "read worksheets": "工作表", "assign names": "定义的名称"}
PART_NAMES = {"[Content_Types].xml": "内容类型清单", "xl/sharedStrings.xml": "共享字符串",
              "xl/workbook.xml": "工作簿结构", "xl/styles.xml": "样式"}


def _damage(path: Path, exc: Exception) -> str:
    """Return, in Chinese, what part of a workbook openpyxl could not read and why."""
    step = re.search(r"could not (.+?) from", str(exc))
    cause = (exc.__cause__ or exc.__context__ or exc) if step else exc
    missing = re.search(r"There is no item named '(.+?)' in the archive", str(cause))
    if missing:
        return f"它不是有效的 .xlsx 文件：缺少 {missing.group(1)}"
    broken = _broken_part(path)
    if broken:
        part, error = broken
        named = f"（{PART_NAMES[part]}）" if part in PART_NAMES else ""
        return f"文件已损坏：{part}{named} XML 格式错误（{error}）；{RESAVE}"
    where = f"{OPENPYXL_STEPS.get(step.group(1), step.group(1))}：" if step else ""
    return f"文件已损坏，{where}内容无法识别（{type(cause).__name__}：{cause}）；{RESAVE}"


def _broken_part(path: Path) -> tuple[str, Exception] | None:
    """Return the first XML part of the workbook that does not parse, with the parser's error."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(name) as part:
                    for _ in ElementTree.iterparse(part):
                        pass
            except ElementTree.ParseError as exc:
                return name, exc
            except Exception:
                continue
    return None


def check_lock(path: Path, report: Report) -> None:
    """Warn when a lock file beside the workbook says it is open in Excel, WPS or LibreOffice."""
    for pattern in LOCK_FILES:
        lock = path.with_name(pattern.format(path.name))
        if lock.exists():
            report.add(Problem(
                "workbook-open",
                f"工作簿 {path.name} 似乎正在 Excel 或 WPS 中打开（旁边有锁定文件 {lock.name}）："
                f"尚未保存的修改不会被读取。请先保存工作簿；如果已经关闭，可以删除这个锁定文件"))
            return


class _CellParser(WorkSheetParser):
    """openpyxl's sheet parser, but a cell whose stored value cannot be used becomes a
    :class:`normalize.Unusable` at its place instead of an exception or a silent blank:
    a formula saved without its result, a number that is not finite, a broken value."""

    def parse_cell(self, element):
        kind = element.get("t", "n")
        text = element.findtext(VALUE_TAG)
        if element.find(FORMULA_TAG) is not None and (text is None or (text == "" and kind != "str")):
            return self._unusable(element, normalize.UNCACHED_FORMULA)
        if kind == "n" and text and text.strip() and not _finite(text):
            return self._unusable(element, normalize.bad_number(text))
        counter = self.col_counter
        try:
            cell = super().parse_cell(element)
        except (ValueError, IndexError, TypeError, OverflowError, KeyError):
            self.col_counter = counter
            return self._unusable(element, normalize.bad_value(text or ""))
        if kind == "n" and cell["data_type"] == "e":  # a date serial out of range
            cell["value"] = normalize.bad_number(text or "")
        return cell

    def _unusable(self, element, marker: normalize.Unusable) -> dict:
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        return {"row": row, "column": column, "value": marker, "data_type": "n", "style_id": 0}


def _finite(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


Row = dict[int, object]  # column index (0 for A) to value; empty cells are absent


def sheet_rows(book, sheet, path: Path) -> list[tuple[int, Row]]:
    """Return the sheet's non-empty rows as (row number, cells), in order.

    Rows and cells are read as they are in the file (not padded to the sheet's
    declared dimension, which may be wrong or huge); a damaged sheet is a
    WorkbookError naming it.
    """
    grid: dict[int, Row] = {}
    part = getattr(sheet, "_worksheet_path", "")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with sheet._get_source() as source:
                parser = _CellParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                     date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
                for number, cells in parser.parse():
                    for cell in cells:
                        row, column = cell["row"], cell["column"]
                        if not (1 <= row <= MAX_ROWS and 1 <= column <= MAX_COLUMNS):
                            raise ValueError(f"单元格位置超出范围：第{row}行第{column}列")
                        if cell["value"] is not None:
                            grid.setdefault(row, {})[column - 1] = cell["value"]
    except WorkbookError:
        raise
    except Exception as exc:  # the sheet's XML or a cell position is damaged
        near = _cell_near(book, part, exc)
        what = "XML 格式错误" if isinstance(exc, SyntaxError) else "内容无法识别"
        raise _unreadable(path, f"工作表「{sheet.title}」已损坏：{part}{near} {what}（{exc}）；{RESAVE}") from exc
    return sorted(grid.items())


def _cell_near(book, part: str, exc: Exception) -> str:
    """Return " 单元格 H2 附近" for an XML error in a sheet, or "" when it cannot be told."""
    position = getattr(exc, "position", None)
    if not part or not position:
        return ""
    try:
        text = book._archive.read(part).decode("utf-8", errors="replace")
    except Exception:
        return ""
    line, column = position
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    before = "\n".join(lines[:line - 1] + [lines[line - 1][:column]])
    refs = re.findall(r'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"', before[-20000:])
    return f" 单元格 {refs[-1]} 附近" if refs else ""
