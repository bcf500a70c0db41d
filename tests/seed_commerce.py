"""Seed 04 built as govplan objects: the commerce bureau's 2011 discipline-inspection summary."""

from __future__ import annotations

import govplan as g

BUREAU = "lx-commerce"
Q = g.parse_quantity

ORGANISATIONS = (
    g.Organisation(id="louxing", name="娄星区", category="区"),
    g.Organisation(id=BUREAU, name="娄星区商务局", parent_id="louxing", category="局"),
    g.Organisation(id="party-group", name="局党组", parent_id=BUREAU, category="党组"),
    g.Organisation(id="discipline-group", name="局纪检组", parent_id=BUREAU, category="纪检组"),
    g.Organisation(id="bureau-office", name="局办公室", parent_id=BUREAU, category="科室"),
    g.Organisation(id="market-centre", name="市场服务中心", parent_id=BUREAU, category="二级机构"),
    g.Organisation(id="explosives-centre", name="民爆物品管理中心", parent_id=BUREAU, category="二级机构"),
    g.Organisation(id="district-discipline", name="区纪委", parent_id="louxing", category="纪委"),
    g.Organisation(id="district-integrity", name="区廉政室", parent_id="louxing", category="科室"),
)  # fmt: skip
PEOPLE = (
    g.Person(id="luo-shenghui", name="罗盛辉", title="局党组书记", organisation_id=BUREAU),
    g.Person(id="xie-yanhong", name="谢艳红", title="局纪检组长", organisation_id=BUREAU),
)
CODE = g.SourceDocument(title="《廉政准则》", issuer="中共中央")
CODE_FULL = g.SourceDocument(title="《中国共产党党员领导干部廉洁从政若干准则》", issuer="中共中央")
RESPONSIBILITY = g.SourceDocument(title="《关于实行党风廉政建设责任制的规定》", issuer="中共中央")
YEAR = g.Period.year(2011)


def _item(number: str, articles: tuple[str, ...], text: str) -> g.ChecklistItem:
    return g.ChecklistItem(
        id=f"check-{number}",
        text=text,
        articles=articles,
        result=g.InspectionResult.NOTHING_FOUND,
    )


