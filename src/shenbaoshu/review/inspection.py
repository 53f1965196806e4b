"""Check finished .docx files, written by this tool or by hand in Word or WPS.

A document is read as a sequence of blocks (body paragraphs and table cells,
in reading order). A block is a heading when, without its numbering (一、,
（一）, 1. …) and a trailing parenthesis, it is one of the document type's
section names or aliases. A section's content runs to the next heading.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from ..checks.measures import word_count
from ..checks.scheme import Item, Scheme
from ..documents.reading import UnreadableFile, read_package
from ..documents.types import ALL_KINDS, DocumentType, find_type
from ..errors import ShenbaoshuError
from ..problems import ERROR, WARNING, Place, Problem, Report, Severity
from ..workbook.text import plain

KINDS = ALL_KINDS
# Files of a folder that are inspected: .docx, and the old formats, each reported as to be saved as .docx.
DOCUMENT_SUFFIXES = (".docx", ".doc", ".wps", ".docm")
NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]"
                       r"|第[一二三四五六七八九十]+(?:部分|章|节)、?|[①-⑩])\s*")
TRAILER = re.compile(r"[（(][^（()）]*[）)]\s*$|[:：]\s*$")
PLACEHOLDERS = (
    (re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\}\}|\{%|%\}"), "模板标签"),
    (re.compile(r"[xX]{3,}|[×＊*]{2,}|[Ｘｘ]{2,}"), "占位符"),
    (re.compile(r"【[^】]{0,12}(?:填写|填入|输入|此处)[^】]{0,12}】"), "待填写提示"),
    (re.compile(r"[_＿]{3,}"), "空白下划线"),
)
INSTRUCTION = re.compile(r"^[（(【\[].*[）)】\]]$|请(?:填写|简要|简述|结合|根据|按照)|字以内|不超过\d+字|"
                         r"^(?:填写说明|注[:：])|尚未填写")


@dataclass
class Block:
    """One paragraph, or one table cell, with where it is."""

    text: str
    where: str


@dataclass
class Inspection:
    """What inspecting one file found."""

    path: Path
    kind: DocumentType | None
    guessed: str
    report: Report = field(default_factory=Report)
    sections: dict[str, str] = field(default_factory=dict)
    skipped: str = ""  # why the file was not inspected (it is not application material)


def open_document(path: Path):
    """Return the python-docx document at `path`; raise UnreadableFile saying what the file is when it is
    not a readable .docx (encrypted, an old .doc, truncated, not a Word file, an entity bomb …)."""
    parts = read_package(path)
    try:
        document = docx.Document(io.BytesIO(_repack(parts)))
    except etree.XMLSyntaxError as exc:
        broken = next((n for n, d in parts.items() if n.endswith((".xml", ".rels")) and not _parses(d)), "")
        raise UnreadableFile(f"文件已损坏：{broken or '其中一个部件'} 不是有效的 XML") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise UnreadableFile(f"文件已损坏：不是完整的 Word 文档（{exc}）") from exc
    if document.element.body is None:
        raise UnreadableFile("文件已损坏：正文中没有内容部分（w:body）")
    return document


def _repack(parts: dict[str, bytes]) -> bytes:
    """Return a package of `parts` (already read and checked) for python-docx to open."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _parses(data: bytes) -> bool:
    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return False
    return True


def read_blocks(path: Path) -> list[Block]:
    """Return the blocks of the document at `path` in reading order."""
    try:
        document = open_document(path)
    except UnreadableFile as exc:
        raise UnreadableFile(f"无法读取 {path.name}：{exc}") from exc
    blocks, paragraph, table = [], 0, 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph += 1
            blocks.append(Block(_text(child), f"第{paragraph}段"))
        elif child.tag == qn("w:tbl"):
            table += 1
            blocks += _table_blocks(child, table)
    return blocks


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _table_blocks(table, number: int) -> list[Block]:
    blocks = []
    for row_number, row in enumerate(table.iter(qn("w:tr")), start=1):
        for cell_number, cell in enumerate(row.iter(qn("w:tc")), start=1):
            if _continues_vertical_merge(cell):
                continue
            text = "\n".join(_text(p) for p in cell.iter(qn("w:p")))
            blocks.append(Block(text, f"表格{number}第{row_number}行第{cell_number}格"))
    return blocks


def _continues_vertical_merge(cell) -> bool:
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val")) in (None, "continue")


def heading_name(text: str, kind: DocumentType) -> str:
    """Return the section `text` heads in `kind`, or "" when it is not a heading."""
    if len(text) > 40:
        return ""
    core = plain(TRAILER.sub("", NUMBERING.sub("", text.strip())))
    for section in kind.sections + tuple(_extra_headings(kind)):
        if core and core in {plain(w) for w in (section.name, *section.aliases)}:
            return section.name
    return ""


def _extra_headings(kind: DocumentType):
    """Headings that end a section although the type does not require them (意见 boxes)."""
    return [Item(name) for name in kind.may_be_empty]


def guess_kind(path: Path, blocks: list[Block]) -> tuple[DocumentType, str]:
    """Return the document type of `path`, from its file name or else its title, and how."""
    for kind in KINDS:
        if any(word in path.stem for word in kind.title_words):
            return kind, f"按文件名判断为{kind.name}"
    opening = "".join(b.text for b in blocks[:12])
    for kind in KINDS:
        if any(word in opening for word in kind.title_words):
            return kind, f"按标题判断为{kind.name}"
    names = "、".join(k.name for k in KINDS)
    raise ShenbaoshuError(f"无法判断 {path.name} 是哪种文档，请用 --doc 指定（{names}）")


