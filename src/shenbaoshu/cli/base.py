"""What every command shares: Chinese help, one-line errors, progress bars."""

from __future__ import annotations

import functools
import sys

import click

from ..errors import ShenbaoshuError

PROGRESS_THRESHOLD = 5
EXIT_PROBLEMS, EXIT_FAILURE = 1, 2
HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
PHRASES = (("Show this message and exit.", "显示本帮助并退出。"), ("[required]", "[必填]"),
           ("[default: ", "[默认："), ("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."))


def translate(text: str) -> str:
    """Return `text` with click's fixed English phrases in Chinese."""
    for english, chinese in PHRASES:
        text = text.replace(english, chinese)
    return text


class ChineseHelpFormatter(click.HelpFormatter):
    """A help formatter whose headings and fixed phrases are Chinese."""

    def write_usage(self, prog, args="", prefix=None):
        super().write_usage(prog, translate(args), prefix="用法：")

    def write_heading(self, heading):
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows, *args, **kwargs):
        super().write_dl([(term, translate(text)) for term, text in rows], *args, **kwargs)


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


class Command(click.Command):
    """A command with Chinese help."""

    context_class = ChineseContext


class Group(click.Group):
    """The command group: Chinese help, and usage errors reported in Chinese."""

    context_class = ChineseContext
    command_class = Command

    def main(self, args=None, prog_name=None, **extra):
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("已取消。", err=True)
            sys.exit(EXIT_FAILURE)
        except click.UsageError as exc:
            usage_error(exc)
        except click.ClickException as exc:
            click.secho(f"错误：{exc.format_message()}", fg="red", err=True)
            sys.exit(exc.exit_code)
        sys.exit(0)


def usage_error(exc: click.UsageError) -> None:
    """Print a usage error in Chinese with the command's usage line, and exit 2."""
    if exc.ctx is not None:
        click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"用“{exc.ctx.command_path} --help”查看说明。", err=True)
    click.secho(f"错误：{usage_message(exc)}", fg="red", err=True)
    sys.exit(EXIT_FAILURE)


def usage_message(exc: click.UsageError) -> str:
    """Return the Chinese text of a click usage error."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        kind = "参数" if isinstance(exc.param, click.Argument) else "选项"
        return f"缺少{kind} {exc.param.get_error_hint(exc.ctx)}"
    if isinstance(exc, click.NoSuchOption):
        return f"没有选项 {exc.option_name}"
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return f"{exc.param.get_error_hint(exc.ctx)} 的值无效：{exc.message}"
    return exc.format_message()


def report_errors(command):
    """Turn a ShenbaoshuError into one Chinese line and exit 2 (a traceback with --debug)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ShenbaoshuError as exc:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            click.secho(f"错误：{exc}", fg="red", err=True)
            sys.exit(EXIT_FAILURE)
    return wrapper


def with_progress(label: str):
    """Return a function that iterates a list with a progress bar when it is long and
    the terminal shows it (nothing is printed when output goes to a file or a pipe)."""
    def iterate(items):
        if len(items) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, label=label, file=sys.stderr,
                               item_show_func=lambda a: str(a) if a else None) as bar:
            yield from bar
    return iterate
