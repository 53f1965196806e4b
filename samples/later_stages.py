"""Sample rows for the documents after the 申报书 (自查, 中期, 验收, 典型案例, 测评).

Composed from each unit's facts, like the application narrative in make_samples.py.
"""

from __future__ import annotations

import datetime as dt

NO_INTERIM = {"Z08", "X04"}            # these units have not reached the interim report yet
NO_ACCEPTANCE = NO_INTERIM | {"S03"}   # nor the acceptance

FOCUS = {
    "党组织领导和运行机制到位": ("严格执行党组织会议和党政联席会议制度，修订议事规则，明确“三重一大”事项清单",
                      "党政联席会议纪要、议事规则"),
    "政治把关作用到位": ("在教师引进、职称评审、教材选用、讲座论坛等环节实行党组织前置审核", "政治把关审核记录"),
    "思想政治工作到位": ("建立领导班子成员联系师生制度，每学期开展思想动态分析", "思想动态分析报告"),
    "基层组织工作到位": ("推动党支部按期换届，落实“三会一课”和组织生活会制度，开展支部书记轮训", "支部工作台账"),
    "推动改革发展到位": ("把党建工作要求融入学科建设、人才培养和社会服务考核", "年度工作要点和考核办法"),
    "教育党员有力": ("坚持“第一议题”制度，每月开展集中学习，组织党员到红色教育基地开展现场教学", "学习记录和心得体会"),
    "管理党员有力": ("落实党员积分管理，按期收缴党费，规范组织关系转接", "党员积分台账、党费收缴记录"),
    "监督党员有力": ("开展批评和自我批评，组织民主评议党员，建立党员承诺践诺公示制度", "民主评议材料、承诺公示"),
    "组织师生有力": ("依托党员示范岗和志愿服务队把师生组织起来参与中心工作", "志愿服务记录"),
    "宣传师生有力": ("运用新媒体平台宣传党的理论和身边榜样，开展“微党课”展播", "公众号推文目录"),
    "凝聚师生有力": ("建立党员联系群众制度，每名党员联系3至5名师生", "联系师生工作记录"),
    "服务师生有力": ("推出“我为师生办实事”清单，限时办结师生急难愁盼问题", "办实事清单及办结情况"),
    "突出政治建设": ("把政治标准放在首位，工作室成员带头学习贯彻党的创新理论", "工作室学习记录"),
    "坚持双向提升": ("推动书记和党员教师在党建与业务两方面同步提升，形成“双带头”示范", "教学科研成果清单"),
    "注重分类指导": ("针对青年教师、骨干教师和学生党员分类开展指导", "分类指导方案"),
    "强化基层导向": ("面向本院系教师党支部开展观摩交流和结对帮带", "观摩交流记录"),
}
PROBLEMS = ("工作创新性还不够强，部分做法停留在常规层面", "青年党员参与的主动性有待进一步提高",
            "成果总结提炼不够及时，宣传推广力度不足")
MEASURES = ("加强调研学习，借鉴先进单位经验，每学期推出一项创新举措", "建立青年党员骨干培养计划，压实任务分工",
            "每季度梳理一次工作成果，及时在校内外平台宣传推广")
SURVEY_ITEMS = ("政治引领作用发挥", "组织生活规范开展", "党员先锋模范作用", "服务师生成效", "总体评价")


def self_check_rows(unit, items) -> list[tuple]:
    """Return a 自查 row for each 对标 item of the unit's category."""
    rows = []
    for index, item in enumerate(items):
        action, evidence = FOCUS[item.name]
        rows.append((
            unit.id, item.name,
            f"围绕“{item.name}”，{unit.name}{action}，并结合{unit.practice}形成常态化工作机制。\n"
            f"建设期内把这项工作纳入年度计划，由支委（班子）成员分工负责，每季度检查一次落实情况。",
            f"相关制度全部落实到位，{unit.field}方面的重点任务按期完成，师生认可度明显提升，"
            f"“{unit.brand.strip('“”')}”品牌影响不断扩大。",
            f"{evidence}；相关照片和新闻报道。",
            PROBLEMS[index % 3], MEASURES[index % 3]))
    return rows


def stage_state(index: int, total: int) -> tuple[str, str]:
    """Return the 完成情况 and 进展说明 of stage `index` at the interim report."""
    if index < 2:
        return "已完成", "按计划完成本阶段各项任务，形成了阶段性成果。"
    if index == 2:
        return "进行中", "正在按计划推进，已完成本阶段任务的六成左右。"
    return "未开始", "按计划将在下一阶段启动。"


def interim_row(unit) -> tuple:
    return (unit.id,
            f"建设以来，{unit.name}对照申报书确定的目标任务，细化工作台账，明确责任分工，"
            f"围绕{unit.practice}开展了系列工作，组织生活规范有序，党员队伍作用发挥明显。\n"
            f"先后召开专题推进会4次，开展主题党日和专题学习12次，按月在新媒体平台发布建设动态。",
            f"一是把{unit.practice}作为主要抓手，推动党建与{unit.field}工作深度融合；"
            f"二是打造“{unit.brand.strip('“”')}”品牌，形成了一批师生喜闻乐见的活动载体；"
            "三是注重总结提炼，及时把实践经验转化为制度成果。",
            "对照建设目标，还存在成果提炼不够系统、辐射带动范围不够广、部分党员参与积极性不够高等问题。",
            "下一步将对照实施计划补齐短板：一是加强成果总结，完成工作法和典型案例撰写；"
            "二是扩大示范范围，与兄弟单位开展结对共建；三是完善激励机制，调动党员参与积极性。",
            dt.date(2026, 3, 20))


