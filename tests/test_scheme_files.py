"""Scheme files: built-ins load; a mistake names the file, the key and what is expected."""

from __future__ import annotations

import textwrap

import pytest

from shenbaoshu.checks.loader import builtin_schemes, load_file, load_scheme
from shenbaoshu.checks.scheme import SchemeError


def write(tmp_path, body):
    path = tmp_path / "我的方案.toml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_builtins_load_and_are_found_by_id_or_name():
    schemes = builtin_schemes()
    assert [s.id for s in schemes] == sorted(["shichuang-2020", "guizhou-ligong-2020", "zju-2024",
                                               "zhengzhou-tielu-2022", "heida-2025"])
    assert load_scheme("zju-2024").name == "浙江大学第三批党建“双创”（2024）"
    assert load_scheme("浙江大学第三批党建“双创”（2024）").id == "zju-2024"
    assert str(load_scheme("guizhou-ligong-2020").categories["标杆院系"].budget_cap) == "5.0"
    assert load_scheme("zhengzhou-tielu-2022").categories["创新项目"].budget_cap == 0.5


def test_standard_items_with_aliases():
    scheme = load_scheme("zju-2024")
    items = scheme.categories["样板支部"].items
    assert [i.name for i in items][:2] == ["教育党员有力", "管理党员有力"]
    assert any(i.matches("四、服务群众有力方面") for i in items)


def test_unknown_scheme_lists_the_builtins():
    with pytest.raises(SchemeError, match="没有名为“不存在”的方案；内置方案：guizhou-ligong-2020"):
        load_scheme("不存在")


@pytest.mark.parametrize("body, key, expected", [
    ('name = "x"\n[categories."样板支部"]', "id", "必须填写"),
    ('id = "x"\nname = "x"\ncolour = 1\n[categories."样板支部"]', "colour", "未知的键"),
    ('id = "x"\nname = "x"\n[categories."先进支部"]', "categories.先进支部", "申报类别须为"),
    ('id = "x"\nname = "x"\n[categories."样板支部"]\nrules = [ { rule = "min-agee", clause = "一：x" } ]',
     "categories.样板支部.rules[0].rule", "未知的规则“min-agee”"),
    ('id = "x"\nname = "x"\n[categories."样板支部"]\nrules = [ { rule = "min-age", years = 3 } ]',
     "categories.样板支部.rules[0].clause", "条款"),
    ('id = "x"\nname = "x"\n[categories."样板支部"]\nrules = [ { rule = "min-age", clause = "一：x", year = 3 } ]',
     "categories.样板支部.rules[0].year", "可用的参数：years、by_type"),
    ('id = "x"\nname = "x"\n[categories."样板支部"]\nrules = [ { rule = "min-age", clause = "一：x", years = "三" } ]',
     "categories.样板支部.rules[0].years", "应为数字"),
    ('id = "x"\nname = "x"\n[categories."样板支部"]\nrules = [ { rule = "quota-share", clause = "一：x" } ]',
     "categories.样板支部.rules[0]", "缺少参数：share"),
    ('id = "x"\nname = "x"\n[deadlines]\n"申报" = "明年"\n[categories."样板支部"]', "deadlines.申报", "应为日期"),
    ('id = "x"\nname = "x"\n[categories."样板支部"]\nstandard = "八个有力"', "categories.样板支部.standard", "未知的标准"),
    ('id = "x"\nname = "x"\n[categories."样板支部"]\nfunding_per_year = "一万"', "categories.样板支部.funding_per_year", "应为数字"),
])
def test_mistakes_name_file_key_and_expectation(tmp_path, body, key, expected):
    with pytest.raises(SchemeError) as caught:
        load_file(write(tmp_path, body))
    message = str(caught.value)
    assert "我的方案.toml" in message and f"“{key}”" in message and expected in message


def test_invalid_toml_hints_at_quoting_chinese_keys(tmp_path):
    with pytest.raises(SchemeError, match="中文键名须加英文双引号"):
        load_file(write(tmp_path, 'id = "x"\n[deadlines]\n申报 = "2024-03-15"\n'))


def test_missing_scheme_file(tmp_path):
    with pytest.raises(SchemeError, match="找不到方案文件"):
        load_scheme(tmp_path / "没有.toml")
