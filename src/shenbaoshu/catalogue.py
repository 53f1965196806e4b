"""Every problem code, declared once: its Chinese title, default severity and how to fix it.

A problem's code is stable: tests, the JSON output and users' scripts rely on
it. The title is what users see in lists (the summary's 校验结果 column, the
annotated workbook); the message of each problem says what exactly is wrong.
docs/problems.md lists every code (a test keeps it complete).
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "错误", "警告"


@dataclass(frozen=True)
class ProblemType:
    """One kind of problem: stable code, Chinese title, default severity, how to fix it."""

    code: str
    title: str
    severity: str
    fix: str
    stage: str


def _declare(stage: str, *types: tuple[str, str, str, str]) -> dict[str, ProblemType]:
    return {code: ProblemType(code, title, severity, fix, stage) for code, title, severity, fix in types}


WORKBOOK = "读取工作簿"
CHECKS = "申报条件"
DOCUMENT_DATA = "文档数据"
INSPECT = "检查文档"
TEMPLATE = "检查模板"

CATALOGUE: dict[str, ProblemType] = {
    **_declare(
        WORKBOOK,
        ("required-missing", "必填项为空", ERROR, "在指出的单元格中填写内容。"),
        ("date-unreadable", "无法识别的日期", ERROR, "写成 2024年3月15日、2024-03-15 或 20240315，或设为日期格式。"),
        ("int-unreadable", "无法识别的整数", ERROR, "只填数字，如 12 或 12人。"),
        ("number-unreadable", "无法识别的数字", ERROR, "只填数字，如 2.5；可带千位分隔符。"),
        ("phone-unreadable", "无法识别的电话号码", ERROR, "把单元格设为文本格式后重新输入号码。"),
        ("bool-unreadable", "无法识别的是/否", ERROR, "填写“是”或“否”。"),
        ("choice-invalid", "不是可选的值", ERROR, "从下拉列表中选择，或按消息列出的可选值填写。"),
        ("value-unreadable", "无法识别的值", ERROR, "按“说明”表中该列的类型填写。"),
        ("illegal-character", "含有 Word 不允许的控制字符", WARNING,
         "字符已删除；检查单元格内容是否完整（常见于从网页或 PDF 粘贴的文字）。"),
        ("duplicate-id", "编号重复", ERROR, "每个编号只用一次；一行一单位的表中每个编号只能有一行。"),
        ("unknown-applicant", "编号不在“申报单位”表中", ERROR, "核对编号的拼写（如字母 O 和数字 0），或删除多余的行。"),
        ("workbook-open", "工作簿正在 Excel 或 WPS 中打开", WARNING,
         "在 Excel 或 WPS 中保存工作簿后再运行；如果已经关闭，删除工作簿旁边以 ~$ 开头的锁定文件。"),
        ("formula-uncached", "公式没有保存计算结果", ERROR, "在 Excel 或 WPS 中打开工作簿、保存后再运行。"),
        ("amount-negative", "金额为负数", ERROR, "金额填 0 或正数。"),
        ("int-negative", "整数为负数", ERROR, "人数、票数、年度等填 0 或正整数。"),
    ),
    **_declare(
        CHECKS,
        ("scheme-missing", "未指定方案", WARNING, "在“批次”表的“方案”一行填写方案编号，或使用 --scheme。"),
        ("category-not-offered", "方案不设这个申报类别", ERROR, "改为方案设有的类别，或换用正确的方案。"),
        ("sheet-missing", "缺少规则需要的工作表", ERROR, "在工作簿中添加这张工作表（shenbaoshu init 生成的工作簿中都有）。"),
        ("value-not-allowed", "取值不符合方案规定", ERROR, "按方案的规定填写这一栏。"),
        ("too-young", "成立年限不足", ERROR, "核对“成立时间”；未满年限的单位不能申报。"),
        ("branch-type-unknown", "方案没有规定这种支部类型的成立年限", ERROR,
         "核对“支部类型”（教师 / 学生 / 师生联合 / 机关）；通知确未规定这种支部的，请向组织部核实能否申报。"),
        ("honours-missing", "不满足荣誉或考核条件", ERROR, "在“荣誉”或“考核”表中补充符合条件的记录。"),
        ("member-honour-missing", "缺少成员个人荣誉", ERROR, "在“荣誉”表中填写成员所获荣誉，获奖对象写“个人”。"),
        ("dual-leader-required", "负责人不是“双带头人”", ERROR, "核实“是否双带头人”一栏。"),
        ("already-selected", "已入选同类建设单位", ERROR, "已入选的单位按规定不再申报。"),
        ("unknown-parent", "所属二级党组织不在“二级党组织”表中", ERROR,
         "核对名称与“二级党组织”表是否一字不差，或在该表中补充一行。"),
        ("dual-leader-share", "“双带头人”比例不足", ERROR, "在“二级党组织”表中核对“教师党支部数”和“双带头人书记数”。"),
        ("condition-unmet", "二级党组织条件未满足", ERROR, "在“二级党组织”表中核对这一项。"),
        ("negative-unchecked", "负面清单事项未自查", WARNING, "在“负面清单”表中为该事项填写一行自查结果。"),
        ("negative-item", "存在负面清单事项", ERROR, "存在负面清单事项的单位不符合申报条件。"),
        ("budget-over-cap", "经费预算超过资助额度", ERROR, "调整“经费预算”表的金额。"),
        ("deadline-passed", "填报日期晚于截止日期", WARNING, "核对“填报日期”和截止日期。"),
        ("quota-exceeded", "推荐数超过名额", ERROR, "减少该二级党组织的推荐数，或核对“党支部总数”。"),
        ("quota-unmet", "推荐数不足", ERROR, "按方案要求补足推荐。"),
        ("places-exceeded", "本类别推荐数超过全校名额", ERROR,
         "按名额择优确定推荐名单，删去多出的单位，或核对“申报类别”。"),
        ("plan-cycle-mismatch", "建设计划与建设周期不符", WARNING,
         "按方案的建设周期调整“建设计划”表各阶段的起止时间。"),
        ("plan-period-unreadable", "无法识别的起止时间", WARNING,
         "写成“2025年6月—2025年12月”或“2025.6-2025.12”；只有一个月的写“2026年3月”。"),
        ("self-check-absent", "没有自查记录", ERROR, "在“自查”表中为方案的每个对标项目填写一行（做法、成效、存在问题等）。"),
    ),
    **_declare(
        DOCUMENT_DATA,
        ("self-check-missing", "自查缺少对标项目", WARNING, "在“自查”表中为每个对标项目填写一行。"),
        ("self-check-unknown", "不是方案的对标项目", WARNING, "把“对标项目”改为方案的写法。"),
        ("deliverable-missing", "缺少方案要求的成果", WARNING, "在“建设成果”表中补充这一项成果。"),
        ("result-kind-unknown", "不是方案的成果类型", WARNING, "把“成果类型”改为方案列出的类型之一。"),
        ("survey-missing", "没有满意度测评结果", WARNING, "在“满意度测评”表中填写各测评项目的票数。"),
        ("survey-incomplete", "测评票数不全", ERROR, "没有人选的票数填 0。"),
        ("survey-mismatch", "测评票数与参评人数不符", ERROR, "核对各项票数和“参评人数”。"),
        ("survey-sparse", "测评项目的参评人数明显偏少", WARNING,
         "核对该项目的票数和“参评人数”是否漏录；各项目的参评人数一般应相近。"),
        ("case-too-long", "典型案例超过字数上限", ERROR, "删减“典型案例”表中的文字。"),
    ),
    **_declare(
        INSPECT,
        ("type-unknown", "无法判断文档类型", ERROR, "用 --doc 指定文档类型，或在文件名中写明（如“申报书”）。"),
        ("section-missing", "缺少栏目", ERROR, "补上这一部分及其标题。"),
        ("section-empty", "栏目没有内容", ERROR, "在标题下填写内容。"),
        ("section-instructions-only", "栏目只有模板提示文字", ERROR, "把提示文字换成实际内容。"),
        ("placeholder-left", "留有占位符或模板标签", ERROR, "把占位符、下划线或 {{ }} 换成实际内容。"),
        ("too-long", "全文超过字数上限", ERROR, "删减文字。"),
        ("deliverable-not-mentioned", "没有提到要求的成果", ERROR, "在文中写明这一项成果。"),
        ("file-unreadable", "无法读取的文件", ERROR,
         "在 Word 或 WPS 中打开（加密的先取消打开密码），另存为 .docx 后再检查；打不开的请重新索取文件。"),
    ),
    **_declare(
        TEMPLATE,
        ("syntax-error", "模板标签语法错误", ERROR, "按消息修改出错的标签。"),
        ("ime-braces", "中文输入法打出的括号", ERROR, "改为英文半角的 {{ }} 或 {% %}。"),
        ("tag-split", "标签被拆开", ERROR, "把整个标签放在同一段或同一个格子里。"),
        ("tag-broken", "标签中夹有制表符、换行或图片", ERROR, "删除这个标签后重新输入。"),
        ("unknown-field", "工作簿格式中没有的字段", ERROR, "检查字段的拼写（shenbaoshu template fields 列出全部字段）。"),
        ("workbook-lacks", "工作簿不提供的字段", ERROR, "在工作簿中增加这一列，或从模板中删去这个字段。"),
        ("tag-not-allowed", "不允许的标签", ERROR, "删去 include、import、extends、from 标签，把内容直接写在模板中。"),
        ("render-error", "用示例数据试渲染出错", ERROR, "按消息修改标签中的表达式（如过大的循环、乘方或重复）。"),
    ),
}


def problem_type(code: str) -> ProblemType:
    """Return the declaration of `code`; an undeclared code is a programming error."""
    try:
        return CATALOGUE[code]
    except KeyError:
        raise KeyError(f"problem code {code!r} is not declared in shenbaoshu.catalogue") from None
