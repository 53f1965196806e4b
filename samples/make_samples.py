"""Write the sample workbook samples/示例申报.xlsx (all names are fictional).

    python samples/make_samples.py

The narrative is composed from each unit's own facts (discipline, brand,
practice, numbers), so every applicant reads differently; narrative cells use
line breaks (Alt+Enter in Excel) between paragraphs.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from shenbaoshu.checks.loader import load_scheme

sys.path.insert(0, str(Path(__file__).resolve().parent))
import later_stages as later  # noqa: E402

SCHOOL = "江城理工大学"
BATCH = {"学校名称": SCHOOL, "批次名称": "2025年度基层党建“对标争先”建设计划", "方案": "zhengzhou-tielu-2022",
         "参照日期": dt.date(2025, 5, 31), "截止日期": dt.date(2025, 5, 31)}
# 名称: (类型, 党支部总数, 教师党支部数, 双带头人书记数, 党员之家六有)
ORGS = {
    "中共江城理工大学机械工程学院委员会": ("党委", 24, 9, 9, "是"),
    "中共江城理工大学信息科学与工程学院委员会": ("党委", 26, 10, 10, "是"),
    "中共江城理工大学马克思主义学院总支部委员会": ("党总支", 6, 4, 4, "是"),
    "中共江城理工大学经济管理学院委员会": ("党委", 21, 8, 7, "是"),
    "中共江城理工大学机关委员会": ("机关党委", 12, 0, 0, "是"),
}
PARENTS = {
    "机械": "中共江城理工大学机械工程学院委员会",
    "信息": "中共江城理工大学信息科学与工程学院委员会",
    "马院": "中共江城理工大学马克思主义学院总支部委员会",
    "经管": "中共江城理工大学经济管理学院委员会",
    "机关": "中共江城理工大学机关委员会",
}
UNIVERSITY_PARTY = "中共江城理工大学委员会"


@dataclass
class Unit:
    """The facts of one fictional applicant, from which its narrative is written."""

    id: str
    category: str
    name: str
    parent: str
    kind: str
    founded: object
    members: int
    leader: str
    title: str
    dual: str
    contact: str
    phone: object
    field: str
    brand: str
    practice: str
    project: str = ""
    honours: list = field(default_factory=list)


UNITS = [
    Unit("B01", "标杆院系", "中共江城理工大学机械工程学院委员会", UNIVERSITY_PARTY, "", dt.date(2003, 6, 18),
         412, "陈立新", "学院党委书记、教授", "否", "刘晓燕", "027-87651201", "智能制造与机械工程",
         "“匠心铸魂”", "党政联席会议“一议题三清单”", honours=[
             ("湖北省高校先进基层党组织", "省级", "中共湖北省委教育工委", dt.date(2023, 6, 28)),
             ("江城理工大学先进基层党组织", "校级", "中共江城理工大学委员会", dt.date(2022, 6, 30))]),
    Unit("B02", "标杆院系", "中共江城理工大学信息科学与工程学院委员会", UNIVERSITY_PARTY, "",
         dt.date(2005, 9, 1), 538, "周海峰", "学院党委书记、研究员", "否", "孙倩", 13871234501,
         "计算机科学与人工智能", "“数智红芯”", "“党建+学科团队”双融合机制", honours=[
             ("江城理工大学先进基层党组织", "校级", "中共江城理工大学委员会", dt.date(2024, 6, 28))]),
    Unit("B03", "标杆院系", "中共江城理工大学马克思主义学院总支部委员会", UNIVERSITY_PARTY, "",
         "2016年4月", 86, "郑文博", "学院党总支书记、教授", "是", "黄丽", "027-87651288",
         "思想政治理论课教学", "“思政铸魂”", "集体备课“周研月讲”制度", honours=[
             ("全省高校思想政治理论课教学创新团队", "省级", "湖北省教育厅", dt.date(2023, 12, 20))]),
    Unit("Z01", "样板支部", "机械工程学院智能制造系教工党支部", PARENTS["机械"], "教师", dt.date(2012, 3, 15),
         27, "李红梅", "支部书记、智能制造系主任、教授", "是", "王磊", 13907123456, "智能制造",
         "“车间里的党课”", "支部建在科研团队上", honours=[
             ("江城理工大学先进党支部", "校级", "中共江城理工大学委员会", dt.date(2023, 6, 29)),
             ("全国高校黄大年式教师团队", "国家级", "教育部", dt.date(2022, 1, 10))]),
    Unit("Z02", "样板支部", "机械工程学院研究生第一党支部", PARENTS["机械"], "学生", dt.date(2018, 10, 12),
         46, "赵子涵", "支部书记、博士研究生", "否", "赵子涵", 15827346612, "机械设计及理论",
         "“青锋工坊”", "党员科研攻关突击队", honours=[
             ("江城理工大学“五四红旗团支部”", "校级", "共青团江城理工大学委员会", dt.date(2024, 5, 4))]),
    Unit("Z03", "样板支部", "信息科学与工程学院计算机系教工党支部", PARENTS["信息"], "教师",
         dt.date(2009, 11, 20), 31, "吴振宇", "支部书记、计算机系副主任、副教授", "是", "陈静", 13545678901,
         "计算机科学与技术", "“代码里的初心”", "“一课一思政”课程思政工作坊", honours=[
             ("江城理工大学先进党支部", "校级", "中共江城理工大学委员会", dt.date(2022, 6, 30)),
             ("湖北省课程思政示范课程", "省级", "湖北省教育厅", dt.date(2023, 9, 15))]),
    Unit("Z04", "样板支部", "信息科学与工程学院本科生第二党支部", PARENTS["信息"], "学生", dt.date(2020, 9, 25),
         38, "许佳怡", "支部书记、辅导员", "否", "许佳怡", 18672345678, "软件工程",
         "“红色代码”", "朋辈学业帮扶“1+3”结对"),
    Unit("Z05", "样板支部", "经济管理学院会计系师生联合党支部", PARENTS["经管"], "师生联合",
         dt.date(2019, 5, 9), 34, "林小芳", "支部书记、会计系副主任、副教授", "是", "高远", "13986543210",
         "会计学", "“诚信账本”", "师生共建“廉洁财务”实践课堂", honours=[
             ("江城理工大学先进党支部", "校级", "中共江城理工大学委员会", dt.date(2024, 6, 28))]),
    Unit("Z06", "样板支部", "机关党委组织人事党支部", PARENTS["机关"], "机关", dt.date(2010, 4, 2), 19,
         "何建国", "支部书记、组织部副部长", "否", "方琳", "027-87651020", "组织人事服务",
         "“一线服务岗”", "“三服务”清单制", honours=[
             ("江城理工大学机关作风建设优秀集体", "校级", "中共江城理工大学委员会", dt.date(2023, 1, 12))]),
    Unit("Z07", "样板支部", "马克思主义学院思政课教研党支部", PARENTS["马院"], "教师", dt.date(2016, 5, 20),
         22, "韩雪", "支部书记、教研室主任、副教授", "是", "钱明", 13720098765, "思想政治教育",
         "“行走的思政课”", "思政课教师“一人一村”社会实践"),
    Unit("Z08", "样板支部", "经济管理学院研究生党支部", PARENTS["经管"], "学生", dt.date(2017, 9, 30), 52,
         "罗一鸣", "支部书记、博士研究生", "否", "罗一鸣", 17786451230, "工商管理",
         "“乡村振兴智囊团”", "党员调研服务队", honours=[
             ("湖北省大学生志愿服务优秀项目", "省级", "共青团湖北省委", dt.date(2023, 11, 5))]),
    Unit("S01", "双带头人工作室", "信息科学与工程学院软件工程系教工党支部", PARENTS["信息"], "教师",
         dt.date(2014, 6, 30), 24, "王建华", "支部书记、软件工程系主任、教授、博士生导师", "是", "陈静",
         13545678901, "软件工程", "“智码先锋”", "“书记+项目+学生”科研育人链", honours=[
             ("湖北省优秀共产党员", "省级", "中共湖北省委", dt.date(2021, 6, 28))]),
    Unit("S02", "双带头人工作室", "机械工程学院机器人研究所教工党支部", PARENTS["机械"], "教师",
         dt.date(2015, 10, 16), 18, "杨振", "支部书记、机器人研究所所长、教授", "是", "王磊", 13907123456,
         "机器人工程", "“铁军机器人”", "攻关项目“党员领题”机制", honours=[
             ("江城理工大学优秀共产党员", "校级", "中共江城理工大学委员会", dt.date(2024, 6, 28))]),
    Unit("S03", "双带头人工作室", "经济管理学院金融系教工党支部", PARENTS["经管"], "教师", dt.date(2011, 3, 8),
         20, "冯丽君", "支部书记、金融系主任、教授", "是", "高远", "13986543210", "金融学",
         "“金穗”", "“党建+乡村金融”服务站"),
    Unit("X01", "创新项目", "机关党委财务处党支部", PARENTS["机关"], "机关", dt.date(2012, 9, 1), 15, "谢敏",
         "支部书记、财务处副处长", "否", "方琳", "027-87651066", "财务服务", "“码上报”",
         "报销“一次不用跑”服务", project="“码上报”——党员示范岗推动财务服务数字化"),
    Unit("X02", "创新项目", "信息科学与工程学院学生工作党支部", PARENTS["信息"], "师生联合",
         dt.date(2018, 3, 20), 16, "谭晓东", "支部书记、学院团委书记", "否", "许佳怡", 18672345678,
         "学生思想政治教育", "“云上党校”", "“R&D 实验室 + 党课”线上学习社区",
         project="“云上党校”——学生党员线上线下融合教育平台"),
    Unit("X03", "创新项目", "马克思主义学院党总支", PARENTS["马院"], "", dt.date(2016, 4, 15), 86, "郑文博",
         "学院党总支书记、教授", "是", "黄丽", "027-87651288", "理论宣讲", "“青年理论宣讲团”",
         "“微宣讲”进宿舍", project="“三微一体”青年理论宣讲品牌建设"),
    Unit("X04", "创新项目", "经济管理学院电子商务系教工党支部", PARENTS["经管"], "教师",
         dt.date(2013, 12, 2), 14, "曹阳", "支部书记、副教授", "是", "高远", "13986543210",
         "电子商务", "“直播助农”", "师生党员直播助农工作室",
         project="“直播助农”——党建引领专业服务乡村振兴"),
]


def paragraphs(*parts: str) -> str:
    """Join paragraphs the way Alt+Enter does inside one Excel cell."""
    return "\n".join(parts)


def unit_word(u: Unit) -> str:
    return {"标杆院系": "学院党组织", "样板支部": "党支部", "双带头人工作室": "工作室依托党支部",
            "创新项目": "项目团队"}[u.category]


KIND_WORK = {
    "教师": "支部坚持把党建工作与教学科研深度融合，党员教师全部参与课程思政建设，近三年主持教学改革项目"
            "9项，指导学生获省级以上学科竞赛奖励26项，支部委员均为教学科研骨干。",
    "学生": "支部坚持“思想引领、学业帮扶、志愿服务”三位一体，党员学生平均学分绩点高于年级平均水平，"
            "近三年组织志愿服务时长累计超过4000小时，支部所在年级就业去向落实率保持在95%以上。",
    "师生联合": "支部由专业教师和高年级学生党员共同组成，教师党员担任学生党员的学业导师和成长导师，"
                "近三年师生联合开展社会实践项目12项，形成“以老带新、师生同行”的工作格局。",
    "机关": "支部坚持“支部建在处室上、党员站在窗口前”，把服务师生成效作为检验支部工作的标准，"
            "近三年师生满意度测评均在95分以上，办事流程精简三分之一以上。",
    "": "学院党组织落实全面从严治党主体责任，坚持党委会议、党政联席会议议事规则，重大事项集体研究，"
        "教师党支部书记“双带头人”比例达到100%，党建工作连续三年在学校考核中获评“好”等次。",
}


def introduction(u: Unit) -> str:
    if u.category == "标杆院系":
        return paragraphs(
            f"{u.name}下设党支部{u.members // 30 + 6}个，其中教工党支部{u.members // 90 + 3}个、学生党支部"
            f"{u.members // 60 + 2}个，现有党员{u.members}名。学院围绕{u.field}领域办学，现有本科专业5个、"
            "硕士学位授权点3个，专任教师中具有博士学位的比例超过七成，近三年承担国家级科研项目40余项。",
            f"学院党组织坚持把政治建设摆在首位，健全党组织领导的院长负责制运行机制，形成了{u.practice}等"
            f"一批管用有效的制度安排，“{u.brand.strip('“”')}”党建品牌在校内外具有一定影响，"
            "党建工作与事业发展同频共振、互促共进。",
            KIND_WORK[""])
    return paragraphs(
        f"{u.name}现有党员{u.members}名，{u.leader}同志任支部书记（负责人），"
        f"支部成员主要来自{u.field}方向，是一支政治坚定、业务精湛、团结协作的队伍。"
        f"支部按期换届，支委会分工明确，组织生活记录完整，党员教育管理各项制度健全。",
        f"近年来，{unit_word(u)}以{u.practice}为抓手，把党的建设与{u.field}工作紧密结合，"
        f"打造了{u.brand}工作品牌，党员先锋模范作用和支部战斗堡垒作用得到有效发挥，"
        "在师生中形成了良好口碑。",
        KIND_WORK[u.kind])


def foundation(u: Unit) -> str:
    return paragraphs(
        f"一是政治引领坚强有力。{unit_word(u)}始终把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，"
        "落实“第一议题”制度，坚持集中学习与个人自学相结合，近三年开展专题学习60余次，"
        "党员理论学习覆盖率达到100%。",
        f"二是组织生活规范严格。严格落实“三会一课”、主题党日、组织生活会、民主评议党员等制度，"
        f"探索形成{u.practice}，组织生活做到有计划、有主题、有记录、有成效，"
        "台账资料规范完整，在学校党建工作检查中多次获得好评。",
        f"三是业务融合成效明显。围绕{u.field}发展需要，党员骨干带头承担急难险重任务，"
        "近三年党员主持或参与省部级以上项目20余项，指导学生在学科竞赛中获奖30余项，"
        "党建工作与中心工作实现同部署、同推进、同考核。")


def features(u: Unit) -> str:
    return paragraphs(
        f"{u.brand}是{unit_word(u)}在长期实践中培育形成的特色品牌。我们把{u.practice}作为主要载体，"
        "建立“需求清单—项目清单—责任清单”三张清单，让每名党员都有岗位、有责任、有作为。",
        f"在具体做法上，一是把支部活动开到{u.field}工作一线，党员在项目攻关、教学改革、服务师生中亮身份、作表率；"
        "二是建立党员骨干“传帮带”机制，老党员与青年党员结对，帮助青年成长成才；"
        "三是用好新媒体平台，每月至少更新一次建设动态，讲好身边党员的故事。",
        "经过几年探索，这些做法已形成较为稳定的工作机制，得到师生认可，部分经验在兄弟单位交流推广。")


def goals(u: Unit) -> str:
    years = "2年" if u.category in ("标杆院系", "双带头人工作室") else "1年"
    return paragraphs(
        f"用{years}左右时间，把{u.name}建设成为政治功能突出、组织体系健全、工作机制完善、"
        f"示范作用明显的{ {'标杆院系': '党建工作标杆院系', '样板支部': '党建工作样板支部', '双带头人工作室': '“双带头人”教师党支部书记工作室', '创新项目': '基层党建创新项目'}[u.category]}。",
        f"具体目标：一是健全以{u.practice}为核心的制度体系，形成可复制、可推广的工作方法；"
        f"二是做强{u.brand}品牌，建成一个高质量运行的新媒体平台，年发布原创内容不少于24篇；"
        f"三是推动党建与{u.field}深度融合，党员在重点任务中的示范带头作用更加突出；"
        "四是形成一批理论研究和实践成果，在校内外发挥辐射带动作用。")


def outcomes(u: Unit) -> str:
    return paragraphs(
        f"一是形成1套可复制、推广的{u.brand}工作经验，撰写典型案例1篇、工作法1项；",
        "二是建成1个高质高效运行的新媒体平台，开设“党员风采”“支部动态”等栏目；",
        "三是制作1部示范点建设微视频，集中展示建设过程和成效；",
        "四是汇编1本建设成果资料集，收录制度文件、活动记录、理论文章和典型事迹；",
        f"五是发表党建研究论文1至2篇，在{u.field}领域取得一批标志性成果，"
        "辐射带动本单位及兄弟单位党建工作质量整体提升。",
        f"六是面向校内外开展经验交流不少于3次，接待兄弟单位观摩学习，推动{u.practice}在更大范围推广应用，"
        "形成“建成一个、带动一片”的示范效应。")


def opinion(u: Unit) -> str:
    return paragraphs(
        f"经{'学校党委' if u.category == '标杆院系' else '二级党组织'}会议研究，{u.name}党建工作基础扎实，"
        f"{u.brand}特色鲜明，建设目标明确，实施计划可行，经费预算合理。",
        f"该单位近年来以{u.practice}为抓手，在{u.field}方面取得了较好成绩，党员队伍结构合理、作用突出，"
        f"{u.leader}同志政治素质好、业务能力强，能够带领党员群众完成建设任务。",
        "经核查，该单位近三年在党建和意识形态领域未出现重大问题，未发生重大稳定事端、安全事故和舆情事件，"
        "党员中未出现违法违纪、违反中央八项规定精神和师德师风问题。",
        "同意推荐申报，我单位将在建设期内给予工作指导和条件保障。")


def plan(u: Unit) -> list[tuple]:
    two_year = u.category in ("标杆院系", "双带头人工作室")
    stages = [("启动部署", "2025年6月—2025年8月",
               "制定建设方案，明确任务书、路线图、时间表和责任人",
               "召开动员会；细化任务分工；建立工作台账"),
              ("全面建设", "2025年9月—2026年2月" if not two_year else "2025年9月—2026年8月",
               f"围绕{u.practice}推进各项建设任务",
               f"开展专题活动；打造{u.brand}品牌；运营新媒体平台；每月报送建设动态"),
              ("中期评估", "2026年3月" if not two_year else "2026年9月—2026年11月",
               "对照建设标准开展自查，提交阶段工作总结",
               "梳理阶段成果；查找问题短板；制定整改措施")]
    if two_year:
        stages.append(("深化提升", "2026年12月—2027年4月", "巩固建设成果，形成可推广的经验",
                       "提炼典型案例；制作微视频；汇编成果资料"))
    stages.append(("总结验收", "2026年4月—2026年5月" if not two_year else "2027年5月",
                   "完成“四个一”成果，迎接验收", "撰写总结报告；整理佐证材料；开展满意度测评"))
    return stages


BUDGET_LINES = {
    "标杆院系": [("学习培训", 1.2, "党员干部专题培训、外出学习考察"), ("品牌建设", 1.5, "党建品牌设计、宣传展示"),
              ("平台运营", 0.8, "新媒体平台内容制作与运营"), ("成果汇编", 0.6, "成果资料汇编印刷"),
              ("微视频制作", 0.9, "示范点建设微视频拍摄制作")],
    "样板支部": [("主题活动", 0.6, "主题党日、实践活动"), ("学习资料", 0.3, "理论学习书籍、资料"),
              ("宣传展示", 0.5, "微视频制作、宣传材料"), ("成果汇编", 0.4, "成果资料汇编印刷")],
    "双带头人工作室": [("工作室建设", 0.6, "工作室环境布置、设备"), ("研讨交流", 0.5, "专题研讨、交流学习"),
                 ("育人活动", 0.5, "师生科研育人活动"), ("成果推广", 0.4, "成果汇编、宣传推广")],
    "创新项目": [("项目实施", 0.25, "项目活动开展"), ("宣传推广", 0.15, "平台运营、宣传材料"),
              ("成果总结", 0.1, "成果汇编印刷")],
}


MEMBER_HONOURS = {
    "标杆院系": [("湖北省优秀共产党员", "省级", "中共湖北省委", dt.date(2024, 6, 28)),
              ("武汉市优秀党务工作者", "市厅级", "中共武汉市委", dt.date(2023, 6, 30))],
    "default": [("江城理工大学优秀共产党员", "校级", "中共江城理工大学委员会", dt.date(2024, 6, 28))],
}


def write_sheet(book, title: str, headers, rows, widths=None) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row in rows:
        sheet.append(list(row))
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    sheet.freeze_panes = "A2"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy\"年\"m\"月\"d\"日\""
            cell.alignment = Alignment(wrap_text=True, vertical="top")


APPLICANT_HEADERS = ("编号", "申报类别", "单位名称", "所属党组织", "支部类型", "项目名称", "成立时间",
                     "党员人数", "负责人", "负责人职务职称", "是否双带头人", "联系人", "联系电话", "电子邮箱",
                     "填报日期", "基本情况", "工作基础", "特色做法", "建设目标", "预期成果", "所在党组织意见")


def applicant_row(u: Unit, index: int) -> dict:
    email = f"dj{index + 1:02d}@jcut.edu.cn"
    filled = dt.date(2025, 5, 20 + index % 8)
    values = (u.id, u.category, u.name, u.parent, u.kind or None, u.project or None, u.founded, u.members,
              u.leader, u.title, u.dual, u.contact, u.phone, email, filled, introduction(u), foundation(u),
              features(u), goals(u), outcomes(u), opinion(u))
    return dict(zip(APPLICANT_HEADERS, values))


def budget_rows(u: Unit, cap: Decimal | None) -> list[tuple]:
    """Return the unit's budget lines, scaled to stay within the scheme's cap."""
    lines = BUDGET_LINES[u.category]
    total = sum(Decimal(str(a)) for _, a, _ in lines)
    scale = min(Decimal(1), cap * Decimal("0.9") / total) if cap else Decimal(1)
    return [(u.id, name, float((Decimal(str(a)) * scale).quantize(Decimal("0.05"))), use)
            for name, a, use in lines]


@dataclass
class Sheets:
    """The rows of every sheet of one sample workbook, ready to be spoiled on purpose."""

    batch: dict
    applicants: list[dict]
    honours: list[tuple]
    plan: list[tuple]
    budget: list[tuple]
    orgs: list[tuple]
    assessments: list[tuple]
    negative: list[tuple]
    self_check: list[tuple]
    results: list[tuple]
    interim: list[tuple]
    acceptance: list[tuple]
    cases: list[tuple]
    survey: list[tuple]


def sheets_for(scheme_id: str, batch_name: str) -> Sheets:
    """Return clean sheets for the units whose category the scheme offers."""
    scheme = load_scheme(scheme_id)
    units = [u for u in UNITS if u.category in scheme.categories]
    honours = []
    for u in units:
        honours += [(u.id, *h, "集体") for h in u.honours]
        honours += [(u.id, *h, "个人") for h in MEMBER_HONOURS.get(u.category, MEMBER_HONOURS["default"])]
    interim = [u for u in units if u.id not in later.NO_INTERIM]
    accepted = [u for u in units if u.id not in later.NO_ACCEPTANCE]
    checklist = scheme.deliverables or scheme.outcomes
    return Sheets(
        batch=dict(BATCH, 批次名称=batch_name, 方案=scheme_id),
        applicants=[applicant_row(u, i) for i, u in enumerate(units)],
        honours=honours,
        plan=[plan_row(u, i, stages) for u in units for stages in [plan(u)] for i in range(len(stages))],
        budget=[row for u in units for row in budget_rows(u, scheme.categories[u.category].budget_cap)],
        orgs=[(name, *facts) for name, facts in ORGS.items()],
        assessments=[(u.id, year, "好") for u in units for year in (2022, 2023, 2024)],
        negative=[(u.id, item.name, "否", "经核查不存在") for u in units for item in scheme.negative_items],
        self_check=[row for u in units for row in later.self_check_rows(u, scheme.categories[u.category].items)],
        results=[row for u in interim for row in later.results_rows(u, checklist)],
        interim=[later.interim_row(u) for u in interim],
        acceptance=[later.acceptance_row(u) for u in accepted],
        cases=[later.case_row(u) for u in accepted],
        survey=[row for i, u in enumerate(accepted) for row in later.survey_rows(u, i)],
    )


def plan_row(u: Unit, index: int, stages: list[tuple]) -> tuple:
    """Return stage `index` of the unit's plan, with its progress when it has an interim report."""
    state = later.stage_state(index, len(stages)) if u.id not in later.NO_INTERIM else (None, None)
    return (u.id, *stages[index], *state)


