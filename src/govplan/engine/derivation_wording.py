"""The sentences of derived values: how a roll-up made a value, or why it could not.

Used by :mod:`~govplan.engine.wording` for the reasons ``DERIVED``,
``ALREADY_REACHED``, the interim reasons and ``NOT_DERIVABLE``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .target_rules import CheckDetails

__all__ = ["derivation_text", "underivable_text"]

Lang = Literal["zh", "en"]


def _names(details: CheckDetails, labels: tuple[str, ...], lang: Lang) -> str:
    shown = [details.name_of(label) for label in labels[:5]]
    more = len(labels) - len(shown)
    if lang == "zh":
        return "、".join(shown) + (f"等{len(labels)}项" if more > 0 else "")
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def derivation_text(details: CheckDetails, lang: Lang) -> str:
    """How a derived value was made (``（由下级单位的3条数据汇总）``); empty if not derived."""
    from .derivations import DerivationKind

    derivation = details.derivation
    if derivation is None:
        return ""
    n = len(derivation.sources)
    zh = lang == "zh"
    if derivation.kind is DerivationKind.COUNTS:
        text = "由分子分母算得" if zh else "computed from its numerator and denominator"
    elif derivation.kind is DerivationKind.UNITS:
        text = f"由下级单位的{n}条数据汇总" if zh else f"rolled up from {n} sub-unit results"
    else:
        text = f"由{n}个分期数据汇总" if zh else f"rolled up from {n} sub-period results"
    if derivation.missing:
        missing = _names(details, derivation.missing, lang)
        text += (
            f"，缺{missing}，为已知部分之和的下限"
            if zh
            else (f"; {missing} missing, so a lower bound (the sum so far)")
        )
    return f"（{text}）" if zh else f" ({text})"


def underivable_text(details: CheckDetails, lang: Lang) -> str:
    """Why a value could not be derived from its parts."""
    derivation = details.derivation
    zh = lang == "zh"
    if derivation is not None and derivation.blocked:
        blocked = _names(details, derivation.blocked, lang)
        return (
            f"无法由下级或分期数据推算：{blocked}只有比率而无分子分母（或单位不能相加）"
            if zh
            else f"the value cannot be derived: {blocked} give a rate without its counts "
            "(or counts that do not add up)"
        )
    if derivation is not None and derivation.missing:
        missing = _names(details, derivation.missing, lang)
        return (
            f"无法推算比率：缺{missing}的数据"
            if zh
            else f"the rate cannot be derived: {missing} missing"
        )
    return "无法推算数值" if zh else "the value cannot be derived"
