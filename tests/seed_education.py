"""Seed 02 built as govplan objects: the education bureau's 2010 summary and 2011 plan.

Every figure of the 2010 summary is an observation (the table is in
``seed_education_figures``, with the section each comes from as its source); the
report's sums, rates and changes are claims, its quota a target with a completion
claim, its "高于全市平均水平" and "居省、市前茅" standing claims.  Every numeric target
of the 2011 plan is a target, its 确保 commitments without a figure are qualitative
targets, and its named projects and the 督查方案 are measures.  The worked example's
YAML files are written from these objects (``python -m tests.seed_examples``).
"""

from __future__ import annotations

import govplan as g

from .seed_education_figures import (
    BREAKDOWNS,
    LOWER_IS_BETTER,
    NOTES,
    OBSERVED,
    SCOPES,
)

BUREAU = "lx-edu"
CITY = "loudi"
PROVINCE = "hunan"

ORGANISATIONS = (
    g.Organisation(id="louxing", name="娄星区", category="区"),
    g.Organisation(id=CITY, name="娄底市", category="市"),
    g.Organisation(id=PROVINCE, name="湖南省", category="省"),
    g.Organisation(id=BUREAU, name="娄星区教育局", parent_id="louxing", category="局"),
    g.Organisation(id="no2-middle", name="二中", parent_id=BUREAU, category="学校"),
    g.Organisation(id="no3-middle", name="三中", parent_id=BUREAU, category="学校"),
    g.Organisation(id="no4-middle", name="四中", parent_id=BUREAU, category="学校"),
    g.Organisation(id="wanbao-adult", name="万宝成校", parent_id=BUREAU, category="成校"),
    g.Organisation(id="shuangjiang-adult", name="双江成校", parent_id=BUREAU, category="成校"),
    g.Organisation(id="no8-middle", name="八中", parent_id=BUREAU, category="学校"),
    g.Organisation(id="dake-primary", name="大科中心小学", parent_id=BUREAU, category="学校"),
    g.Organisation(id="xianfeng-school", name="先锋学校", parent_id=BUREAU, category="学校"),
    g.Organisation(id="huada-school", name="华达学校", parent_id=BUREAU, category="学校"),
    g.Organisation(id="bixi-school", name="碧溪学校", parent_id=BUREAU, category="学校"),
    g.Organisation(
        id="district-kindergarten", name="区直机关幼儿园", parent_id=BUREAU, category="幼儿园"
    ),
)
PEOPLE = (
    g.Person(id="peng-jianliang", name="彭建良", title="局长", organisation_id=BUREAU),
    g.Person(id="tong-xiyang", name="童喜阳", title="党委书记", organisation_id=BUREAU),
    g.Person(id="deng-guangan", name="邓光安", title="纪委书记", organisation_id=BUREAU),
    g.Person(id="huang-dan", name="黄丹", title="学生", organisation_id="no2-middle"),
    g.Person(id="wang-qi", name="王琪", title="学生", organisation_id="no3-middle"),
    g.Person(id="li-lingyun", name="李凌云", title="学生", organisation_id="no3-middle"),
)


def _indicators() -> tuple[g.Indicator, ...]:
    found: dict[str, g.Indicator] = {}
    for _, indicator_id, name, stated, _, _ in OBSERVED:
        if indicator_id not in found:
            found[indicator_id] = g.Indicator(
                id=indicator_id,
                name=name,
                unit=g.parse_quantity(stated).unit,
                direction="lower" if indicator_id in LOWER_IS_BETTER else "higher",
            )
    found["undergrad-rate"] = g.Indicator(
        id="undergrad-rate",
        name="本科上线率",
        unit=g.PERCENT,
        formula=g.RateFormula(
            numerator_id="undergrad-admitted", denominator_id="gaokao-candidates"
        ),
    )
    return tuple(found.values())


