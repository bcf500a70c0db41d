"""Seed 02 built as govplan objects: the education bureau's 2010 summary and 2011 plan.

Every rate, count, money and area figure of §一 of the 2010 summary is an
observation (with the section it comes from as its source), the report's
sums, rates and changes are claims, and every numeric target of the 2011 plan
is a target.  The worked example's YAML files are written from these objects.
"""

from __future__ import annotations

import govplan as g

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

# (observation id, indicator id, indicator name, value as stated, period, source)
# An indicator's unit is the unit of its first observation.
_S = "2010年工作总结 一"
OBSERVED: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("spring-primary-enrolled", "primary-enrolled", "小学生报到入学人数", "25685人", "2010-spring", f"{_S}(一)1"),
    ("spring-primary-lost", "primary-lost", "小学生流失人数", "0人", "2010-spring", f"{_S}(一)1 无一人流失"),
    ("spring-primary-retention", "primary-retention", "小学生巩固率", "100%", "2010-spring", f"{_S}(一)1"),
    ("spring-junior-enrolled", "junior-enrolled", "初中生报到入学人数", "13156人", "2010-spring", f"{_S}(一)1"),
    ("spring-junior-retention", "junior-retention", "初中生巩固率", "99.5%", "2010-spring", f"{_S}(一)1"),
    ("autumn-primary-enrolled", "primary-enrolled", "小学生报到入学人数", "26305人", "2010-autumn", f"{_S}(一)1"),
    ("autumn-primary-lost", "primary-lost", "小学生流失人数", "0人", "2010-autumn", f"{_S}(一)1 无一人流失"),
    ("primary-to-junior", "primary-to-junior", "小学升初中比率", "100%", "2010-autumn", f"{_S}(一)1"),
    ("autumn-junior-enrolled", "junior-enrolled", "初中生报到入学人数", "13156人", "2010-autumn", f"{_S}(一)1"),
    ("autumn-junior-retention", "junior-retention", "初中生巩固率", "99.54%", "2010-autumn", f"{_S}(一)1"),
    ("disabled-enrolment", "disabled-enrolment", "残疾儿童入学率", "100%", "2010", f"{_S}(一)1"),
    ("literacy", "literacy", "扫盲率", "100%", "2010", f"{_S}(一)1"),
    ("junior-graduation", "junior-graduation", "初中毕业合格率", "98.7%", "2010", f"{_S}(一)1"),
    ("junior-to-senior", "junior-to-senior", "初中升入高中阶段学生比率", "95.02%", "2010", f"{_S}(一)2"),
    ("senior-students", "senior-students", "普通高中在校学生", "7637人", "2010", f"{_S}(一)2"),
    ("senior-retention", "senior-retention", "普通高中巩固率", "98.23%", "2010", f"{_S}(一)2"),
    ("senior-exam-pass", "senior-exam-pass", "高中毕业会考一次合格率", "92.27%", "2010", f"{_S}(一)2 高于全市平均水平"),
    ("undergrad-admitted", "undergrad-admitted", "本科上线人数", "1718人", "2010", f"{_S}(一)2 不含外省艺术类上线考生"),
    ("tier1-admitted", "tier1-admitted", "一本上线人数", "248人", "2010", f"{_S}(一)2"),
    ("tier2-admitted", "tier2-admitted", "二本上线人数", "604人", "2010", f"{_S}(一)2"),
    ("tier3-admitted", "tier3-admitted", "三本上线人数", "866人", "2010", f"{_S}(一)2"),
    ("undergrad-rate", "undergrad-rate", "本科上线率", "50.6%", "2010", f"{_S}(一)2"),
    ("undergrad-rate-change", "undergrad-rate", "本科上线率", "4.81个百分点", "2010", f"{_S}(一)2 比2009年增加"),
    ("huang-dan-score", "gaokao-score", "高考成绩", "709分", "2010", f"{_S}(一)2 二中黄丹"),
    ("huang-dan-rank", "province-science-rank", "全省理科名次", "第二名", "2010", f"{_S}(一)2 二中黄丹"),
    ("rural-tech-sessions", "rural-tech-sessions", "农村实用技术培训期数", "91期", "2010", f"{_S}(一)3"),
    ("rural-tech-trainees", "rural-tech-trainees", "农村实用技术培训人次", "5014人次", "2010", f"{_S}(一)3"),
    ("labour-transfer-sessions", "labour-transfer-sessions", "新增农村劳动力转移就业培训期数", "21期", "2010", f"{_S}(一)3"),
    ("labour-transfer-trainees", "labour-transfer-trainees", "新增农村劳动力转移就业培训人次", "1065人次", "2010", f"{_S}(一)3"),
    ("adult-schools-accepted", "adult-schools-accepted", "通过省级重点建设项目验收的成校", "2所", "2010-05", f"{_S}(一)3 万宝成校和双江成校"),
    ("kindergartens", "kindergartens", "幼儿园数", "72所", "2010", f"{_S}(一)4"),
    ("private-kindergartens", "private-kindergartens", "民办幼儿园数", "70所", "2010", f"{_S}(一)4"),
    ("preschool-1y", "preschool-1y", "一年学前儿童入园率", "96%", "2010", f"{_S}(一)4"),
    ("preschool-3y", "preschool-3y", "三年学前儿童入园率", "71.06%", "2010", f"{_S}(一)4"),
    ("infrastructure-2009", "infrastructure-investment", "教育基础设施投资", "3000多万元", "2009", f"{_S}(二)1 去年投入"),
    ("infrastructure-2010", "infrastructure-investment", "教育基础设施投资", "2000多万元", "2010", f"{_S}(二)1"),
    ("qualified-schools-built", "qualified-schools", "建成省级义务教育合格学校", "4所", "2010", f"{_S}(二)1"),
    ("schools-improved", "schools-improved", "办学条件明显改善的学校", "12所", "2010", f"{_S}(二)1"),
    ("schools-assessed", "schools-assessed", "逐栋鉴定校舍的学校", "60多所", "2009", f"{_S}(二)2 去年"),
    ("floor-area-assessed", "floor-area-assessed", "鉴定校舍面积", "60多万平方米", "2009", f"{_S}(二)2 去年"),
    ("dilapidated-investment", "dilapidated-investment", "危房改造投资", "720多万元", "2010", f"{_S}(二)2"),
    ("dilapidated-rebuilt", "dilapidated-rebuilt", "改造危房面积", "12600㎡", "2010", f"{_S}(二)2"),
    ("qualified-schools-funding", "qualified-schools-funding", "合格学校建设筹措资金", "410多万元", "2010", f"{_S}(二)3"),
    ("graduates-hired", "teachers-hired", "招聘大学优秀毕业生", "60名", "2010", f"{_S}(二)3"),
    ("graduates-to-qualified", "graduates-to-qualified", "安排到4所合格学校的毕业生", "37名", "2010", f"{_S}(二)3"),
    ("teachers-transferred", "teachers-transferred", "选调到4所合格学校的优秀教师", "9名", "2010", f"{_S}(二)3"),
    ("study-sessions", "study-sessions", "集中政治学习", "8次", "2010", f"{_S}(三)1"),
    ("forums", "forums", "座谈会", "20多次", "2010", f"{_S}(三)1"),
    ("questionnaires", "questionnaires", "发放问卷", "100余份", "2010", f"{_S}(三)1"),
    ("research-reports", "research-reports", "撰写调研报告", "11篇", "2010", f"{_S}(三)1"),
    ("suggestions", "suggestions", "征集意见和建议", "200多条", "2010", f"{_S}(三)1"),
    ("teachers-recruited", "teachers-hired", "公开考试招聘录用教师", "60名", "2010", f"{_S}(三)2"),
    ("national-fulltime", "national-fulltime", "国培脱产进修教师", "10名", "2010", f"{_S}(三)2"),
    ("national-short", "national-short", "国培短期集中培训教师", "18名", "2010", f"{_S}(三)2"),
    ("national-remote", "national-remote", "国培远程培训教师", "216名", "2010", f"{_S}(三)2"),
    ("principals-provincial", "principals-provincial", "参加省级培训的初、高中校长", "40名", "2010", f"{_S}(三)2"),
    ("primary-principals", "primary-principals", "参加省级农村合格学校校长培训的小学校长", "5名", "2010", f"{_S}(三)2"),
    ("kindergarten-heads", "kindergarten-heads", "参加省级培训的幼儿园园长", "1名", "2010", f"{_S}(三)2"),
    ("class-teachers", "class-teachers", "参加省级班主任培训的班主任", "168名", "2010", f"{_S}(三)2"),
    ("teachers-provincial", "teachers-provincial", "参加省级教师培训的教师", "46名", "2010", f"{_S}(三)2"),
    ("intel-future", "intel-future", "因特尔未来教育师资培训教师", "340多名", "2010", f"{_S}(三)2"),
    ("junior-principals-city", "junior-principals-city", "参加市级培训的初中校长", "5名", "2010", f"{_S}(三)2"),
    ("safety-admins", "safety-admins", "安全教育与安全管理远程培训行政管理人员", "100多名", "2010", f"{_S}(三)2"),
    ("school-based", "school-based", "校本培训", "2400多人次", "2010", f"{_S}(三)2"),
    ("mandarin-trainees", "mandarin-trainees", "普通话培训", "80多人", "2010", f"{_S}(三)2"),
    ("computer-trainees", "computer-trainees", "计算机培训", "120多人", "2010", f"{_S}(三)2"),
    ("going-out", "going-out", "走出去参加专题讲座和教学观摩", "500多人次", "2010", f"{_S}(三)2"),
    ("degree-upgrade", "degree-upgrade", "学历提高培训教师", "110多名", "2010", f"{_S}(三)2"),
    ("teachers-sanctioned", "teachers-sanctioned", "查处违规教师", "11名", "2010", f"{_S}(三)2"),
    ("teachers-moved", "teachers-moved", "调离城区学校的违规教师", "1人", "2010", f"{_S}(三)2"),
    ("safety-campaigns", "safety-campaigns", "学校及周边环境综合治理集中行动", "5次", "2010", f"{_S}(四)1"),
    ("hazards-found", "hazards-found", "排查安全隐患", "200多个", "2010", f"{_S}(四)1"),
    ("disputes-settled", "disputes-settled", "协调处理矛盾", "15起", "2010", f"{_S}(四)1"),
    ("incidents-handled", "incidents-handled", "处置各类事件苗头", "5起", "2010", f"{_S}(四)1"),
    ("petitioners", "petitioners", "接待上访", "97人次", "2010", f"{_S}(四)1"),
    ("letters", "letters", "处理上级批转信件", "26件", "2010", f"{_S}(四)1"),
    ("hazards-fixed", "hazards-fixed", "整治校内安全隐患", "48处", "2010", f"{_S}(四)1"),
    ("safety-accidents", "safety-accidents", "安全事故", "0起", "2010", f"{_S}(四)1 全年没有发生一起安全事故"),
    ("fee-exempt-students", "fee-exempt-students", "免除学杂费学生", "39461人", "2010", f"{_S}(五)1"),
    ("fee-exempt", "fee-exempt", "免除学杂费", "1436万元", "2010", f"{_S}(五)1"),
    ("fee-exempt-urban", "fee-exempt", "免除学杂费", "741万元", "2010", f"{_S}(五)1 城市"),
    ("fee-exempt-rural", "fee-exempt", "免除学杂费", "695万元", "2010", f"{_S}(五)1 农村"),
    ("boarding-subsidy", "boarding-subsidy", "农村贫困寄宿生生活补助费", "54万元", "2010", f"{_S}(五)1"),
    ("free-textbooks", "free-textbooks", "免费提供教科书费", "491万元", "2010", f"{_S}(五)1"),
    ("two-free-coverage", "two-free-coverage", "两免一补覆盖率", "100%", "2010", f"{_S}(五)1"),
    ("rural-public-funds", "school-funds", "落实学校经费", "732万元", "2010", f"{_S}(五)1 农村学校公用经费"),
    ("urban-fees", "school-funds", "落实学校经费", "716.5万元", "2010", f"{_S}(五)1 城市学校杂费"),
    ("school-funds-total", "school-funds", "落实学校经费", "1448.5万元", "2010", f"{_S}(五)1 合计"),
    ("non-puji-debt", "non-puji-debt", "锁定农村义务教育非普九债务余额", "1396万元", "2010", f"{_S}(五)1"),
    ("npc-suggestions", "proposals-handled", "承办建议、提案", "5件", "2010", f"{_S}(五)2 区人大代表建议"),
    ("cppcc-proposals", "proposals-handled", "承办建议、提案", "27件", "2010", f"{_S}(五)2 政协委员提案"),
    ("proposals-total", "proposals-handled", "承办建议、提案", "32件", "2010", f"{_S}(五)2 一共"),
    ("key-proposals", "key-proposals", "重点提案", "2件", "2010", f"{_S}(五)2"),
    ("meeting-rate", "proposal-meeting-rate", "建议提案见面率", "100%", "2010", f"{_S}(五)2"),
    ("reply-rate", "proposal-reply-rate", "建议提案答复率", "100%", "2010", f"{_S}(五)2"),
    ("satisfaction-rate", "proposal-satisfaction-rate", "建议提案满意率", "100%", "2010", f"{_S}(五)2"),
    ("on-time-rate", "proposal-on-time-rate", "建议提案按期完成率", "100%", "2010", f"{_S}(五)2"),
    ("investment-liuyi", "investment-attracted", "招商引资", "400余万元", "2010", f"{_S}(五)3 六一国际幼儿园第一期"),
    ("investment-xiaoboshi", "investment-attracted", "招商引资", "100万元", "2010", f"{_S}(五)3 小博士幼儿园分园"),
    ("investment-total", "investment-attracted", "招商引资", "500余万元", "2010", f"{_S}(五)3 全年总计"),
    ("gaokao-candidates", "gaokao-candidates", "高考参考学生", "3397人", "2010", f"{_S}(五)4"),
    ("adult-exam-candidates", "adult-exam-candidates", "成考参考学生", "1401人", "2010", f"{_S}(五)4"),
    ("self-study-candidates", "self-study-candidates", "自考参考学生", "645人", "2010", f"{_S}(五)4"),
    ("exam-violations", "exam-violations", "考试违法违纪现象", "0起", "2010", f"{_S}(五)4 没有发生一起"),
    ("exam-major-errors", "exam-major-errors", "考务重大工作差错", "0起", "2010", f"{_S}(五)4 没有发生一起"),
    ("policy-notices", "policy-notices", "发布政策信息", "102件", "2010", f"{_S}(五)5"),
    ("union-trainees", "union-trainees", "参加业务培训的工会人员", "67名", "2010", f"{_S}(五)5"),
    ("meetings-served", "meetings-served", "承担全局性会议会务", "60多次", "2010", f"{_S}(五)6"),
    ("documents", "documents", "办理各种文件", "600余份", "2010", f"{_S}(五)6"),
    ("materials-drafted", "materials-drafted", "起草各种材料", "200多篇", "2010", f"{_S}(五)6"),
    ("information-items", "information-items", "收集、起草和报送信息", "100多篇次", "2010", f"{_S}(五)6"),
    ("website-use", "website-use", "娄星教育信息网利用率", "100%", "2010", f"{_S}(五)6"),
    ("provincial-media", "media-articles", "发表作品", "8件", "2010", f"{_S}(五)6 省级媒体"),
    ("local-media", "media-articles", "发表作品", "60多件", "2010", f"{_S}(五)6 市区级"),
    ("newsletter-issues", "newsletter-issues", "编印《娄星教育》", "12期", "2010", f"{_S}(五)6"),
    ("video-rooms", "video-rooms", "新建多媒体视频会议室", "1间", "2010", f"{_S}(五)6"),
    ("retired-lecturers", "retired-lecturers", "参加家长学校讲师团的退休老同志", "300多名", "2010", f"{_S}(五)7"),
    ("essays-sent", "essays-sent", "选送征文", "254篇", "2010", f"{_S}(五)7"),
    ("first-prize-primary", "essay-first-prizes", "征文国家一等奖", "15篇", "2010", f"{_S}(五)7 小学组"),
    ("first-prize-junior", "essay-first-prizes", "征文国家一等奖", "14篇", "2010", f"{_S}(五)7 初中组"),
    ("first-prize-senior", "essay-first-prizes", "征文国家一等奖", "8篇", "2010", f"{_S}(五)7 高中组"),
    ("second-prize-primary", "essay-second-prizes", "征文国家二等奖", "24篇", "2010", f"{_S}(五)7 小学组"),
    ("second-prize-junior", "essay-second-prizes", "征文国家二等奖", "20篇", "2010", f"{_S}(五)7 初中组"),
    ("second-prize-senior", "essay-second-prizes", "征文国家二等奖", "11篇", "2010", f"{_S}(五)7 高中组"),
    ("poor-boarders", "poor-boarders", "确定农村贫困寄宿生", "730名", "2010", f"{_S}(五)7"),
    ("poor-boarders-aid", "poor-boarders-aid", "发放资助金额", "60.40万元", "2010", f"{_S}(五)7"),
    ("mobile-scholars", "mobile-scholars", "移动公司资助的品学兼优学生", "30名", "2010", f"{_S}(五)7"),
    ("mobile-scholarship", "mobile-scholarship", "移动公司奖学金", "2.4万元", "2010", f"{_S}(五)7"),
    ("lottery-students", "lottery-students", "彩票公益金资助学生", "45名", "2010", f"{_S}(五)7"),
    ("lottery-aid", "lottery-aid", "彩票公益金资助金额", "4.5万元", "2010", f"{_S}(五)7"),
    ("innovation-entries", "innovation-entries", "科技创新大赛参赛作品", "46件", "2010", f"{_S}(五)8"),
    ("solo-first", "solo-prizes", "三独比赛获奖", "19个", "2010", f"{_S}(五)8 一等奖"),
    ("solo-second", "solo-prizes", "三独比赛获奖", "10个", "2010", f"{_S}(五)8 二等奖"),
    ("solo-third", "solo-prizes", "三独比赛获奖", "16个", "2010", f"{_S}(五)8 三等奖"),
    ("athletics-junior-rank", "athletics-rank", "市中学生田径运动会名次", "第一名", "2010", f"{_S}(五)8 初中组团体总分"),
    ("athletics-no2-rank", "athletics-rank", "市中学生田径运动会名次", "第三名", "2010", f"{_S}(五)8 二中 高中甲组"),
    ("athletics-no3-rank", "athletics-rank", "市中学生田径运动会名次", "第二名", "2010", f"{_S}(五)8 三中 乙组"),
    ("athletics-no4-rank", "athletics-rank", "市中学生田径运动会名次", "第六名", "2010", f"{_S}(五)8 四中 乙组"),
    ("basketball-city-rank", "basketball-rank", "篮球名次", "第一名", "2010", f"{_S}(五)8 二中 全市冠军"),
    ("basketball-province-rank", "basketball-rank", "篮球名次", "前八名", "2010-12", f"{_S}(五)8 二中 全省八强"),
    ("football-city-rank-men", "football-rank", "足球名次", "第一名", "2010", f"{_S}(五)8 三中 全市男子冠军"),
    ("football-city-rank-women", "football-rank", "足球名次", "第一名", "2010", f"{_S}(五)8 三中 全市女子冠军"),
    ("football-province-rank", "football-rank", "足球名次", "第五名", "2010", f"{_S}(五)8 三中男足 全省"),
    ("greening-investment", "greening-investment", "绿化投入", "300多万元", "2010", f"{_S}(五)9"),
    ("greening-rate", "greening-rate", "学校绿化率", "90%以上", "2010", f"{_S}(五)9"),
    ("green-cover", "green-cover", "绿化覆盖率", "40%以上", "2010", f"{_S}(五)9"),
    ("uniform-relief", "uniform-relief", "校服招标减免", "5%", "2010", f"{_S}(五)9"),
    ("mandarin-teachers", "mandarin-teachers", "培训教师普通话", "80多人次", "2010", f"{_S}(五)10"),
    ("village-committee-meetings", "village-meetings", "召开会议", "5次", "2010", f"{_S}(五)11 村、支两委会"),
    ("party-member-meetings", "village-meetings", "召开会议", "4次", "2010", f"{_S}(五)11 党员、组长会"),
    ("village-visits", "village-visits", "进村现场调研办公", "2次", "2010", f"{_S}(五)11"),
    ("village-funds", "village-funds", "多渠道筹措资金", "14.86万元", "2010", f"{_S}(五)11"),
    ("village-road", "village-road", "拓宽、整平、护超、加固村级公路", "3000m", "2010", f"{_S}(五)11"),
    ("ponds", "ponds", "整修水塘", "5口", "2010", f"{_S}(五)11"),
    ("canals", "canals", "整修水渠", "1000m", "2010", f"{_S}(五)11"),
    ("breeders", "breeders", "扶植养殖户", "2户", "2010", f"{_S}(五)11"),
    ("watermelon", "watermelon", "引进西瓜种植", "100余亩", "2010", f"{_S}(五)11"),
    ("maize", "maize", "引进优质玉米种植", "500余亩", "2010", f"{_S}(五)11"),
    ("village-income", "village-income", "增收", "20余万元", "2010", f"{_S}(五)11"),
    ("new-members", "new-members", "发展新党员", "1名", "2010", f"{_S}(五)11"),
    ("activists", "activists", "培养入党积极分子", "2名", "2010", f"{_S}(五)11"),
    ("visits-to-needy", "visits-to-needy", "慰问特困、低保、孤寡、病残人员", "20余人次", "2010", f"{_S}(五)11"),
    ("school-debt", "school-debt", "全区学校负债", "6000多万元", "2010", "2010年工作总结 二 教育负债重"),
    ("teacher-shortage", "teacher-shortage", "城区缺教师", "300多人", "2010", "2010年工作总结 二 师资队伍"),
)  # fmt: skip

