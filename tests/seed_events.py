"""Seeds 01, 03 and 05 built as govplan objects: two volunteer events and a post's duties."""

from __future__ import annotations

import govplan as g

Q = g.parse_quantity


def training_plan() -> g.VolunteerEvent:
    """Seed 03: 沐阳综合社区服务队宣讲会计划书."""
    organisations = (
        g.Organisation(id="foreign-languages", name="外国语学院", category="学院"),
        g.Organisation(id="physics", name="物理与光电学院", category="学院"),
        g.Organisation(id="ziqiang", name="外国语学院与物理与光电学院自强社", category="社团"),
        g.Organisation(
            id="practice-dept", name="自强社实践部", parent_id="ziqiang", category="部门"
        ),
    )
    people = (
        g.Person(
            id="wang-yonghua",
            name="王永华",
            title="外国语学院英语专业大三优秀学生",
            organisation_id="foreign-languages",
        ),
    )
    team = g.Team(
        id="muyang",
        name="沐阳综合社区服务队",
        organisation_ids=("foreign-languages", "physics"),
        purpose="进入社区进行一系列活动，以达到服务社区、锻炼队员的目的",
    )
    return g.VolunteerEvent(
        id="muyang-briefing-2011",
        kind=g.EventKind.BRIEFING,
        title="沐阳综合社区服务队宣讲会",
        starts_at=g.parse_datetime("2011-03-11T18:00:00+08:00"),
        stated_when="2011年3月11号(星期五)晚上六点",
        stated_weekday=g.Weekday.FRIDAY,
        team_id="muyang",
        purpose=(
            "沐阳综合社区服务队将进入社区进行一系列活动，包括办英语角、开英语晚会、做义务家教，"
            "以达到服务社区、锻炼队员的目的。作为沐阳综合社区服务队的队员，他们需要了解服务队的性质和宗旨，"
            "更需要掌握一些进社区做活动的基本技能，同时，提高英语口语水平也是很有必要的。"
            "据此，沐阳综合社区服务队宣讲会将对大家进行相关方面的培训。"
        ),
        activities=("办英语角", "开英语晚会", "做义务家教"),
        organisers=("ziqiang", "practice-dept"),
        guests=("wang-yonghua",),
        audience="外国语学院与物理与光电学院沐阳综合社区服务队队员",
        location=None,
        location_decided=False,
        preparation=(
            g.PreparationTask(
                id="kick-off",
                action="前期准备：外国语学院与物理与光电学院自强社实践部全体成员开会讨论宣讲会事宜，"
                "并计划在3月11号晚上举办。同时，分配好各自任务。",
                when=g.parse_period("3月4日", year=2011),
                owner="自强社实践部全体成员",
            ),
            g.PreparationTask(
                id="invite-guest",
                action="联系嘉宾：联系外国语学院英语专业大三优秀学生王永华，邀请她在本次宣讲会中给队员们做英语口语培训。",
                when=g.parse_period("3月5日", year=2011),
                owner="实践部",
            ),
            g.PreparationTask(
                id="notify-members",
                action="通知队员：通过发短信的方式通知队员宣讲会的时间地点，确定到场人数。同时，在西山一天街挂出宣传条幅加大宣传力度。"
                "此外，还制作了传单，分发到队员手中。",
                when=g.parse_period("3月8日—3月10日", year=2011),
                owner="两个院的干事",
            ),
        ),
        materials=(
            g.Material(item="相机", quantity=Q("1部"), purpose="用来为活动拍照"),
            g.Material(item="纸张", quantity=Q("30张"), purpose="在活动中需要"),
            g.Material(item="矿泉水", quantity=Q("2瓶")),
            g.Material(
                item="笔", quantity=Q("1支"), per_person=True,
                provided_by=g.MaterialSource.ATTENDEES,
            ),
        ),
        setup=g.VenueSetup(by="实践部人员", lead_time=Q("30分钟"), action="去预定地点布置会场"),
        agenda=(
            g.AgendaItem(order=1, activity="活动当天在预定地点集合，记录实到人员名字，确定现场主持人、活动记录人、拍照人。"),
            g.AgendaItem(order=2, activity="人员到齐后由主持人介绍到场嘉宾，并宣布活动开始。", roles=("主持人",)),
            g.AgendaItem(order=3, activity="活动过程中，实践部干事负责维持现场秩序。", roles=("实践部干事",)),
            g.AgendaItem(order=4, activity="介绍沐阳综合社区服务队的情况，讲解道社区做活动的注意事项，进行口语培训",
                         note="“讲解道”照原文保留，疑为“讲解到”之误；流程第4项未写由谁负责"
                              "（活动准备2写明嘉宾王永华做英语口语培训）"),
            g.AgendaItem(order=5, activity="培训结束后，进行队员现场提问环节，并作回答。"),
            g.AgendaItem(order=6, activity="活动后，干事整理签到名单，整合活动记录，并询问一部分队员的感受，整理会场。", roles=("干事",)),
        ),
        roles=(
            g.RoleAssignment(role="主持人"),
            g.RoleAssignment(role="活动记录人"),
            g.RoleAssignment(role="拍照人"),
            g.RoleAssignment(role="实践部干事", person="实践部干事"),
            g.RoleAssignment(role="嘉宾", person="王永华"),
            g.RoleAssignment(role="干事", person="两个院的干事"),
        ),
        precautions=(
            "大家应明确自己的任务，认真做好自己的事情。",
            "做登记工作时应准确记录到场队员信息。",
        ),
        organisations=organisations,
        people=people,
        teams=(team,),
        issued_by="外国语学院与物理与光电学院自强社",
        issued_on=g.parse_date("2011-03-03"),
        source="seeds/03-community-service-team-training-plan.txt",
    )  # fmt: skip