def _observation(
    obs_id: str, indicator_id: str, stated: str, period: str, source: str
) -> g.Observation:
    numerator = denominator = None
    if obs_id == "undergrad-rate":
        numerator, denominator = g.parse_quantity("1718人"), g.parse_quantity("3397人")
    return g.Observation(
        id=obs_id,
        indicator_id=indicator_id,
        value=g.parse_quantity(stated),
        period=g.parse_period(period),
        scope=SCOPES.get(obs_id),
        breakdown=BREAKDOWNS.get(obs_id, {}),
        numerator=numerator,
        denominator=denominator,
        change_from=g.Period.year(2009) if obs_id == "undergrad-rate-change" else None,
        source=source,
        note=NOTES.get(obs_id),
    )


CLAIMS: tuple[g.Claim, ...] = (
    g.SumClaim(id="admitted-by-tier", total="undergrad-admitted",
               parts=("tier1-admitted", "tier2-admitted", "tier3-admitted")),
    g.RateClaim(id="undergrad-rate-of-candidates", rate="undergrad-rate",
                numerator="undergrad-admitted", denominator="gaokao-candidates"),
    g.ChangeClaim(id="undergrad-rate-vs-2009", change="undergrad-rate-change",
                  current="undergrad-rate"),
    g.SumClaim(id="fee-exempt-by-area", total="fee-exempt",
               parts=("fee-exempt-urban", "fee-exempt-rural")),
    g.SumClaim(id="school-funds-sum", total="school-funds-total",
               parts=("rural-public-funds", "urban-fees")),
    g.SumClaim(id="proposals-sum", total="proposals-total",
               parts=("npc-suggestions", "cppcc-proposals")),
    g.SumClaim(id="key-proposals-within", total="proposals-total", parts=("key-proposals",),
               exhaustive=False),
    g.SumClaim(id="investment-sum", total="investment-total",
               parts=("investment-liuyi", "investment-xiaoboshi")),
    g.SumClaim(id="graduates-placed-within", total="graduates-hired",
               parts=("graduates-to-qualified",), exhaustive=False),
    g.SumClaim(id="private-kindergartens-within", total="kindergartens",
               parts=("private-kindergartens",), exhaustive=False),
    g.SumClaim(id="moved-within-sanctioned", total="teachers-sanctioned",
               parts=("teachers-moved",), exhaustive=False),
    g.SumClaim(id="prize-essays-within-sent", total="essays-sent",
               parts=("first-prize-primary", "first-prize-junior", "first-prize-senior",
                      "second-prize-primary", "second-prize-junior", "second-prize-senior"),
               exhaustive=False),
)  # fmt: skip


IRREGULAR_SCHOOLING = g.SourceDocument(
    title="《关于对教师中不规范办学行为进行专项整治的紧急通知》", number="娄星教发„2009‟30号"
)