def write(sheets: Sheets, path: Path) -> None:
    """Write `sheets` as a workbook at `path`."""
    book = Workbook()
    sheet = book.active
    sheet.title = "批次"
    sheet.append(["项目", "内容"])
    for key, value in sheets.batch.items():
        sheet.append([key, value])
        if isinstance(value, dt.date):
            sheet.cell(sheet.max_row, 2).number_format = "yyyy\"年\"m\"月\"d\"日\""
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 14, 40
    write_sheet(book, "申报单位", APPLICANT_HEADERS,
                [[row[h] for h in APPLICANT_HEADERS] for row in sheets.applicants],
                [6, 12, 36, 36, 9, 30, 14, 8, 8, 24, 10, 8, 14, 20, 14] + [50] * 6)
    write_sheet(book, "荣誉", ("编号", "荣誉名称", "级别", "授予单位", "获得时间", "获奖对象"),
                sheets.honours, [6, 40, 8, 30, 14, 10])
    write_sheet(book, "建设计划", ("编号", "阶段", "起止时间", "工作目标", "主要措施", "完成情况", "进展说明"),
                sheets.plan, [6, 10, 24, 40, 40, 10, 40])
    write_sheet(book, "经费预算", ("编号", "科目", "金额（万元）", "用途说明"), sheets.budget, [6, 14, 12, 36])
    write_sheet(book, "二级党组织", ("名称", "类型", "党支部总数", "教师党支部数", "双带头人书记数", "党员之家六有"),
                sheets.orgs, [40, 10, 10, 12, 14, 12])
    write_sheet(book, "考核", ("编号", "年度", "等次"), sheets.assessments, [6, 8, 8])
    write_sheet(book, "负面清单", ("编号", "事项", "是否存在", "说明"), sheets.negative, [6, 44, 10, 20])
    write_sheet(book, "自查", ("编号", "对标项目", "做法", "成效", "佐证材料", "存在问题", "整改措施"),
                sheets.self_check, [6, 24, 50, 40, 30, 30, 30])
    write_sheet(book, "建设成果", ("编号", "成果类型", "成果名称", "完成时间", "链接或文件", "说明"),
                sheets.results, [6, 30, 40, 14, 36, 20])
    write_sheet(book, "中期报告", ("编号", "基础工作情况", "工作特色与创新", "存在问题", "下一步措施", "报告日期"),
                sheets.interim, [6, 50, 50, 40, 40, 14])
    write_sheet(book, "验收", ("编号", "建设期", "任务完成概况", "重要举措落实", "示范作用发挥", "申请日期"),
                sheets.acceptance, [6, 24, 50, 50, 50, 14])
    write_sheet(book, "典型案例", ("编号", "标题", "基本情况", "主要做法", "工作成效", "工作启示"),
                sheets.cases, [6, 40, 40, 60, 40, 40])
    write_sheet(book, "满意度测评", ("编号", "测评项目", "很好", "较好", "一般", "较差", "很差", "不了解", "参评人数"),
                sheets.survey, [6, 20, 8, 8, 8, 8, 8, 8, 10])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def row_of(sheets: Sheets, unit_id: str) -> dict:
    return next(r for r in sheets.applicants if r["编号"] == unit_id)


