"""What every command shares: Chinese help, one-line errors, progress bars.

Exit codes: 0 success, 1 problems in the data, 2 cannot go on (a file, a
template, an option), 3 an internal error (a bug: reported in one line, the
traceback with --debug), 130 cancelled with Ctrl+C.
"""

from __future__ import annotations

import ast
import difflib
import functools
import inspect
import re
import sys
import unicodedata

import click

from ..errors import ShenbaoshuError

PROGRESS_THRESHOLD = 5
EXIT_PROBLEMS, EXIT_FAILURE, EXIT_INTERNAL, EXIT_CANCELLED = 1, 2, 3, 130
BAR_WIDTH, ITEM_WIDTH = 24, 20  # label, bar, percentage, time left and item fit 80 columns
HELP_WIDTH = 80  # help text never wider than this many columns (a Chinese character takes two)
HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
PHRASES = (("Show this message and exit.", "显示本帮助并退出。"), ("[required]", "[必填]"),
           ("[default: ", "[默认："), ("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."))


def translate(text: str) -> str:
    """Return `text` with click's fixed English phrases in Chinese."""
    for english, chinese in PHRASES:
        text = text.replace(english, chinese)
    return text


# Text wrapping by display columns: click counts characters, but a Chinese character takes two
# columns, so click's own wrapping lets Chinese help run past the edge of the terminal.
WIDE_PUNCTUATION = "“”‘’…—·"  # "ambiguous" width, shown two columns wide in Chinese terminals
NO_LINE_START = "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}"
NO_LINE_END = "（《「『【〔〈“‘([{"


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF" or char in WIDE_PUNCTUATION


def display_width(text: str) -> int:
    """Return how many terminal columns `text` takes (Chinese characters take two)."""
    return sum(0 if unicodedata.combining(c) else 2 if is_wide(c) else 1 for c in text)


def _breaks_between(before: str, after: str) -> bool:
    """Return True when a line may break between two characters not separated by a space."""
    return is_wide(before) and is_wide(after) and after not in NO_LINE_START and before not in NO_LINE_END


def _pieces(text: str, between_characters: bool = True) -> list[tuple[bool, str]]:
    """Split `text` into unbreakable pieces, each with whether a space came before it: words,
    and (when `between_characters`) Chinese characters, except inside brackets such as [默认：…]."""
    pieces: list[tuple[bool, str]] = []
    for number, word in enumerate(re.split(r"\s+", text.strip())):
        if not word:
            continue
        start, depth = 0, 0
        for index in range(1, len(word)):
            depth += (word[index - 1] == "[") - (word[index - 1] == "]")
            if between_characters and depth <= 0 and _breaks_between(word[index - 1], word[index]):
                pieces.append((number > 0 and start == 0, word[start:index]))
                start = index
        pieces.append((number > 0 and start == 0, word[start:]))
    return pieces


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "",
         between_characters: bool = True) -> str:
    """Wrap `text` to `width` display columns: between words and (when `between_characters`)
    between Chinese characters, never before closing or after opening punctuation; a piece too
    long for a line is cut."""
    lines: list[str] = []
    line, used, empty = initial_indent, display_width(initial_indent), True
    for spaced, piece in _pieces(text, between_characters):
        size, gap = display_width(piece), (" " if spaced and not empty else "")
        if not empty and used + len(gap) + size > width:
            lines.append(line.rstrip())
            line, used, empty, gap = subsequent_indent, display_width(subsequent_indent), True, ""
        while empty and used + size > width and len(piece) > 1:
            take, taken = 0, 0
            for char in piece:
                if used + taken + display_width(char) > width:
                    break
                taken, take = taken + display_width(char), take + 1
            take = max(take, 1)
            lines.append(line + piece[:take])
            piece, size = piece[take:], display_width(piece[take:])
            line, used = subsequent_indent, display_width(subsequent_indent)
        line, used, empty = line + gap + piece, used + len(gap) + size, False
    if not empty:
        lines.append(line.rstrip())
    return "\n".join(lines)


def _join_lines(lines: list[str]) -> str:
    """Join the lines of a paragraph: with a space, except between two Chinese characters."""
    text = ""
    for line in lines:
        if text and not (is_wide(text[-1]) and is_wide(line[0])):
            text += " "
        text += line
    return text


