"""Render .docx templates: prepared once, rendered for every record.

docxtpl repairs the XML that Word writes (tags split across runs, ``{%tr %}``
and ``{%p %}`` tags); the patched parts are compiled once in a sandboxed,
autoescaping, strict Jinja environment. Rendering a record renders those
compiled parts, checks each is well-formed XML (never "recovering"), and
writes a new package with every other part copied as it was.

A template is untrusted input. Its package is refused when a part inflates past
reading.MAX_PART_SIZE or the whole past reading.MAX_PACKAGE_SIZE, or when an XML
part declares a DTD (entity bombs); its code runs in a sandbox that refuses the tags which
load other templates and any value past MAX_SIZE characters or elements
(``'x' * 10**9``, ``10**5000``, ``range(10**9)``), so that a template can fail
with one clear message but cannot exhaust memory.
"""

from __future__ import annotations

import functools
import io
import math
import re
import zipfile
from pathlib import Path

import jinja2
import jinja2.meta
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from ..errors import TemplateError
from . import reading as package_limits
from .reading import UnreadableFile, read_package

RENDERED_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
LISTING = re.compile("[\t\a\n\f]")  # what docxtpl turns into w:tab, new paragraphs, w:br, page breaks
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
MAX_SIZE = 1_000_000  # characters or elements one template expression may build
MAX_RANGE = 100_000  # numbers a range() may hold (the Jinja sandbox's own limit)
MAX_NUMBER = 10 ** 100  # the largest number a product or a power may give
REFUSED_TAGS = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from", nodes.Extends: "extends"}
# docxtpl's escapes: a template shows {{ … }} or {% … %} literally by writing {_{ … }_} or {_% … %_}.
ESCAPES = {"{_{": '{{ "{{" }}', "}_}": '{{ "}}" }}', "{_%": '{{ "{%" }}', "%_}": '{{ "%}" }}'}
ESCAPE = re.compile("|".join(map(re.escape, ESCAPES)))
JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TOO_LONG = f"结果太长（超过 {MAX_SIZE} 个字符或元素）"


class TemplateProblem(TemplateError):
    """A defect of the template itself: `code` and `detail` are what ``template check`` reports."""

    def __init__(self, message: str, code: str, detail: str):
        super().__init__(message)
        self.code, self.detail = code, detail


class TemplateEnvironment(SandboxedEnvironment):
    """The sandbox, with every operation that can build a huge value checked first.

    Intercepted operators are never folded into constants when a template is
    compiled, so ``{{ 'x' * 2000000000 }}`` fails when rendered, with a message.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options):
        super().__init__(**options)
        self.globals["range"] = checked_range
        self.globals.pop("lipsum", None)
        for name, check in FILTER_CHECKS.items():
            self.filters[name] = _checked_filter(self.filters[name], check)

    def call_binop(self, context, operator: str, left, right):
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, (str, bytes)) and not isinstance(__obj, type):
            _check_string_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def make_environment() -> SandboxedEnvironment:
    """Return the Jinja environment templates are compiled in."""
    return TemplateEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def checked_range(*args) -> range:
    """Return range(*args), refusing one of more than MAX_RANGE numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range 最多只能有 {MAX_RANGE} 个数")
    return numbers


def _size(value) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_binop(operator: str, left, right) -> None:
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            length = _size(sequence)
            if length is not None and isinstance(times, int) and length * times > MAX_SIZE:
                raise SecurityError(TOO_LONG)
        if isinstance(left, int) and isinstance(right, int) and \
                left.bit_length() + right.bit_length() > MAX_NUMBER.bit_length() + 1:
            raise SecurityError("乘积太大")
    elif operator == "**":
        if _is_number(left) and _is_number(right) and abs(left) > 1 and right > 0 and \
                right * math.log10(abs(left)) > math.log10(MAX_NUMBER):
            raise SecurityError("乘方的结果太大")
    elif operator == "+":
        sizes = (_size(left), _size(right))
        if sizes[0] is not None and sizes[1] is not None and sizes[0] + sizes[1] > MAX_SIZE:
            raise SecurityError(TOO_LONG)
    elif operator == "%" and isinstance(left, str):
        _check_widths(left, right if isinstance(right, tuple) else (right,))


