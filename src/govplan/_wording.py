"""How verdicts put comparators, statuses and values into words, in 中文 and English."""

from __future__ import annotations

from ._quantities import Quantity
from ._targets import Basis, Comparator, Target
from ._verdicts import Status

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

_SYMBOLS = {
    Comparator.AT_LEAST: "≥",
    Comparator.AT_MOST: "≤",
    Comparator.MORE_THAN: ">",
    Comparator.LESS_THAN: "<",
    Comparator.EQUAL: "=",
}
_ZH = {
    Comparator.AT_LEAST: "不低于",
    Comparator.AT_MOST: "不高于",
    Comparator.MORE_THAN: "高于",
    Comparator.LESS_THAN: "低于",
    Comparator.EQUAL: "等于",
}
_EN = {
    Comparator.AT_LEAST: "at least",
    Comparator.AT_MOST: "at most",
    Comparator.MORE_THAN: "more than",
    Comparator.LESS_THAN: "less than",
    Comparator.EQUAL: "exactly",
}
_BASIS_ZH = {Basis.LEVEL: "", Basis.CHANGE: "变化", Basis.GROWTH: "增长", Basis.REFERENCE: "差值"}
_BASIS_EN = {
    Basis.LEVEL: "",
    Basis.CHANGE: "change ",
    Basis.GROWTH: "growth ",
    Basis.REFERENCE: "difference ",
}


def _value(quantity: Quantity | None) -> str:
    return "" if quantity is None else str(quantity)


def threshold_symbols(target: Target) -> str:
    """The target as a formula: ``"≥ 96%"``, ``"∈ [90%, 95%]"``, ``"= 0"``, ``"rank ≤ 3"``."""
    prefix = _BASIS_EN[target.basis]
    if target.comparator is Comparator.ZERO:
        return f"{prefix}= 0"
    if target.comparator is Comparator.BETWEEN:
        return f"{prefix}∈ [{_value(target.value)}, {_value(target.upper)}]"
    if target.comparator is Comparator.RANK_WITHIN:
        return f"rank ≤ {_value(target.value)}"
    return f"{prefix}{_SYMBOLS[target.comparator]} {_value(target.value)}"


def threshold_zh(target: Target) -> str:
    """The target in Chinese words: ``"不低于96%"``, ``"为零"``, ``"名次在前3名以内"``."""
    basis = _BASIS_ZH[target.basis]
    if target.comparator is Comparator.ZERO:
        return f"{basis}为零"
    if target.comparator is Comparator.BETWEEN:
        return f"{basis}在{_value(target.value)}至{_value(target.upper)}之间"
    if target.comparator is Comparator.RANK_WITHIN:
        assert target.value is not None
        return f"名次在前{target.value.value}名以内"
    return f"{basis}{_ZH[target.comparator]}{_value(target.value)}"


def threshold_en(target: Target) -> str:
    """The target in English words: ``"at least 96%"``, ``"zero"``, ``"rank 3 or better"``."""
    basis = _BASIS_EN[target.basis]
    if target.comparator is Comparator.ZERO:
        return f"{basis}zero"
    if target.comparator is Comparator.BETWEEN:
        return f"{basis}between {_value(target.value)} and {_value(target.upper)}"
    if target.comparator is Comparator.RANK_WITHIN:
        assert target.value is not None
        return f"rank {target.value.value} or better"
    return f"{basis}{_EN[target.comparator]} {_value(target.value)}"
