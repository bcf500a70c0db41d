"""The words around a value that say what the value means, as real reports write them.

Each table maps a word to what it says; the statement reader
(:mod:`govplan.values.statements`) looks for them before and after a number.
Comparators follow Civil Code art. 1259: 以上, 以下, 以内 and 届满 include the
number; 超过, 不满 and 以外 exclude it.
"""

from __future__ import annotations

import re

from .comparators import Commitment, Comparator

__all__ = [
    "BASELINE",
    "BOUND_AFTER",
    "BOUND_BEFORE",
    "CHANGE",
    "COMMITMENT",
    "FORECAST",
    "GLUE",
    "RANK_WORDS",
    "SCOPE",
    "ZERO",
]

# Words before a number and the comparator they give (None: approximate).
BOUND_BEFORE: dict[str, Comparator | None] = {
    "控制在": Comparator.AT_MOST,
    "控制到": Comparator.AT_MOST,
    "不超过": Comparator.AT_MOST,
    "不高于": Comparator.AT_MOST,
    "不多于": Comparator.AT_MOST,
    "不大于": Comparator.AT_MOST,
    "最多": Comparator.AT_MOST,
    "至多": Comparator.AT_MOST,
    "突破": Comparator.MORE_THAN,
    "超过": Comparator.MORE_THAN,
    "高于": Comparator.MORE_THAN,
    "多于": Comparator.MORE_THAN,
    "大于": Comparator.MORE_THAN,
    "超": Comparator.MORE_THAN,
    "跨过": Comparator.AT_LEAST,
    "跨越": Comparator.AT_LEAST,
    "迈上": Comparator.AT_LEAST,
    "迈过": Comparator.AT_LEAST,
    "跃上": Comparator.AT_LEAST,
    "达到": Comparator.AT_LEAST,
    "达": Comparator.AT_LEAST,
    "不低于": Comparator.AT_LEAST,
    "不少于": Comparator.AT_LEAST,
    "不小于": Comparator.AT_LEAST,
    "至少": Comparator.AT_LEAST,
    "届满": Comparator.AT_LEAST,
    "不满": Comparator.LESS_THAN,
    "不足": Comparator.LESS_THAN,
    "不到": Comparator.LESS_THAN,
    "低于": Comparator.LESS_THAN,
    "少于": Comparator.LESS_THAN,
    "小于": Comparator.LESS_THAN,
    "约合": None,
    "约为": None,
    "大约": None,
    "约": None,
    "将近": None,
    "接近": None,
    "近": None,
}
"""Bound words written before the number."""

APPROX_BEFORE = frozenset({"约合", "约为", "大约", "约", "将近", "接近", "近"})
"""Of :data:`BOUND_BEFORE`, the words that make the value approximate."""

REACH_WORDS = frozenset({"达到", "达"})
"""Of :data:`BOUND_BEFORE`, the words that state a result exactly in a report."""

BOUND_AFTER: dict[str, Comparator | None] = {
    "以上": Comparator.AT_LEAST,
    "之上": Comparator.AT_LEAST,
    "以外": Comparator.MORE_THAN,
    "开外": Comparator.MORE_THAN,
    "以下": Comparator.AT_MOST,
    "以内": Comparator.AT_MOST,
    "之内": Comparator.AT_MOST,
    "之下": Comparator.AT_MOST,
    "左右": None,
    "上下": None,
}
"""Bound words written after the number and its unit."""

# Change words: +1 up, -1 down.
CHANGE: dict[str, int] = {
    "增长率": 1, "增长": 1, "增加": 1, "提高": 1, "上升": 1, "上涨": 1, "扩大": 1,
    "提升": 1, "增幅": 1, "增速": 1, "多增": 1, "增": 1, "涨幅": 1, "涨": 1,
    "高": 1, "低": -1, "反升": 1, "升": 1, "加快": 1, "回升": 1, "放缓": -1, "回调": -1,
    "下降": -1, "降低": -1, "减少": -1, "下滑": -1, "回落": -1, "缩小": -1,
    "降幅": -1, "减": -1, "降": -1, "缩减": -1, "压减": -1, "压缩": -1, "少": -1,
}  # fmt: skip
"""Words of a change against a baseline, with its sign."""

NOUN_CHANGE = frozenset({"增长率", "增幅", "增速", "涨幅", "降幅"})
"""Change words that name a rate (增长率为8%): a change only when the value is in %."""

CHANGE_NOT = re.compile(
    r"新增|增加值|增值|增收节支|减负|降本|减排|增效|提高到|增长到|降到|降至|增至|提高至|减至"
    r"|降低到|下降到|下降至|提升到|提升至|上升到|上升至|增加到|增加至|减少到|减少至|回落到|回落至"
    r"|跃升到|跃升至|升级|升学|升至|升到"
)
"""Words containing a change word that do not state a change (新增, 增加值) or
state a level (提高到, 降至)."""

