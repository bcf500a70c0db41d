"""How verdicts put comparators, statuses and values into words, in 中文 and English."""

from __future__ import annotations

from ..model.targets import Basis, Comparator, Target
from .verdicts import Status

__all__ = ["STATUS_EN", "STATUS_ZH", "threshold_en", "threshold_symbols", "threshold_zh"]

STATUS_ZH = {
    Status.MET: "已达成",
    Status.BASICALLY_MET: "基本完成",
    Status.MISSED: "未达成",
    Status.INDETERMINATE: "无法判定",
    Status.PENDING: "尚未到期",
    Status.AT_RISK: "进度滞后",
    Status.NO_DATA: "无数据",
    Status.CONSISTENT: "一致",
    Status.INCONSISTENT: "不一致",
    Status.OVERDUE: "逾期未完成",
    Status.DONE_LATE: "逾期完成",
    Status.UNVERIFIED: "未验收",
}
STATUS_EN = {
    Status.MET: "met",
    Status.BASICALLY_MET: "basically met",
    Status.MISSED: "missed",
    Status.INDETERMINATE: "indeterminate",
    Status.PENDING: "pending",
    Status.AT_RISK: "at risk",
    Status.NO_DATA: "no data",
    Status.CONSISTENT: "consistent",
    Status.INCONSISTENT: "inconsistent",
    Status.OVERDUE: "overdue",
    Status.DONE_LATE: "done late",
    Status.UNVERIFIED: "unverified",
}

_WORDS: dict[str, dict[Comparator, str]] = {
    "symbols": {
        Comparator.AT_LEAST: "≥ ",
        Comparator.AT_MOST: "≤ ",
        Comparator.MORE_THAN: "> ",
        Comparator.LESS_THAN: "< ",
        Comparator.EQUAL: "= ",
    },
    "zh": {
        Comparator.AT_LEAST: "不低于",
        Comparator.AT_MOST: "不高于",
        Comparator.MORE_THAN: "高于",
        Comparator.LESS_THAN: "低于",
        Comparator.EQUAL: "等于",
    },
    "en": {
        Comparator.AT_LEAST: "at least ",
        Comparator.AT_MOST: "at most ",
        Comparator.MORE_THAN: "more than ",
        Comparator.LESS_THAN: "less than ",
        Comparator.EQUAL: "exactly ",
    },
}
_BASIS = {
    "zh": {Basis.LEVEL: "", Basis.CHANGE: "变化", Basis.GROWTH: "增长", Basis.REFERENCE: "差值"},
    "en": {
        Basis.LEVEL: "",
        Basis.CHANGE: "change ",
        Basis.GROWTH: "growth ",
        Basis.REFERENCE: "difference ",
    },
}
_SPECIAL = {
    Comparator.ZERO: {"symbols": "{basis}= 0", "zh": "{basis}为零", "en": "{basis}zero"},
    Comparator.BETWEEN: {
        "symbols": "{basis}∈ [{value}, {upper}]",
        "zh": "{basis}在{value}至{upper}之间",
        "en": "{basis}between {value} and {upper}",
    },
    Comparator.RANK_WITHIN: {
        "symbols": "rank ≤ {value}",
        "zh": "名次在前{rank}名以内",
        "en": "rank {rank} or better",
    },
}


def _words(target: Target, style: str) -> str:
    basis = _BASIS["zh" if style == "zh" else "en"][target.basis]
    value = "" if target.value is None else str(target.value)
    special = _SPECIAL.get(target.comparator)
    if special is not None:
        rank = "" if target.value is None else target.value.low
        upper = "" if target.upper is None else str(target.upper)
        return special[style].format(basis=basis, value=value, upper=upper, rank=rank)
    return f"{basis}{_WORDS[style][target.comparator]}{value}"


def threshold_symbols(target: Target) -> str:
    """The target as a formula: ``"≥ 96%"``, ``"∈ [90%, 95%]"``, ``"= 0"``, ``"rank ≤ 3"``."""
    return _words(target, "symbols")


def threshold_zh(target: Target) -> str:
    """The target in Chinese words: ``"不低于96%"``, ``"为零"``, ``"名次在前3名以内"``."""
    return _words(target, "zh")


def threshold_en(target: Target) -> str:
    """The target in English words: ``"at least 96%"``, ``"zero"``, ``"rank 3 or better"``."""
    return _words(target, "en")