def replace_rows(rows: list[tuple], match, change) -> list[tuple]:
    return [change(r) if match(r) else r for r in rows]


# Each scheme's sample: a few deliberate problems, listed in samples/README.md.
def shichuang(s: Sheets) -> None:
    row_of(s, "S03")["是否双带头人"] = "否"                                     # dual-leader-required
    s.honours.append(("Z02", "湖北省高校样板党支部", "省级", "中共湖北省委教育工委",
                      dt.date(2020, 3, 1), "集体"))                              # already-selected
    row_of(s, "Z05")["所在党组织意见"] = None                                    # required-missing


def guizhou(s: Sheets) -> None:
    row_of(s, "Z04")["成立时间"] = dt.date(2023, 9, 1)                          # too-young (学生 2 年)
    s.budget = replace_rows(s.budget, lambda r: r[0] == "B01" and r[1] == "品牌建设",
                            lambda r: (*r[:2], 3.0, r[3]))                       # budget-over-cap
    row_of(s, "Z08")["所属党组织"] = "中共江城理工大学马克思主义学院总支部委员会"      # quota-exceeded (党总支 1 个)
    s.negative = replace_rows(s.negative, lambda r: r[0] == "Z03" and "师德师风" in r[1],
                              lambda r: (r[0], r[1], "是", "2023年有教师违反师德规定受处分"))  # negative-item
    s.self_check = [r for r in s.self_check if not (r[0] == "Z05" and r[1] == "监督党员有力")]  # self-check-missing


