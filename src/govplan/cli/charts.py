"""Inline SVG charts for the HTML report: bullet charts and trend charts.

Inline SVG keeps the report one self-contained file that opens offline, and
its text uses the page's own (CJK) fonts.  Positions are computed from exact
values; floats appear only as drawing coordinates.  Every chart has a scale
with labelled ticks, the target marked and labelled, and each value labelled,
so 99.9 % and 100 % never look the same.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from ..model.targets import Comparator, Target
from ..values.quantities import Quantity
from ..values.units import Unit

__all__ = ["Point", "bullet_chart", "nice_scale", "quantity_words", "trend_chart", "unit_words"]

_INK, _MUTED, _TRACK = "#212121", "#616161", "#eeeeee"


def _plain(value: Fraction) -> str:
    number = Decimal(value.numerator) / Decimal(value.denominator)
    number = number.quantize(Decimal("0.001")) if number != number.to_integral_value() else number
    text = format(number.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def unit_words(unit: Unit, lang: str) -> str:
    """How a unit is written after a number: its symbol in Chinese, its English name in English."""
    if lang == "zh" or not unit.name or not unit.symbol or unit.symbol in ("%", "‰", "‱"):
        return unit.symbol
    return f" {unit.name}"


def quantity_words(quantity: Quantity, lang: str) -> str:
    """A value as the report shows it: as stated in Chinese ("70多%"), in figures in English.

    >>> from govplan import parse_quantity, parse_unit
    >>> quantity_words(parse_quantity("70多%"), "en")
    '(70, 80)%'
    >>> quantity_words(parse_quantity("4所"), "en") == f"4 {parse_unit('所').name}"
    True
    """
    if lang == "zh":
        return str(quantity)
    unit = unit_words(quantity.unit, lang)
    low = None if quantity.low is None else _plain(Fraction(quantity.low))
    high = None if quantity.high is None else _plain(Fraction(quantity.high))
    if quantity.is_exact:
        return f"{low}{unit}"
    if low is None:
        return f"{'<' if quantity.high_open else '≤'} {high}{unit}"
    if high is None:
        return f"{'>' if quantity.low_open else '≥'} {low}{unit}"
    opening = "(" if quantity.low_open else "["
    closing = ")" if quantity.high_open else "]"
    return f"{opening}{low}, {high}{closing}{unit}"


def nice_scale(
    low: Fraction, high: Fraction, ticks: int = 5
) -> tuple[Fraction, Fraction, Fraction]:
    """A scale from *low* to *high* with round ends and a round step (1, 2, 2.5 or 5 × 10^k).

    >>> [str(x) for x in nice_scale(Fraction(0), Fraction(100))]
    ['0', '100', '20']
    >>> [str(x) for x in nice_scale(Fraction(999, 10), Fraction(100), ticks=4)]
    ['999/10', '100', '1/40']
    """
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) / 10 or Fraction(1)
        low, high = low - pad, high + pad
    raw = (high - low) / ticks
    exponent = (Decimal(raw.numerator) / Decimal(raw.denominator)).adjusted()
    magnitude = Fraction(10) ** exponent
    step = next(
        m * magnitude
        for m in (Fraction(1), Fraction(2), Fraction(5, 2), Fraction(5), Fraction(10))
        if m * magnitude >= raw
    )
    start = (low / step).__floor__() * step
    end = -((-high / step).__floor__()) * step
    return start, end, step


@attrs.frozen(kw_only=True)
class _Axis:
    low: Fraction
    high: Fraction
    step: Fraction
    left: float
    width: float

    def x(self, value: Fraction) -> float:
        clamped = min(max(value, self.low), self.high)
        return round(
            self.left + float((clamped - self.low) / (self.high - self.low)) * self.width, 1
        )

    def ticks(self) -> list[Fraction]:
        found, value = [], self.low
        while value <= self.high:
            found.append(value)
            value += self.step
        return found


def _axis(points: Sequence[Fraction], left: float, width: float) -> _Axis:
    low, high = min(points), max(points)
    # Start at zero unless the values differ by less than a tenth of their size (99.9%
    # against 100%): then zoom in, and the labelled ticks say where the scale starts.
    if low > 0 and not Fraction(0) < (high - low) * 10 < high:
        low = Fraction(0)
    elif high < 0 and not Fraction(0) < (high - low) * 10 < -low:
        high = Fraction(0)
    span = high - low
    start, end, step = nice_scale(low - span / 5 if low else low, high + span / 5, ticks=4)
    return _Axis(low=start, high=end, step=step, left=left, width=width)


def _bounds(quantity: Quantity, unit: Unit) -> tuple[Fraction | None, Fraction | None]:
    try:
        return quantity.bounds_in(unit)
    except Exception:  # a unit that does not convert: no chart rather than a wrong one
        return (None, None)


def bullet_chart(
    observed: Quantity | None,
    target: Target | None,
    *,
    colour: str,
    target_label: str,
    lang: str = "zh",
) -> str:
    """An SVG bullet chart: the value (or interval) against the target, on a labelled scale.

    Empty when there is nothing to draw (no value, no level target, units that
    do not convert).
    """
    if observed is None or target is None or target.basis.value != "level":
        return ""
    if target.comparator is Comparator.RANK_WITHIN:
        return ""
    unit = observed.unit
    threshold = Fraction(0) if target.value is None else _bounds(target.value, unit)[0]
    # A range's upper end; an approximate target (8%左右) shades its whole band.
    ceiling = target.upper
    if ceiling is None and target.is_approximate:
        ceiling = target.value
    upper = None if ceiling is None else _bounds(ceiling, unit)[1]
    low, high = _bounds(observed, unit)
    if threshold is None or (low is None and high is None):
        return ""
    points = [p for p in (low, high, threshold, upper) if p is not None]
    width, left = 280.0, 20.0
    axis = _axis(points, left, width)
    start = axis.x(axis.low if observed.is_exact or low is None else low)
    end = axis.x(high) if high is not None else left + width
    dashed = "" if observed.is_exact else ' stroke="#000" stroke-dasharray="3 2"'
    band = ""
    if upper is not None:
        band = (
            f'<rect x="{axis.x(threshold)}" y="16" width="{axis.x(upper) - axis.x(threshold)}" '
            'height="20" fill="#c8e6c9"/>'
        )
    value_text = html.escape(quantity_words(observed, lang))
    target_text = html.escape(target_label)
    ticks = "".join(
        f'<line x1="{axis.x(t)}" x2="{axis.x(t)}" y1="36" y2="40" stroke="{_MUTED}"/>'
        f'<text x="{axis.x(t)}" y="51" text-anchor="middle">{html.escape(_plain(t))}</text>'
        for t in axis.ticks()
    )
    marker = axis.x(threshold)
    # The value's label goes after the bar, else before it, else inside it in white.
    wide = 7.0 * sum(2 if ord(ch) > 0x2E80 else 1 for ch in value_text)
    value_class = "value"
    if end + 4 + wide <= left + width:
        value_x, anchor = end + 4, "start"
    elif start - 4 - wide >= left:
        value_x, anchor = start - 4, "end"
    else:
        value_x, anchor, value_class = end - 4, "end", "value inside"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bullet" width="{int(width + 2 * left)}" '
        f'height="56" viewBox="0 0 {int(width + 2 * left)} 56" role="img" '
        f'aria-label="{value_text} / {target_text}"><title>{value_text} / {target_text}</title>'
        f'<rect x="{left}" y="16" width="{width}" height="20" fill="{_TRACK}"/>{band}'
        f'<rect x="{start}" y="20" width="{max(end - start, 2.0)}" height="12" fill="{colour}"'
        f"{dashed}/>"
        f'<line x1="{marker}" x2="{marker}" y1="12" y2="40" stroke="{_INK}" stroke-width="2.5"/>'
        f'<text x="{marker}" y="10" text-anchor="middle" class="target">{target_text}</text>'
        f'<text x="{value_x}" y="31" text-anchor="{anchor}" class="{value_class}">'
        f"{value_text}</text>"
        f'<line x1="{left}" x2="{left + width}" y1="36" y2="36" stroke="{_MUTED}"/>{ticks}</svg>'
    )


@attrs.frozen(kw_only=True)
class Point:
    """One value of a trend chart: a period's label, the value, and the label to show."""

    label: str
    low: Fraction | None
    high: Fraction | None
    text: str
    kind: str = "result"