INSPECTIONS_2010 = (
    g.Inspection(
        id="teacher-ethics-campaign",
        kind=g.InspectionKind.CAMPAIGN,
        title="在职教师从事有偿家教和私自办班补课等违规行为专项治理（明查暗访）",
        period=g.Period.year(2010),
        inspecting_units=(BUREAU,),
        methods=("明查暗访",),
        focus=("在职教师从事有偿家教和私自办班补课等违规行为",),
        result=g.InspectionResult.FINDINGS,
        findings=(
            g.Finding(
                id="teachers-violations",
                description="教师从事有偿家教和私自办班补课等违规行为",
                count=g.parse_quantity("11名"),
                sanctions=(
                    g.Sanction(action="取消考核被定为“合格”及以上等次的资格"),
                    g.Sanction(action="责令清退全部费用"),
                    g.Sanction(action="在全区进行通报批评"),
                    g.Sanction(action="调离城区学校", count=g.parse_quantity("1人")),
                ),
            ),
        ),
        rectifications=(
            g.Rectification(
                id="fees-returned",
                finding_id="teachers-violations",
                action="责令他们清退了全部费用",
                status="done",
            ),
        ),
        note="专门成立师德师风领导小组和工作小组到各学校明查暗访",
    ),
    g.Inspection(
        id="kindergarten-safety-check",
        kind=g.InspectionKind.CHECK,
        title="联合交警、安监、疾控中心等部门对全区幼儿园进行校车安全隐患排查和食品卫生等专项检查",
        period=g.Period.year(2010),
        inspecting_units=(BUREAU,),
        focus=("校车安全隐患", "食品卫生"),
        result=g.InspectionResult.FINDINGS,
        findings=(
            g.Finding(id="poor-kindergartens", description="办园条件差、办园水平低的幼儿园"),
        ),
        rectifications=(
            g.Rectification(
                id="kindergarten-rectification",
                finding_id="poor-kindergartens",
                action="对办园条件差、办园水平低的幼儿园提出了整改要求",
                status="in_progress",
            ),
        ),
        note="11月初到12月底，又由政府办、教育、监察等部门组成整治领导小组对全区所有的幼儿园进行了一次集中规范整治",
    ),
    g.Inspection(
        id="school-surroundings-campaign",
        kind=g.InspectionKind.CAMPAIGN,
        title="配合区综治委开展学校及周边环境综合治理集中行动",
        period=g.Period.year(2010),
        result=g.InspectionResult.FINDINGS,
        findings=(
            g.Finding(id="hazards-found-2010", description="排查安全隐患", count=g.parse_quantity("200多个")),
        ),
        rectifications=(
            # 48 校内 hazards were dealt with out of the 200多 found: the rest is not
            # said to be done, so the rectification as a whole is in progress.
            g.Rectification(
                id="hazards-fixed-2010",
                finding_id="hazards-found-2010",
                action="整治校内安全隐患48处",
                status="in_progress",
                count=g.parse_quantity("48处"),
            ),
        ),
        note="集中行动5次；协调处理矛盾15起，处置各类事件苗头5起，全年没有发生一起安全事故",
    ),
    g.Inspection(
        id="irregular-schooling-self-check",
        kind=g.InspectionKind.SELF_INSPECTION,
        title="各学校对不规范办学行为先进行自查自纠",
        period=g.Period.year(2010),
        inspected_units=(BUREAU,),
        basis=(IRREGULAR_SCHOOLING,),
        methods=("自查自纠",),
        result=g.InspectionResult.NOT_STATED,
        note="教育局敦促各学校先进行自查自纠；来源未说明自查结果",
    ),
    g.Inspection(
        id="irregular-schooling-covert",
        kind=g.InspectionKind.COVERT,
        title="教育局组织进行的一个多月的明查暗访（不规范办学行为）",
        period=g.Period.year(2010),
        inspecting_units=(BUREAU,),
        basis=(IRREGULAR_SCHOOLING,),
        methods=("明查暗访",),
        result=g.InspectionResult.FINDINGS,
        findings=(
            g.Finding(
                id="irregular-schooling-found",
                description="不规范办学行为（违规办班、家教家养等），掌握了相关证据",
                sanctions=(g.Sanction(action="对相关单位和责任人进行了严肃的批评处理"),),
            ),
        ),
        rectifications=(
            g.Rectification(
                id="irregular-schooling-curbed",
                finding_id="irregular-schooling-found",
                action="违规办班、家教家养等现象得到有效整治",
                status="done",
            ),
        ),
        note="一个多月：来源未给出起止日期，按2010年记",
    ),
    g.Inspection(
        id="slush-fund-audit-2010",
        kind=g.InspectionKind.AUDIT,
        title="学校审计：重点审计学校私设“小金库”问题",
        period=g.Period.year(2010),
        inspecting_units=(BUREAU,),
        result=g.InspectionResult.NOT_STATED,
    ),
)  # fmt: skip


_QUOTA = "上级下达给我局的招商引资任务为60万美元或400万人民币"

