"""Bad documents and hostile templates: one clear Chinese line or one problem, never a traceback.

`shenbaoshu inspect` reports an unreadable file (encrypted, old .doc, truncated,
not a Word file, an entity bomb) as one problem of that file and goes on with
the others; `shenbaoshu template check` stops with one line (exit 2) on such a
file, and reports template code that would exhaust memory or reference other
templates as problems (exit 1). Data is data: whatever a cell holds, the
document shows it unchanged.
"""

from __future__ import annotations

import resource
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import applicant
from docxutil import paragraphs, part_xml
from hostile import EXIT_FAILURE, EXIT_PROBLEMS, assert_sound, run

from shenbaoshu import TemplateError, read_workbook
from shenbaoshu.documents import reading as package_module
from shenbaoshu.documents.render import PreparedTemplate
from shenbaoshu.review.inspection import inspect_paths

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLE = bytes.fromhex("D0CF11E0A1B11AE1")
BOMB = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&%s;" % bytes([97 + i]) * 10) for i in range(8))
        + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          b"<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>")


def make_template(path: Path, *texts: str) -> Path:
    """Write a .docx at `path` with one paragraph per text; return the path."""
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    document.save(path)
    return path


def replace_part(path: Path, name: str, data: bytes | None, extra: dict[str, bytes] | None = None) -> Path:
    """Rewrite the package at `path` with part `name` replaced (None: removed) and `extra` parts added."""
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    if data is None:
        del parts[name]
    else:
        parts[name] = data
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for part, content in parts.items():
            package.writestr(part, content)
    return path


def ole_file(path: Path, *streams: str) -> Path:
    """Write a stand-in for a Compound File (what Word writes for .doc and for encrypted documents)."""
    names = b"".join(s.encode("utf-16-le") + b"\0\0" for s in streams)
    path.write_bytes(OLE + b"\0" * 504 + names + b"\0" * 512)
    return path


UNREADABLE = {
    "加密.docx": (lambda p: ole_file(p, "EncryptionInfo", "EncryptedPackage"),
                  "这是加密的文档（设有打开密码），请在 Word 中取消密码后另存为 .docx"),
    "旧版.doc": (lambda p: ole_file(p, "WordDocument", "1Table"),
                 "这是旧版 .doc 文件，请在 Word 或 WPS 中另存为 .docx"),
    "截断.docx": (lambda p: p.write_bytes(make_template(p, "申报书").read_bytes()[:3000]),
                  "文件已损坏：压缩包不完整（可能下载或复制时中断了）"),
    "文本.docx": (lambda p: p.write_text("这只是一个文本文件", encoding="utf-8"),
                  "文件已损坏：不是 .docx 格式（可能是改了扩展名的其他文件）"),
    "空.docx": (lambda p: p.write_bytes(b""), "文件是空的（0 字节）"),
    "无正文.docx": (lambda p: replace_part(make_template(p, "申报书"), "word/document.xml", None),
                    "文件已损坏：缺少正文 word/document.xml"),
    "乱码.docx": (lambda p: replace_part(make_template(p, "申报书"), "word/document.xml", b"not <xml"),
                  "文件已损坏：word/document.xml 不是有效的 XML"),
    "实体炸弹.docx": (lambda p: replace_part(make_template(p, "申报书"), "word/document.xml", BOMB),
                      "文件已损坏或不安全：word/document.xml 含有 DTD（<!DOCTYPE>），Word 保存的文档中不会有"),
    "表格.docx": (lambda p: replace_part(make_template(p, "申报书"), "word/document.xml", None,
                                       {"xl/workbook.xml": b"<workbook/>"}),
                  "这是 Excel 工作簿，不是 Word 文档"),
}


def unreadable(tmp_path: Path, name: str) -> tuple[Path, str]:
    write, reason = UNREADABLE[name]
    path = tmp_path / name
    write(path)
    return path, reason


# --- item 14: inspect and template check on files that are not readable .docx ---------------------

@pytest.mark.parametrize("name", UNREADABLE)
def test_inspect_reports_an_unreadable_file_as_one_problem(tmp_path, name):
    path, reason = unreadable(tmp_path, name)
    outcome = run("inspect", path, inputs=(path,))
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert f"{path}（无法读取）" in outcome.lines
    assert f"  错误  {reason}" in outcome.lines
    assert "共 1 个文件：0 个通过，1 个有问题；错误 1 处，警告 0 处" in outcome.lines