def trend_chart(
    points: Sequence[Point], targets: Sequence[tuple[Fraction, str]], *, colour: str, unit: str
) -> str:
    """An SVG line chart of an indicator over periods (baseline → results), with its targets.

    Each point is labelled with its value; an interval is drawn as a bar;
    each target is a dashed line labelled with its wording.
    """
    drawn = [p for p in points if p.low is not None or p.high is not None]
    if len(drawn) < 2:
        return ""
    values = [v for p in drawn for v in (p.low, p.high) if v is not None]
    values += [value for value, _ in targets]
    top, bottom, left, right = 24.0, 150.0, 64.0, 400.0
    scale = _axis(values, 0.0, bottom - top)

    def y(value: Fraction) -> float:
        return round(bottom - (scale.x(value) - 0.0), 1)

    step = (right - left) / max(len(drawn) - 1, 1)
    xs = [round(left + i * step, 1) for i in range(len(drawn))]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend" width="480" height="190" '
        f'viewBox="0 0 480 190" role="img" aria-label="{html.escape(unit)}">',
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="{_MUTED}"/>',
        f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="{_MUTED}"/>',
    ]
    for tick in scale.ticks():
        parts.append(
            f'<line x1="{left - 4}" x2="{right}" y1="{y(tick)}" y2="{y(tick)}" stroke="#f0f0f0"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4}" text-anchor="end">'
            f"{html.escape(_plain(tick))}</text>"
        )
    parts.append(
        f'<text x="{left - 6}" y="{top - 12}" text-anchor="start" class="unit">'
        f"{html.escape(unit)}</text>"
    )
    for value, label in targets:
        parts.append(
            f'<line x1="{left}" x2="{right}" y1="{y(value)}" y2="{y(value)}" stroke="{_INK}" '
            f'stroke-dasharray="6 3"/><text x="{(left + right) / 2}" y="{y(value) - 4}" '
            'text-anchor="middle" '
            f'class="target">{html.escape(label)}</text>'
        )
    middles = []
    for index, (x, point) in enumerate(zip(xs, drawn, strict=True)):
        anchor = "start" if index == 0 else "end" if index == len(drawn) - 1 else "middle"
        shift = -6 if index == 0 else 6 if index == len(drawn) - 1 else 0
        low = point.low if point.low is not None else scale.low
        high = point.high if point.high is not None else scale.high
        middle = (low + high) / 2
        middles.append((x, y(middle)))
        if low != high:
            parts.append(
                f'<rect x="{x - 5}" y="{y(high)}" width="10" height="{max(y(low) - y(high), 2)}" '
                f'fill="{colour}" opacity="0.5"/>'
            )
        fill = "#fff" if point.kind == "baseline" else colour
        parts.append(
            f'<circle cx="{x}" cy="{y(middle)}" r="4.5" fill="{fill}" stroke="{colour}" '
            'stroke-width="2"/>'
            f'<text x="{x - shift}" y="{y(middle) - 9}" text-anchor="{anchor}" class="value">'
            f"{html.escape(point.text)}</text>"
            f'<text x="{x}" y="{bottom + 16}" text-anchor="middle">'
            f"{html.escape(point.label)}</text>"
        )
    path = " ".join(f"{'M' if i == 0 else 'L'}{x},{y_}" for i, (x, y_) in enumerate(middles))
    parts.insert(3, f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)
