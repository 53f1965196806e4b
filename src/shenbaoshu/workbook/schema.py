"""Declared table schemas: every sheet of the workbook is one declaration.

Adding a sheet is adding a :class:`Table` here; the reader is generic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import lru_cache

from .text import compact

# Value types a column may declare; see normalize.CONVERTERS.
TEXT, NARRATIVE, DATE, INT, NUMBER, PHONE, ID, BOOL, CHOICE = (
    "text", "narrative", "date", "int", "number", "phone", "id", "bool", "choice")

CATEGORIES = ("标杆院系", "样板支部", "双带头人工作室", "创新项目")
CATEGORY_ALIASES = {
    "党建工作标杆院系": "标杆院系", "标杆学院": "标杆院系", "标杆院部": "标杆院系",
    "标杆院级党组织": "标杆院系", "标杆二级党组织": "标杆院系", "党建工作标杆院部": "标杆院系",
    "党建工作样板支部": "样板支部", "样板党支部": "样板支部", "党建工作样板党支部": "样板支部",
    "双带头人教师党支部书记工作室": "双带头人工作室", "“双带头人”教师党支部书记工作室": "双带头人工作室",
    "双带头人书记工作室": "双带头人工作室", "工作室": "双带头人工作室",
    "基层党建创新项目": "创新项目",
}
BRANCH_TYPES = ("教师", "学生", "师生联合", "机关")
BRANCH_TYPE_ALIASES = {
    "教师党支部": "教师", "教工": "教师", "教工党支部": "教师", "学生党支部": "学生",
    "师生联合党支部": "师生联合", "师生": "师生联合", "机关党支部": "机关",
}


@dataclass(frozen=True)
class Column:
    """One declared column: its header, value type and template field name."""

    header: str
    type: str = TEXT
    required: bool = False
    field: str = ""
    choices: tuple[str, ...] = ()
    aliases: dict = dc_field(default_factory=dict)
    description: str = ""

    @property
    def name(self) -> str:
        """Return the name templates use for this column."""
        return self.field or field_name(self.header)


@dataclass(frozen=True)
class Table:
    """One declared sheet: rows of records, or key/value pairs."""

    name: str
    columns: tuple[Column, ...]
    key: str = ""
    parent_key: str = ""
    keyvalue: bool = False
    required: bool = True
    single: bool = False
    description: str = ""

    def column(self, header: str) -> Column:
        """Return the column declared with `header`."""
        for col in self.columns:
            if col.header == header:
                return col
        raise KeyError(header)


def normalize_header(text: str) -> str:
    """Return `text` with full-width forms folded and all spaces removed."""
    return compact(text)


@lru_cache(maxsize=1024)
def field_name(header: str) -> str:
    """Return a template-safe field name for a column `header`.

    Parenthesised units are dropped (``金额（万元）`` → ``金额``) and any other
    character that cannot appear in a template name is removed.
    """
    name = re.sub(r"[(（].*?[)）]", "", normalize_header(header))
    name = re.sub(r"\W", "", name)
    if not name or name[0].isdigit():
        name = "列" + name
    return name


BATCH = Table(
    name="批次",
    keyvalue=True,
    description="本批次的基本信息，每行一项：A 列为项目，B 列为内容。",
    columns=(
        Column("学校名称", required=True, description="学校全称，出现在封面和页脚"),
        Column("批次名称", required=True, description="如“2025年度党建‘双创’培育创建”"),
        Column("方案", description="适用的工作方案（校验规则）编号"),
        Column("参照日期", DATE, description="计算成立年限的截止日期"),
        Column("截止日期", DATE, description="申报材料报送截止日期"),
    ),
)

APPLICANTS = Table(
    name="申报单位",
    key="编号",
    description="每个申报单位一行。",
    columns=(
        Column("编号", ID, required=True, description="申报单位的唯一编号，子表用它关联"),
        Column("申报类别", CHOICE, required=True, choices=CATEGORIES, aliases=CATEGORY_ALIASES,
               description="标杆院系 / 样板支部 / 双带头人工作室 / 创新项目"),
        Column("单位名称", required=True, description="申报单位（党组织）全称"),
        Column("所属党组织", required=True, description="所在二级党组织全称"),
        Column("支部类型", CHOICE, choices=BRANCH_TYPES, aliases=BRANCH_TYPE_ALIASES,
               description="教师 / 学生 / 师生联合 / 机关，仅党支部填写"),
        Column("项目名称", description="创新项目的名称，其他类别可不填"),
        Column("成立时间", DATE, required=True, description="党组织批准成立的日期"),
        Column("党员人数", INT, description="正式党员和预备党员总数"),
        Column("负责人", required=True, description="党组织书记或项目负责人"),
        Column("负责人职务职称", description="如“党支部书记、教授”"),
        Column("是否双带头人", BOOL, description="负责人是否为“双带头人”：是 / 否"),
        Column("联系人", description="填表联系人"),
        Column("联系电话", PHONE, required=True, description="手机或办公电话，按文本保存"),
        Column("电子邮箱", description="联系人电子邮箱"),
        Column("填报日期", DATE, description="申报书填报日期"),
        Column("基本情况", NARRATIVE, required=True, description="单位概况，可用 Alt+Enter 分段"),
        Column("工作基础", NARRATIVE, required=True, description="党建工作基础与成功做法"),
        Column("特色做法", NARRATIVE, required=True, description="特色经验与创新做法"),
        Column("建设目标", NARRATIVE, required=True, description="建设周期内的总体目标"),
        Column("预期成果", NARRATIVE, required=True, description="预期形成的成果"),
        Column("所在党组织意见", NARRATIVE, description="二级党组织推荐意见"),
    ),
)

LEVELS = ("院级", "校级", "市厅级", "省级", "国家级")
LEVEL_ALIASES = {"全国": "国家级", "国家": "国家级", "部级": "国家级", "省部级": "省级", "省": "省级",
                 "厅级": "市厅级", "市级": "市厅级", "地市级": "市厅级", "校": "校级", "学校": "校级",
                 "院": "院级", "学院": "院级"}
SUBJECTS = ("集体", "个人")
ORG_TYPES = ("党委", "党总支", "机关党委", "直属党支部")
ORG_TYPE_ALIASES = {"二级党委": "党委", "学院党委": "党委", "党总支部": "党总支", "总支": "党总支",
                    "直属支部": "直属党支部", "机关党总支": "机关党委"}
STAGE_STATES = ("已完成", "进行中", "未开始")
STAGE_STATE_ALIASES = {"完成": "已完成", "已完成": "已完成", "推进中": "进行中", "正在进行": "进行中",
                       "未完成": "进行中", "尚未开始": "未开始"}
GRADES = ("优秀", "好", "较好", "良好", "一般", "合格", "较差", "差", "不合格")

HONOURS = Table(
    name="荣誉",
    parent_key="编号",
    required=False,
    description="申报单位近年所获荣誉，每项一行，按编号关联。",
    columns=(
        Column("编号", ID, required=True),
        Column("荣誉名称", required=True),
        Column("级别", CHOICE, choices=LEVELS, aliases=LEVEL_ALIASES,
               description="国家级 / 省级 / 市厅级 / 校级 / 院级"),
        Column("授予单位"),
        Column("获得时间", DATE, required=True),
        Column("获奖对象", CHOICE, choices=SUBJECTS, aliases={"单位": "集体", "组织": "集体", "党员": "个人"},
               description="集体（单位、支部或书记代表支部领奖）/ 个人（支部成员），空白按集体"),
    ),
)

PLAN = Table(
    name="建设计划",
    parent_key="编号",
    required=False,
    description="建设周期内各阶段的计划，每阶段一行，按编号关联。",
    columns=(
        Column("编号", ID, required=True),
        Column("阶段", required=True),
        Column("起止时间", required=True, description="如“2025年6月—2025年12月”"),
        Column("工作目标", NARRATIVE, required=True),
        Column("主要措施", NARRATIVE),
        Column("完成情况", CHOICE, choices=STAGE_STATES, aliases=STAGE_STATE_ALIASES,
               description="中期、验收时填写：已完成 / 进行中 / 未开始"),
        Column("进展说明", NARRATIVE, description="中期、验收时填写本阶段的进展"),
    ),
)

BUDGET = Table(
    name="经费预算",
    parent_key="编号",
    required=False,
    description="经费预算，每个科目一行，按编号关联；金额单位为万元。",
    columns=(
        Column("编号", ID, required=True),
        Column("科目", required=True),
        Column("金额（万元）", NUMBER, required=True, field="金额"),
        Column("用途说明"),
    ),
)

ORGS = Table(
    name="二级党组织",
    key="名称",
    required=False,
    description="本批次涉及的二级党组织（院级党组织），每个一行；配额和“双带头人”比例按它计算。",
    columns=(
        Column("名称", required=True, description="二级党组织全称，与“申报单位”表的所属党组织一致"),
        Column("类型", CHOICE, required=True, choices=ORG_TYPES, aliases=ORG_TYPE_ALIASES,
               description="党委 / 党总支 / 机关党委 / 直属党支部"),
        Column("党支部总数", INT, required=True),
        Column("教师党支部数", INT),
        Column("双带头人书记数", INT, description="教师党支部书记中“双带头人”的人数"),
        Column("党员之家六有", BOOL, description="党员之家是否按“六有”标准建成：是 / 否"),
    ),
)

ASSESSMENTS = Table(
    name="考核",
    parent_key="编号",
    required=False,
    description="申报单位历年考核（述职评议、支部工作考核）结果，每年一行，按编号关联。",
    columns=(
        Column("编号", ID, required=True),
        Column("年度", INT, required=True, description="考核年度，如 2024"),
        Column("等次", CHOICE, required=True, choices=GRADES,
               description="好 / 较好 / 一般 / 差，或 优秀 / 良好 / 合格 / 不合格"),
    ),
)

NEGATIVE = Table(
    name="负面清单",
    parent_key="编号",
    required=False,
    description="负面清单自查：方案所列每个事项一行，按编号关联。",
    columns=(
        Column("编号", ID, required=True),
        Column("事项", required=True, description="负面清单事项，与方案的写法一致或相近"),
        Column("是否存在", BOOL, required=True, description="是 / 否"),
        Column("说明"),
    ),
)

SELF_CHECK = Table(
    name="自查",
    parent_key="编号",
    required=False,
    description="对标自查（自查报告）：方案对标项目（五个到位、七个有力等）每项一行，按编号关联。",
    columns=(
        Column("编号", ID, required=True),
        Column("对标项目", required=True, description="如“教育党员有力”，与方案的写法一致或相近"),
        Column("做法", NARRATIVE),
        Column("成效", NARRATIVE),
        Column("佐证材料", NARRATIVE),
        Column("存在问题", NARRATIVE),
        Column("整改措施", NARRATIVE),
    ),
)

RESULTS = Table(
    name="建设成果",
    parent_key="编号",
    required=False,
    description="建设期内形成的成果，每项一行，按编号关联；中期报告和验收申请书中列出。",
    columns=(
        Column("编号", ID, required=True),
        Column("成果类型", required=True, description="方案的成果类型之一，如“微视频”“新媒体平台”或六类成果"),
        Column("成果名称", required=True),
        Column("完成时间", DATE),
        Column("链接或文件", description="网址或文件名"),
        Column("说明", NARRATIVE),
    ),
)

INTERIM = Table(
    name="中期报告",
    parent_key="编号",
    single=True,
    required=False,
    description="中期报告（阶段工作总结和成果报告）的叙述，每个单位一行。",
    columns=(
        Column("编号", ID, required=True),
        Column("基础工作情况", NARRATIVE, required=True),
        Column("工作特色与创新", NARRATIVE, required=True),
        Column("存在问题", NARRATIVE, required=True),
        Column("下一步措施", NARRATIVE, required=True),
        Column("报告日期", DATE),
    ),
)

ACCEPTANCE = Table(
    name="验收",
    parent_key="编号",
    single=True,
    required=False,
    description="工作验收申请书的叙述，每个单位一行。",
    columns=(
        Column("编号", ID, required=True),
        Column("建设期", required=True, description="如“2025年6月—2027年5月”"),
        Column("任务完成概况", NARRATIVE, required=True, description="对照申报书建设目标的完成情况"),
        Column("重要举措落实", NARRATIVE, required=True),
        Column("示范作用发挥", NARRATIVE, required=True),
        Column("申请日期", DATE),
    ),
)

CASE = Table(
    name="典型案例",
    parent_key="编号",
    single=True,
    required=False,
    description="典型案例，每个单位一篇（一行）。",
    columns=(
        Column("编号", ID, required=True),
        Column("标题", required=True),
        Column("基本情况", NARRATIVE, required=True),
        Column("主要做法", NARRATIVE, required=True),
        Column("工作成效", NARRATIVE, required=True),
        Column("工作启示", NARRATIVE, required=True),
    ),
)

SURVEY = Table(
    name="满意度测评",
    parent_key="编号",
    required=False,
    description="师生满意度测评的汇总票数，每个测评项目一行，按编号关联。",
    columns=(
        Column("编号", ID, required=True),
        Column("测评项目", required=True),
        Column("很好", INT), Column("较好", INT), Column("一般", INT),
        Column("较差", INT), Column("很差", INT), Column("不了解", INT),
        Column("参评人数", INT, description="可选；填写时须等于六项票数之和"),
    ),
)

CHILD_TABLES = (HONOURS, PLAN, BUDGET, ASSESSMENTS, NEGATIVE, SELF_CHECK, RESULTS, INTERIM, ACCEPTANCE,
                CASE, SURVEY)
TABLES = (BATCH, APPLICANTS) + CHILD_TABLES + (ORGS,)
