"""Check a template before using it: its fields, its tags, and what Word did to them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml.ns import qn

from ..checks.validate import select_scheme
from ..documents.render import PreparedTemplate, TemplateProblem
from ..documents.types import DOCUMENTS, DocumentType
from ..errors import TemplateError
from ..problems import WARNING, Place, Problem, Report, Severity
from ..resources import bundled_sample
from ..workbook import schema
from ..workbook.reader import read_workbook
from .inspection import open_document, read_blocks

IME_BRACES = re.compile(r"｛\s*[｛{%]|[{%]\s*｛|[｝}%]\s*｝|｝\s*[}%]|\{\s+\{|\}\s+\}|\{\s+%|%\s+\}|％")
OPENERS, CLOSERS = ("{{", "{%"), ("}}", "%}")
TAG = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
BREAKING = {qn("w:tab"): "制表符", qn("w:br"): "换行", qn("w:fldChar"): "域代码", qn("w:drawing"): "图片",
            qn("w:sym"): "符号", qn("w:footnoteReference"): "脚注"}


@dataclass
class TemplateReport:
    """The fields a template uses (with where) and what is wrong with it."""

    path: Path
    fields: dict[str, list[str]] = field(default_factory=dict)
    report: Report = field(default_factory=Report)


def kind_of(path: Path) -> DocumentType | None:
    """Return the document type a template file is named for, if any."""
    return next((d for d in DOCUMENTS if path.stem.startswith(d.name)), None)


def available_fields(batch, kind: DocumentType | None) -> set[str]:
    """Return the names a template of `kind` can use with `batch` (every type's when `kind` is None)."""
    scheme = select_scheme(batch)
    names: set[str] = set()
    for document in ([kind] if kind else DOCUMENTS):
        applicants = [a for a in batch.applicants if not document.applies_to(a)] or batch.applicants[:1]
        names |= set(document.context(batch, applicants[0], scheme))
    return names


def check_template(path: str | os.PathLike[str], workbook: str | os.PathLike[str] | None = None) -> TemplateReport:
    """Return the fields of the template at `path` and its defects."""
    path = Path(path)
    result = TemplateReport(path)
    blocks = read_blocks(path)
    for block in blocks:
        for paragraph in block.text.split("\n"):
            _check_paragraph(result, paragraph, block.where)
    _check_breaking_elements(result, path)
    try:
        template = PreparedTemplate(path)
    except TemplateProblem as exc:
        _add(result, exc.code, exc.detail, "")
        return result
    except TemplateError as exc:
        _add(result, "syntax-error", str(exc).split("：", 1)[-1], "")
        return result
    used = template.fields()
    result.fields = {name: _where_used(name, blocks) for name in sorted(used)}
    sample = read_workbook(bundled_sample())
    _check_known(result, used, kind_of(path), workbook, sample)
    _trial_render(result, template, used, kind_of(path), sample)
    return result


def _trial_render(result: TemplateReport, template: PreparedTemplate, used: set[str], kind, batch) -> None:
    """Render the template once with the sample data: code that fails (a huge loop, 1/0) is reported.

    Fields the sample does not provide (reported above) are given as blank.
    """
    context = sample_context(batch, kind)
    context.update({name: "" for name in used - set(context)})
    try:
        template.render(context)
    except TemplateError as exc:
        message = str(exc)
        reason = message.split("时出错：", 1)[1] if "时出错：" in message else message.split("」", 1)[-1]
        _add(result, "render-error", f"用示例数据试渲染时出错：{reason}", "")


def sample_context(batch, kind: DocumentType | None) -> dict:
    """Return what a template of `kind` sees for a sample applicant (every type's fields when `kind` is None)."""
    scheme = select_scheme(batch)
    context: dict = {}
    for document in ([kind] if kind else DOCUMENTS):
        applicants = [a for a in batch.applicants if not document.applies_to(a)] or batch.applicants[:1]
        context = {**document.context(batch, applicants[0], scheme), **context}
    return context


def _add(result: TemplateReport, code: str, message: str, where: str, severity: Severity | None = None) -> None:
    result.report.add(Problem(code, message, Place(result.path.name, where), severity=severity))


def _check_paragraph(result: TemplateReport, text: str, where: str) -> None:
    odd = IME_BRACES.search(text)
    if odd:
        _add(result, "ime-braces", f"「{odd.group(0)}」是中文输入法打出的括号或多了空格，请改为英文半角的 "
             f"{{{{ }}}} 或 {{% %}}：「{text[:40]}」", where)
    for opener, closer in zip(OPENERS, CLOSERS):
        if text.count(opener) != text.count(closer):
            _add(result, "tag-split", f"标签 {opener} … {closer} 不完整，可能被拆到了两段或两个表格格子中，"
                 f"请把整个标签放在同一段里：「{text[:40]}」", where)


def _check_breaking_elements(result: TemplateReport, path: Path) -> None:
    """Report tags that contain a tab, line break, field or picture: rendering cannot repair them."""
    body = open_document(path).element.body
    for number, paragraph in enumerate(body.iter(qn("w:p")), start=1):
        tokens = []
        for element in paragraph.iter():
            if element.tag == qn("w:t"):
                tokens += list(element.text or "")
            elif element.tag in BREAKING:
                tokens.append(element.tag)
        text = "".join(t if len(t) == 1 else "\x00" for t in tokens)
        for tag in TAG.finditer(text):
            inside = [tokens[i] for i in range(tag.start(), tag.end()) if len(tokens[i]) > 1]
            if inside:
                _add(result, "tag-broken", f"标签「{tag.group(0).replace(chr(0), '')[:30]}」中夹有"
                     f"{BREAKING[inside[0]]}，无法渲染，请删除后重新输入这个标签",
                     f"第{number}个段落")


def _where_used(name: str, blocks) -> list[str]:
    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
    return [b.where for b in blocks if any(pattern.search(t.group(0)) for t in TAG.finditer(b.text))]


def _check_known(result: TemplateReport, used: set[str], kind, workbook, sample) -> None:
    format_fields = available_fields(sample, kind)
    for name in sorted(used - format_fields):
        _add(result, "unknown-field", f"工作簿格式中没有字段「{name}」（用在{'、'.join(result.fields[name]) or '模板中'}）；"
             "请检查拼写，或在工作簿中增加同名的列", "")
    if workbook is None:
        return
    batch = read_workbook(workbook)
    own = available_fields(batch, kind)
    for name in sorted(used - own - (used - format_fields)):
        _add(result, "workbook-lacks", f"工作簿 {Path(workbook).name} 不提供字段「{name}」", "")
    present = {c for a in batch.applicants for c in a.record.cells}
    for column in schema.APPLICANTS.columns:
        if column.name in used and column.header not in present:
            _add(result, "workbook-lacks", f"工作簿 {Path(workbook).name} 的“申报单位”表没有“{column.header}”列，"
                 f"文档中「{column.name}」将为空", "", WARNING)