TO_LEVEL: dict[str, Comparator] = {
    "提高到": Comparator.AT_LEAST, "提高至": Comparator.AT_LEAST,
    "增长到": Comparator.AT_LEAST, "增至": Comparator.AT_LEAST,
    "提升到": Comparator.AT_LEAST, "提升至": Comparator.AT_LEAST,
    "上升到": Comparator.AT_LEAST, "上升至": Comparator.AT_LEAST,
    "增加到": Comparator.AT_LEAST, "增加至": Comparator.AT_LEAST,
    "跃升到": Comparator.AT_LEAST, "跃升至": Comparator.AT_LEAST,
    "升至": Comparator.AT_LEAST, "升到": Comparator.AT_LEAST,
    "减少到": Comparator.AT_MOST, "减少至": Comparator.AT_MOST,
    "回落到": Comparator.AT_MOST, "回落至": Comparator.AT_MOST,
    "降到": Comparator.AT_MOST, "降至": Comparator.AT_MOST, "减至": Comparator.AT_MOST,
    "降低到": Comparator.AT_MOST, "下降到": Comparator.AT_MOST, "下降至": Comparator.AT_MOST,
}  # fmt: skip
"""Change words ending in 到 / 至: they state the level reached, bounded by direction."""

BASELINE = re.compile(
    r"同比|环比|比上年同期|比去年同期|较上年同期|较去年同期|比上年|较上年|比去年|较去年|"
    r"比年初|较年初|比上期|较上期|与上年同期相比|与上年相比|比[0-9]{4}年|较[0-9]{4}年"
)
"""Words naming the baseline of a change."""

COMMITMENT: dict[str, Commitment] = {
    "确保": Commitment.ENSURE, "务必": Commitment.ENSURE, "保证": Commitment.ENSURE,
    "力争": Commitment.STRIVE, "争取": Commitment.STRIVE, "努力": Commitment.STRIVE,
    "力求": Commitment.STRIVE, "争创": Commitment.STRIVE,
}  # fmt: skip
"""Words of how firmly a target is committed to."""

FORECAST = re.compile(r"预计|有望|预测|估计|可望")
"""Words that make a figure a forecast rather than a result."""

ZERO = re.compile(
    r"(?:未|没有|没|无|从未|均未|再未|不)(?:发生|出现|发现)过?"
    r"(?:一起|一例|一件|一宗|一人|一名|一次|任何)?"
    r"|无一(?:起|例|件|宗|人|名|所|次)"
    r"|无(?:重大|较大|特大|一般|重特大)(?:[\u4e00-\u9fff]{0,6}?)(?:事故|案件|事件|火灾|疫情|死亡)"
    r"|零(?:事故|死亡|伤亡|投诉|发生|感染|上访|差错|失误|事件|案件|发案|违规|违纪|污染|事件)"
    r"|(?:下降|降)?为零|清零"
)
"""Statements that something did not happen or came to nothing (an exact zero)."""

ZERO_UNITS = {"起": "起", "例": "例", "件": "件", "宗": "宗", "人": "人", "名": "名",
              "所": "所", "次": "次"}  # fmt: skip
"""The measure word of a zero statement (未发生一起 → 0 起)."""

UNCHANGED = re.compile(r"(?:基本)?持平")
"""持平: no change against the baseline."""

DOUBLING = re.compile(r"翻(?:了)?(?P<times>一|两|二|三|四)?番")
"""翻一番 (doubled: +100%), 翻两番 (×4: +300%)."""

RANK_WORDS = re.compile(r"榜首|首位|前列|前茅|第一方阵|第一梯队|排头兵|第一位|第一名|头名|冠军")
"""Ranks in words; 榜首, 首位, 第一位, 第一名, 头名 and 冠军 are rank 1, the others vague."""

RANK_ONE = frozenset({"榜首", "首位", "第一位", "第一名", "头名", "冠军"})
"""Of :data:`RANK_WORDS`, those that mean exactly rank 1."""

RANK_VERBS = re.compile(r"位居|位列|名列|排名|排在|排位|排|居|列|进入|跻身|保持|获得|荣获|获")
"""Words that introduce a rank (位居全市第三)."""

SCOPE = re.compile(
    r"全国|全省|全市|全区|全县|全州|全盟|全镇|全乡|省内|市内|同类[\u4e00-\u9fff]{0,4}?(?:城市|地区|县|市|区)"
    r"|[东中西]部[\u4e00-\u9fff]{0,2}?(?:省|地区)|全[\u4e00-\u9fff]{1,2}?(?:系统|行业)"
)
"""The scope a rank is within (全省第三 ranks within the province)."""

GLUE = re.compile(
    r"(?:了|分别|是|为|在|达|达到|幅度|幅|率|速度|速|的|同比|环比|有|又|共|总计|合计|累计|实现|完成"
    r"|比上年|较上年|比去年|较去年|比上年同期|比去年同期|较上年同期|较去年同期)*"
)
"""Words that may stand between a change word and its number (增长了, 增长幅度为)."""

CLAUSE_END = re.compile(r"[，,；;。！？!?\n：:（）()]")
"""Characters that end a clause: a bound word does not reach across them."""

SENTENCE_END = re.compile(r"[；;。！？!?\n]")
"""Characters that end a sentence: commitment and forecast words reach up to them."""
