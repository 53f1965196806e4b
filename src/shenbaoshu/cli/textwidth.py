"""Wrap help text by display width: a Chinese character takes two columns, and lines never start with 。"""

from __future__ import annotations

import re

from ..workbook.text import display_width, is_wide

NO_LINE_START = "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}"
NO_LINE_END = "（《「『【〔〈“‘([{"


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


def join_lines(lines: list[str]) -> str:
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
        return wrap(join_lines(text.split()), width, initial_indent, subsequent_indent)
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
            result.append(wrap(join_lines([line.strip() for line in lines]), width, first, rest))
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
