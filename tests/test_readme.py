"""The README's Python example runs as written, and its documents carry the scheme's data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docxutil import paragraphs

import shenbaoshu

ROOT = Path(__file__).resolve().parent.parent


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## 在 Python 中使用"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_python_example_runs(tmp_path, sample_workbook, monkeypatch, capsys):
    shutil.copy(sample_workbook, tmp_path / "申报.xlsx")
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_example(), "README.md", "exec"), {})
    written = sorted(p.name for p in (tmp_path / "输出").rglob("*.docx"))
    assert written == ["Z01_机械工程学院智能制造系教工党支部_申报书.docx",
                       "Z01_机械工程学院智能制造系教工党支部_自查报告.docx"]
    assert (tmp_path / "申报汇总表.xlsx").is_file() and (tmp_path / "申报汇总表.docx").is_file()
    assert (tmp_path / "全部" / "申报汇总表.xlsx").is_file()
    assert capsys.readouterr().out.strip().endswith("True")


def test_readme_example_self_check_report_lists_the_schemes_items(tmp_path, sample_workbook, monkeypatch):
    shutil.copy(sample_workbook, tmp_path / "申报.xlsx")
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_example(), "README.md", "exec"), {})
    report = next((tmp_path / "输出").rglob("*自查报告.docx"))
    text = "\n".join(paragraphs(report))
    scheme = shenbaoshu.select_scheme(shenbaoshu.read_workbook("申报.xlsx"))
    items = scheme.categories["样板支部"].items
    assert "“对标项目”" not in text
    assert items and all(item.name in text for item in items)


def test_render_documents_without_validation_uses_the_workbooks_scheme(tmp_path, sample_workbook):
    batch = shenbaoshu.read_workbook(sample_workbook)
    result = shenbaoshu.render_documents(batch, tmp_path, documents=["自查报告"], only=["Z01"])
    text = "\n".join(paragraphs(result.written[0]))
    assert "“对标项目”" not in text


def shown(command: str, occurrence: int = 0) -> str:
    """Return the output the README shows after ``$ command`` (its n-th occurrence), unindented."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(rf"```text\n( *)\$ {re.escape(command)}\n(.*?)\n *```", text, re.S)
    indent, body = blocks[occurrence]
    return "\n".join(line[len(indent):] for line in body.splitlines())


def test_readme_walkthrough_outputs_are_real(tmp_path, monkeypatch):
    import docx
    from click.testing import CliRunner

    from shenbaoshu.cli import main

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["init", "2026双创", "--scheme", "zju-2024"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "2026双创")
    first = runner.invoke(main, ["build", "申报.xlsx", "-o", "输出"])
    assert first.output.rstrip("\n") == shown("shenbaoshu build 申报.xlsx -o 输出", 0)
    template = docx.Document("模板/典型案例.docx")
    template.add_paragraph("（供交流使用）")
    template.save("模板/典型案例.docx")
    second = runner.invoke(main, ["build", "申报.xlsx", "-o", "输出"])
    assert second.output.rstrip("\n") == shown("shenbaoshu build 申报.xlsx -o 输出", 1)