# The quota is a target set for 2010, not money attracted: it is a target of the
# report, and the report's "圆满完成" is a completion claim on it.
REPORT_TARGETS = (
    g.Target(
        id="investment-quota-2010",
        indicator_id="investment-attracted",
        comparator=g.Comparator.AT_LEAST,
        value=g.parse_quantity("400万元"),
        alternatives=(g.parse_quantity("60万美元"),),
        period=g.Period.year(2010),
        stated=_QUOTA,
    ),
)
COMPLETION_CLAIMS = (
    g.CompletionClaim(
        id="investment-quota-completed",
        stated="全年总计引资500余万元，圆满完成了今年的招引任务",
        result="investment-total",
        target="investment-quota-2010",
    ),
)
STANDING_CLAIMS = (
    g.StandingClaim(
        id="senior-exam-pass-above-city",
        stated="高中毕业会考一次合格率为92.27%，高于全市平均水平",
        about="高中毕业会考一次合格率",
        standing=g.Standing.ABOVE,
        reference_scopes=(CITY,),
        observation="senior-exam-pass",
    ),
    g.StandingClaim(
        id="gaokao-leading",
        stated="高考各项指标连续多年均居省、市前茅",
        about="高考各项指标",
        standing=g.Standing.LEADING,
        reference_scopes=(PROVINCE, CITY),
        since="连续多年",
    ),
)
FAMILY_PLANNING_PLEDGE = g.Pledge(
    id="family-planning-2010",
    title="人口与计划生育工作目标管理责任书",
    period=g.Period.year(2010),
    issuer=BUREAU,
    basis=(
        g.SourceDocument(title="《娄星区教育局关于人口与计划生育工作实行综合治理的方案》", issuer="娄星区教育局"),
        g.SourceDocument(title="《娄星区教育局关于人口与计划生育工作进行目标管理考核办法》", issuer="娄星区教育局"),
    ),
    commitments=("严格执行计生工作“一票否决”制度", "加大了宣传力度", "妇癌保险、妇科普查落实到位"),
    veto=True,
)  # fmt: skip


def report_2010() -> g.Report:
    """The 2010 work summary, with every figure of its §一 and §二."""
    return g.Report(
        id="lx-edu-2010-summary",
        title="娄星区教育局2010工作总结",
        period=g.Period.year(2010),
        issuer=BUREAU,
        organisations=ORGANISATIONS,
        people=PEOPLE,
        indicators=_indicators(),
        observations=tuple(
            _observation(obs_id, ind, stated, period, source)
            for obs_id, ind, _, stated, period, source in OBSERVED
        ),
        achievements=(
            "二中的黄丹以709分夺得全省理科第二名，并和三中的王琪一起被清华大学录取，"
            "三中的李凌云被北京大学录取",
            "万宝成校和双江成校今年5月顺利通过省级重点建设项目验收",
            "4所合格学校11月底已通过省、市的评估验收",
            "我局退协获优秀组织奖，关工委连续第五年获全国优秀组织奖",
            "二中获全市中学生篮球冠军，全省中学生篮球比赛进入八强",
            "二小和四小受到总课题组的表彰",
            "推普：开展了教师“三笔一话”基本功比赛，学生“百灵鸟”、“啄木鸟”纠错队纠错比赛，"
            "“普通话推广周”（九月第三周）等活动",
            "人口与计划生育：签订了“人口与计划生育工作目标管理责任书”，严格执行计生工作“一票否决”制度；"
            "妇癌保险、妇科普查落实到位",
        ),
        problems=(
            "教育负债重：全区学校负债目前尚有6000多万元",
            "教育发展不够均衡：城乡之间、城区内部学校之间办学条件和水平存在较大差距",
            "教育布局不尽合理：中心城区上学难、大班额问题比较突出",
            "师资队伍建设有待加强：城区尚缺教师300多人，农村音体美计算机专业教师短缺，"
            "教师年龄严重老化",
            "违规招生、乱办班补课、违规收费等现象还偶有发生",
        ),
        claims=CLAIMS,
        inspections=INSPECTIONS_2010,
        pledges=(FAMILY_PLANNING_PLEDGE,),
        source="seeds/02-education-bureau-2010-summary-and-2011-plan.txt",
        targets=REPORT_TARGETS,
        standing_claims=STANDING_CLAIMS,
        completion_claims=COMPLETION_CLAIMS,
    )


