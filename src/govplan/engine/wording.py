"""Every sentence the engine says, in 中文 and English, rendered when a verdict is read.

A verdict carries a reason code and its facts; :func:`explain` picks the
sentence for the reason and fills it in.  Numbers the engine derived (a pace,
a gap, a computed rate) are shown at a sensible precision (two decimal
places at most); figures a source stated are shown as stated.  English
sentences use English unit names (``pp``, ``persons``, ``million yuan``) and
the indicators' English names where they have one.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from ..model.targets import Basis, Comparator, Target
from ..values.periods import Period, PeriodKind
from ..values.quantities import Quantity
from ..values.quantity_text import format_quantity
from .codes import ReasonCode
from .derivation_wording import derivation_text, underivable_text
from .verdicts import StatedText, Status

if TYPE_CHECKING:
    from .target_rules import CheckDetails
    from .verdicts import Verdict

__all__ = [
    "STATUS_EN",
    "STATUS_ZH",
    "explain",
    "number_text",
    "period_zh",
    "quantity_en",
    "quantity_zh",
    "target_sentence",
    "threshold_en",
    "threshold_symbols",
    "threshold_zh",
]

Lang = Literal["zh", "en"]

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
_CEILINGS = frozenset({Comparator.AT_MOST, Comparator.LESS_THAN, Comparator.ZERO})
_CEILING_ZH = {Status.MET: "未超出", Status.MISSED: "超出"}
_CEILING_EN = {Status.MET: "met (within the limit)", Status.MISSED: "missed (over the limit)"}

# ----------------------------------------------------------------------------- numbers

_CENT = Decimal("0.01")


def number_text(value: Decimal | Fraction | int, *, places: int = 2) -> str:
    """*value* at most *places* decimals, trailing zeros dropped: ``1049.1497`` → ``1049.15``."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    exact = Decimal(value)
    step = Decimal(1).scaleb(-places)
    if exact.as_tuple().exponent < -places:  # type: ignore[operator]
        exact = exact.quantize(step, rounding=ROUND_HALF_UP)
    text = format(exact, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _rounded(quantity: Quantity) -> Quantity:
    def cut(value: Decimal | None) -> Decimal | None:
        return None if value is None else Decimal(number_text(value))

    low, high = cut(quantity.low), cut(quantity.high)
    if low is not None and high is not None and low == high:
        return Quantity.of(low, quantity.unit)
    return Quantity(
        low=low,
        high=high,
        unit=quantity.unit,
        low_open=quantity.low_open,
        high_open=quantity.high_open,
    )


def quantity_zh(quantity: Quantity, *, derived: bool = False) -> str:
    """A quantity in Chinese: as stated, or (derived) rounded to two places."""
    if not derived and quantity.stated is not None:
        return quantity.stated
    return format_quantity(_rounded(quantity))


_MONEY = {"money:CNY": "yuan", "money:USD": "US dollars"}


def _amount_en(value: Decimal, quantity: Quantity, places: int = 4) -> str:
    unit = quantity.unit
    if unit.dimension == "rate":
        return f"{number_text(value)}%"
    if unit.dimension == "rate-difference":
        return f"{number_text(value)} pp"
    if unit.dimension in _MONEY:
        base = value * Decimal(unit.factor.numerator) / Decimal(unit.factor.denominator)
        for size, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
            if abs(base) >= size:
                return f"{number_text(base / size, places=places)} {word} {_MONEY[unit.dimension]}"
        return f"{number_text(base)} {_MONEY[unit.dimension]}"
    name = unit.name or unit.symbol
    if value == 1 and name.endswith("s") and " " not in name:
        name = name[:-1]  # 1 person, 1 institution
    return f"{number_text(value)} {name}".rstrip()


def quantity_en(quantity: Quantity, *, derived: bool = False) -> str:
    """A quantity in English: ``96%``, ``0.8 pp``, ``19.36 million yuan``.

    An interval names its ends: ``more than 300 and less than 400 persons``.
    A *derived* figure (a pace, a computed sum) is shown to two decimals of the
    scale it is read in; a stated one exactly.
    """
    places = 2 if derived else 4
    low, high = quantity.low, quantity.high
    if quantity.is_exact:
        assert low is not None
        return _amount_en(low, quantity, places)
    if low is not None and high is None:
        return ("more than " if quantity.low_open else "at least ") + _amount_en(
            low, quantity, places
        )
    if low is None and high is not None:
        return ("less than " if quantity.high_open else "at most ") + _amount_en(
            high, quantity, places
        )
    assert low is not None
    assert high is not None
    first, second = _amount_en(low, quantity, places), _amount_en(high, quantity, places)
    if not quantity.low_open and not quantity.high_open:
        return f"{first} to {second}"
    first = ("more than " if quantity.low_open else "at least ") + first
    second = ("less than " if quantity.high_open else "at most ") + second
    return f"{first} and {second}"


def _quantity(quantity: Quantity | None, lang: Lang, *, derived: bool = False) -> str:
    if quantity is None:
        return ""
    if lang == "zh":
        return quantity_zh(quantity, derived=derived)
    return quantity_en(quantity, derived=derived)


_HALF_ZH = {1: "上半年", 2: "下半年"}


def period_zh(period: Period) -> str:
    """A period as Chinese writes it: ``2010年``, ``2011年上半年``, ``2011年第3季度``."""
    year, month = period.start.year, period.start.month
    match period.kind:
        case PeriodKind.YEAR:
            return f"{year}年"
        case PeriodKind.HALF:
            return f"{year}年{_HALF_ZH[1 + (month - 1) // 6]}"
        case PeriodKind.QUARTER:
            return f"{year}年第{1 + (month - 1) // 3}季度"
        case PeriodKind.MONTH:
            return f"{year}年{month}月"
        case PeriodKind.TERM:
            return f"{year}年{'春季' if month < 8 else '秋季'}学期"
        case _:
            return str(period)


def _period(period: Period, lang: Lang) -> str:
    return period_zh(period) if lang == "zh" else str(period)


# ----------------------------------------------------------------------------- thresholds

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
    "symbols": {
        Basis.LEVEL: "",
        Basis.CHANGE: "Δ ",
        Basis.GROWTH: "growth ",
        Basis.REFERENCE: "Δref ",
    },
    "zh": {Basis.LEVEL: "", Basis.CHANGE: "变化", Basis.GROWTH: "增长", Basis.REFERENCE: "差值"},
    "en": {
        Basis.LEVEL: "",
        Basis.CHANGE: "a change of ",
        Basis.GROWTH: "growth of ",
        Basis.REFERENCE: "a difference of ",
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


_ABOUT_WORDS = ("左右", "上下", "约")


def band_text(value: Quantity, style: str) -> str:
    """An approximate target's band: ``8%左右（7.6%至8.4%）``, ``about 8% (7.6% to 8.4%)``."""
    assert value.low is not None
    assert value.high is not None

    def shown(number: Decimal) -> Quantity:
        return Quantity.of(Decimal(number_text(number, places=6)), value.unit)

    centre, low, high = shown((value.low + value.high) / 2), shown(value.low), shown(value.high)
    if style == "en":
        return f"about {quantity_en(centre)} ({quantity_en(low)} to {quantity_en(high)})"
    if style == "symbols":
        return f"≈ {centre} [{low}, {high}]"
    stated = value.stated
    about = stated if stated and any(w in stated for w in _ABOUT_WORDS) else f"{centre}左右"
    return f"{about}（{low}至{high}）"


def _words(target: Target, style: str, names: Callable[[str], str] | None = None) -> str:
    basis = _BASIS[style][target.basis]
    if style == "en":
        value = "" if target.value is None else quantity_en(target.value)
        upper = "" if target.upper is None else quantity_en(target.upper)
    else:
        value = "" if target.value is None else str(target.value)
        upper = "" if target.upper is None else str(target.upper)
    if style == "zh" and target.baseline is not None and target.basis is not Basis.LEVEL:
        basis = f"较{period_zh(target.baseline)}{basis}"
    if style == "en" and target.baseline is not None and target.basis is not Basis.LEVEL:
        basis = f"{basis.rstrip()} over {target.baseline}: "
    if target.value is not None and not target.value.is_exact:
        band = band_text(target.value, style)
        if target.comparator is Comparator.EQUAL:
            return f"{basis}{band}"
        return f"{basis}{_WORDS[style][target.comparator]}{band}"
    if (
        target.basis is Basis.REFERENCE
        and target.reference_scope is not None
        and style != "symbols"
    ):
        other = names(target.reference_scope) if names else target.reference_scope
        plain = target.comparator in _WORDS[style] and (
            target.value is None or target.value.low == 0
        )
        if plain:
            # 不高于国家标准: a difference of 0 is just the reference itself.
            return f"{_WORDS[style][target.comparator]}{other}"
        basis = f"与{other}的差值" if style == "zh" else f"a difference from {other} of "
    special = _SPECIAL.get(target.comparator)
    if special is not None:
        rank = "" if target.value is None else target.value.low
        return special[style].format(basis=basis, value=value, upper=upper, rank=rank)
    return f"{basis}{_WORDS[style][target.comparator]}{value}"


def threshold_symbols(target: Target) -> str:
    """The target as a formula: ``"≥ 96%"``, ``"∈ [90%, 95%]"``, ``"= 0"``, ``"rank ≤ 3"``."""
    return _words(target, "symbols")


def threshold_zh(target: Target, names: Callable[[str], str] | None = None) -> str:
    """The target in Chinese words: ``"不低于96%"``, ``"较2010年增长不低于8%"``, ``"为零"``."""
    return _words(target, "zh", names)


def threshold_en(target: Target, names: Callable[[str], str] | None = None) -> str:
    """The target in English words: ``"at least 96%"``, ``"zero"``, ``"rank 3 or better"``."""
    return _words(target, "en", names)


# ----------------------------------------------------------------------------- dispatch


def explain(verdict: Verdict, lang: Lang = "zh") -> str:
    """The one-line explanation of *verdict* in Chinese (``"zh"``) or English (``"en"``).

    Raises:
        ValueError: *lang* is neither ``"zh"`` nor ``"en"``.

    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")
    facts = verdict.facts
    if isinstance(facts, StatedText):
        return facts.zh if lang == "zh" else facts.en
    render = getattr(facts, "render", None)
    if render is not None:
        # A rule's own facts that write their sentence when read (target, claim
        # and activity wording).
        return str(render(verdict, lang))
    status = (STATUS_ZH if lang == "zh" else STATUS_EN)[verdict.status]
    return f"{verdict.subject}：{status}。" if lang == "zh" else f"{verdict.subject}: {status}."


def status_word(status: Status, comparator: Comparator | None, lang: Lang) -> str:
    """The status as a word; a ceiling's met / missed say 未超出 / 超出."""
    if comparator in _CEILINGS and status in _CEILING_ZH:
        return (_CEILING_ZH if lang == "zh" else _CEILING_EN)[status]
    return (STATUS_ZH if lang == "zh" else STATUS_EN)[status]


def gap_text(
    low: Fraction | None, high: Fraction | None, unit_quantity: Quantity, lang: Lang
) -> str:
    """A gap that is a point (``-0.5个百分点``) or an interval (``-2至8个百分点之间``).

    An interval whose ends show as one number is told as that number.
    """
    if low is None or high is None:
        return ""
    first = number_text(low)
    if low == high or first == number_text(high):
        shown = Quantity.of(Decimal(first), unit_quantity.unit)
        return _quantity(shown, lang, derived=True)
    second = _quantity(
        Quantity.of(Decimal(number_text(high)), unit_quantity.unit), lang, derived=True
    )
    return f"在{first}至{second}之间" if lang == "zh" else f"between {first} and {second}"


def join(parts: list[str], lang: Lang) -> str:
    """Clauses joined as the language punctuates them."""
    return ("，" if lang == "zh" else ", ").join(p for p in parts if p)


# ----------------------------------------------------------------------------- targets


def _want(details: CheckDetails, lang: Lang) -> str:
    target = details.row.target
    firm = {"ensure": ("（确保）", " (ensure)"), "strive": ("（力争）", " (strive)")}.get(
        target.commitment.value, ("", "")
    )
    if lang == "zh":
        return f"目标{threshold_zh(target, details.name_of)}{firm[0]}"
    return f"target {threshold_en(target, details.name_of)}{firm[1]}"


def _observed(details: CheckDetails, lang: Lang) -> str:
    """The result, naming level, baseline and reference for a change, growth or difference."""
    row, observed = details.row, details.observed
    text = _quantity(observed, lang, derived=details.observed_derived)
    if observed is None and details.reason in (ReasonCode.COMPARED, ReasonCode.DERIVED):
        # Unbounded both ways (a change between two partial sums): nothing is known.
        text = "无法确定" if lang == "zh" else "unknown size"
    target = row.target
    if target.basis is Basis.LEVEL or details.current is None:
        return text
    current = _quantity(details.current, lang)
    if target.basis is Basis.REFERENCE:
        other = details.name_of(target.reference_scope or "")
        reference = _quantity(details.reference, lang)
        if lang == "zh":
            return f"{current}，{other}为{reference}，差值{text}"
        return f"{current} against {reference} for {other}, a difference of {text}"
    assert target.baseline is not None
    baseline = _quantity(details.baseline, lang)
    word = "增长" if target.basis is Basis.GROWTH else "变化"
    if lang == "zh":
        return f"{current}，{period_zh(target.baseline)}为{baseline}，{word}{text}"
    change = "growth" if target.basis is Basis.GROWTH else "a change"
    return f"{current} against {baseline} in {target.baseline}, {change} of {text}"


def _gap_clause(details: CheckDetails, lang: Lang, *, to: str = "") -> str:
    if details.gap_low is None and details.gap_high is None:
        return ""
    low, high = details.gap_low, details.gap_high
    if to and low is not None and high is not None and low == high:
        low = high = abs(low)
    told = gap_text(low, high, details.gap_unit, lang)
    if not told:
        return ""
    if lang == "zh":
        return f"差距{told}" if not to else f"差{told}"
    return f"gap {told}" if not to else f"{told} short"


def target_sentence(verdict: Verdict, details: CheckDetails, lang: Lang) -> str:
    """The sentence of a target check, for its reason code."""
    name = details.name_zh if lang == "zh" else details.name_en
    want = _want(details, lang)
    status, reason = verdict.status, details.reason
    due = details.due.isoformat()
    as_of = "" if details.as_of is None else details.as_of.isoformat()
    comparator = Comparator[details.row.comparator.name]  # 控制在3%左右: a ceiling
    word = status_word(status, comparator, lang)
    zh = lang == "zh"
    if reason is ReasonCode.COMPARED or reason is ReasonCode.DERIVED:
        extra = ""
        if status is Status.INDETERMINATE:
            extra = "区间跨越目标值" if zh else "the interval straddles the threshold"
        if status is Status.BASICALLY_MET and verdict.progress is not None:
            share = f"{number_text(verdict.progress * 100)}%"
            extra = f"完成目标的{share}" if zh else f"{share} of the way"
        gap = _gap_clause(details, lang)
        how = derivation_text(details, lang) if reason is ReasonCode.DERIVED else ""
        if zh:
            body = join([f"实际{_observed(details, 'zh')}{how}", want, word, gap, extra], "zh")
        else:
            tail = join([word, gap, extra], "en")
            body = f"observed {_observed(details, 'en')}{how} against {want}: {tail}"
    elif reason is ReasonCode.ON_TRACK:
        observed = _quantity(verdict.observed, lang, derived=True) + derivation_text(details, lang)
        pace = _quantity(details.pace, lang, derived=True)
        if zh:
            beside = f"不低于按时间进度应达到的{pace}" if pace else "符合目标"
            body = join(
                [f"截至{as_of}阶段性结果{observed}", f"{beside}，进度正常", want, f"期限{due}"],
                "zh",
            )
        else:
            beside = f"at or above the pro-rata pace of {pace}" if pace else "on track"
            body = f"interim {observed} as of {as_of} is {beside} for {want} due {due}"
    elif reason is ReasonCode.ALREADY_REACHED:
        observed = _quantity(verdict.observed, lang, derived=True)
        how = derivation_text(details, lang)
        body = (
            join(
                [f"截至{as_of or due}累计已达{observed}{how}", "已达到目标", want],
                "zh",
            )
            if zh
            else f"the running total of {observed}{how} as of {as_of or due} already reaches "
            f"{want} and can only grow"
        )
    elif reason is ReasonCode.COUNTS_DISAGREE:
        stated = _quantity(verdict.observed, lang)
        counted = _quantity(details.counts_value, lang, derived=True)
        body = (
            join([f"填报值{stated}与其分子分母算得的{counted}不符", "数据自相矛盾", want], "zh")
            if zh
            else f"the stated {stated} disagrees with the {counted} its own counts give, "
            f"so the data contradict themselves; {want}"
        )
    elif reason in (
        ReasonCode.BEHIND_PACE,
        ReasonCode.SHORT_OF_TARGET,
        ReasonCode.ALREADY_BREACHED,
    ):
        observed = _quantity(verdict.observed, lang, derived=True) + derivation_text(details, lang)
        if reason is ReasonCode.BEHIND_PACE:
            pace = _quantity(details.pace, lang, derived=True)
            gap = _gap_clause(details, lang, to="pace")
            behind = (
                f"低于按时间进度应达到的{pace}" if zh else f"behind the pro-rata pace of {pace}"
            )
        elif reason is ReasonCode.SHORT_OF_TARGET:
            gap = _gap_clause(details, lang)
            ceiling = comparator in _CEILINGS
            behind = (
                ("高于目标上限" if ceiling else "未达到目标")
                if zh
                else ("above the limit" if ceiling else "short of the target")
            )
        else:
            gap = _gap_clause(details, lang)
            behind = "已超出目标，无法挽回" if zh else "already over the limit for good"
        when = as_of or due  # a final check names the due day
        if zh:
            body = join([f"截至{when}阶段性结果{observed}", behind, gap, want, f"期限{due}"], "zh")
        else:
            body = f"interim {observed} as of {when}, {join([behind, gap], 'en')}; {want} due {due}"
    elif reason is ReasonCode.NOT_DUE:
        body = (
            join([f"截至{as_of}期限{due}未到", "尚无最终结果", want], "zh")
            if zh
            else f"no final result as of {as_of}; {want} is due {due}"
        )
    else:
        missing = details.missing(lang)
        if status is Status.PENDING:
            body = (
                join([f"截至{as_of}期限{due}未到", missing, want], "zh")
                if zh
                else f"{missing} as of {as_of}; {want} is due {due}"
            )
        elif reason is ReasonCode.NOT_DERIVABLE or reason is ReasonCode.NOT_DERIVABLE_FAILS:
            body = (
                join([f"期限{due}已过", underivable_text(details, "zh"), "无法判断", want], "zh")
                if zh
                else f"{underivable_text(details, 'en')}, so {want} due {due} cannot be judged"
            )
        elif reason is ReasonCode.NO_VALUE or reason is ReasonCode.NO_VALUE_FAILS:
            body = (
                join([f"期限{due}已过", missing, "无法判断", want], "zh")
                if zh
                else f"{missing}, so {want} due {due} cannot be judged"
            )
        else:
            body = (
                join([f"期限{due}已过", "没有实际值", want], "zh")
                if zh
                else f"no result although {want} was due {due}"
            )
        if reason in (
            ReasonCode.NO_RESULT_FAILS,
            ReasonCode.NO_VALUE_FAILS,
            ReasonCode.NOT_DERIVABLE_FAILS,
        ):
            body += (
                "；约束性目标缺少数据，不能视为通过，本次检查不通过"
                if zh
                else "; a binding target without data cannot pass, so the run fails"
            )
    return f"{name}：{body}。" if zh else f"{name}: {body}."