@pytest.mark.parametrize("name", UNREADABLE)
def test_template_check_stops_with_one_line_on_an_unreadable_file(tmp_path, name):
    path, reason = unreadable(tmp_path, name)
    outcome = run("template", "check", path, inputs=(path,))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == f"错误：无法读取 {path.name}：{reason}"


def test_one_bad_file_does_not_stop_a_folder(tmp_path):
    folder = tmp_path / "收到的材料"
    folder.mkdir()
    for number in range(1, 6):
        make_template(folder / f"Z0{number}_申报书.docx", "申报书", "一、基本情况", "内容")
    bad, _ = unreadable(folder, "加密.docx")
    truncated, _ = unreadable(folder, "截断.docx")
    outcome = run("inspect", folder, "--doc", "申报书", inputs=tuple(folder.iterdir()))
    assert outcome.exit_code == EXIT_PROBLEMS
    assert sum(line.startswith(str(folder / "Z0")) for line in outcome.lines) == 5
    assert f"{bad}（无法读取）" in outcome.lines and f"{truncated}（无法读取）" in outcome.lines
    assert outcome.lines[-1].startswith("共 7 个文件：")
    results = inspect_paths([folder], "申报书")
    assert [(r.path.name, [p.code for p in r.report.problems]) for r in results
            if r.path.name in ("加密.docx", "截断.docx")] == [("加密.docx", ["file-unreadable"]),
                                                            ("截断.docx", ["file-unreadable"])]


def test_encrypted_document_is_recognised_by_its_directory_far_into_the_file(tmp_path):
    path = tmp_path / "大的加密文档.docx"
    sector = 4096  # the directory sector after 2 MiB of encrypted data, as the header says
    header = OLE + bytes(0x1E - 8) + (9).to_bytes(2, "little") + bytes(0x30 - 0x20) + sector.to_bytes(4, "little")
    names = "".join(n + "\0" for n in ("Root Entry", "EncryptionInfo", "EncryptedPackage")).encode("utf-16-le")
    path.write_bytes(header.ljust((sector + 1) * 512, b"\xa5") + names.ljust(512, b"\0"))
    outcome = run("inspect", path, inputs=(path,))
    assert outcome.exit_code == EXIT_PROBLEMS
    assert "  错误  这是加密的文档（设有打开密码），请在 Word 中取消密码后另存为 .docx" in outcome.lines


def test_inspect_json_names_the_unreadable_file(tmp_path):
    path, reason = unreadable(tmp_path, "旧版.doc")
    outcome = run("inspect", path, "--format", "json", inputs=(path,))
    assert outcome.exit_code == EXIT_PROBLEMS
    assert '"code": "file-unreadable"' in outcome.output and reason in outcome.output


# --- item 16: template code that would exhaust memory, or reach for other files -------------------

HOSTILE_TAGS = {
    "{{ range(10**9) | list }}": "range 最多只能有 100000 个数",
    "{% for i in range(10**9) %}x{% endfor %}": "range 最多只能有 100000 个数",
    "{{ 10**5000 }}": "乘方的结果太大",
    "{{ 9 ** 999999 }}": "乘方的结果太大",
    "{{ 'x' * 2000000000 }}": "结果太长（超过 1000000 个字符或元素）",
    "{{ [1] * 2000000000 }}": "结果太长（超过 1000000 个字符或元素）",
    "{{ 'x' * 999999 + 'y' * 999999 }}": "结果太长（超过 1000000 个字符或元素）",
    "{{ '%999999999d' % 1 }}": "结果太长（超过 1000000 个字符或元素）",
    "{{ 'x' | center(999999999) }}": "结果太长（超过 1000000 个字符或元素）",
    "{{ 'x'.ljust(999999999) }}": "结果太长（超过 1000000 个字符或元素）",
    "{{ ('x' * 999999) | replace('x', 'xx') }}": "结果太长（超过 1000000 个字符或元素）",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}": "嵌套或递归太深",
    "{{ 1 / 0 }}": "除数为零",
}