def zju(s: Sheets) -> None:
    s.orgs = replace_rows(s.orgs, lambda r: "信息" in r[0], lambda r: (r[0], r[1], 12, *r[3:]))  # quota-exceeded
    s.honours = [h for h in s.honours if not (h[0] == "Z04")]
    s.assessments = replace_rows(s.assessments, lambda r: r[0] == "Z04" and r[1] != 2024,
                                 lambda r: (r[0], r[1], "较好"))                  # honours-missing + member
    s.honours = [h for h in s.honours if not (h[0] == "B02" and h[1] == "武汉市优秀党务工作者")]  # member-honour
    row_of(s, "Z07")["填报日期"] = dt.date(2025, 6, 10)                          # deadline-passed (警告)
    s.survey = replace_rows(s.survey, lambda r: r[0] == "Z02" and r[1] == "总体评价",
                            lambda r: (*r[:8], r[8] + 5))                        # survey-mismatch


def zhengzhou(s: Sheets) -> None:
    s.budget = replace_rows(s.budget, lambda r: r[0] == "X02" and r[1] == "项目实施",
                            lambda r: (*r[:2], 0.45, r[3]))                      # budget-over-cap
    row_of(s, "S02")["支部类型"] = "师生联合"                                     # value-not-allowed
    s.negative = [r for r in s.negative if not (r[0] == "Z06" and "八项规定" in r[1])]  # negative-unchecked
    row_of(s, "X03")["项目名称"] = None                                           # required-missing