def survey_day3() -> g.VolunteerEvent:
    """Seed 01: 娄星区社区服务队第三天工作总结."""
    team = g.Team(id="louxing-team", name="娄星社区服务队")
    improvements = (
        g.Measure(id="survey-before", action="在调研工作之前一定要做好考察工作，做好人员分工，以加强收集的数据更有对比性"),
        g.Measure(id="clear-purpose", action="队员要进一步确认自己对调研目的及意义的认识，形成一套系统化的调研思路，保证数据的有效收集"),
        g.Measure(id="unbiased", action="作为调查者，要理性对待每位受访者，尽量避免收集有偏差的数据"),
    )  # fmt: skip
    summary = g.EventSummary(
        written_on=g.parse_date("2011-07-13"),
        overview=(
            "这一天有欢乐也有困难，有汗水也有泪水。今天的主要任务是调查民营市场与中兴大市场的产品价格，以及市场的现状。"
            "不管怎样，今天我们社区服务队的工作总体上取得了不错的成绩，每位队员在实践中也是受益匪浅，感受颇多。"
        ),
        strengths=(
            g.SummaryPoint(
                title="开拓思维、考虑全面",
                text="经过两天的工作总结，队员们能够逐渐的深入思考所要调研的问题，并找出其本质，找出解决的措施，"
                "不是单单拘泥于文字化的东西，而是从点到面、从外到里的思考整个问题，为调研工作的成功开展提供保障。",
            ),
            g.SummaryPoint(
                title="随机应变、层层递进",
                text="队员们应对市场各类人物的能力得到了提升，在遇到不同的人时，队员们能察言观色，见机行事，"
                "用不同的咨询方式去获取销售者口中的有益数据，以促进整个调研工作的数据分析。此外，在整个工作过程中，"
                "队员更加深刻的体会到了“菜篮子经济价格差”以及农贸市场的现状。",
            ),
        ),
        shortcomings=(
            g.SummaryPoint(
                title="思路不清误差性大、收集混乱准确性低",
                text="由于调研的前期实地考察遗缺，致使人员分配不公，人少市场大，数据收集不全面，没有一套系统严格的调查方式，"
                "显得调查盲目性大，收集的数据对比性弱。才研的思路还不够清晰透明，调查所需材料准备不详细，"
                "给数据的收集产生不良影响，不能确保数据的齐全性，且保证数据的有效性。",
                note="“才研”照原文保留，疑为“调研”之误",
            ),
        ),
        improvements=improvements,
        closing=(
            "同为一团队，每位队员都要有责任心，要团结一致，面对苦难，迎刃而上。每一天的工作，都有每一天的进步，"
            "希望在未来几天的调研工作中，总结过去，开拓创新，更加努力地去完善整个调研工作。"
        ),
    )
    return g.VolunteerEvent(
        id="louxing-survey-day3",
        kind=g.EventKind.SURVEY,
        title="娄星区社区服务队第三天调研",
        starts_at=g.parse_datetime("2011-07-13T00:00:00+08:00"),
        stated_when="第三天（总结落款2011年7月13日；来源未给出钟点）",
        team_id="louxing-team",
        task="调查民营市场与中兴大市场的产品价格，以及市场的现状",
        location="民营市场、中兴大市场",
        summary=summary,
        teams=(team,),
        issued_by="娄星社区服务队",
        issued_on=g.parse_date("2011-07-13"),
        source="seeds/01-community-service-team-day3-summary.txt",
    )


