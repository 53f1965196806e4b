"""What every command shares: Chinese help, one-line errors, progress bars.

Exit codes: 0 success, 1 problems in the data, 2 cannot go on (a file, a
template, an option), 3 an internal error (a bug: reported in one line, the
traceback with --debug), 130 cancelled with Ctrl+C.
"""

from __future__ import annotations

import functools
import inspect
import re
import sys

import click

from ..errors import ShenbaoshuError
from .messages import click_message, usage_message
from .textwidth import display_width, join_lines, short_text, wrap, wrap_text

PROGRESS_THRESHOLD = 5
EXIT_PROBLEMS, EXIT_FAILURE, EXIT_INTERNAL, EXIT_CANCELLED = 1, 2, 3, 130
BAR_WIDTH, ITEM_WIDTH = 24, 20  # label, bar, percentage, time left and item fit 80 columns
HELP_WIDTH = 80  # help text never wider than this many columns (a Chinese character takes two)
HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
PHRASES = (("Show this message and exit.", "显示本帮助并退出。"), ("[required]", "[必填]"),
           ("[default: ", "[默认："), ("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."))


RANGE = re.compile(r";\s*(-?\d+)<=x<=(-?\d+)")  # click's "[default: 1; 1<=x<=32]"


def translate(text: str) -> str:
    """Return `text` with click's fixed English phrases in Chinese."""
    for english, chinese in PHRASES:
        text = text.replace(english, chinese)
    return RANGE.sub(r"，\1 到 \2", text)


# Text wrapping by display columns: click counts characters, but a Chinese character takes two
# columns, so click's own wrapping lets Chinese help run past the edge of the terminal.
class ChineseHelpFormatter(click.HelpFormatter):
    """A help formatter whose headings and fixed phrases are Chinese and whose lines fit
    the terminal, counting a Chinese character as two columns."""

    def write_usage(self, prog, args="", prefix=None):
        usage_prefix = f"{'用法：':>{self.current_indent}}{prog} "
        args = translate(args)
        if not args:
            self.write(usage_prefix.rstrip(" ") + "\n")
            return
        text_width = self.width - self.current_indent
        if text_width >= display_width(usage_prefix) + 20:
            self.write(wrap(args, text_width, usage_prefix, " " * display_width(usage_prefix)))
        else:
            indent = " " * (max(self.current_indent, display_width("用法：")) + 4)
            self.write(f"{usage_prefix}\n{wrap(args, text_width, indent, indent)}")
        self.write("\n")

    def write_heading(self, heading):
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text):
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, indent, indent, preserve_paragraphs=True))
        self.write("\n")

    def write_dl(self, rows, col_max=30, col_spacing=2):
        rows = [(row[0], translate(row[1]) if len(row) > 1 else "") for row in rows]
        if not rows:
            return
        first_width = min(max(display_width(term) for term, _ in rows), col_max) + col_spacing
        text_width = max(self.width - first_width - self.current_indent, 10)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if display_width(term) <= first_width - col_spacing:
                self.write(" " * (first_width - display_width(term)))
            else:
                self.write("\n" + " " * (first_width + self.current_indent))
            lines = wrap_text(text, text_width, preserve_paragraphs=True).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_width + self.current_indent}}{line}\n" if line else "\n")


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_content_width = min(self.max_content_width or HELP_WIDTH, HELP_WIDTH)
        if self.terminal_width is not None:
            self.terminal_width = min(self.terminal_width, HELP_WIDTH - 2)


class ShortHelp:
    """The one-line description in a list of commands: its first sentence, cut by display width."""

    short_help: str | None
    help: str | None

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            text = inspect.cleandoc(self.short_help)
        else:
            paragraph = inspect.cleandoc(self.help or "").split("\n\n")[0]
            text = join_lines([line.strip() for line in paragraph.splitlines() if line.strip()])
            text = text.split("。")[0]
        return short_text(text.strip(), limit)