def _target(
    target_id: str,
    indicator_id: str,
    comparator: str,
    value: str | None,
    *,
    period: str = "2011",
    commitment: str = "plain",
    stated: str,
    **extra: object,
) -> g.Target:
    return g.Target(
        id=target_id,
        indicator_id=indicator_id,
        comparator=g.Comparator(comparator),
        value=None if value is None else g.parse_quantity(value),
        period=g.parse_period(period),
        commitment=g.Commitment(commitment),
        stated=stated,
        **extra,  # type: ignore[arg-type]
    )


PLAN_INDICATORS = (
    g.Indicator(id="primary-enrolment", name="小学生入学率", unit=g.PERCENT),
    g.Indicator(id="primary-retention", name="小学生巩固率", unit=g.PERCENT),
    g.Indicator(id="junior-dropout", name="初中生辍学率", unit=g.PERCENT, direction="lower"),
    g.Indicator(id="qualified-schools", name="省级义务教育合格学校", unit=g.parse_unit("所"),
                direction="neither"),
    g.Indicator(id="preschool-1y", name="学前一年幼儿入园率", unit=g.PERCENT),
    g.Indicator(id="preschool-3y", name="学前三年幼儿入园率", unit=g.PERCENT),
    g.Indicator(id="provincial-model-kindergartens", name="省级实事项目园", unit=g.parse_unit("所")),
    g.Indicator(id="township-model-kindergarten-share",
                name="办成示范性乡(镇)中心幼儿园的乡(镇)比例", unit=g.PERCENT),
    g.Indicator(id="junior-to-senior", name="初中毕业生升入高中阶段学校比率", unit=g.PERCENT),
    g.Indicator(id="non-puji-debt-resolved", name="非普九债务化解额", unit=g.parse_unit("万元")),
    g.Indicator(id="poverty-dropouts", name="因贫困失学的义务教育阶段学生", unit=g.parse_unit("人"),
                direction="lower"),
    g.Indicator(id="illegal-petitions", name="非法上访案件", unit=g.parse_unit("起"), direction="lower"),
    g.Indicator(id="primary-teacher-college", name="小学教师专科学历比例", unit=g.PERCENT),
    g.Indicator(id="junior-teacher-degree", name="初中教师本科学历比例", unit=g.PERCENT),
    g.Indicator(id="senior-teacher-degree", name="高中教师本科学历比例", unit=g.PERCENT),
)  # fmt: skip

# "到2011年秋季": an enrolment rate (入园率) is counted at the autumn intake, when the
# autumn term opens on 1 September; the month of September is allowed for late
# registration, so the targets are measured over September 2011 and fall due on
# 30 September 2011 (not at the end of the autumn term, 31 January 2012).
AUTUMN_INTAKE = "2011-09"
BY_AUTUMN = g.Deadline(due=g.parse_date("2011-09-30"), stated="到2011年秋季")