# Scope and breakdown for observations that are not about the whole district.
SCOPES = {
    "huang-dan-score": "no2-middle",
    "huang-dan-rank": "no2-middle",
    "athletics-no2-rank": "no2-middle",
    "athletics-no3-rank": "no3-middle",
    "athletics-no4-rank": "no4-middle",
    "basketball-city-rank": "no2-middle",
    "basketball-province-rank": "no2-middle",
    "football-city-rank-men": "no3-middle",
    "football-city-rank-women": "no3-middle",
    "football-province-rank": "no3-middle",
}
BREAKDOWNS = {
    "fee-exempt-urban": {"area": "城市"},
    "fee-exempt-rural": {"area": "农村"},
    "rural-public-funds": {"item": "农村学校公用经费"},
    "urban-fees": {"item": "城市学校杂费"},
    "npc-suggestions": {"from": "区人大代表"},
    "cppcc-proposals": {"from": "政协委员"},
    "investment-liuyi": {"project": "六一国际幼儿园"},
    "investment-xiaoboshi": {"project": "小博士幼儿园分园"},
    "first-prize-primary": {"stage": "小学"},
    "first-prize-junior": {"stage": "初中"},
    "first-prize-senior": {"stage": "高中"},
    "second-prize-primary": {"stage": "小学"},
    "second-prize-junior": {"stage": "初中"},
    "second-prize-senior": {"stage": "高中"},
    "solo-first": {"prize": "一等奖"},
    "solo-second": {"prize": "二等奖"},
    "solo-third": {"prize": "三等奖"},
    "tier1-admitted": {"tier": "一本"},
    "tier2-admitted": {"tier": "二本"},
    "tier3-admitted": {"tier": "三本"},
    "provincial-media": {"media": "省级"},
    "local-media": {"media": "市区级"},
    "football-city-rank-men": {"team": "男子"},
    "football-city-rank-women": {"team": "女子"},
    "football-province-rank": {"team": "男子"},
}
LOWER_IS_BETTER = {
    "primary-lost", "safety-accidents", "exam-violations", "exam-major-errors",
    "province-science-rank",
    "athletics-rank", "basketball-rank", "football-rank", "school-debt", "teacher-shortage",
    "junior-dropout",
}  # fmt: skip


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


NOTES = {
    "non-puji-debt": (
        "2011年工作要点第15条写作“义务教育非‘普九’债务1936万元”：1396与1936数字相同、次序不同，"
        "来源未说明是余额增加还是笔误，两处均按原文保留"
    ),
}


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
