"""The shipped templates are what scripts/build_templates.py makes, and carry the right tags."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from shenbaoshu.documents.render import PreparedTemplate
from shenbaoshu.resources import default_template_dir
from shenbaoshu.workbook.schema import CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml", "word/footer1.xml",
         "word/footer2.xml")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("templates")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_templates.py"), str(out)],
                   check=True, capture_output=True)
    return out


TEMPLATES = [f"申报书_{c}.docx" for c in CATEGORIES] + ["自查报告.docx", "中期报告.docx", "验收申请书.docx",
                                                        "典型案例.docx"]


@pytest.mark.parametrize("name", TEMPLATES)
def test_committed_template_matches_the_build_script(rebuilt, name):
    with zipfile.ZipFile(ROOT / "templates" / name) as committed, \
            zipfile.ZipFile(rebuilt / name) as fresh:
        for part in (p for p in PARTS if p in committed.namelist()):
            assert committed.read(part) == fresh.read(part), f"{name} {part}：请运行 scripts/build_templates.py"


@pytest.mark.parametrize("category", CATEGORIES)
def test_installed_template_uses_known_fields(category):
    template = PreparedTemplate(default_template_dir() / f"申报书_{category}.docx")
    assert {"单位名称", "所属党组织", "负责人", "联系电话", "填报日期", "基本情况", "工作基础",
            "特色做法", "建设目标", "预期成果", "所在党组织意见", "荣誉", "建设计划", "经费预算",
            "经费合计", "学校名称", "批次名称"} <= template.fields()
