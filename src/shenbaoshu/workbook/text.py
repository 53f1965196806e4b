"""Text folding shared by every stage: one way to compare headers, names and list items."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SPACES = re.compile(r"\s+")
PUNCTUATION = re.compile(r"[\s\"'“”‘’、，。,.;；:：()（）《》「」]")


def fold(text: str) -> str:
    """Return `text` with full-width digits, letters and punctuation made half-width (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def compact(text: object) -> str:
    """Return `text` folded and with every space removed: how sheet names and headers are matched."""
    return _compact(str(text))


@lru_cache(maxsize=4096)
def _compact(text: str) -> str:
    return SPACES.sub("", fold(text))


def plain(text: object) -> str:
    """Return `text` folded, without spaces, quotes and punctuation: how list items and headings match."""
    return PUNCTUATION.sub("", fold(str(text or "")))


def is_blank(value: object) -> bool:
    """Return True for an empty cell or value: None, only spaces, or no paragraphs."""
    return value is None or value == () or (isinstance(value, str) and not value.strip())


WIDE_PUNCTUATION = "“”‘’…—·"  # "ambiguous" width, shown two columns wide in Chinese terminals and fonts


def is_wide(char: str) -> bool:
    """Return True for a character shown two columns wide (Chinese characters and punctuation)."""
    return unicodedata.east_asian_width(char) in "WF" or char in WIDE_PUNCTUATION


def display_width(text: str) -> int:
    """Return how many columns `text` takes on a terminal or in a sheet (a Chinese character takes two)."""
    return sum(0 if unicodedata.combining(c) else 2 if is_wide(c) else 1 for c in text)