@pytest.mark.parametrize("tag", HOSTILE_TAGS)
def test_hostile_template_code_is_a_problem_in_template_check(tmp_path, tag):
    path = make_template(tmp_path / "申报书_样板支部.docx", "开头", tag)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = run("template", "check", path, inputs=(path,))
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert outcome.exit_code == EXIT_PROBLEMS, outcome.output
    assert f"错误  用示例数据试渲染时出错：{HOSTILE_TAGS[tag]}" in outcome.output, outcome.output
    assert grown_mib < 200, f"内存增加了 {grown_mib:.0f} MiB"


@pytest.mark.parametrize("tag", HOSTILE_TAGS)
def test_hostile_template_code_stops_generate_with_one_line(tmp_path, make_workbook, tag):
    folder = tmp_path / "模板"
    folder.mkdir()
    path = make_template(folder / "申报书_样板支部.docx", "开头", tag)
    workbook = make_workbook()
    outcome = run("generate", workbook, "-o", tmp_path / "输出", "--template-dir", folder, inputs=(path, workbook))
    assert outcome.exit_code == EXIT_FAILURE, outcome.output
    assert outcome.error_line() == (f"错误：模板「申报书_样板支部.docx」渲染申报单位 A01 测试学院教工第一党支部时出错："
                                    f"{HOSTILE_TAGS[tag]}")


@pytest.mark.parametrize("tag, name", [("{% include 'x.docx' %}", "include"), ("{% import 'x' as y %}", "import"),
                                       ("{% extends 'x' %}", "extends"), ("{% from 'x' import y %}", "from")])
def test_tags_that_load_other_templates_are_refused(tmp_path, tag, name):
    path = make_template(tmp_path / "申报书_样板支部.docx", "开头", f"前{tag}后")
    message = (f"不能使用 {{% {name} %}} 标签：模板不能引用其他模板文件，请把内容直接写在模板中；"
               f"出错的段落：「前{tag}后」")
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate(path)
    assert str(caught.value) == f"模板「申报书_样板支部.docx」{message}"
    outcome = run("template", "check", path, inputs=(path,))
    assert outcome.exit_code == EXIT_PROBLEMS
    assert f"错误  {message}" in outcome.lines


def test_huge_literal_number_is_a_syntax_problem(tmp_path):
    path = make_template(tmp_path / "申报书_样板支部.docx", "{{ " + "9" * 5000 + " }}")
    with pytest.raises(TemplateError, match="数字位数太多"):
        PreparedTemplate(path)


def test_sandbox_still_renders_ordinary_arithmetic(tmp_path):
    path = make_template(tmp_path / "t.docx", "{{ 2 ** 10 }} {{ 3 * 4 }} {{ '-' * 3 }} {{ [1, 2] * 2 }} "
                                              "{{ '%05.1f' % 2.5 }} {{ 'a' + 'b' }} {{ range(3) | list }}")
    data = PreparedTemplate(path).render({})
    out = path.with_name("out.docx")
    out.write_bytes(data)
    assert paragraphs(out) == ["1024 12 --- [1, 2, 1, 2] 002.5 ab [0, 1, 2]"]


# --- item 17: a template part that inflates past the limits -----------------------------------------

def test_oversized_part_is_refused_when_the_template_is_prepared(tmp_path, make_workbook, monkeypatch):
    folder = tmp_path / "模板"
    folder.mkdir()
    path = replace_part(make_template(folder / "申报书_样板支部.docx", "{{ 单位名称 }}"),
                        "word/media/image1.png", b"\0" * 3 * 1024 * 1024)
    monkeypatch.setattr(package_module, "MAX_PART_SIZE", 1024 * 1024)  # small, so the test stays small
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate(path)
    assert str(caught.value) == ("无法读取模板 申报书_样板支部.docx：文件中的 word/media/image1.png 解压后有 3.0 MiB，"
                                 "超过每个部件 1.0 MiB 的上限（见模板说明）")
    workbook = make_workbook()
    outcome = run("generate", workbook, "-o", tmp_path / "输出", "--template-dir", folder, inputs=(path, workbook))
    assert outcome.exit_code == EXIT_FAILURE
    assert outcome.error_line() == f"错误：{caught.value}"
    assert not list((tmp_path / "输出").rglob("*.docx"))


def test_oversized_package_is_refused(tmp_path, monkeypatch):
    path = make_template(tmp_path / "t.docx", "{{ 单位名称 }}")
    monkeypatch.setattr(package_module, "MAX_PACKAGE_SIZE", 20_000)
    with pytest.raises(TemplateError, match=r"解压后共有 0\.\d MiB，超过 0\.0 MiB 的上限"):
        PreparedTemplate(path)
    outcome = run("inspect", path, "--doc", "申报书", inputs=(path,))
    assert outcome.exit_code == EXIT_PROBLEMS and "（无法读取）" in outcome.output


