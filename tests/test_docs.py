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
    for name, rule in RULES.items():
        assert f"### {name}\n" in text, name
        assert f"`{rule.code}`" in text, rule.code


def test_every_builtin_scheme_is_documented():
    from shenbaoshu.checks.loader import builtin_schemes

    text = (DOCS / "schemes.md").read_text(encoding="utf-8")
    for scheme in builtin_schemes():
        assert f"| `{scheme.id}` |" in text, scheme.id