class Command(ShortHelp, click.Command):
    """A command with Chinese help."""

    context_class = ChineseContext


class Group(ShortHelp, click.Group):
    """The command group: Chinese help, and usage errors reported in Chinese."""

    context_class = ChineseContext
    command_class = Command

    def main(self, args=None, prog_name=None, **extra):
        arguments = list(sys.argv[1:] if args is None else args)  # only to look for --debug
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.exceptions.Abort as exc:
            click.echo("已取消。", err=True)
            sys.exit(EXIT_CANCELLED if isinstance(exc.__cause__, KeyboardInterrupt) else EXIT_FAILURE)
        except click.UsageError as exc:
            usage_error(exc)
        except click.ClickException as exc:
            click.secho(f"错误：{click_message(exc.format_message())}", fg="red", err=True)
            sys.exit(exc.exit_code)
        except ShenbaoshuError as exc:  # raised outside a command's body (a callback, say)
            if "--debug" in arguments:
                raise
            click.secho(f"错误：{exc}", fg="red", err=True)
            sys.exit(EXIT_FAILURE)
        except Exception as exc:
            if "--debug" in arguments:
                raise
            unexpected(exc)
        sys.exit(0)


def usage_error(exc: click.UsageError) -> None:
    """Print a usage error in Chinese with the command's usage line, and exit 2."""
    if exc.ctx is not None:
        click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"用“{exc.ctx.command_path} --help”查看说明。", err=True)
    click.secho(f"错误：{usage_message(exc)}", fg="red", err=True)
    sys.exit(EXIT_FAILURE)


def unexpected(exc: BaseException) -> None:
    """Report an exception no command expected (a bug) in one line, and exit 3."""
    detail = " ".join(str(exc).split())
    detail = f"{type(exc).__name__}: {detail[:200]}" if detail else type(exc).__name__
    click.secho(f"错误：程序内部出错（{detail}），请加 --debug 查看详情并报告此问题", fg="red", err=True)
    sys.exit(EXIT_INTERNAL)


def report_errors(command):
    """Turn a ShenbaoshuError into one Chinese line and exit 2, and any other exception into one
    line and exit 3 (a bug); with --debug the traceback is shown instead."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            if isinstance(exc, ShenbaoshuError):
                click.secho(f"错误：{exc}", fg="red", err=True)
                sys.exit(EXIT_FAILURE)
            unexpected(exc)
    return wrapper


def describe(item) -> str | None:
    """Return what a progress bar shows for one piece of work, e.g. ``Z01 申报书``.

    An item may describe itself (``describe()``); otherwise a planned output
    (with ``job`` and ``rel``) or a job (with ``kind`` and ``applicant``) is
    described by its applicant's 编号 and the document's name; never by repr().
    """
    if item is None:
        return None
    own = getattr(item, "describe", None)
    if callable(own):
        return str(own())
    if hasattr(item, "rel"):
        job = getattr(item, "job", None)
        return describe(job) if job is not None else str(item.rel)
    kind, applicant = getattr(item, "kind", None), getattr(item, "applicant", None)
    if kind is not None and applicant is not None:
        return f"{getattr(applicant, 'id', '')} {getattr(kind, 'name', '')}".strip()
    return None


def with_progress(label: str, describe=describe):
    """Return a function that iterates a list with a progress bar when it is long and
    the terminal shows it (nothing is printed when output goes to a file or a pipe);
    the bar shows `describe(item)` for the current item."""
    def show(item):
        text = describe(item) if item is not None else None
        if not text:
            return None
        text = short_text(" ".join(text.split()), ITEM_WIDTH)
        # Right-aligned to a fixed width, so that each redraw covers the one before (click strips
        # trailing spaces and pads by characters, not by columns).
        return " " * (ITEM_WIDTH - display_width(text)) + text

    def iterate(items):
        if len(items) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, label=label, file=sys.stderr, item_show_func=show,
                               width=BAR_WIDTH) as bar:
            yield from bar
    return iterate
