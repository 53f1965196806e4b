"""Read a .docx package safely: say what a file that is not one really is, and refuse oversized parts.

Templates (rendering) and finished documents (inspect) are both read through
here, before python-docx or docxtpl see them.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ..errors import ShenbaoshuError
from ..packages import MIB, declares_dtd, oversized_part, unpacked_size

MAX_PART_SIZE = 100 * MIB  # one part of a .docx, unpacked (docs/templates.md)
MAX_PACKAGE_SIZE = 300 * MIB  # all parts of a .docx together, unpacked
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # Compound File: .doc, .xls, encrypted Office files


class UnreadableFile(ShenbaoshuError):
    """A file that is not a readable .docx; the message says what it is instead."""


def read_package(path: Path) -> dict[str, bytes]:
    """Return the parts of the .docx at `path`, or raise UnreadableFile saying what the file is.

    Sizes are checked against the limits before anything is unpacked (zipfile never
    unpacks more than an entry declares), and no XML part may declare a DTD.
    """
    try:
        with open(path, "rb") as file:
            head = file.read(8)
            if not head:
                raise UnreadableFile("文件是空的（0 字节）")
            if head == OLE_SIGNATURE:
                raise UnreadableFile(_compound_file(file))
            if head.startswith(b"{\\rtf"):
                raise UnreadableFile("这是 RTF 文件，请在 Word 中另存为 .docx")
            if head.startswith(b"%PDF"):
                raise UnreadableFile("这是 PDF 文件，不是 Word 文档")
            if not head.startswith(b"PK"):
                raise UnreadableFile("文件已损坏：不是 .docx 格式（可能是改了扩展名的其他文件）")
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
            _check_sizes(entries)
            names = {e.filename for e in entries}
            if "word/document.xml" not in names:
                raise UnreadableFile(_not_a_document(names))
            parts = {entry.filename: package.read(entry) for entry in entries}
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise UnreadableFile("文件已损坏：压缩包不完整（可能下载或复制时中断了）") from exc
    except OSError as exc:
        raise UnreadableFile(f"无法打开文件（{exc.strerror or exc}）") from exc
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")) and declares_dtd(data):
            raise UnreadableFile(f"文件已损坏或不安全：{name} 含有 DTD（<!DOCTYPE>），Word 保存的文档中不会有")
    return parts


def _compound_file(file) -> str:
    """Say what a Compound File is, from the stream names in its first directory sector."""
    file.seek(0)
    header = file.read(512)
    shift = int.from_bytes(header[0x1E:0x20], "little")
    shift = shift if shift in (9, 12) else 9
    directory = (int.from_bytes(header[0x30:0x34], "little") + 1) << shift
    data = header + file.read(MIB)
    if directory < 1 << 40:
        file.seek(directory)
        data += file.read(1 << shift)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "这是加密的文档（设有打开密码），请在 Word 中取消密码后另存为 .docx"
    if "WordDocument".encode("utf-16-le") in data:
        return "这是旧版 .doc 文件，请在 Word 或 WPS 中另存为 .docx"
    return "这是旧版 Office 文件（不是 .docx），请在 Word 或 WPS 中打开后另存为 .docx"


def _not_a_document(names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "这是 Excel 工作簿，不是 Word 文档"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 演示文稿，不是 Word 文档"
    return "文件已损坏：缺少正文 word/document.xml"


def _check_sizes(entries: list[zipfile.ZipInfo]) -> None:
    big = oversized_part(entries, MAX_PART_SIZE)
    if big is not None:
        raise UnreadableFile(f"文件中的 {big.filename} 解压后有 {big.file_size / MIB:.1f} MiB，"
                             f"超过每个部件 {MAX_PART_SIZE / MIB:.1f} MiB 的上限（见模板说明）")
    total = unpacked_size(entries)
    if total > MAX_PACKAGE_SIZE:
        raise UnreadableFile(f"文件解压后共有 {total / MIB:.1f} MiB，超过 {MAX_PACKAGE_SIZE / MIB:.1f} MiB 的上限"
                             f"（见模板说明）")