TARGETS: dict[str, tuple[g.Target, ...]] = {
    "g04": (
        _target("primary-enrolment-100", "primary-enrolment", "at_least", "100%",
                commitment="ensure", stated="千方百计确保小学生入学率和巩固率100%"),
        _target("primary-retention-100", "primary-retention", "at_least", "100%",
                commitment="ensure", stated="千方百计确保小学生入学率和巩固率100%"),
        _target("junior-dropout-1", "junior-dropout", "at_most", "1%", commitment="ensure",
                stated="初中生辍学率控制在1%以内"),
        _target("qualified-schools-4", "qualified-schools", "at_least", "4所", cumulative=True,
                stated="建设4所省级义务教育合格学校"),
    ),
    "g05": (
        _target("preschool-1y-96", "preschool-1y", "at_least", "96%", period=AUTUMN_INTAKE,
                deadline=BY_AUTUMN, stated="到2011年秋季，全区学前一年幼儿入园率达到96%"),
        _target("preschool-3y-72", "preschool-3y", "at_least", "72%", period=AUTUMN_INTAKE,
                deadline=BY_AUTUMN, stated="全区学前三年幼儿入园率达到72%以上"),
        _target("model-kindergarten-1", "provincial-model-kindergartens", "at_least", "1所",
                cumulative=True, stated="2011年建一所省级实事项目园"),
        _target("township-kindergartens-50", "township-model-kindergarten-share", "at_least",
                "50%", commitment="strive",
                deadline=g.parse_deadline("2012年以前", year=2011),
                stated="争取2012年以前50%的乡(镇)办成一所示范性乡(镇)中心幼儿园"),
    ),
    "g06": (
        _target("junior-to-senior-95", "junior-to-senior", "at_least", "95%", commitment="strive",
                stated="力争初中毕业生升入高中阶段学校就读学生达到95%以上"),
    ),
    "g15": (
        _target("non-puji-debt-1936", "non-puji-debt-resolved", "at_least", "1936万元",
                cumulative=True, deadline=g.parse_deadline("11月底", year=2011),
                stated="全面完成我区义务教育非“普九”债务1936万元的化解工作，迎接省11月底的检查验收"),
        _target("qualified-schools-4-again", "qualified-schools", "at_least", "4所",
                cumulative=True, stated="今年重点建设4所合格学校"),
    ),
    "g16": (
        _target("no-poverty-dropouts", "poverty-dropouts", "zero", None, commitment="ensure",
                stated="确保义务教育阶段的学生不因贫困而失学"),
    ),
    "g19": (
        _target("no-illegal-petitions", "illegal-petitions", "zero", None, commitment="strive",
                stated="力争全年不发生非法上访案件"),
    ),
    "g22": (
        _target("primary-teacher-college-90", "primary-teacher-college", "at_least", "90%",
                commitment="strive", stated="力争实现小学教师专科学历比例达90%"),
        _target("junior-teacher-degree-65", "junior-teacher-degree", "at_least", "65%",
                commitment="strive", stated="初中和高中教师本科学历比例分别达65%和90%以上"),
        _target("senior-teacher-degree-90", "senior-teacher-degree", "at_least", "90%",
                commitment="strive", stated="初中和高中教师本科学历比例分别达65%和90%以上"),
    ),
}  # fmt: skip

SECTIONS: tuple[tuple[str, str, tuple[tuple[int, str], ...]], ...] = (
    ("s1", "重理念，抓创新，努力提升全区教育工作水平", (
        (1, "进一步深入学习实践科学发展观"), (2, "牢固树立科学的教育发展观"),
        (3, "落实“教育强区”各项工作"))),
    ("s2", "重均衡，抓基础，努力推进全区教育协调发展", (
        (4, "巩固提高“普九”成果"), (5, "积极发展学前教育"), (6, "稳步发展高中阶段教育"),
        (7, "大力发展成人教育"))),
    ("s3", "重质量，抓全面，努力推进素质教育实施", (
        (8, "提高学校管理效益"), (9, "增强德育工作实效"),
        (10, "高度重视教研教改工作，扎实开展课程改革"), (11, "大力推进评价机制和招生制度改革"),
        (12, "切实加快推进教育技术现代化"), (13, "重视体卫艺工作"), (14, "推进示范创优工作"))),
    ("s4", "重民生，抓帮扶，努力解决群众热点问题", (
        (15, "加强教育基础设施建设"), (16, "认真落实政府各项惠民政策"),
        (17, "切实做好各项帮扶工作"), (18, "规范学校财务管理"),
        (19, "深入开展创建安全、文明、和谐校园活动"))),
    ("s5", "重师德，抓提高，努力增强教师队伍活力", (
        (20, "纵深推进师德建设"), (21, "继续深化人事改革"), (22, "优化师资队伍管理"))),
    ("s6", "重监督，抓作风，努力树立教育良好形象", (
        (23, "强化领导班子建设"), (24, "切实抓好教育系统党的建设、群团建设及党风廉政建设"),
        (25, "狠抓人口与计生工作"), (26, "推进民主管理进程"), (27, "加强机关效能建设"),
        (28, "加强教育宣传工作"))),
)  # fmt: skip

