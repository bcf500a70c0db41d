"""The sentences of claim and statement verdicts, rendered when a verdict is read.

A claim rule (sums, rates, changes, completions, standings, qualitative
commitments) keeps a small :class:`ClaimFacts` record on its verdict: which
sentence, the names and figures it needs.  :meth:`ClaimFacts.render` writes the
sentence in Chinese or English when :meth:`~govplan.Verdict.explain` is called,
so checking many claims builds no text.  English sentences name a claim by its
indicator's English name (``name_en``) or its id, and units by their English
names: no Chinese words in English text.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Literal

import attrs

from ..values.periods import Period
from ..values.quantities import Quantity
from ..values.units import Unit
from .verdicts import Status
from .wording import STATUS_EN, STATUS_ZH, band_text, period_zh, quantity_en, quantity_zh

if TYPE_CHECKING:
    from .verdicts import Verdict

__all__ = ["ClaimFacts", "ClaimSentence"]

Lang = Literal["zh", "en"]


class ClaimSentence(enum.Enum):
    """Which sentence a claim verdict says."""

    SUM = "sum"
    """Parts against a stated total (figures: total, parts…)."""
    RATE = "rate"
    """A rate against its counts (figures: rate, numerator, denominator)."""
    CHANGE = "change"
    """A change against current and baseline values (figures: change, current, baseline)."""
    IMPLIED = "implied"
    """A change with no stated baseline (figures: change, current)."""
    NO_DATA = "no_data"
    """A figure the claim names has no value."""
    UNIT_MISMATCH = "unit_mismatch"
    """Two figures of one claim are in units that do not compare (figures: the two)."""
    CHANGE_UNIT = "change_unit"
    """A stated change not in the unit its value changes in (figures: change, current;
    ``unit``: the unit a change is measured in)."""
    COMPLETION = "completion"
    """A result said to complete (or exceed) a target (figures: result, threshold)."""
    SHARE = "share"
    """A result said to be a share of a target (figures: stated share, result, threshold)."""
    STANDING = "standing"
    """A figure said to stand above / below a reference figure (figures: it, the reference)."""
    STANDING_UNSTATED = "standing_unstated"
    """A standing against scopes whose figure is not stated."""
    QUALITATIVE = "qualitative"
    """A commitment with no figure and no result to judge it by."""


_WORD_ZH = {**STATUS_ZH, Status.INDETERMINATE: "无法判定"}
_UNVERIFIABLE_ZH, _UNVERIFIABLE_EN = "无法核实", "unverifiable"
_STANDING_ZH = {"above": "高于", "below": "低于", "leading": "领先于"}
_STANDING_EN = {"above": "above", "below": "below", "leading": "among the leaders of"}
_COMMITMENT_ZH = {"ensure": "确保", "strive": "力争", "plain": "一般"}


def _unit_en(unit: Unit) -> str:
    return unit.name or ("%" if unit.dimension == "rate" else unit.dimension)


def _period_zh(period: Period | str | None) -> str:
    if isinstance(period, Period):
        return period_zh(period)
    return "基期" if period is None else period


def _period_en(period: Period | str | None) -> str:
    return "the baseline period" if period is None else str(period)


@attrs.frozen(kw_only=True)
class ClaimFacts:
    """What a claim verdict's sentence needs; the sentence is written on demand.

    Attributes:
        sentence: Which sentence.
        name_zh: The claim's name in Chinese (its indicator's name, else its id).
        name_en: Its name in English (the indicator's ``name_en``, else an id).
        figures: The stated figures the sentence shows, in the order the
            sentence (see :class:`ClaimSentence`) reads them.
        shown: The derived figure (a sum, a rate, a change, an implied value).
        relation: ``=`` or ``≤`` for a sum; the standing word for a standing;
            the commitment for a qualitative target.
        period: The baseline period of a change.
        refs: The ids the sentence names (of figures without a value; of the
            reference scopes).
        refs_en: The same ids for English text.
        exceeded: Whether a completion is said to exceed the target.
        possible: Whether an implied value is a possible one.
        unit: The unit a stated change should be in (percentage points for a rate).
        fails: Whether a 确保 commitment without a result fails the run.

    """

    sentence: ClaimSentence
    name_zh: str
    name_en: str
    figures: tuple[Quantity, ...] = ()
    shown: Quantity | None = None
    relation: str = ""
    period: Period | str | None = None
    refs: tuple[str, ...] = ()
    refs_en: tuple[str, ...] = ()
    exceeded: bool = False
    possible: bool = True
    unit: Unit | None = None
    fails: bool = False

    def render(self, verdict: Verdict, lang: Lang) -> str:
        """The sentence for *verdict* in Chinese (``"zh"``) or English (``"en"``)."""
        method = _RENDER[self.sentence]
        return method(self, verdict.status, lang == "zh")


def _word(status: Status, zh: bool) -> str:
    return (_WORD_ZH if zh else STATUS_EN)[status]


def _q(quantity: Quantity | None, zh: bool, *, derived: bool = False) -> str:
    if quantity is None:
        return ""
    return quantity_zh(quantity, derived=derived) if zh else quantity_en(quantity, derived=derived)


def _sum(facts: ClaimFacts, status: Status, zh: bool) -> str:
    total, *parts = facts.figures
    terms = " + ".join(_q(p, zh) for p in parts)
    shown, relation = _q(facts.shown, zh, derived=True), facts.relation
    if zh:
        return (
            f"{facts.name_zh}：{terms} = {shown}，所述合计{total}（{relation}），"
            f"{_word(status, zh)}。"
        )
    return (
        f"{facts.name_en}: {terms} = {shown} against the stated total {_q(total, zh)} "
        f"({relation}): {_word(status, zh)}."
    )


def _rate(facts: ClaimFacts, status: Status, zh: bool) -> str:
    rate, numerator, denominator = facts.figures
    shown = _q(facts.shown, zh, derived=True)
    if zh:
        return (
            f"{facts.name_zh}：{numerator} ÷ {denominator} = {shown}，所述{rate}，"
            f"{_word(status, zh)}。"
        )
    return (
        f"{facts.name_en}: {_q(numerator, zh)} / {_q(denominator, zh)} = {shown} "
        f"against the stated {_q(rate, zh)}: {_word(status, zh)}."
    )


def _change(facts: ClaimFacts, status: Status, zh: bool) -> str:
    change, current, baseline = facts.figures
    shown = _q(facts.shown, zh, derived=True)
    if zh:
        return (
            f"{facts.name_zh}：{current}与{baseline}相比变化{shown}，所述{change}，"
            f"{_word(status, zh)}。"
        )
    return (
        f"{facts.name_en}: {_q(current, zh)} against {_q(baseline, zh)} is a change of "
        f"{shown}; stated {_q(change, zh)}: {_word(status, zh)}."
    )


def _implied(facts: ClaimFacts, status: Status, zh: bool) -> str:
    change, current = facts.figures
    shown = _q(facts.shown, zh, derived=True)
    if zh:
        period = _period_zh(facts.period)
        if facts.possible:
            return (
                f"{facts.name_zh}：{current}较{period}变化{change}，推算{period}为{shown}，"
                f"是可能的取值；未给出{period}的数值，{_UNVERIFIABLE_ZH}。"
            )
        return (
            f"{facts.name_zh}：{current}较{period}变化{change}，推算{period}为{shown}，"
            f"不是可能的取值，{_word(status, zh)}。"
        )
    period = _period_en(facts.period)
    head = (
        f"{facts.name_en}: {_q(current, zh)} after a change of {_q(change, zh)} implies "
        f"{shown} for {period}"
    )
    if facts.possible:
        return f"{head}, a possible value; the baseline figure is not stated: {_UNVERIFIABLE_EN}."
    return f"{head}, an impossible value: {_word(status, zh)}."


def _no_data(facts: ClaimFacts, status: Status, zh: bool) -> str:
    if zh:
        return f"{facts.name_zh}：{'、'.join(facts.refs)}中有数值缺失，无法核对。"
    refs = ", ".join(facts.refs_en)
    return f"{facts.name_en}: a figure among {refs} has no value; nothing to check."


def _unit_mismatch(facts: ClaimFacts, status: Status, zh: bool) -> str:
    first, second = facts.figures
    if zh:
        return (
            f"{facts.name_zh}：{first}与{second}的单位（{first.unit.symbol}、{second.unit.symbol}）"
            f"不能比较，此项无法核对，按不一致处理。"
        )
    return (
        f"{facts.name_en}: {_q(first, zh)} and {_q(second, zh)} are in units that do not "
        f"compare ({_unit_en(first.unit)}, {_unit_en(second.unit)}); this claim cannot be "
        f"checked and counts as inconsistent."
    )


def _change_unit(facts: ClaimFacts, status: Status, zh: bool) -> str:
    change, current = facts.figures
    assert facts.unit is not None
    if zh:
        return (
            f"{facts.name_zh}：{current}的变化应以{facts.unit.symbol}计，所述{change}"
            f"单位不符，此项无法核对，按不一致处理。"
        )
    return (
        f"{facts.name_en}: a change of {_q(current, zh)} is measured in "
        f"{_unit_en(facts.unit)}, not as the stated {_q(change, zh)}; this claim cannot be "
        f"checked and counts as inconsistent."
    )


def _completion(facts: ClaimFacts, status: Status, zh: bool) -> str:
    result, threshold = facts.figures
    banded = not threshold.is_exact and threshold.low is not None and threshold.high is not None
    if zh:
        said = "超额完成" if facts.exceeded else "完成"
        shown = band_text(threshold, "zh") if banded else str(threshold)
        return (
            f"{facts.name_zh}：实际{result}，任务{facts.relation}{shown}，所述{said}，"
            f"{_word(status, zh)}。"
        )
    said = "exceeded" if facts.exceeded else "completed"
    shown = band_text(threshold, "en") if banded else _q(threshold, zh)
    return (
        f"{facts.name_en}: {_q(result, zh)} against a target of {_RELATION_EN[facts.relation]}"
        f"{shown}; the report says it was {said}: {_word(status, zh)}."
    )


_RELATION_EN = {
    "": "",
    "不低于": "at least ",
    "不高于": "at most ",
    "高于": "more than ",
    "低于": "less than ",
    "等于": "",
}


def _share(facts: ClaimFacts, status: Status, zh: bool) -> str:
    share, result, threshold = facts.figures
    shown = _q(facts.shown, zh, derived=True)
    if zh:
        return (
            f"{facts.name_zh}：实际{result}，任务{threshold}，完成{shown}，所述{share}，"
            f"{_word(status, zh)}。"
        )
    return (
        f"{facts.name_en}: {_q(result, zh)} of a target of {_q(threshold, zh)} is {shown}; "
        f"stated {_q(share, zh)}: {_word(status, zh)}."
    )


def _standing(facts: ClaimFacts, status: Status, zh: bool) -> str:
    own, reference = facts.figures
    if zh:
        where = "、".join(facts.refs)
        word = _STANDING_ZH[facts.relation]
        return (
            f"{facts.name_zh}：{own}，{where}为{reference}，所述{word}{where}，"
            f"{_word(status, zh)}。"
        )
    where = ", ".join(facts.refs_en)
    return (
        f"{facts.name_en}: {_q(own, zh)} against {_q(reference, zh)} for {where}; "
        f"stated {_STANDING_EN[facts.relation]} {where}: {_word(status, zh)}."
    )


def _standing_unstated(facts: ClaimFacts, status: Status, zh: bool) -> str:
    if zh:
        where = "、".join(facts.refs)
        return (
            f"{facts.name_zh}：所述{_STANDING_ZH[facts.relation]}{where}，"
            f"未给出{where}的数值，{_UNVERIFIABLE_ZH}。"
        )
    where = ", ".join(facts.refs_en)
    return (
        f"{facts.name_en}: stated to be {_STANDING_EN[facts.relation]} {where}, whose figure "
        f"is not stated: {_UNVERIFIABLE_EN}."
    )


def _qualitative(facts: ClaimFacts, status: Status, zh: bool) -> str:
    if zh:
        if status is Status.PENDING:
            return f"{facts.name_zh}：无数值的承诺（{_COMMITMENT_ZH[facts.relation]}），尚未到期。"
        fails = "；确保的承诺缺少结果，不能视为通过，本次检查不通过" if facts.fails else ""
        return (
            f"{facts.name_zh}：无数值的承诺（{_COMMITMENT_ZH[facts.relation]}），"
            f"没有可据以判断的结果，{_UNVERIFIABLE_ZH}{fails}。"
        )
    if status is Status.PENDING:
        return f"{facts.name_en}: a commitment without a figure ({facts.relation}); not yet due."
    fails = "; a binding commitment without a result cannot pass, so the run fails"
    return (
        f"{facts.name_en}: a commitment without a figure ({facts.relation}); no result is "
        f"stated to judge it by: {_UNVERIFIABLE_EN}{fails if facts.fails else ''}."
    )


_RENDER = {
    ClaimSentence.SUM: _sum,
    ClaimSentence.RATE: _rate,
    ClaimSentence.CHANGE: _change,
    ClaimSentence.IMPLIED: _implied,
    ClaimSentence.NO_DATA: _no_data,
    ClaimSentence.UNIT_MISMATCH: _unit_mismatch,
    ClaimSentence.CHANGE_UNIT: _change_unit,
    ClaimSentence.COMPLETION: _completion,
    ClaimSentence.SHARE: _share,
    ClaimSentence.STANDING: _standing,
    ClaimSentence.STANDING_UNSTATED: _standing_unstated,
    ClaimSentence.QUALITATIVE: _qualitative,
}
