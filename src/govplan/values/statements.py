"""Reading the *statement* around a value: what the words say the number means.

A report or plan does not write "≥ 95 %"; it writes 确保入学率达到95%以上,
同比下降12.5%, 控制在1%以内, 全年未发生重大安全事故, 位居全省第三, 预计增长8%左右.
:func:`find_statements` finds every value statement in a sentence or a
paragraph and reads, for each:

* the value as a :class:`~govplan.Quantity` (an interval when the words bound
  or approximate it: 95%以上 is [95, ∞), 300多人 is (300, 400));
* the :class:`~govplan.Comparator` a target would use (达到 / 不低于 / 以上 →
  at least, 突破 / 超过 → more than, 控制在…以内 / 不超过 → at most, 不满 →
  less than, following Civil Code art. 1259);
* its kind: a level, a change in the value's unit (提高4.81个百分点), a growth
  in percent of the baseline (增长8%, 增长1.82倍, 翻一番), a zero statement
  (未发生), a rank (榜首, 全省第三, 前十强) or no change (持平);
* the approximation word (约, 近, 左右, 多, 余), the commitment word (确保,
  力争, 努力, 争取), whether it is a forecast (预计, 有望), the period it is
  for, the baseline named (同比, 比上年) and a rank's scope (全省);
* its span in the original text and the words as written.

The reader makes one pass over the text with bounded look-behind windows: its
time is linear in the input.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from ..errors import ParseError
from .comparators import Commitment, Comparator
from .normalize import NormalizedText, normalize
from .periods import Period
from .quantities import Quantity
from .quantity_text import DEFAULT_TOLERANCE, _check_tolerance
from .statement_scan import Scanner
from .units import DEFAULT_UNITS, UnitRegistry

__all__ = ["Statement", "StatementKind", "find_statements", "read_statement"]


class StatementKind(enum.StrEnum):
    """What a value statement states."""

    LEVEL = "level"
    """The value itself (入学率达到99.5%)."""
    CHANGE = "change"
    """A difference from a baseline in the value's unit (提高4.81个百分点, 减少200人)."""
    GROWTH = "growth"
    """A change in percent of the baseline (增长8%, 增长1.82倍 = 182%, 翻一番 = 100%)."""
    ZERO = "zero"
    """Nothing happened (未发生, 没有发生, 无, 零事故): an exact zero."""
    RANK = "rank"
    """A rank (第三名, 前十强, 榜首) within :attr:`Statement.scope`."""
    UNCHANGED = "unchanged"
    """No change against the baseline (持平)."""


@attrs.frozen(kw_only=True)
class Statement:
    """One value statement read from text.

    Attributes:
        text: The words as written in the original text (``text[span[0]:span[1]]``).
        span: Start and end character offsets into the original text.
        kind: Level, change, growth, zero, rank or unchanged.
        quantity: What the words say the value is: exact, or an interval when
            bounded or approximate (95%以上 → [95, ∞); 下降5%以上 → (−∞, −5];
            300多人 → (300, 400)).  Changes are signed (下降 is negative);
            growth is in %.  ``None`` for a vague rank (前列, 第一方阵) and
            for 持平.
        comparator: The comparator a target stating these words would use;
            ``None`` when the value is stated plainly or approximately.
        approx: The approximation word (约, 近, 左右, 多, 余, 几), if any.
        commitment: 确保 → ensure; 力争 / 争取 / 努力 → strive; else plain.
        commitment_word: The commitment word as written, if any.
        forecast: Whether a forecast word (预计, 有望) governs the value: a
            forecast is not a result.
        period: The period named for the value in its sentence, if any (and
            if it names a year or the reader was given one).
        period_text: That period phrase as written.
        to_date: Whether the period is a year-to-date span (1至9月, 截至9月底).
        baseline_text: The baseline words of a change (同比, 比上年), if any.
        scope: The scope a rank is within (全省, 全市), if stated.
        keyword: The word that decides the kind (增长, 下降, 未发生, 榜首, 持平,
            控制在 …), if any.
        subject: The words of the clause before the statement (usually what
            is measured: "全年地区生产总值").

    """

    text: str
    span: tuple[int, int]
    kind: StatementKind = attrs.field(converter=StatementKind)
    quantity: Quantity | None
    comparator: Comparator | None = None
    approx: str | None = None
    commitment: Commitment = attrs.field(default=Commitment.PLAIN, converter=Commitment)
    commitment_word: str | None = None
    forecast: bool = False
    period: Period | None = None
    period_text: str | None = None
    to_date: bool = False
    baseline_text: str | None = None
    scope: str | None = None
    keyword: str | None = None
    subject: str = ""

    @property
    def threshold(self) -> Quantity | None:
        """The exact value the comparator bounds (95 for 95%以上), or ``None``.

        For a plain exact value it is that value; for a range (7-9%) its low
        end, as a ``BETWEEN`` target holds it; for an approximate band or a
        zero statement there is none.
        """
        quantity, comparator = self.quantity, self.comparator
        if quantity is None:
            return None
        if comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.BETWEEN):
            bound = quantity.low
        elif comparator in (Comparator.AT_MOST, Comparator.LESS_THAN, Comparator.RANK_WITHIN):
            bound = quantity.high
        elif quantity.is_exact and comparator is not Comparator.ZERO:
            bound = quantity.low
        else:
            return None
        return None if bound is None else Quantity(low=bound, high=bound, unit=quantity.unit)

    @property
    def is_approximate(self) -> bool:
        """Whether the value is approximate (约, 近, 左右, 多, 余, 几)."""
        return self.approx is not None