STRONG_DISTRICT_PLAN = "《娄星区2010—2013年建设教育强区工作督查方案》"

MEASURES = {
    "g03": (
        g.Measure(id="strong-district-supervision-plan", action=f"落实{STRONG_DISTRICT_PLAN}",
                  lead=(BUREAU,)),
        g.Measure(id="strong-district-groups", lead=(BUREAU,),
                  action="调整充实“教育强区”督查领导小组和工作小组"),
        g.Measure(id="township-supervision", lead=(BUREAU,),
                  action="对乡镇办事处教育强区工作进行督导评估"),
        g.Measure(id="self-assessment", lead=(BUREAU,),
                  action="扎实开展自评整改工作，完善区、乡(镇)、校各级备查资料，并按要求整理归档"),
        g.Measure(id="provincial-supervision", lead=(BUREAU,),
                  action="迎接省市建设教育强省工作督查"),
    ),
    "g15": (
        g.Measure(id="debt-inspection", action="迎接省11月底的检查验收", lead=(BUREAU,),
                  deadline=g.parse_deadline("11月底", year=2011)),
        g.Measure(id="no8-dake-merger", action="加快八中与大科中心小学整合工作", lead=(BUREAU,),
                  co_responsible=("no8-middle", "dake-primary")),
        g.Measure(id="xianfeng-phase-2", action="加快先锋学校第二期工程建设", lead=(BUREAU,),
                  co_responsible=("xianfeng-school",)),
        g.Measure(id="land-and-expansion", lead=(BUREAU,),
                  action="推进四中、华达学校及碧溪学校征地改扩建等项目建设进度",
                  co_responsible=("no4-middle", "huada-school", "bixi-school")),
    ),
    "g14": (
        g.Measure(id="no3-model-review", action="指导三中做好省级示范高中的评估迎检工作",
                  lead=(BUREAU,), co_responsible=("no3-middle",)),
        g.Measure(id="no4-city-model", action="指导四中做好晋升市示范性高中评估的验收工作",
                  lead=(BUREAU,), co_responsible=("no4-middle",)),
        g.Measure(id="qualified-schools-guidance", lead=(BUREAU,),
                  action="指导4所学校做好省级义务教育合格学校的创建工作",
                  deliverable=g.parse_quantity("4所")),
        g.Measure(id="district-kindergarten-model", lead=(BUREAU,),
                  action="指导区直机关幼儿园做好创省示范性幼儿园的前期工作",
                  co_responsible=("district-kindergarten",)),
    ),
    "g25": (
        g.Measure(id="population-course",
                  action="初中以上学校要开设一定课时的人口与计划生育及生理等基础知识教育课程"),
    ),
}  # fmt: skip


def _qualitative(
    target_id: str, about: str, stated: str, commitment: str = "ensure", **extra: object
) -> g.QualitativeTarget:
    return g.QualitativeTarget(
        id=target_id,
        about=about,
        stated=stated,
        period=g.Period.year(2011),
        commitment=g.Commitment(commitment),
        **extra,  # type: ignore[arg-type]
    )


QUALITATIVE = {
    "g06": (
        _qualitative("keep-leading", "高考和高中学业水平考试在省、市的水平",
                     "继续保持高考和高中学业水平考试在省、市的领先水平", "plain",
                     standing=g.Standing.LEADING, reference_scopes=(PROVINCE, CITY)),
    ),
    "g11": (
        _qualitative("fair-exams", "考试公开、公正、平安",
                     "认真组织好高考、中考、高中学业水平考试、成考、自考、英语等级考试、新教师招聘考试等各项工作，"
                     "确保考试公开、公正、平安"),
    ),
    "g16": (
        _qualitative("migrant-children-enrolment", "外来务工人员子女入学",
                     "确保外来务工人员子女均可享受与所在地青少年同等的入学权利和免费政策"),
    ),
    "g17": (
        _qualitative("vulnerable-students", "弱势学生健康成长",
                     "建立“留守儿童”“残疾儿童”和“困难学生”就学保障机制，确保弱势学生能够健康成长"),
    ),
    "g18": (
        _qualitative("orderly-teaching", "学校教育教学工作有序开展",
                     "建立健全中小学债务台帐管理制度，确保学校教育教学工作有序开展"),
    ),
    "g19": (
        _qualitative("no-drugs-or-cults", "毒品、邪教进入校园", "杜绝毒品、邪教进入校园", "plain"),
    ),
}  # fmt: skip