def sanitation_post() -> g.Post:
    """Seed 05: 社区环境卫生主任岗位职责, with the duties that imply targets.

    The targets' period (2011) is chosen for the example: duties are standing ones.
    """
    year = g.Period.year(2011)
    indicators = (
        g.Indicator(id="bagged-garbage-cleared", name="袋装垃圾日产日清率", unit=g.PERCENT),
        g.Indicator(id="sanitation-blind-spots", name="卫生死角", unit=g.parse_unit("处"), direction="lower"),
        g.Indicator(id="cockroach-density", name="蟑螂密度", unit=g.PERCENT, direction="lower"),
        g.Indicator(id="rodent-density", name="鼠密度", unit=g.PERCENT, direction="lower"),
        g.Indicator(id="four-pests", name="“四害”（鼠、蚊、蝇、蟑螂）孳生处", unit=g.parse_unit("处"),
                    direction="lower"),
    )  # fmt: skip
    organisations = (
        g.Organisation(id="community", name="社区", category="社区"),
        g.Organisation(id="national-standard", name="国家规定的标准", category="标准"),
    )

    def target(target_id: str, indicator: str, comparator: str, value: str | None, stated: str,
               **extra: object) -> g.Target:  # fmt: skip
        return g.Target(
            id=target_id,
            indicator_id=indicator,
            comparator=g.Comparator(comparator),
            value=None if value is None else Q(value),
            period=year,
            stated=stated,
            **extra,  # type: ignore[arg-type]
        )

    within_standard = {"basis": g.Basis.REFERENCE, "reference_scope": "national-standard"}
    texts = (
        "充分发挥社区爱国卫生的组织协调作用，开展爱国卫生知识、健康教育宣传工作，教育社区居民自觉遵守城市管理、环境保护、绿化、市容卫生等有关法律、法规和条例。",
        "协助政府职能部门督促社区单位和居民搞好庭院卫生，组织社区保洁队伍搞好环境卫生，实现袋装垃圾日产日清，无卫生死角，消灭“四害”，保护楼院内干净整洁。",
        "积极组织社区单位和居民植树、养花、种草，并开展护绿活动，绿化美化社区环境，配合专业管理人员督促社区居民按位停放机动车辆和非机动车辆。",
        "积极配合职能部门搞好社区内永久性市政、卫生设施的维护工作，保持其清洁美观可用，对社区内破坏市政设施、园林绿化的行为进行教育和举报。",
        "加强科普宣传教育，不断提高社区居民的环境保护意识，动员社区单位和居民协助环保部门治理环境污染，及时举报社区污染、污染源和噪声扰民及违法建设、无证摊点等。",
        "动员社区单位、居民开展灭蟑、灭鼠活动，定期、定点投药，把社区鼠蟑控制在国家规定的标准之内。",
        "加强对社区物业管理部门的职责与监督，配合物业公司搞好社区牧业管理服务，不断改善社区居住条件和环境，为居民生活提供方便。",
    )  # fmt: skip
    targets: dict[int, tuple[g.Target, ...]] = {
        2: (
            target("garbage-daily", "bagged-garbage-cleared", "at_least", "100%", "实现袋装垃圾日产日清"),
            target("no-blind-spots", "sanitation-blind-spots", "zero", None, "无卫生死角"),
            target("four-pests-eliminated", "four-pests", "zero", None, "消灭“四害”"),
        ),
        6: (
            target("cockroaches-within-standard", "cockroach-density", "at_most", "0个百分点",
                   "把社区鼠蟑控制在国家规定的标准之内", **within_standard),
            target("rodents-within-standard", "rodent-density", "at_most", "0个百分点",
                   "把社区鼠蟑控制在国家规定的标准之内", **within_standard),
        ),
    }  # fmt: skip
    activities: dict[int, tuple[g.RecurringActivity, ...]] = {
        2: (
            g.RecurringActivity(
                id="garbage-cleared-daily", title="袋装垃圾日产日清",
                recurrence=g.Recurrence(frequency=g.Frequency.DAILY), period=year,
                organiser="community", participants="社区保洁队伍",
                content="实现袋装垃圾日产日清",
            ),
        ),
        6: (
            g.RecurringActivity(
                id="pest-baiting", title="定期、定点投药",
                recurrence=g.Recurrence(frequency=g.Frequency.REGULAR), period=year,
                organiser="community", participants="社区单位、居民",
                content="开展灭蟑、灭鼠活动，定期、定点投药（来源未说明间隔与投药点）",
            ),
        ),
    }  # fmt: skip
    return g.Post(
        id="community-sanitation-director",
        title="社区环境卫生主任",
        organisation_id="community",
        duties=tuple(
            g.Duty(
                number=n, text=text, targets=targets.get(n, ()), activities=activities.get(n, ())
            )
            for n, text in enumerate(texts, start=1)
        ),
        organisations=organisations,
        indicators=indicators,
        source="seeds/05-community-sanitation-director-duties.txt（标题：社区环境卫生服务队工作职责）",
    )
