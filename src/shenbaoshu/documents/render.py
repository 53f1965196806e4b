"""Render .docx templates: prepared once, rendered for every record.

docxtpl repairs the XML that Word writes (tags split across runs, ``{%tr %}``
and ``{%p %}`` tags); the patched parts are compiled once in a sandboxed,
autoescaping, strict Jinja environment. Rendering a record renders those
compiled parts, checks each is well-formed XML (never "recovering"), and
writes a new package with every other part copied as it was.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import jinja2
import jinja2.meta
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ..errors import TemplateError

RENDERED_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


def make_environment() -> SandboxedEnvironment:
    """Return the Jinja environment templates are compiled in."""
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined,
                                keep_trailing_newline=True)


class PreparedTemplate:
    """A .docx template read, patched and compiled once."""

    def __init__(self, path, env: SandboxedEnvironment | None = None):
        self.path = Path(path)
        self.env = env or make_environment()
        self._docxtpl = DocxTemplate(str(self.path))
        self._parts = self._read_parts()
        self._sources = {name: self._patch(data) for name, data in self._parts.items()
                         if RENDERED_PART.fullmatch(name)}
        self._compiled = {name: self._compile(src) for name, src in self._sources.items()}

    @property
    def name(self) -> str:
        """Return the template's file name, as messages show it."""
        return self.path.name

    def fields(self) -> set[str]:
        """Return the top-level field names the template uses."""
        names: set[str] = set()
        for source in self._sources.values():
            names |= jinja2.meta.find_undeclared_variables(self.env.parse(source))
        return names

    def render(self, context: dict, who: str = "") -> bytes:
        """Return the .docx bytes of the template rendered with `context`."""
        rendered = {name: self._render_part(template, context, who)
                    for name, template in self._compiled.items()}
        return self._package(rendered)

    def _read_parts(self) -> dict[str, bytes]:
        try:
            with zipfile.ZipFile(self.path) as package:
                return {info.filename: package.read(info) for info in package.infolist()}
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise TemplateError(f"无法读取模板 {self.path}：它不是有效的 .docx 文件（{exc}）") from exc

    def _patch(self, data: bytes) -> str:
        xml = self._docxtpl.patch_xml(data.decode("utf-8"))
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)

    def _compile(self, source: str) -> jinja2.Template:
        try:
            return self.env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            where = _paragraph_text(source, exc.lineno)
            raise TemplateError(
                f"模板「{self.name}」有语法错误：{explain_syntax_error(exc.message or '')}；出错的段落：「{where}」") from exc

    def _render_part(self, template: jinja2.Template, context: dict, who: str) -> bytes:
        try:
            xml = template.render(context)
        except jinja2.UndefinedError as exc:
            match = UNDEFINED.search(str(exc))
            field = next((g for g in match.groups() if g), str(exc)) if match else str(exc)
            raise TemplateError(
                f"模板「{self.name}」使用了字段「{field}」，但{who or '数据'}中没有这个字段："
                f"请检查模板中的拼写，或在工作簿中增加这一列") from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(f"模板「{self.name}」渲染{who}时出错：{exc}") from exc
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = (xml.replace("{_{", "{{").replace("}_}", "}}")
               .replace("{_%", "{%").replace("%_}", "%}"))
        xml = self._docxtpl.resolve_listing(xml)
        data = xml.encode("utf-8")
        try:
            etree.fromstring(data)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"模板「{self.name}」渲染{who}后不是有效的 Word 文档：{exc}") from exc
        return data

    def _package(self, rendered: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in self._parts.items():
                entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)  # same input, same bytes
                entry.compress_type = zipfile.ZIP_DEFLATED
                package.writestr(entry, rendered.get(name, data))
        return buffer.getvalue()


SYNTAX_MESSAGES = (
    (re.compile(r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\..*", re.S),
     lambda m: "缺少结束标签 " + " 或 ".join(f"{{% {t} %}}" for t in re.findall(r"'(\w+)'", m.group(1)))),
    (re.compile(r"Encountered unknown tag '(.+?)'.*", re.S), lambda m: f"不认识的标签“{m.group(1)}”"),
    (re.compile(r"unexpected char '(.+?)' at \d+"), lambda m: f"标签中有不能识别的字符“{m.group(1)}”（是否用了中文标点？）"),
    (re.compile(r"expected token '(.+?)', got '(.+?)'"), lambda m: f"标签写法有误：在“{m.group(2)}”处"),
    (re.compile(r"unexpected '(.+?)'"), lambda m: f"标签中多了“{m.group(1)}”"),
)


def explain_syntax_error(message: str) -> str:
    """Return a Chinese explanation of a Jinja syntax error, with the original in brackets."""
    for pattern, explain in SYNTAX_MESSAGES:
        found = pattern.fullmatch(message.strip()) or pattern.search(message)
        if found:
            return f"{explain(found)}（{message.strip().splitlines()[0][:80]}）"
    return message


def _paragraph_text(source: str, lineno: int | None) -> str:
    """Return the visible text of the paragraph at Jinja line `lineno` of `source`."""
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    return re.sub(r"<[^>]+>", "", lines[lineno - 1])[:120]
