"""Data is data: any text typed in a cell comes out of the rendered document exactly.

Every character except the ones XML forbids (which the reader removes and
reports) survives: markup characters, Jinja and docxtpl tag syntax, full-width
and 4-byte characters. A line break in a one-line field is one line break; a
narrative cell gives its paragraphs. The batch is read once and one prepared
template renders every example, so the property runs hundreds of cases quickly.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from shenbaoshu import read_workbook
from shenbaoshu.documents.context import applicant_context
from shenbaoshu.documents.render import PreparedTemplate
from shenbaoshu.workbook.normalize import FORBIDDEN_XML, to_narrative

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TOKENS = ("&", "<", ">", '"', "'", "{", "}", "{{", "}}", "{%", "%}", "{_{", "}_}", "{_%", "%_}", "{#", "#}",
          "{{ 单位名称 }}", "{% if x %}", "]]>", "&amp;", "&#7;", "<w:p>", "\n", "\r\n", "\t", " ", "　",
          "（全角）", "𠮷", "😀", "\u2028", "\x85", "%", "\\")
ILLEGAL = "".join(chr(c) for c in range(0x20) if FORBIDDEN_XML.match(chr(c))) + "\ufffe\uffff"
CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters=ILLEGAL)
TEXT = st.lists(st.one_of(st.text(CHARACTERS, max_size=12), st.sampled_from(TOKENS)), max_size=8).map("".join)


@pytest.fixture(scope="module")
def setting(sample_workbook, tmp_path_factory):
    """Return the sample batch, one of its applicants and a template showing two of its fields."""
    batch = read_workbook(sample_workbook)
    path = tmp_path_factory.mktemp("roundtrip") / "模板.docx"
    document = docx.Document()
    for text in ("开始", "{{ 负责人 }}", "中间", "{{ 基本情况 }}", "结束"):
        document.add_paragraph(text)
    document.save(path)
    return batch, batch.applicants[0], PreparedTemplate(path)


def body_paragraphs(data: bytes) -> list[str]:
    """Return each body paragraph's text: w:t texts joined, w:br as a line break, w:tab as a tab."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    found = []
    for paragraph in body.iter(f"{W}p"):
        pieces = []
        for element in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab"):
            if element.tag == f"{W}t":
                text = element.text or ""
                if text != text.strip(" "):
                    assert element.get(XML_SPACE) == "preserve", text  # Word would drop the spaces otherwise
                pieces.append(text)
            else:
                pieces.append("\n" if element.tag == f"{W}br" else "\t")
        found.append("".join(pieces))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=TEXT, narrative=TEXT)
@example(line="& < > \" ' { } {{ }} {% %} {_{ }_} {# #}", narrative="{_{ 单位名称 }_}\n{_% if x %_}\n{# 注释 #}")
@example(line="{_{ 负责人 }_}", narrative="{{ 负责人 }}")
@example(line="张三\n李四", narrative="第一段\r\n第二段\r第三段")
@example(line="  前后有空格  ", narrative="　全角空格在段中　也在　")
@example(line="Ｒ＆Ｄ　（全角）𠮷😀", narrative="𠮷\t制表符\t😀")
@example(line="%_}}_}{_%{_{", narrative="}}{{%}{%")
@example(line="", narrative="")
def test_any_text_comes_out_exactly(setting, line, narrative):
    batch, applicant, template = setting
    applicant.record.values["负责人"] = line
    applicant.record.values["基本情况"] = to_narrative(narrative)
    found = body_paragraphs(template.render(applicant_context(batch, applicant)))
    expected_line = line.replace("\r\n", "\n").replace("\r", "\n")
    assert found == ["开始", expected_line, "中间", *(to_narrative(narrative) or [""]), "结束"]