def wrap_text(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """click.formatting.wrap_text measured in display columns (a ``\\b`` paragraph is kept as
    written, except that a line too wide is wrapped with a deeper indent)."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return wrap(_join_lines(text.split()), width, initial_indent, subsequent_indent)
    paragraphs: list[tuple[int, list[str]]] = []  # indent of the first line, the lines
    for line in text.splitlines() + [""]:
        if not line.strip():
            if paragraphs and paragraphs[-1][1]:
                paragraphs.append((0, []))
            continue
        if not paragraphs or not paragraphs[-1][1]:
            paragraphs[-1:] = [(len(line) - len(line.lstrip()), [line.lstrip()])]
        else:
            paragraphs[-1][1].append(line)
    result = []
    for indent, lines in (p for p in paragraphs if p[1]):
        first, rest = initial_indent + " " * indent, subsequent_indent + " " * indent
        if lines[0].strip() != "\b":
            result.append(wrap(_join_lines([line.strip() for line in lines]), width, first, rest))
            continue
        kept = []
        for number, line in enumerate(lines[1:]):
            prefix = first if number == 0 else rest
            if line.strip() == "\b":  # a second \b without a blank line before it
                kept.append("")
            elif display_width(prefix + line) <= width:
                kept.append(prefix + line)
            else:  # too wide even as written (a long example command): wrap it between words
                own = prefix + " " * (len(line) - len(line.lstrip()))
                kept.append(wrap(line.strip(), width, own, own + "    ", between_characters=False))
        result.append("\n".join(kept))
    return "\n\n".join(result)


def short_text(text: str, limit: int) -> str:
    """Return `text` within `limit` columns, cut after a clause (“，”“；”“：”) when it must be cut."""
    if display_width(text) <= limit:
        return text
    for index in range(len(text) - 1, 0, -1):
        if text[index] in "，；：、" and display_width(text[:index]) <= limit:
            return text[:index]
    while text and display_width(text) > limit - 2:
        text = text[:-1]
    return text + "…"


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
            text = _join_lines([line.strip() for line in paragraph.splitlines() if line.strip()])
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


def usage_message(exc: click.UsageError) -> str:
    """Return the Chinese text of a click usage error."""
    ctx = exc.ctx
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        kind = "参数" if isinstance(exc.param, click.Argument) else "选项"
        return f"缺少{kind} {exc.param.get_error_hint(ctx)}"
    if isinstance(exc, click.NoSuchOption):
        return f"没有选项 {exc.option_name}" + did_you_mean(exc.possibilities or [])
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return f"{param_name(exc.param)} 的值无效：{bad_value_message(exc.message, exc.param)}"
    command = _match(r"No such command (.+)\.", exc.message)
    if command is not None:
        return no_such_command(command, ctx)
    return click_message(exc.message if isinstance(exc.message, str) else exc.format_message())


def param_name(param: click.Parameter) -> str:
    """Return how the user writes `param`: ``选项 -o/--output`` or ``参数 工作簿.xlsx``."""
    if isinstance(param, click.Option):
        return f"选项 {'/'.join(param.opts)}"
    return f"参数 {param.metavar or (param.name or '').upper()}"


def did_you_mean(possibilities) -> str:
    return f"；是不是要用 {' 或 '.join(sorted(possibilities))}？" if possibilities else ""


def no_such_command(name: str, ctx: click.Context | None) -> str:
    """Return “no such command” with the nearest command, or the list of commands."""
    known = ctx.command.list_commands(ctx) if ctx is not None and isinstance(ctx.command, click.Group) else []
    close = difflib.get_close_matches(name, known)
    if close:
        return f"没有“{name}”这个命令" + did_you_mean(close[:1])
    return f"没有“{name}”这个命令" + (f"；可用的命令：{'、'.join(known)}" if known else "")


def _literal(text: str) -> str:
    """Return the string a repr() in one of click's messages stands for."""
    try:
        value = ast.literal_eval(text)
        return value if isinstance(value, str) else text
    except (ValueError, SyntaxError):
        return text


def _match(pattern: str, message: str):
    """Return the (unquoted) group of `pattern` matching all of `message`, or None."""
    found = re.fullmatch(pattern, message or "", re.DOTALL)
    return None if found is None else _literal(found.group(1))


PATH_MESSAGES = (
    ("does not exist", "{} 不存在"),
    ("is a file", "{} 是一个文件，这里需要文件夹"),
    ("is a directory", "{} 是一个文件夹，这里需要文件"),
    ("is not readable", "没有读取 {} 的权限"),
    ("is not writable", "没有写入 {} 的权限"),
    ("is not executable", "没有执行 {} 的权限"),
)


def bad_value_message(message: str, param: click.Parameter) -> str:
    """Return click's message about a bad value in Chinese (unchanged when it is not one of click's)."""
    for english, chinese in PATH_MESSAGES:
        path = _match(rf"(?:File|Directory|Path) (.+) {english}\.", message)
        if path is not None:
            return chinese.format(path)
    kind = param.type
    found = re.fullmatch(r"(.+) is not in the range .+\.", message or "")
    if found and isinstance(kind, (click.IntRange, click.FloatRange)):
        low, high = kind.min, kind.max
        noun = "整数" if isinstance(kind, click.IntRange) else "数"
        bounds = (f"应为 {low} 到 {high} 之间的{noun}" if low is not None and high is not None
                  else f"应不小于 {low}" if low is not None else f"应不大于 {high}")
        return f"{found.group(1)} 超出范围，{bounds}"
    for english, noun in (("integer", "整数"), ("float", "数字")):
        value = _match(rf"(.+) is not a valid {english}(?: range)?\.", message)
        if value is not None:
            return f"“{value}”不是{noun}"
    value = _match(r"(.+?) is not (?:one of )?.+\.", message)
    if value is not None and isinstance(kind, click.Choice):
        return f"“{value}”不是可选的值；可选：{'、'.join(map(str, kind.choices))}"
    return click_message(message)


CLICK_MESSAGES = (
    (r"Got unexpected extra arguments? \((.+)\)", "多余的参数：{}（路径中有空格时，请把整个路径放在引号中）"),
    (r"Option (.+) requires an argument\.", "选项 {} 后面缺少值"),
    (r"Option (.+) requires \d+ arguments\.", "选项 {} 后面缺少值"),
    (r"Option (.+) does not take a value\.", "选项 {} 后面不能有值"),
    (r"Argument (.+) takes \d+ values\.", "参数 {} 的值个数不对"),
    (r"Could not open file (.+?): .*", "无法打开文件 {}"),
    (r"(Missing command)\.", "缺少命令"),
)


def click_message(message: str) -> str:
    """Return one of click's fixed English messages in Chinese (others unchanged)."""
    for pattern, chinese in CLICK_MESSAGES:
        found = _match(pattern, message)
        if found is not None:
            return chinese.format(found)
    return message


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
