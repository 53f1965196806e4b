"""Facts several checks and outputs need, each computed in one place.

Which 二级党组织 an applicant belongs to, how many it may recommend, which
honours are recent: the rules, the summary and the documents all ask these
questions, and must get the same answer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Mapping

from ..workbook import schema
from ..workbook.model import Applicant, Record
from ..workbook.normalize import CnDate
from ..workbook.text import fold
from .scheme import Scheme

DEFAULT_HONOUR_YEARS = 3
# Floating point makes 0.7 × 90 come out as 62.99999…; a share of a branch count is never that close
# to the next whole number by design, so a tiny tolerance gives the whole number the notice means.
SHARE_TOLERANCE = 1e-9


def add_months(day: dt.date, months: int) -> dt.date:
    """Return `day` moved by `months`, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    return dt.date(year, month + 1, min(day.day, 28))


def years_before(reference: dt.date, years: float) -> dt.date:
    """Return the first day of a window of `years` years ending on `reference`."""
    return add_months(reference, -round(years * 12))


def org_name(applicant: Applicant) -> str:
    """Return the name of the 二级党组织 `applicant` belongs to (a 标杆院系 is one itself)."""
    return applicant.record.get(org_column(applicant), "")


def org_column(applicant: Applicant) -> str:
    """Return the 申报单位 column naming the applicant's 二级党组织."""
    return "单位名称" if applicant.category == "标杆院系" else "所属党组织"


def org_record(orgs: Mapping[str, Record], applicant: Applicant) -> Record | None:
    """Return the 二级党组织 row of `applicant` from `orgs` (rows by 名称), or None."""
    return orgs.get(org_name(applicant))


def orgs_by_name(rows: list[Record]) -> dict[str, Record]:
    """Return the 二级党组织 rows by their 名称."""
    return {r.get("名称"): r for r in rows if r.get("名称")}


def share_limit(branches: int, share: float, minimum: int = 1) -> int:
    """Return how many a 二级党组织 with `branches` 党支部 may recommend under a `share` quota."""
    return max(minimum, math.floor(branches * share + SHARE_TOLERANCE))


def quota_limit(rule: str, params: Mapping[str, Any], org: Record | None) -> int | None:
    """Return the most `org` may recommend under quota rule `rule`, or None when it sets no limit."""
    if org is None:
        return None
    if params.get("parent_types") and org.get("类型") not in params["parent_types"]:
        return None
    if rule == "quota-share":
        return share_limit(org.get("党支部总数") or 0, params["share"], params.get("minimum", 1))
    if rule == "quota-count" and params.get("max", -1) >= 0:
        return int(params["max"])
    return None


def level_at_least(level: str | None, minimum: str | None) -> bool:
    """Return True when honour `level` is `minimum` or higher (院级 < 校级 < 市厅级 < 省级 < 国家级)."""
    if minimum is None:
        return True
    return level in schema.LEVELS and schema.LEVELS.index(level) >= schema.LEVELS.index(minimum)


def recent_honours(applicant: Applicant, since: dt.date, min_level: str | None = None,
                   subject: str | None = None) -> list[Record]:
    """Return the applicant's honours won on or after `since`, at `min_level` or higher, for `subject`.

    A blank 获奖对象 counts as 集体.
    """
    return [r for r in applicant.rows(schema.HONOURS.name)
            if level_at_least(r.get("级别"), min_level)
            and r.get("获得时间") is not None and r.get("获得时间").as_date() >= since
            and (subject is None or (r.get("获奖对象") or "集体") == subject)]


DEFAULT_MIN_LEVEL = "校级"


def honour_window(scheme: Scheme | None, category: str) -> tuple[float, str | None]:
    """Return the years and lowest level of "recent honours" for `category`, as the scheme's rule sets them.

    Without a scheme (or an honours rule for the category) honours of any level
    from the last three years count.
    """
    spec = scheme.categories.get(category) if scheme else None
    for rule in spec.rules if spec else ():
        if rule.rule == "honours":
            return (float(rule.params.get("within_years", DEFAULT_HONOUR_YEARS)),
                    rule.params.get("min_level", DEFAULT_MIN_LEVEL))
    return float(DEFAULT_HONOUR_YEARS), None


# A year and month in a 起止时间 text: 2025年6月, 2025.6, 2025-06, 2025/6 (a day after it is ignored).
YEAR_MONTH = re.compile(r"(?<!\d)(\d{4})\s*(?:年|[./\-])\s*(\d{1,2})(?!\d)")
# An end month written without its year after a range mark: 2025年6月—12月.
BARE_END_MONTH = re.compile(r"^\s*(?:月|\d{1,2}\s*日)?\s*[—–\-~～至到]+\s*(\d{1,2})\s*月")


def month_index(day: CnDate) -> int:
    """Return a month as a count of months, so that spans are differences."""
    return day.year * 12 + day.month - 1


def plan_period(text: str) -> tuple[CnDate, CnDate] | None:
    """Return the first and last month of a 建设计划 起止时间 such as "2025年6月—2025年12月".

    One month ("2026年3月") is both the first and the last; an end month without
    its year ("2025年6月—12月") is in the start's year. Return None when the text
    names no year and month, or a month that does not exist.
    """
    folded = fold(str(text or ""))
    found = list(YEAR_MONTH.finditer(folded))
    if not found:
        return None
    months = [(int(m.group(1)), int(m.group(2))) for m in found]
    if len(found) == 1:
        bare = BARE_END_MONTH.match(folded[found[0].end():])
        if bare:
            months.append((months[0][0], int(bare.group(1))))
    if not all(1 <= month <= 12 for _, month in months):
        return None
    days = sorted(CnDate(year, month) for year, month in months)
    return days[0], days[-1]