INSPECTIONS = (
    g.Inspection(
        id="year-end-supervision",
        kind=g.InspectionKind.SUPERVISION,
        title="督查局下属二级机构落实党风廉政建设责任制情况",
        date=g.parse_date("2011-11-28"),
        leads=("luo-shenghui", "xie-yanhong"),
        inspecting_units=(BUREAU,),
        inspected_units=("market-centre", "explosives-centre"),
        basis=(RESPONSIBILITY, CODE),
        focus=(
            "贯彻落实中央《关于实行党风廉政建设责任制的规定》的情况",
            "贯彻落实《廉政准则》情况",
            "以“两大体系”建设为重点的惩防体系建设推进落实情况",
        ),
        methods=("听取汇报", "查阅台账"),
        result=g.InspectionResult.NOT_STATED,
        note="就有关问题与两部门班子成员交换了意见；年终总体督查考核，平时不定期检查各项制度的落实情况",
    ),
    g.Inspection(
        id="code-self-inspection",
        kind=g.InspectionKind.SELF_INSPECTION,
        title="对照《廉政准则》“八条禁止”和“52个不准”逐条对照、深入剖析、自查自纠",
        period=YEAR,
        inspected_units=(BUREAU,),
        basis=(CODE,),
        focus=("系统副科以上干部",),
        methods=("逐条对照检查", "自查自纠"),
        checklist=(
            _item("1", ("第一条", "第三条"), "是否有“利用职权和职务影响，谋取不正当利益的问题”"),
            _item("2", ("第二条",), "是否有“私自从事营利性活动的问题”"),
            _item("3", ("第四条",), "是否有“违反规定选拔任用干部的行为”"),
            _item("4", ("第五条",), "是否有“利用职权和职务影响，为亲属和身边工作人员谋利的行为”"),
            _item("5", ("第六条", "第八条"), "是否存在“作风方面的突出问题”"),
            _item("6", ("第七条",), "是否有“违反规定干预和插手市场经济活动，谋取私利的行为”"),
        ),
        result=g.InspectionResult.NOTHING_FOUND,
        note="“八条禁止”和“52个不准”；通过自查自纠，我局未发现任何违法乱纪事件",
    ),
    g.Inspection(
        id="code-covert-checks",
        kind=g.InspectionKind.COVERT,
        title="对学习贯彻《廉政准则》的指导检查（定期与不定期、明察与暗访相结合）",
        period=YEAR,
        inspecting_units=("party-group", "discipline-group"),
        inspected_units=(BUREAU,),
        basis=(CODE,),
        methods=("定期检查", "不定期检查", "明察", "暗访"),
        result=g.InspectionResult.NOT_STATED,
        note="掌握学习进展情况和贯彻落实工作中的问题，及时解决落实过程中存在的问题",
    ),
    g.Inspection(
        id="official-cars",
        kind=g.InspectionKind.CAMPAIGN,
        title="公务用车专项治理",
        period=YEAR,
        inspecting_units=(BUREAU,),
        inspected_units=(BUREAU,),
        basis=(g.SourceDocument(title="《地方党政机关公务用车问题专项治理报表》"),),
        focus=("局机关及局属事业单位所有车辆",),
        methods=("自查", "填报《地方党政机关公务用车问题专项治理报表》"),
        result=g.InspectionResult.NOTHING_FOUND,
        note="没有发现违反规定购买、使用公务用车行为；进一步健全了《车辆管理制度》、《车辆驾驶员管理制度》",
    ),
    g.Inspection(
        id="slush-funds-follow-up",
        kind=g.InspectionKind.FOLLOW_UP,
        title="“小金库”专项治理“回头看”检查",
        period=YEAR,
        inspecting_units=("bureau-office",),
        inspected_units=(BUREAU,),
        basis=(g.SourceDocument(title="《“小金库”全面复查统计表》"),),
        focus=("局机关及局属事业单位",),
        methods=("动员部署", "全面复查", "填报《“小金库”全面复查统计表》"),
        result=g.InspectionResult.NOTHING_FOUND,
        note="根据区委继续深化“小金库”专项治理的安排部署，由局办公室牵头；没有发现任何违规违纪行为",
    ),
    g.Inspection(
        id="festival-rules",
        kind=g.InspectionKind.CHECK,
        title="元旦、春节期间廉政建设有关规定执行情况监督检查",
        period=g.Period.quarter(2011, 1),
        inspecting_units=(BUREAU,),
        inspected_units=(BUREAU,),
        basis=(g.SourceDocument(title="区纪委关于加强元旦、春节期间党风廉政建设工作有关要求", issuer="区纪委"),),
        focus=(
            "以各种名义接受管理和服务对象以及其他与行使职权有关系的单位或者个人的礼金和各种有价证券、支付凭证",
            "婚丧嫁娶大操大办",
            "参与赌博",
            "公车私用",
            "“节日病”",
        ),
        methods=("监督检查", "向区廉政室报告治理节日病统计报表和各种汇报材料"),
        result=g.InspectionResult.NOTHING_FOUND,
        note="“元旦、春节期间”：来源未给出具体日期，按2011年第一季度记",
    ),
    g.Inspection(
        id="risk-points",
        kind=g.InspectionKind.CAMPAIGN,
        title="风险节点大排查",
        period=YEAR,
        inspecting_units=(BUREAU,),
        inspected_units=(BUREAU,),
        focus=("防止业务部门工作人员利用职务之便，索拿卡要",),
        methods=("风险节点排查",),
        result=g.InspectionResult.NOT_STATED,
        note="重新完善制度，做了针对性预防",
    ),
)  # fmt: skip

PLEDGES = (
    g.Pledge(
        id="integrity-responsibility-2011",
        title="党风廉政建设责任制",
        period=YEAR,
        issuer=BUREAU,
        signatories=("market-centre", "explosives-centre"),
        stated_when="年初",
        basis=(g.SourceDocument(title="党风廉政建设责任制分解文件", number="娄星商党发[2011]7号", issuer="局党组"),),
        commitments=("一把手负总责、各党组成员分工负责", "谁主管、谁负责", "一岗双责"),
    ),
)  # fmt: skip

