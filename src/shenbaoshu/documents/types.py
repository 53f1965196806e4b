"""Document types, each declared once: its template, the data it needs, the sections it must have.

This module is declarations only: reading one does not load docxtpl or Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..checks.scheme import Item, Scheme
from ..errors import ShenbaoshuError
from ..workbook import schema
from ..workbook.model import Applicant, Batch
from . import context as contexts

BENCHMARKED = ("标杆院系", "样板支部", "双带头人工作室")


@dataclass(frozen=True)
class DocumentType:
    """A kind of document: its template, the data it needs, the sections it must have.

    The template is ``<name>_<类别>.docx`` when `per_category`, else ``<name>.docx``
    (a user's folder may still hold a ``<name>_<类别>.docx`` for one category).
    A document applies to an applicant of one of `categories` that has a row
    in `source` (when set).
    """

    name: str
    aliases: tuple[str, ...]
    description: str
    build_context: Callable[..., dict] | None
    categories: tuple[str, ...] = schema.CATEGORIES
    source: str = ""
    per_category: bool = False
    sections: tuple[Item, ...] = ()
    may_be_empty: tuple[str, ...] = ()
    title_words: tuple[str, ...] = ()

    def template_names(self, category: str) -> list[str]:
        """Return the template file names to look for, most specific first."""
        names = [template_name(self.name, category)]
        return names if self.per_category else names + [f"{self.name}.docx"]

    def context(self, batch: Batch, applicant: Applicant, scheme: Scheme | None) -> dict:
        """Return the fields a template of this type sees for `applicant`."""
        if self.build_context is None:
            raise ShenbaoshuError(f"{self.name}由各单位自行撰写，本工具不生成")
        return self.build_context(batch, applicant, scheme)

    def applies_to(self, applicant: Applicant) -> str:
        """Return why the document does not apply to `applicant`, or "" when it does."""
        if not applicant.category:
            return "申报类别无效"
        if applicant.category not in self.categories:
            return f"{applicant.category}没有{self.name}"
        if self.source and not applicant.rows(self.source):
            return f"“{self.source}”表中没有它的数据"
        return ""


def sections(*specs) -> tuple[Item, ...]:
    """Return section declarations from ("名称", "别称", …) tuples."""
    return tuple(Item(spec[0], tuple(spec[1:])) for spec in specs)


DOCUMENTS = (
    DocumentType("申报书", ("shenbaoshu", "application"), "各类别的创建申报书（创新项目为申报表）",
                 contexts.applicant_context, per_category=True,
                 sections=sections(
                     ("基本情况", "单位概况", "支部概况", "院系概况"),
                     ("近三年所获荣誉", "所获荣誉", "近三年获得荣誉", "荣誉情况"),
                     ("工作基础", "党建工作基础和成功做法", "党建工作基础", "工作基础和已有成效", "成功做法"),
                     ("特色做法", "特色做法和经验", "特色经验", "工作室特色和创新点", "项目内容和创新点"),
                     ("建设目标", "项目目标", "目标任务"),
                     ("实施计划", "建设计划", "工作计划"),
                     ("预期成果", "预期效果"),
                     ("经费预算", "经费预算表"),
                     ("所在党组织意见", "推荐意见", "二级党组织意见"),
                     ("学校党委意见", "校党委意见")),
                 may_be_empty=("学校党委意见",), title_words=("申报书", "申报表")),
    DocumentType("自查报告", ("zicha", "self-check"), "对照五个到位、七个有力等对标项目逐项自查",
                 contexts.self_check_context, BENCHMARKED, schema.SELF_CHECK.name,
                 sections=sections(("基本情况", "基本概况"), ("对标自查情况", "自查情况", "对标情况"),
                                   ("存在问题和整改措施", "存在问题及整改措施", "问题和整改")),
                 title_words=("自查报告", "自查")),
    DocumentType("中期报告", ("zhongqi", "interim"), "阶段工作总结和成果报告（建设进展报告）",
                 contexts.interim_context, source=schema.INTERIM.name,
                 sections=sections(("基础工作情况", "基础工作", "工作基础情况"),
                                   ("建设推进情况", "推进情况", "建设进展情况", "建设进展"),
                                   ("工作特色与创新", "特色与创新", "工作特色和创新", "工作特色"),
                                   ("阶段成果", "阶段性成果", "建设成果"), ("存在问题", "存在的问题", "问题与不足"),
                                   ("下一步措施", "下一步工作", "下一步打算", "下一步工作措施")),
                 title_words=("中期报告", "阶段工作总结", "进展报告", "成果报告")),
    DocumentType("验收申请书", ("yanshou", "acceptance"), "工作验收申请书：任务完成、成果清单、满意度测评、负面清单",
                 contexts.acceptance_context, source=schema.ACCEPTANCE.name,
                 sections=sections(("任务完成概况", "任务完成情况", "重点任务完成情况"),
                                   ("重要举措落实", "重要举措落实情况", "举措落实情况"),
                                   ("示范作用发挥", "示范作用发挥情况", "示范作用"),
                                   ("建设成果清单", "成果清单", "建设成果"), ("满意度测评", "满意度测评情况", "测评结果"),
                                   ("负面清单自查", "负面清单自查情况", "负面清单核查")),
                 may_be_empty=("学校党委验收意见",), title_words=("验收申请书", "验收")),
    DocumentType("典型案例", ("anli", "case"), "典型案例：基本情况、主要做法、工作成效、工作启示",
                 contexts.case_context, source=schema.CASE.name,
                 sections=sections(("基本情况", "背景", "基本概况"), ("主要做法", "做法", "具体做法"),
                                   ("工作成效", "成效", "取得成效", "主要成效"), ("工作启示", "启示", "经验启示")),
                 title_words=("典型案例", "案例")),
)
# Documents written by hand that `inspect` checks but the tool does not generate.
INSPECT_ONLY = (
    DocumentType("总结报告", ("zongjie", "final-report"), "建设期满的工作总结报告", None,
                 sections=sections(("主要做法", "工作开展情况", "建设情况", "主要工作"),
                                   ("工作成效", "主要成效", "建设成效", "取得成效"),
                                   ("存在问题", "存在的问题", "问题与不足"),
                                   ("下一步措施", "下一步工作", "下一步打算")),
                 title_words=("总结报告", "工作总结")),
)
DOCUMENT_TYPES = {d.name: d for d in DOCUMENTS}


ALL_KINDS = DOCUMENTS + INSPECT_ONLY


def find_type(name: str, kinds: tuple[DocumentType, ...] = DOCUMENTS) -> DocumentType:
    """Return the type of `kinds` that `name` names (its Chinese name or an alias, any case)."""
    key = str(name).strip().lower()
    for kind in kinds:
        if key == kind.name or key in kind.aliases:
            return kind
    choices = "、".join(f"{d.name}（{d.aliases[0]}）" for d in kinds)
    everything = "、all" if kinds is DOCUMENTS else ""
    raise ShenbaoshuError(f"没有“{name}”这种文档；可选：{choices}{everything}")


def document_types(names: Iterable[str]) -> list[DocumentType]:
    """Return the document types named (Chinese name, alias, or ``all``), in declaration order."""
    if any(str(name).strip().lower() == "all" for name in names):
        return list(DOCUMENTS)
    wanted = {find_type(name).name for name in names}
    return [d for d in DOCUMENTS if d.name in wanted]


def template_name(document: str, category: str) -> str:
    """Return the file name of the `document` template for `category`."""
    return f"{document}_{category}.docx"
