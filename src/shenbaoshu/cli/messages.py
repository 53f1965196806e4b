"""click's own messages (usage errors, bad values, unknown commands) said in Chinese."""

from __future__ import annotations

import ast
import difflib
import re

import click


def usage_message(exc: click.UsageError) -> str:
    """Return the Chinese text of a click usage error."""
    ctx = exc.ctx
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        kind = "参数" if isinstance(exc.param, click.Argument) else "选项"
        return f"缺少{kind} {exc.param.get_error_hint(ctx).replace(chr(39), '')}"
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