# The report is dated 2011-12-19: the study it can speak for runs from New Year to
# that day (50 Fridays), less the Fridays inside the State Council's 2011 public
# holidays (春节 2月2日至8日, 国庆节 10月1日至7日): 48 sessions due.
HOLIDAY_FRIDAYS = (g.parse_date("2011-02-04"), g.parse_date("2011-10-07"))
WEEKLY_STUDY = g.RecurringActivity(
    id="friday-study",
    title="机关干部政治学习",
    recurrence=g.Recurrence(
        frequency=g.Frequency.WEEKLY, weekday=g.Weekday.FRIDAY, except_dates=HOLIDAY_FRIDAYS
    ),
    period=g.Period.between(g.parse_date("2011-01-01"), g.parse_date("2011-12-19")),
    organiser=BUREAU,
    participants="机关干部",
    content="重点传达上级有关文件精神和廉政最新动态",
)

INDICATORS = (
    g.Indicator(id="code-lessons", name="党组书记围绕《廉政准则》上党课", unit=g.parse_unit("堂")),
    g.Indicator(id="projects-visited", name="走访当地企业、重点工程项目", unit=g.parse_unit("个")),
)
OBSERVATIONS = (
    g.Observation(
        id="code-lessons-2011", indicator_id="code-lessons", value=Q("三堂课"), period=YEAR,
        source="二、二是：罗书记就上了三堂课进行阐述和解读",
    ),
    g.Observation(
        id="projects-visited-2011", indicator_id="projects-visited", value=Q("十几个"),
        period=g.Period.month(2011, 7), source="八、三是：集中整治“三强”专项行动",
    ),
)  # fmt: skip

ACHIEVEMENTS = (
    "局党组在年初以娄星商党发[2011]7号文件的形式对党风廉政建设责任制进行分解",
    "二是由党组书记上党课；三是印发《廉政准则》等小册子，发给每位党组成员和其他区管干部进行自学",
    "四是上廉政警示课；五是定期召开民主生活会，9月3日局党组召集班子成员和所有区管副科级干部对照《准则》查找不足",
    "设立廉政警示牌、制作廉政宣传栏、局域网上发文、组织观看廉政教育影片",
    "深入推进党务、政务公开，老百姓办事“门难进、脸难看”的现象基本消失",
    "确立了“商务工作为人民”的宗旨，突出抓好“为民服务创先争优”活动",
    "修订细化内部管理制度，完善创新内控制度，增订新的规章制度，限制自由裁量权",
    "落实“三重一大”制度做到“四个到位”：思想认识到位、制度实施到位、领导带头到位、监督约束到位",
    "清理收费项目，精简涉企检查：目前所余仅成品油年检、再生资源备案等几项工作",
    "今年七月被抽调参与娄星区集中整治“三强”、严肃责任追究专项行动，走访当地企业、重点工程项目十几个",
)
PROBLEMS = (
    "政务公开与党务公开工作对政务公开工作的认识还有一定的距离，还没有真正解决要我公开和我要公开的关系，"
    "公开的深度和广度还不够",
    "反腐倡廉工作“六个机制”的若干规定理解认识还不够深入，还必须在实际工作上不断总结、提高",
)


def report_2011() -> g.Report:
    """The 2011 discipline-inspection work summary, with nothing of its facts lost."""
    return g.Report(
        id="lx-commerce-2011-discipline",
        title="娄星区商务局2011年纪检监察工作总结",
        period=YEAR,
        issuer=BUREAU,
        organisations=ORGANISATIONS,
        people=PEOPLE,
        indicators=INDICATORS,
        observations=OBSERVATIONS,
        achievements=ACHIEVEMENTS,
        problems=PROBLEMS,
        next_steps=(
            "以党的十七大精神为指针，加强学习，扎实工作，努力使我局的纪检检察工作迈上新台阶",
        ),
        inspections=INSPECTIONS,
        pledges=PLEDGES,
        activities=(WEEKLY_STUDY,),
        issued_on=g.parse_date("2011-12-19"),
        source="seeds/04-commerce-bureau-2011-discipline-inspection-summary.txt; "
        f"其他依据：{CODE_FULL.title}",
    )