def _check_widths(text, args=(), kwargs=None) -> None:
    """Refuse a format string (% or str.format) whose widths or arguments would build a huge text."""
    specs = re.findall(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?", text) if isinstance(text, str) else []
    specs += [(n, "") for spec in re.findall(r"\{[^{}:]*:([^{}]*)\}", text if isinstance(text, str) else "")
              for n in re.findall(r"\d+", spec)]
    if any(len(n) > 7 or int(n) > MAX_SIZE for spec in specs for n in spec if n):
        raise SecurityError(TOO_LONG)
    if any(isinstance(a, int) and abs(a) > MAX_SIZE for a in (*args, *(kwargs or {}).values())):
        raise SecurityError(TOO_LONG)


def _check_string_method(text, name: str, args, kwargs) -> None:
    if name in ("format", "format_map"):
        _check_widths(text, args, kwargs)
    elif name == "replace" and len(args) >= 2:
        _check_replace(text, *args[:2])
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(tab, int) and len(text) + text.count("\t" if isinstance(text, str) else b"\t") * tab > MAX_SIZE:
            raise SecurityError(TOO_LONG)
    elif any(isinstance(a, int) and a > MAX_SIZE for a in (*args, *kwargs.values())):
        raise SecurityError(TOO_LONG)  # center, ljust, rjust, zfill …


def _check_replace(text, old, new) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * max(len(new) - len(old), 0) > MAX_SIZE:
            raise SecurityError(TOO_LONG)


def _check_center(value, width=80, *args, **kwargs) -> None:
    if isinstance(width, int) and width > MAX_SIZE:
        raise SecurityError(TOO_LONG)


def _check_indent(value, width=4, *args, **kwargs) -> None:
    text = str(value)
    added = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    if len(text) + (text.count("\n") + 1) * added > MAX_SIZE:
        raise SecurityError(TOO_LONG)


def _check_replace_filter(eval_ctx, value, old, new, *args, **kwargs) -> None:
    _check_replace(str(value), str(old), str(new))


def _check_format(value, *args, **kwargs) -> None:
    _check_widths(str(value), args, kwargs)


FILTER_CHECKS = {"center": _check_center, "indent": _check_indent, "replace": _check_replace_filter,
                 "format": _check_format}


def _checked_filter(function, check):
    @functools.wraps(function)
    def checked(*args, **kwargs):
        check(*args, **kwargs)
        return function(*args, **kwargs)
    return checked


def describe_failure(exc: BaseException) -> str:
    """Return, in Chinese, why running a template's code failed."""
    if isinstance(exc, MemoryError):
        return "需要的内存太多"
    if isinstance(exc, RecursionError):
        return "嵌套或递归太深"
    if isinstance(exc, ZeroDivisionError):
        return "除数为零"
    if isinstance(exc, OverflowError):
        return "数字太大"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return "数字位数太多"
    if isinstance(exc, SecurityError) and not exc.args[0].isascii():
        return str(exc)
    return f"{exc}（{type(exc).__name__}）" if str(exc) else type(exc).__name__


def unescape_literals(source: str) -> str:
    """Return `source` with the template's own {_{ }_} {_% %_} escapes made into literal text.

    They become Jinja expressions that print the braces, so that the rendered
    output — where the data is — is never unescaped. Escapes inside a tag are left alone.
    """
    pieces, last = [], 0
    for tag in JINJA_TAG.finditer(source):
        pieces += [ESCAPE.sub(lambda m: ESCAPES[m.group(0)], source[last:tag.start()]), tag.group(0)]
        last = tag.end()
    pieces.append(ESCAPE.sub(lambda m: ESCAPES[m.group(0)], source[last:]))
    return "".join(pieces)


class PreparedTemplate:
    """A .docx template read, patched and compiled once."""

    def __init__(self, path, env: SandboxedEnvironment | None = None):
        self.path = Path(path)
        self.env = env or make_environment()
        self._docxtpl = DocxTemplate(str(self.path))
        self._parts = self._read_parts()
        self._base: bytes | None = None
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
            return read_package(self.path)
        except UnreadableFile as exc:
            raise TemplateError(f"无法读取模板 {self.name}：{exc}") from exc

    def _patch(self, data: bytes) -> str:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateError(f"无法读取模板 {self.name}：文件已损坏：部件不是 UTF-8 编码的 XML") from exc
        xml = self._docxtpl.patch_xml(text)
        return unescape_literals(re.sub(r"<w:p([ >])", r"\n<w:p\1", xml))

    def _compile(self, source: str) -> jinja2.Template:
        try:
            tree = self.env.parse(source)
            for node in tree.find_all(tuple(REFUSED_TAGS)):
                tag = REFUSED_TAGS[type(node)]
                detail = (f"不能使用 {{% {tag} %}} 标签：模板不能引用其他模板文件，请把内容直接写在模板中；"
                          f"出错的段落：「{_paragraph_text(source, node.lineno)}」")
                raise TemplateProblem(f"模板「{self.name}」{detail}", "tag-not-allowed", detail)
            return self.env.from_string(tree)
        except jinja2.TemplateSyntaxError as exc:
            where = _paragraph_text(source, exc.lineno)
            raise TemplateError(
                f"模板「{self.name}」有语法错误：{explain_syntax_error(exc.message or '')}；出错的段落：「{where}」") from exc
        except (MemoryError, RecursionError, OverflowError, ValueError) as exc:
            detail = f"无法编译：{describe_failure(exc)}"
            raise TemplateProblem(f"模板「{self.name}」{detail}", "syntax-error", detail) from exc

    def _render_part(self, template: jinja2.Template, context: dict, who: str) -> bytes:
        try:
            xml = self._generate(template, context)
        except jinja2.UndefinedError as exc:
            match = UNDEFINED.search(str(exc))
            field = next((g for g in match.groups() if g), str(exc)) if match else str(exc)
            raise TemplateError(
                f"模板「{self.name}」使用了字段「{field}」，但{who or '数据'}中没有这个字段："
                f"请检查模板中的拼写，或在工作簿中增加这一列") from exc
        except TemplateError:
            raise
        except jinja2.TemplateError as exc:
            message = describe_failure(exc) if isinstance(exc, SecurityError) else str(exc)
            raise TemplateError(f"模板「{self.name}」渲染{who}时出错：{message}") from exc
        except Exception as exc:  # whatever the template's own code raised: 1/0, MemoryError, RecursionError …
            raise TemplateError(f"模板「{self.name}」渲染{who}时出错：{describe_failure(exc)}") from exc
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        if LISTING.search(xml, xml.find("<", xml.find("?>") + 1)):  # skip the declaration's own line break
            xml = self._docxtpl.resolve_listing(xml)  # only when a value holds a line break, tab or paragraph mark
        data = xml.encode("utf-8")
        try:
            etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"模板「{self.name}」渲染{who}后不是有效的 Word 文档：{exc}") from exc
        return data

    def _generate(self, template: jinja2.Template, context: dict) -> str:
        """Return the rendered text, stopping once it grows past MAX_PART_SIZE characters."""
        pieces, size = [], 0
        for piece in template.generate(context):
            size += len(piece)
            if size > package_limits.MAX_PART_SIZE:
                limit = package_limits.MAX_PART_SIZE // package_limits.MIB
                raise TemplateError(f"模板「{self.name}」渲染后的文档超过 {limit} MiB 的上限（是否有循环重复了太多次？）")
            pieces.append(piece)
        return "".join(pieces)

    def _package(self, rendered: dict[str, bytes]) -> bytes:
        """Return the package: the unchanged parts as compressed once, then the rendered parts."""
        if self._base is None:
            self._base = self._unchanged_parts()
        buffer = io.BytesIO(self._base)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package:  # appends; copies nothing again
            for name in self._parts:
                if name in rendered:
                    package.writestr(_entry(name), rendered[name])
        return buffer.getvalue()

    def _unchanged_parts(self) -> bytes:
        """Return a zip of every part rendering does not change, compressed once for the whole run."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in self._parts.items():
                if name not in self._compiled:
                    package.writestr(_entry(name), data)
        return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    """Return the zip entry of part `name` with a fixed time: the same input gives the same bytes."""
    entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


SYNTAX_MESSAGES = (
    (re.compile(r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\..*", re.S),
     lambda m: "缺少结束标签 " + " 或 ".join(f"{{% {t} %}}" for t in re.findall(r"'(\w+)'", m.group(1)))),
    (re.compile(r"Encountered unknown tag '(.+?)'.*", re.S), lambda m: f"不认识的标签“{m.group(1)}”"),
    (re.compile(r"unexpected char '(.+?)' at \d+"), lambda m: f"标签中有不能识别的字符“{m.group(1)}”（是否用了中文标点？）"),
    (re.compile(r"expected token '(.+?)', got '(.+?)'"), lambda m: f"标签写法有误：在“{m.group(2)}”处"),
    (re.compile(r"unexpected '(.+?)'"), lambda m: f"标签中多了“{m.group(1)}”"),
)


def explain_syntax_error(message: str) -> str:
    """Return a Chinese explanation of a Jinja syntax error (Jinja's own words only when none fits)."""
    for pattern, explain in SYNTAX_MESSAGES:
        found = pattern.fullmatch(message.strip()) or pattern.search(message)
        if found:
            return explain(found)
    return f"标签写法有误（Jinja 的说明：{message.strip().splitlines()[0][:120]}）"


def _paragraph_text(source: str, lineno: int | None) -> str:
    """Return the visible text of the paragraph at Jinja line `lineno` of `source`."""
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    return re.sub(r"<[^>]+>", "", lines[lineno - 1])[:120]