def find_statements(
    text: str,
    *,
    year: int | None = None,
    units: UnitRegistry = DEFAULT_UNITS,
    tolerance: Decimal | int | str = DEFAULT_TOLERANCE,
) -> tuple[Statement, ...]:
    """Every value statement in *text* (a phrase, a sentence or a paragraph), in order.

    >>> [s.text for s in find_statements("全年地区生产总值增长10%，城镇登记失业率控制在4.5%以内")]
    ['增长10%', '控制在4.5%以内']
    >>> growth, ceiling = find_statements("力争增长10%，失业率控制在4.5%以内")
    >>> growth.kind, str(growth.quantity), growth.commitment.value
    (<StatementKind.GROWTH: 'growth'>, '10%', 'strive')
    >>> ceiling.comparator, ceiling.threshold.value
    (<Comparator.AT_MOST: 'at_most'>, Decimal('4.5'))

    Args:
        text: The text, as written (spans refer to it).
        year: The year of period phrases that name none (上半年, 1至9月).
        units: The unit registry to read units from.
        tolerance: The relative half-width of 约N / N左右 (see
            :func:`~govplan.parse_quantity`).

    Raises:
        ParseError: *text* is not a string or *tolerance* is not an exact share.

    """
    if not isinstance(text, str):
        raise ParseError(f"not text: {text!r}", value=text, expected="a string")
    spread = _check_tolerance(tolerance)
    normalized = normalize(text)
    scanner = Scanner(normalized.text, year=year, units=units, tolerance=spread)
    found: list[Statement] = []
    for reading in scanner.readings():
        start, end = normalized.span(reading.start, reading.end)
        subject_start, subject_end = normalized.span(*scanner.subject(reading))
        period = scanner.period_before(reading.end)
        commitment = scanner.commitment_before(reading.start)
        changes = reading.kind in ("change", "growth", "unchanged")
        found.append(
            Statement(
                text=text[start:end],
                span=(start, end),
                kind=StatementKind(reading.kind),
                quantity=reading.quantity,
                comparator=reading.comparator,
                approx=reading.approx,
                commitment=commitment[1] if commitment else Commitment.PLAIN,
                commitment_word=_original(normalized, text, commitment[0]) if commitment else None,
                forecast=scanner.forecast_before(reading.start),
                period=period.period if period else None,
                period_text=_original(normalized, text, period.where) if period else None,
                to_date=period.to_date if period else False,
                baseline_text=(
                    _original(normalized, text, reading.baseline)
                    if changes and reading.baseline
                    else None
                ),
                scope=_original(normalized, text, reading.scope) if reading.scope else None,
                keyword=reading.keyword,
                subject=text[subject_start:subject_end].strip(),
            )
        )
    return tuple(found)


def _original(normalized: NormalizedText, text: str, where: tuple[int, int]) -> str:
    start, end = normalized.span(*where)
    return text[start:end]


def read_statement(
    text: str,
    *,
    year: int | None = None,
    units: UnitRegistry = DEFAULT_UNITS,
    tolerance: Decimal | int | str = DEFAULT_TOLERANCE,
) -> Statement:
    """Read one value statement (a phrase such as "同比下降12.5%" or "控制在1%以内").

    >>> statement = read_statement("比上年提高4.81个百分点")
    >>> statement.kind.value, str(statement.quantity.value), statement.quantity.unit.symbol
    ('change', '4.81', '个百分点')
    >>> read_statement("全年未发生一起重大安全事故").kind.value
    'zero'

    Raises:
        ParseError: The text states no value, or more than one (the message
            quotes them).

    """
    found = find_statements(text, year=year, units=units, tolerance=tolerance)
    shown = text if len(text) <= 60 else text[:60] + "…"
    if not found:
        raise ParseError(
            f"no value statement in {shown!r}",
            value=shown,
            expected='a phrase such as "增长8%", "控制在1%以内", "未发生", "位居全省第三"',
        )
    if len(found) > 1:
        raise ParseError(
            f"{len(found)} value statements in {shown!r}: "
            + ", ".join(repr(statement.text) for statement in found),
            value=shown,
            expected="one statement (use find_statements for several)",
        )
    return found[0]
