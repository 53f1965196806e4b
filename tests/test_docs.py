"""The user documentation covers every sheet, column, command and option."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from shenbaoshu.cli import main
from shenbaoshu.workbook import schema

DOCS = Path(__file__).resolve().parent.parent / "docs"


def commands():
    return sorted(main.commands.items())


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.name)
def test_every_sheet_and_column_is_documented(table):
    text = (DOCS / "workbook.md").read_text(encoding="utf-8")
    assert f"`{table.name}`" in text
    for column in table.columns:
        assert f"| {column.header} |" in text, column.header


def all_commands():
    found = []
    for name, command in commands():
        found.append((name, command))
        for sub, subcommand in sorted(getattr(command, "commands", {}).items()):
            found.append((f"{name} {sub}", subcommand))
    return found


@pytest.mark.parametrize("name, command", all_commands())
def test_every_command_and_option_is_documented(name, command):
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"## shenbaoshu {name}" in text
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(f"`{opt}" in text for opt in param.opts), (name, param.opts)


@pytest.mark.parametrize("name, command", all_commands())
def test_every_command_has_chinese_help_with_an_example(name, command):
    assert "示例" in command.help
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, (name, param.opts)


def test_every_rule_is_documented():
    from shenbaoshu.checks.rules import RULES

    text = (DOCS / "schemes.md").read_text(encoding="utf-8")
    assert any(rule.scope == "document" for rule in RULES.values())
    for name, rule in RULES.items():
        assert f"### {name}\n" in text, name
        assert f"`{rule.code}`" in text, rule.code


def test_every_builtin_scheme_is_documented():
    from shenbaoshu.checks.loader import builtin_schemes

    text = (DOCS / "schemes.md").read_text(encoding="utf-8")
    for scheme in builtin_schemes():
        assert f"| `{scheme.id}` |" in text, scheme.id


def test_every_problem_code_is_documented_with_its_title():
    from shenbaoshu.catalogue import CATALOGUE

    text = (DOCS / "problems.md").read_text(encoding="utf-8")
    for code, declared in CATALOGUE.items():
        assert f"| `{code}` | {declared.title} | {declared.severity} |" in text, code


def codes_in_source() -> set[str]:
    """Return every problem code the source passes to Problem, a rule or a finding."""
    import ast

    from shenbaoshu.workbook.reader import UNREADABLE_CODES

    found = set(UNREADABLE_CODES.values())
    positions = {"Problem": 0, "_problem": 1, "_add": 1, "rule": 1, "document_rule": 0}
    for path in (DOCS.parent / "src" / "shenbaoshu").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            args = list(node.args)
            if name in positions and len(args) > positions[name]:
                arg = args[positions[name]]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
            found.update(k.value.value for k in node.keywords
                         if k.arg == "code" and isinstance(k.value, ast.Constant))
    return found


def test_every_code_the_source_uses_is_in_the_catalogue():
    from shenbaoshu.catalogue import CATALOGUE

    used = codes_in_source()
    assert len(used) > 40
    assert used <= set(CATALOGUE), sorted(used - set(CATALOGUE))


def test_an_undeclared_code_fails_where_the_problem_is_made():
    from shenbaoshu.problems import Problem

    with pytest.raises(KeyError, match="not declared"):
        Problem("no-such-code", "x")
