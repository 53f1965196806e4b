"""Schemes: one program's rules as a TOML file, loaded and checked key by key.

A scheme lists the categories a notice offers and, per category, its rules
(each naming a registered rule, citing the clause, and giving its parameters),
places, cycle, funding, 对标 items; and for the whole program its deadlines,
deliverables (四个一), outcome kinds (六类成果) and negative list.
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import ShenbaoshuError
from ..problems import ERROR, WARNING, Severity
from ..workbook import schema
from ..workbook.normalize import CnDate, Unreadable, to_date
from ..workbook.text import plain

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SCHEME_KEYS = {"id", "name", "school", "notice", "issued", "description", "deadlines", "categories",
               "negative", "deliverables", "outcomes", "case_length_limit", "summary_columns"}
CATEGORY_KEYS = {"label", "places", "cycle_years", "funding_per_year", "funding_total", "standard",
                 "items", "rules", "documents"}
TYPES = {"list": list, "dict": dict, "str": str, "int": int, "float": (int, float), "bool": bool}
TYPE_NAMES = {list: "列表", dict: "表", str: "文字", int: "整数", (int, float): "数字", bool: "true/false"}


class SchemeError(ShenbaoshuError):
    """A scheme file cannot be read or has a mistake."""


@dataclass(frozen=True)
class Item:
    """One item of a list (对标项目, deliverable, negative-list entry) with its other names."""

    name: str
    aliases: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        """Return True when the item's name or an alias appears in `text`."""
        folded = plain(text)
        return bool(folded) and any(plain(word) in folded for word in (self.name, *self.aliases))


@dataclass(frozen=True)
class RuleSpec:
    """A rule as a scheme uses it: name, clause, severity override and parameters."""

    rule: str
    clause: str
    params: dict
    severity: Severity | None = None


@dataclass(frozen=True)
class CategorySpec:
    """What a scheme says about one 申报类别."""

    category: str
    label: str
    rules: tuple[RuleSpec, ...] = ()
    places: int | None = None
    cycle_years: float | None = None
    funding_per_year: float | None = None
    funding_total: float | None = None
    standard: str = ""
    items: tuple[Item, ...] = ()
    documents: dict = field(default_factory=dict)

    @property
    def budget_cap(self) -> Decimal | None:
        """Return the most the 经费预算 may total, in 万元, or None when the scheme sets none."""
        if self.funding_total is not None:
            return Decimal(str(self.funding_total))
        if self.funding_per_year is not None and self.cycle_years:
            return Decimal(str(self.funding_per_year)) * Decimal(str(self.cycle_years))
        return None


@dataclass(frozen=True)
class Scheme:
    """One program's rules."""

    id: str
    name: str
    categories: dict[str, CategorySpec]
    description: str = ""
    school: str = ""
    notice: str = ""
    issued: CnDate | None = None
    deadlines: dict[str, CnDate] = field(default_factory=dict)
    negative_items: tuple[Item, ...] = ()
    deliverables: tuple[Item, ...] = ()
    outcomes: tuple[Item, ...] = ()
    case_length_limit: int | None = None
    summary_columns: tuple[str, ...] = ()
    path: Path | None = None


