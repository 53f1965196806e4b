"""Every rule of every built-in scheme: an eligible applicant passes, a spoiled one fails.

The test ids name the scheme, the category and the clause the rule rests on.
"""

from __future__ import annotations

import pytest
from eligible import Spoiler, batch_values, sheets, unit

from shenbaoshu import read_workbook
from shenbaoshu.checks.loader import builtin_schemes
from shenbaoshu.checks.rules import RULES
from shenbaoshu.checks.validate import validate

CASES = [(scheme, category, spec)
         for scheme in builtin_schemes()
         for category, spec_category in scheme.categories.items()
         for spec in spec_category.rules]


def case_id(case) -> str:
    scheme, category, spec = case
    return f"{scheme.id}-{category}-{spec.rule}-{spec.clause.split('：')[0]}"


def problems(make_workbook, scheme, units, children):
    batch = read_workbook(make_workbook(units, batch=batch_values(), children=children))
    assert batch.report.problems == []
    return validate(batch, scheme).report.problems


@pytest.mark.parametrize("scheme", builtin_schemes(), ids=lambda s: s.id)
def test_eligible_applicants_pass_every_rule(make_workbook, scheme):
    units = [unit(category, number) for number, category in enumerate(scheme.categories, start=1)]
    units[0]["编号"] = "A01"
    found = problems(make_workbook, scheme, units, sheets(scheme, units))
    assert [(p.code, p.ref, p.message) for p in found] == []


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_each_rule_fails_when_its_condition_is_not_met(make_workbook, case):
    scheme, category, spec = case
    units = [unit(category)]
    children = sheets(scheme, units)
    Spoiler(scheme, category, spec.params).apply(spec.rule, units, children)
    found = problems(make_workbook, scheme, units, children)
    basis = spec.clause.split("：")[0]
    codes = {RULES[spec.rule].code, "quota-unmet"} if spec.rule == "quota-count" else {RULES[spec.rule].code}
    matching = [p for p in found if p.code in codes and f"（依据：{basis}）" in p.message]
    assert matching, [(p.code, p.ref, p.message) for p in found]


def test_every_builtin_scheme_cites_a_clause_for_every_rule():
    for scheme in builtin_schemes():
        for category in scheme.categories.values():
            for spec in category.rules:
                assert "：" in spec.clause and len(spec.clause) > 10, (scheme.id, spec.rule)