def acceptance_row(unit) -> tuple:
    two_year = unit.category in ("标杆院系", "双带头人工作室")
    period = "2025年6月—2027年5月" if two_year else "2025年6月—2026年5月"
    return (unit.id, period,
            f"对照申报书提出的建设目标，{unit.name}全面完成各项建设任务：以{unit.practice}为核心的制度体系"
            f"已经建立并有效运行，“{unit.brand.strip('“”')}”品牌影响持续扩大，党建与{unit.field}工作深度融合。\n"
            "申报书确定的预期成果全部形成，建设经费按预算规范使用。",
            "一是健全体制机制，修订完善工作制度6项；二是落实建设思路，实施计划确定的各阶段任务全部完成；"
            "三是推进机制创新、实践创新和方法创新，形成了可复制推广的工作方法。",
            "建设期内，先后接待校内外单位观摩交流5次，在学校党建工作会议上作经验交流，"
            "相关做法被校内外媒体报道，辐射带动了所在单位其他党组织的建设。",
            dt.date(2027, 5, 10) if two_year else dt.date(2026, 5, 10))


def case_row(unit) -> tuple:
    brand = unit.brand.strip("“”")
    return (unit.id, f"“{brand}”：以{unit.practice}推动党建与{unit.field}深度融合",
            f"{unit.name}现有党员{unit.members}名，{unit.leader}同志任书记（负责人）。近年来，{unit.name}坚持以"
            f"高质量党建引领事业发展，围绕{unit.field}工作实际，探索形成了“{brand}”工作品牌。\n"
            f"建设之初，{unit.name}也面临党建与业务“两张皮”、党员作用发挥不够均衡、活动形式较为单一等问题。"
            "对照建设标准，班子（支委会）多次专题研究，决定从机制、平台、队伍三个方面同时发力。",
            f"一是建机制，夯实基础。以{unit.practice}为抓手，建立“需求清单—项目清单—责任清单”，"
            "把党建任务和业务任务一体部署、一体推进、一体考核。每季度召开一次推进会，逐项对账销号，"
            "做到任务有人领、过程有人管、结果有人评。\n"
            f"二是搭平台，激发活力。开设“{brand}”新媒体专栏，每月发布建设动态；设立党员示范岗和先锋队，"
            f"组织党员在{unit.field}重点任务中亮身份、作表率，让党员在急难险重任务中当先锋、打头阵。\n"
            "三是育队伍，增强本领。实施青年党员“领航计划”，由骨干党员一对一结对帮带，开展专题培训和实践锻炼；"
            "把优秀青年骨干发展成党员，把党员培养成骨干，形成梯次合理的人才队伍。\n"
            "四是强带动，扩大影响。与兄弟单位结对共建，定期开展观摩交流，把好的做法整理成工作法在更大范围推广，"
            "实现“建成一个、带动一片”。",
            f"建设期内，党员在{unit.field}领域承担重点任务的比例由建设前的约四成提高到七成以上，"
            "师生满意度测评“很好”“较好”比例超过九成。\n"
            f"“{brand}”专栏累计发布原创内容60余篇，阅读量超过10万人次；形成工作法1项、典型案例1篇、制度文件6项，"
            "相关经验在学校党建工作会议上作交流发言，被校内外媒体报道5次。\n"
            "支部（党组织）凝聚力和战斗力明显增强，先后有3个兄弟单位借鉴相关做法开展工作。",
            "一是党建工作只有与中心工作同向发力，才能激发内生动力，避免“两张皮”。\n"
            "二是抓住一个有效载体持续用力，久久为功，才能形成有影响力的品牌。\n"
            "三是注重总结提炼和宣传推广，把实践经验转化为制度成果，才能由点及面发挥示范引领作用。")


def results_rows(unit, items) -> list[tuple]:
    """Return one 建设成果 row per item of the scheme's checklist."""
    brand = unit.brand.strip("“”")
    names = {
        "典型经验": f"“{brand}”工作法", "新媒体平台": f"“{brand}”微信公众号专栏",
        "微视频": f"微视频《{brand}》", "成果汇编": f"《{brand}建设成果汇编》",
        "高质量的党建工作体系": f"{unit.practice}制度汇编",
        "优秀基层党建工作法、典型案例": f"“{brand}”工作法",
        "师生思想政治工作品牌、育人载体": f"“{brand}”育人品牌",
        "有较大影响力的宣传平台、网络阵地": f"“{brand}”微信公众号专栏",
        "高水平研究论文、专著": f"论文《以{unit.practice}提升组织力的实践探索》",
        "经验推广示范、辐射带动成效": "校内外经验交流会",
    }
    return [(unit.id, item.name, names[item.name], dt.date(2026, 4 + i % 6, 15),
             f"https://dj.jcut.edu.cn/{unit.id.lower()}/{i + 1}", "") for i, item in enumerate(items)]


def survey_rows(unit, index: int) -> list[tuple]:
    rows = []
    for number, item in enumerate(SURVEY_ITEMS):
        good = 30 + (index * 7 + number * 3) % 20
        fine = 8 + (index + number) % 6
        counts = (good, fine, 2 + number % 2, 0, 0, 1 + (index + number) % 3)
        rows.append((unit.id, item, *counts, sum(counts)))
    return rows