def read_toml(path: Path) -> dict:
    """Return the data of the TOML file at `path`, or raise SchemeError saying what is wrong."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise SchemeError(f"找不到方案文件：{path}") from None
    except tomllib.TOMLDecodeError as exc:
        hint = "（中文键名须加英文双引号，如 \"申报\" = \"2024-03-15\"、[categories.\"样板支部\"]）"
        raise SchemeError(f"方案文件 {path} 不是有效的 TOML：{exc}{hint}") from exc


class SchemeParser:
    """Turn the TOML data of one file into a Scheme, naming the file and key of any mistake."""

    def __init__(self, path: Path, standards: dict, rules: Mapping[str, Callable[..., Any]]):
        self.path, self.standards, self.rules = Path(path), standards, rules

    def fail(self, key: str, expected: str) -> SchemeError:
        return SchemeError(f"方案文件 {self.path.name} 的“{key}”有误：{expected}")

    def scheme(self, data: dict) -> Scheme:
        self.known_keys(data, SCHEME_KEYS, "")
        for key in ("id", "name"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                raise self.fail(key, "必须填写，且为文字")
        categories = self.table(data, "categories", "categories")
        if not categories:
            raise self.fail("categories", "至少要有一个申报类别")
        return Scheme(
            id=data["id"], name=data["name"], description=data.get("description", ""),
            school=data.get("school", ""), notice=data.get("notice", ""),
            issued=self.date(data.get("issued"), "issued"),
            categories={c.category: c for c in (self.category(k, v) for k, v in categories.items())},
            deadlines=self.deadlines(self.table(data, "deadlines", "deadlines")),
            negative_items=self.items(data.get("negative"), "negative"),
            deliverables=self.items(data.get("deliverables"), "deliverables"),
            outcomes=self.items(data.get("outcomes"), "outcomes"),
            case_length_limit=self.typed(data.get("case_length_limit"), int, "case_length_limit"),
            summary_columns=tuple(self.typed(data.get("summary_columns", []), list, "summary_columns")),
            path=self.path)

    def category(self, name: str, data) -> CategorySpec:
        key = f"categories.{name}"
        if name not in schema.CATEGORIES:
            raise self.fail(key, f"申报类别须为 {' / '.join(schema.CATEGORIES)} 之一")
        if not isinstance(data, dict):
            raise self.fail(key, "应为一个表")
        self.known_keys(data, CATEGORY_KEYS, key)
        standard = self.typed(data.get("standard"), str, f"{key}.standard") or ""
        items = data.get("items", standard or None)
        return CategorySpec(
            category=name, label=self.typed(data.get("label"), str, f"{key}.label") or name,
            rules=tuple(self.rule(r, f"{key}.rules[{i}]") for i, r in enumerate(self.list(data, "rules", key))),
            places=self.typed(data.get("places"), int, f"{key}.places"),
            cycle_years=self.typed(data.get("cycle_years"), (int, float), f"{key}.cycle_years"),
            funding_per_year=self.typed(data.get("funding_per_year"), (int, float), f"{key}.funding_per_year"),
            funding_total=self.typed(data.get("funding_total"), (int, float), f"{key}.funding_total"),
            standard=standard,
            items=self.items(items, f"{key}.items" if "items" in data else f"{key}.standard"),
            documents={doc: tuple(self.typed(fields, list, f"{key}.documents.{doc}"))
                       for doc, fields in self.table(data, "documents", key).items()})

    def rule(self, data, key: str) -> RuleSpec:
        if not isinstance(data, dict):
            raise self.fail(key, "应为一个表，如 { rule = \"min-age\", clause = \"…\", years = 3 }")
        name = data.get("rule")
        if not isinstance(name, str) or name not in self.rules:
            raise self.fail(f"{key}.rule", f"未知的规则“{name}”；可用的规则：{'、'.join(sorted(self.rules))}")
        if not isinstance(data.get("clause"), str) or not data["clause"].strip():
            raise self.fail(f"{key}.clause", "必须写明规则依据的条款原文")
        severity = data.get("severity", "")
        if severity not in ("", ERROR, WARNING):
            raise self.fail(f"{key}.severity", f"须为“{ERROR}”或“{WARNING}”")
        params = {k: v for k, v in data.items() if k not in ("rule", "clause", "severity")}
        self.check_params(name, params, key)
        return RuleSpec(name, data["clause"], params, Severity(severity) if severity else None)

    def check_params(self, name: str, params: dict, key: str) -> None:
        signature = inspect.signature(self.rules[name])
        accepted = {p.name: p for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY}
        for param, value in params.items():
            if param not in accepted:
                allowed = "、".join(accepted) or "（无参数）"
                raise self.fail(f"{key}.{param}", f"规则 {name} 没有这个参数；可用的参数：{allowed}")
            expected = TYPES[str(accepted[param].annotation).split(" |")[0]]
            self.typed(value, expected, f"{key}.{param}")
        missing = [p for p, spec in accepted.items() if spec.default is inspect.Parameter.empty and p not in params]
        if missing:
            raise self.fail(key, f"规则 {name} 缺少参数：{'、'.join(missing)}")

    def items(self, value, key: str) -> tuple[Item, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            if value not in self.standards:
                raise self.fail(key, f"未知的标准“{value}”；可用：{'、'.join(self.standards)}")
            value = self.standards[value]["items"]
        if not isinstance(value, list):
            raise self.fail(key, "应为标准名称（如“七个有力”）或 { name = …, aliases = […] } 的列表")
        return tuple(self.item(v, f"{key}[{i}]") for i, v in enumerate(value))

    def item(self, value, key: str) -> Item:
        if isinstance(value, str):
            return Item(value)
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            raise self.fail(key, "应为 { name = \"…\", aliases = [\"…\"] }")
        return Item(value["name"], tuple(self.typed(value.get("aliases", []), list, f"{key}.aliases")))

    def deadlines(self, data: dict) -> dict[str, CnDate]:
        """Return the deadlines by stage; a blank one is left out."""
        found = {stage: self.date(value, f"deadlines.{stage}") for stage, value in data.items()}
        return {stage: day for stage, day in found.items() if day is not None}

    def date(self, value, key: str) -> CnDate | None:
        if value is None:
            return None
        try:
            return to_date(value)
        except Unreadable:
            raise self.fail(key, f"应为日期，如 2024-03-15，现为“{value}”") from None

    def typed(self, value, expected, key: str):
        if value is None:
            return None
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise self.fail(key, f"应为{TYPE_NAMES.get(expected, expected)}，现为“{value}”")
        return value

    def table(self, data: dict, name: str, key: str) -> dict:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise self.fail(f"{key}.{name}" if key != name else name, "应为一个表")
        return value

    def list(self, data: dict, name: str, key: str) -> list:
        value = data.get(name, [])
        if not isinstance(value, list):
            raise self.fail(f"{key}.{name}", "应为列表（[[…]] 表数组）")
        return value

    def known_keys(self, data: dict, known: set, key: str) -> None:
        for name in data:
            if name not in known:
                where = f"{key}.{name}" if key else name
                raise self.fail(where, f"未知的键；可用的键：{'、'.join(sorted(known))}")