GUIDING_LINE = (
    "认真贯彻落实党的十七大和十七届五中全会精神，深入学习实践科学发展观，进一步开展“创先争优”活动，"
    "按照区委、区政府的具体部署，紧紧围绕建设教育强区目标，全面落实教育优先发展战略，突出实施素质教育主题，"
    "坚持改革开放、强化管理，推进各类教育科学发展，大力促进教育公平，努力办好人民满意的教育，"
    "为建设人力资源强区、加快富民强区作出积极贡献。"
)


def plan_2011() -> g.Plan:
    """The 2011 work plan (工作要点), with all 28 tasks and every numeric target."""
    sections = tuple(
        g.Section(
            id=section_id,
            title=title,
            goals=tuple(
                g.Goal(
                    id=f"g{number:02d}",
                    number=str(number),
                    title=goal_title,
                    targets=TARGETS.get(f"g{number:02d}", ()),
                    measures=MEASURES.get(f"g{number:02d}", ()),
                    qualitative_targets=QUALITATIVE.get(f"g{number:02d}", ()),
                )
                for number, goal_title in goals
            ),
        )
        for section_id, title, goals in SECTIONS
    )
    return g.Plan(
        id="lx-edu-2011-plan",
        title="娄星区教育局2011年工作要点",
        period=g.Period.year(2011),
        issuer=BUREAU,
        guiding_line=GUIDING_LINE,
        organisations=ORGANISATIONS,
        people=PEOPLE[:3],
        indicators=PLAN_INDICATORS,
        sections=sections,
        source="seeds/02-education-bureau-2010-summary-and-2011-plan.txt",
    )


# Invented 2011 results: NOT from the source document.  They exist to show every
# status the engine can give on the real 2011 targets.
def _invented(obs_id: str, indicator_id: str, value: str | None, period: str) -> g.Observation:
    return g.Observation(
        id=obs_id,
        indicator_id=indicator_id,
        value=None if value is None else g.parse_quantity(value),
        period=g.parse_period(period),
        source="invented for the worked example",
    )


RESULTS_2011_MIDYEAR = (
    _invented("h1-debt", "non-puji-debt-resolved", "600万元", "2011-H1"),
    _invented("h1-schools", "qualified-schools", "3所", "2011-H1"),
    _invented("h1-dropout", "junior-dropout", "1.2%", "2011-H1"),
)
RESULTS_2011 = (
    *RESULTS_2011_MIDYEAR,
    _invented("y-primary-enrolment", "primary-enrolment", "100%", "2011"),
    _invented("y-primary-retention", "primary-retention", "99.9%", "2011"),
    _invented("y-dropout", "junior-dropout", "0.8%", "2011"),
    _invented("y-schools", "qualified-schools", "4所", "2011"),
    _invented("y-preschool-1y", "preschool-1y", "96%", AUTUMN_INTAKE),
    _invented("y-preschool-3y", "preschool-3y", "70多%", AUTUMN_INTAKE),
    _invented("y-model-kindergarten", "provincial-model-kindergartens", "1所", "2011"),
    _invented("y-township-kindergartens", "township-model-kindergarten-share", "40%", "2011"),
    _invented("y-junior-to-senior", "junior-to-senior", "94%", "2011"),
    _invented("y-debt", "non-puji-debt-resolved", "1936万元", "2011"),
    _invented("y-poverty-dropouts", "poverty-dropouts", "0人", "2011"),
    _invented("y-illegal-petitions", "illegal-petitions", None, "2011"),
    _invented("y-primary-college", "primary-teacher-college", "91%", "2011"),
    _invented("y-junior-degree", "junior-teacher-degree", "60%", "2011"),
)
