"""Units of measure: what a number counts, and how scaled units convert exactly.

A unit belongs to a *dimension*; only units of the same dimension convert into
each other, by an exact rational factor to the dimension's base unit.  Each
counting word of Chinese is its own dimension (人 persons are not 人次
person-times; 所 institutions are not 个 items), except where two words count
the same thing (人, 名 and 位 all count persons).  A percent (a rate) and a
percentage point (a difference of rates) are different dimensions.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from ..errors import UnitMismatchError, UnknownUnitError

__all__ = [
    "PERCENT",
    "PERCENTAGE_POINT",
    "Unit",
    "convert_units",
    "difference_unit",
    "known_units",
    "parse_unit",
]


@attrs.frozen(kw_only=True)
class Unit:
    """A unit of measure.

    Attributes:
        symbol: How the unit is written after a number (``"万元"``, ``"%"``).
        dimension: What it measures; units convert only within one dimension.
        factor: How many base units of the dimension one of this unit is.
        name: The English name, for explanations.

    """

    symbol: str
    dimension: str
    factor: Fraction = attrs.field(default=Fraction(1), converter=Fraction)
    name: str = ""

    def __str__(self) -> str:
        return self.symbol

    def is_compatible(self, other: Unit) -> bool:
        """Whether quantities in *self* and *other* can be compared or added."""
        return self.dimension == other.dimension


_WAN = Fraction(10_000)
_YI = Fraction(100_000_000)

# (symbol, dimension, factor to the dimension's base, English name, aliases)
_TABLE: tuple[tuple[str, str, Fraction | int, str, tuple[str, ...]], ...] = (
    ("", "number", 1, "", ()),
    ("%", "rate", 1, "percent", ("％",)),
    ("个百分点", "rate-difference", 1, "percentage points", ("百分点", "pp")),
    ("元", "money:CNY", 1, "yuan", ("人民币", "元人民币")),
    ("万元", "money:CNY", _WAN, "ten-thousand yuan", ("万人民币",)),
    ("亿元", "money:CNY", _YI, "hundred-million yuan", ()),
    ("美元", "money:USD", 1, "US dollars", ()),
    ("万美元", "money:USD", _WAN, "ten-thousand US dollars", ()),
    ("㎡", "area", 1, "square metres", ("平方米", "m²", "m2")),
    ("亩", "area", Fraction(2000, 3), "mu", ()),
    ("公顷", "area", 10_000, "hectares", ()),
    ("m", "length", 1, "metres", ("米",)),
    ("km", "length", 1000, "kilometres", ("公里", "千米")),
    ("人", "count:person", 1, "persons", ()),
    ("名", "count:person", 1, "persons", ()),
    ("位", "count:person", 1, "persons", ()),
    ("人次", "count:person-time", 1, "person-times", ()),
    ("篇次", "count:piece-time", 1, "piece-times", ()),
    ("所", "count:institution", 1, "institutions", ()),
    ("个", "count:item", 1, "items", ()),
    ("件", "count:case", 1, "cases", ()),
    ("次", "count:time", 1, "times", ()),
    ("期", "count:session", 1, "sessions", ()),
    ("篇", "count:article", 1, "articles", ()),
    ("起", "count:incident", 1, "incidents", ()),
    ("处", "count:spot", 1, "spots", ()),
    ("户", "count:household", 1, "households", ()),
    ("堂", "count:lesson", 1, "lessons", ("堂课",)),
    ("瓶", "count:bottle", 1, "bottles", ()),
    ("张", "count:sheet", 1, "sheets", ()),
    ("部", "count:device", 1, "devices", ("台",)),
    ("支", "count:stick", 1, "sticks", ()),
    ("口", "count:pond", 1, "ponds", ()),
    ("间", "count:room", 1, "rooms", ()),
    ("份", "count:copy", 1, "copies", ()),
    ("条", "count:entry", 1, "entries", ()),
    ("项", "count:item-of-work", 1, "items of work", ()),
    ("家", "count:enterprise", 1, "enterprises", ()),
    ("辆", "count:vehicle", 1, "vehicles", ()),
    ("名次", "rank", 1, "rank", ("位次",)),
    ("分", "score", 1, "points", ()),
    ("天", "duration:day", 1, "days", ("日",)),
    ("分钟", "duration:minute", 1, "minutes", ()),
)

_REGISTRY: dict[str, Unit] = {}
for _symbol, _dimension, _factor, _name, _aliases in _TABLE:
    _unit = Unit(symbol=_symbol, dimension=_dimension, factor=Fraction(_factor), name=_name)
    for _key in (_symbol, *_aliases):
        _REGISTRY[_key] = _unit

_DERIVED: dict[str, Unit] = {}

PERCENT = _REGISTRY["%"]
PERCENTAGE_POINT = _REGISTRY["个百分点"]

# Multipliers that may stand before any unit not already registered with them
# (万人 = 10 000 persons, 万平方米 = 10 000 ㎡); 万元 and 亿元 are units of their own.
_MULTIPLIERS = {"万": _WAN, "亿": _YI, "千": Fraction(1000), "百": Fraction(100)}


def parse_unit(symbol: str) -> Unit:
    """Return the unit written *symbol* (``"万元"``, ``"%"``, ``"万平方米"``).

    A registered symbol or alias is looked up directly; otherwise a leading
    multiplier (万, 亿, 千, 百) scales a registered unit exactly.

    Raises:
        UnknownUnitError: The symbol is not a known unit.

    """
    found = _REGISTRY.get(symbol) or _DERIVED.get(symbol)
    if found is not None:
        return found
    head, rest = symbol[:1], symbol[1:]
    if head in _MULTIPLIERS and rest in _REGISTRY:
        base = _REGISTRY[rest]
        name = f"{_MULTIPLIERS[head]} {base.name}".strip()
        scaled = Unit(
            symbol=symbol,
            dimension=base.dimension,
            factor=base.factor * _MULTIPLIERS[head],
            name=name,
        )
        _DERIVED[symbol] = scaled
        return scaled
    raise UnknownUnitError(
        f"unknown unit {symbol!r}",
        value=symbol,
        expected="a unit such as %, 个百分点, 元, 万元, 亿元, ㎡, 亩, m, km, 人, 人次, 所, 个",
    )


def known_units() -> tuple[Unit, ...]:
    """Every registered unit (each once, in registration order), without 万-scaled ones."""
    return tuple(dict.fromkeys(_REGISTRY.values()))


def convert_units(value: Fraction | int, source: Unit, target: Unit) -> Fraction:
    """Convert *value* in *source* units to *target* units, exactly.

    Raises:
        UnitMismatchError: The units measure different dimensions.

    """
    if source == target:
        return Fraction(value)
    if source.dimension != target.dimension:
        raise UnitMismatchError(
            f"cannot convert {source.symbol or 'a plain number'!r} "
            f"({source.dimension}) to {target.symbol or 'a plain number'!r} "
            f"({target.dimension})",
            value=source.symbol,
            expected=f"a unit measuring {target.dimension}",
        )
    return Fraction(value) * source.factor / target.factor


def difference_unit(of: Unit) -> Unit:
    """The unit of a difference of two values in *of*: percentage points for rates."""
    return PERCENTAGE_POINT if of.dimension == "rate" else of