def heida(s: Sheets) -> None:
    s.orgs = replace_rows(s.orgs, lambda r: "信息" in r[0], lambda r: (*r[:4], 8, r[5]))   # dual-leader-share
    s.orgs = replace_rows(s.orgs, lambda r: "马克思" in r[0], lambda r: (*r[:5], "否"))    # condition-unmet
    s.orgs.append(("中共江城理工大学继续教育学院总支部委员会", "党总支", 3, 1, 1, "是"))    # quota-unmet
    row_of(s, "Z01")["成立时间"] = dt.date(2023, 3, 15)                          # too-young (教师 3 年)
    s.results = [r for r in s.results if not (r[0] == "Z02" and r[1] == "微视频")]  # deliverable-missing → 缺
    s.cases = replace_rows(s.cases, lambda r: r[0] == "Z05",
                           lambda r: (*r[:3], "\n".join([r[3]] * 30), *r[4:]))  # case-too-long


SCHEME_SAMPLES = {
    "shichuang-2020": ("2025年度党建示范创建和质量创优", shichuang),
    "guizhou-ligong-2020": ("2025年度党建工作标杆学院和样板支部培育创建", guizhou),
    "zju-2024": ("2025年度党建“双创”（第三批）", zju),
    "zhengzhou-tielu-2022": ("2025年度基层党建“对标争先”建设计划", zhengzhou),
    "heida-2025": ("2025年度“一融双高”典型示范创建（第二批）", heida),
}


def build(folder: Path) -> list[Path]:
    """Write the main sample and one sample per built-in scheme under `folder`."""
    main = folder / "示例申报.xlsx"
    write(sheets_for("zhengzhou-tielu-2022", BATCH["批次名称"]), main)
    written = [main]
    for scheme_id, (batch_name, spoil) in SCHEME_SAMPLES.items():
        sheets = sheets_for(scheme_id, batch_name)
        spoil(sheets)
        path = folder / "方案示例" / f"{scheme_id}.xlsx"
        write(sheets, path)
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for written in build(target):
        print(written)