def test_template_parts_with_a_dtd_are_refused(tmp_path):
    path = replace_part(make_template(tmp_path / "t.docx", "x"), "word/document.xml", BOMB)
    with pytest.raises(TemplateError, match="含有 DTD"):
        PreparedTemplate(path)


# --- item 20: data is data ------------------------------------------------------------------------

def render_one(tmp_path, make_workbook, row, *texts) -> Path:
    folder = tmp_path / "模板"
    folder.mkdir(exist_ok=True)
    make_template(folder / "申报书_样板支部.docx", *texts)
    workbook = make_workbook([row])
    outcome = run("generate", workbook, "-o", tmp_path / "输出", "--template-dir", folder, "--force",
                  inputs=(workbook,))
    assert outcome.exit_code in (0, 1), outcome.output
    written = list((tmp_path / "输出").rglob("*.docx"))
    assert len(written) == 1 and assert_sound(written[0]) == 1
    return written[0]


def test_escape_syntax_typed_in_a_cell_is_not_unescaped(tmp_path, make_workbook):
    typed = "{_{ 单位名称 }_} {_% if %_} {{ x }} {# y #}"
    path = render_one(tmp_path, make_workbook, applicant(负责人=typed, 基本情况=f"甲{typed}\n乙{typed}"),
                      "{{ 负责人 }}", "{{ 基本情况 }}")
    assert paragraphs(path) == [typed, f"甲{typed}", f"乙{typed}"]


def test_the_templates_own_escapes_show_the_tag_literally(tmp_path, make_workbook):
    path = render_one(tmp_path, make_workbook, applicant(), "写法：{_{ 单位名称 }_} 与 {_% if 条件 %_}",
                      "{{ 单位名称 }}")
    assert paragraphs(path) == ["写法：{{ 单位名称 }} 与 {% if 条件 %}", "测试学院教工第一党支部"]


def test_a_line_break_in_a_one_line_field_is_one_break(tmp_path, make_workbook):
    path = render_one(tmp_path, make_workbook, applicant(负责人="张三\n李四", 联系人="王五\r\n赵六"),
                      "{{ 负责人 }}", "{{ 联系人 }}")
    body = part_xml(path)
    found = [p for p in body.iter(f"{W}p")][:2]
    for paragraph in found:
        assert len(list(paragraph.iter(f"{W}br"))) == 1
    assert paragraphs(path) == ["张三李四", "王五赵六"]


def test_control_characters_typed_in_cells_cannot_make_paragraphs_or_pages(tmp_path, make_workbook):
    path = render_one(tmp_path, make_workbook, applicant(负责人="张_x0007_三_x000C_四_x000B_五",  # how Excel stores \a \f \v
                                                                 基本情况="甲_x0007_乙_x000C_丙"),
                      "{{ 负责人 }}", "{{ 基本情况 }}")
    assert paragraphs(path) == ["张三四五", "甲乙丙"]
    assert not [b for b in part_xml(path).iter(f"{W}br")]


def test_control_characters_from_the_library_api_are_dropped_too(tmp_path, make_workbook):
    batch = read_workbook(make_workbook())
    batch.applicants[0].record.values["负责人"] = "张\a三\x00四\ud800五\r六"
    path = make_template(tmp_path / "t.docx", "{{ 负责人 }}")
    from shenbaoshu.documents.context import applicant_context
    out = tmp_path / "out.docx"
    out.write_bytes(PreparedTemplate(path).render(applicant_context(batch, batch.applicants[0])))
    assert paragraphs(out) == ["张三四五六"] and len(list(part_xml(out).iter(f"{W}br"))) == 1


def test_an_old_doc_in_a_folder_is_reported_not_skipped(tmp_path):
    from hostile import run

    folder = tmp_path / "报送材料"
    folder.mkdir()
    (folder / "旧格式申报书.doc").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    result = run("inspect", folder)
    assert result.exit_code == 1
    assert any(line.startswith(str(folder / "旧格式申报书.doc")) for line in result.lines), result.output
    assert "共 1 个文件：0 个通过，1 个有问题；错误 1 处，警告 0 处" in result.lines