def split_sections(blocks: list[Block], kind: DocumentType) -> tuple[dict, dict]:
    """Return {section: heading block} and {section: content blocks}."""
    headings: dict[str, Block] = {}
    contents: dict[str, list[Block]] = {}
    current = None
    for block in blocks:
        name = heading_name(block.text, kind)
        if name:
            current = name
            headings.setdefault(name, block)
            contents.setdefault(name, [])
        elif current:
            contents[current].append(block)
    return headings, contents


def inspect_file(path: str | os.PathLike[str], kind: DocumentType | None = None, scheme: Scheme | None = None) -> Inspection:
    """Return what is wrong with the finished document at `path`."""
    path = Path(path)
    try:
        blocks = read_blocks(path)
    except UnreadableFile as exc:
        unreadable = Inspection(path, kind, "无法读取")
        _problem(unreadable, "file-unreadable", str(exc).split("：", 1)[1])
        return unreadable
    guessed = ""
    if kind is None:
        try:
            kind, guessed = guess_kind(path, blocks)
        except ShenbaoshuError as exc:
            unknown = Inspection(path, None, "无法判断文档类型")
            _problem(unknown, "type-unknown", str(exc).replace(f" {path.name} ", "", 1))
            return unknown
    result = Inspection(path, kind, guessed)
    headings, contents = split_sections(blocks, kind)
    for section in kind.sections:
        _check_section(result, section.name, headings, contents, section.name in kind.may_be_empty)
    _check_placeholders(result, blocks)
    _check_length(result, blocks, scheme)
    _check_deliverables(result, blocks, scheme)
    return result


def _problem(result: Inspection, code: str, message: str, where: str = "",
             severity: Severity | None = None) -> None:
    result.report.add(Problem(code, message, Place(result.path.name, where), severity=severity))


def _check_section(result: Inspection, name: str, headings: dict, contents: dict, may_be_empty: bool) -> None:
    """Report a section that is missing, or empty (unless it is a box others fill in), or only instructions."""
    if name not in headings:
        _problem(result, "section-missing", f"缺少“{name}”部分")
        return
    texts = [b.text.strip() for b in contents[name] if b.text.strip()]
    where = headings[name].where
    if not texts and may_be_empty:
        pass  # e.g. 学校党委意见: the school fills it in after the unit has sent the document
    elif not texts:
        _problem(result, "section-empty", f"“{name}”部分没有内容", where)
    elif all(INSTRUCTION.search(t) for t in texts):
        _problem(result, "section-instructions-only", f"“{name}”部分只有模板的提示文字：「{texts[0][:30]}」", where)
    result.sections[name] = "\n".join(texts)


def _check_placeholders(result: Inspection, blocks: list[Block]) -> None:
    for block in blocks:
        for pattern, label in PLACEHOLDERS:
            found = pattern.search(block.text)
            if found:
                _problem(result, "placeholder-left", f"留有{label}「{found.group(0)[:30]}」："
                         f"「{_around(block.text, found.start())}」", block.where)
                break


def _around(text: str, position: int) -> str:
    start = max(0, position - 12)
    return text[start:position + 18].replace("\n", " ")


def _check_length(result: Inspection, blocks: list[Block], scheme: Scheme | None) -> None:
    limit = scheme.case_length_limit if scheme else None
    if result.kind is None or result.kind.name != "典型案例" or not limit:
        return
    count = word_count(*(b.text for b in blocks))
    if count > limit:
        _problem(result, "too-long", f"全文{count}字，超过方案规定的{limit}字")


def _check_deliverables(result: Inspection, blocks: list[Block], scheme: Scheme | None) -> None:
    if result.kind is None or result.kind.name not in ("验收申请书", "总结报告") or scheme is None:
        return
    items = scheme.deliverables or scheme.outcomes
    text = "\n".join(b.text for b in blocks)
    title = "“四个一”成果" if scheme.deliverables else "六类成果"
    for item in items:
        if not item.matches(text):
            severity = ERROR if scheme.deliverables else WARNING
            _problem(result, "deliverable-not-mentioned", f"没有提到{title}中的“{item.name}”", severity=severity)


def inspect_paths(paths: Iterable[str | os.PathLike[str]], kind_name: str | None = None,
                  scheme: Scheme | None = None) -> list[Inspection]:
    """Inspect every .docx named by `paths` (a folder means every .docx in it, recursively)."""
    kind = find_type(kind_name, KINDS) if kind_name else None
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                            and not p.name.startswith(("~$", ".~")))
        elif path.is_file():
            files.append(path)
        else:
            raise ShenbaoshuError(f"找不到文件或文件夹：{path}")
    if not files:
        raise ShenbaoshuError("没有找到 .docx 文件（也没有要另存为 .docx 的 .doc、.wps 文件）")
    return [not_material(f) or inspect_file(f, kind, scheme) for f in files]


# Files the tool itself writes beside the documents, which are not application material.
NOT_MATERIAL = (("申报汇总表", "申报汇总表"), ("字段说明", "模板字段说明"), ("校验结果", "校验结果"))


def not_material(path: Path) -> Inspection | None:
    """Return a skipped Inspection for a file that is not application material (the summary, the field guide)."""
    for prefix, what in NOT_MATERIAL:
        if path.stem.startswith(prefix):
            return Inspection(path, None, what, skipped=f"这是{what}，不是申报材料，未检查")
    return None
