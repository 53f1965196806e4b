"""Figures that validation and documents both need: survey results, length, deliverables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..workbook import schema
from ..workbook.model import Applicant, Record
from .scheme import Item

RATINGS = (("很好", 5), ("较好", 4), ("一般", 3), ("较差", 2), ("很差", 1))
ALL_ANSWERS = tuple(name for name, _ in RATINGS) + ("不了解",)
WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60\u2018-\u201d\u2026\u2014]"
                  r"|[A-Za-z0-9]+")


@dataclass(frozen=True)
class SurveyResult:
    """One 测评项目: votes, the satisfaction rate and the mean score (不了解 left out)."""

    item: str
    counts: dict
    answered: int
    total: int
    satisfied_rate: Decimal | None
    mean: Decimal | None


def survey_result(row: Record) -> SurveyResult:
    """Return the result of one 满意度测评 row; blank counts count as 0."""
    counts = {name: row.get(name) or 0 for name in ALL_ANSWERS}
    answered = sum(counts[name] for name, _ in RATINGS)
    rate = mean = None
    if answered:
        rate = _round(Decimal(counts["很好"] + counts["较好"]) * 100 / answered, "0.1")
        mean = _round(Decimal(sum(counts[name] * score for name, score in RATINGS)) / answered, "0.01")
    return SurveyResult(row.get("测评项目", ""), counts, answered, answered + counts["不了解"], rate, mean)


def survey_overall(results: list[SurveyResult]) -> SurveyResult:
    """Return all items pooled: the overall satisfaction rate and mean score."""
    counts = {name: sum(r.counts[name] for r in results) for name in ALL_ANSWERS}
    pooled = Record("满意度测评", None, values=dict(counts, 测评项目="总体"))
    return survey_result(pooled)


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def word_count(*texts) -> int:
    """Return the length as Word's 字数 counts it: each Chinese character or punctuation mark
    counts one, and so does each run of Latin letters or digits; spaces do not count."""
    return sum(len(WORD.findall(str(text))) for text in texts if text)


def narrative_text(value) -> str:
    """Return a narrative value (a tuple of paragraphs) as one text."""
    return "\n".join(value) if isinstance(value, tuple) else str(value or "")


def case_length(row: Record) -> int:
    """Return the 典型案例's length as Word counts 字数 (title and four parts)."""
    parts = [row.get("标题")] + [narrative_text(row.get(f)) for f in ("基本情况", "主要做法", "工作成效", "工作启示")]
    return word_count(*parts)


def results_for(applicant: Applicant, item: Item, items: tuple[Item, ...]) -> list[Record]:
    """Return the applicant's 建设成果 rows that count as `item`, one of `items`.

    A row counts by its 成果类型; only when that names none of `items` is its
    成果名称 looked at instead.
    """
    found = []
    for row in applicant.rows(schema.RESULTS.name):
        kind = row.get("成果类型", "")
        typed = any(other.matches(kind) for other in items)
        if item.matches(kind) if typed else item.matches(row.get("成果名称", "")):
            found.append(row)
    return found


def self_check_row(applicant: Applicant, item: Item) -> Record | None:
    """Return the applicant's 自查 row for 对标 `item`, or None."""
    return next((r for r in applicant.rows(schema.SELF_CHECK.name) if item.matches(r.get("对标项目", ""))), None)
