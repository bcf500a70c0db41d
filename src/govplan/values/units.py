"""Units of measure: what a number counts, and how scaled units convert exactly.

A unit belongs to a *dimension*; only units of the same dimension convert into
each other, by an exact rational factor to the dimension's base unit.  Each
counting word of Chinese is its own dimension (人 persons are not 人次
person-times; 所 institutions are not 个 items), except where two words count
the same thing (人, 名 and 位 all count persons).  A percent (a rate) and a
percentage point (a difference of rates) are different dimensions; ‰, ‱ and
per-100,000 rates are rates that convert exactly to %.

Units live in a :class:`UnitRegistry`.  :data:`DEFAULT_UNITS` is immutable;
:meth:`UnitRegistry.define` and :meth:`UnitRegistry.load` return a *new*
registry, so adding a unit never changes what other code reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from ..errors import LoadError, Problem, UnitMismatchError, UnknownUnitError, ValidationError
from .numbers import normalize_text
from .unit_table import DEFAULT_TABLE, MULTIPLIERS

__all__ = [
    "DEFAULT_UNITS",
    "PERCENT",
    "PERCENTAGE_POINT",
    "Unit",
    "UnitRegistry",
    "convert_units",
    "difference_unit",
    "known_units",
    "load_units",
    "parse_unit",
]


_FACTOR_TEXT = re.compile(r"\s*[0-9]+(?:\.[0-9]+)?(?:\s*/\s*[0-9]+)?\s*")
_FACTOR_DIGITS = 28


def _exact_factor(value: object) -> Fraction:
    if isinstance(value, float | bool) or not isinstance(value, Fraction | int | str):
        raise ValidationError(
            f"factor: not an exact number: {value!r}",
            field="factor",
            value=value,
            expected='an int, a Fraction or a string such as "2000/3" (floats are not exact)',
        )
    if isinstance(value, str):
        value = normalize_text(value)  # full-width digits, as written in Chinese text
    if isinstance(value, str) and not _FACTOR_TEXT.fullmatch(value):
        # Fraction() would also read "1e999999" (a million-digit number) or "1_000".
        raise ValidationError(
            f"factor: not a number: {value!r}",
            field="factor",
            value=value,
            expected='digits, a decimal or a ratio of digits such as "1000", "0.5" or "2000/3"',
        )
    try:
        factor = Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise ValidationError(
            f"factor: not a number: {value!r}",
            field="factor",
            value=value,
            expected='an int, a Fraction or a string such as "2000/3"',
        ) from None
    if factor <= 0:
        raise ValidationError(
            f"factor must be positive, not {value!r}", field="factor", value=value
        )
    if max(factor.numerator, factor.denominator) >= 10**_FACTOR_DIGITS:
        raise ValidationError(
            f"factor {str(value)[:40]!r} is too large or too fine",
            field="factor",
            value=value,
            expected=f"a numerator and a denominator of at most {_FACTOR_DIGITS} digits",
        )
    return factor


@attrs.frozen(kw_only=True)
class Unit:
    """A unit of measure.

    Attributes:
        symbol: How the unit is written after a number (``"万元"``, ``"%"``).
        dimension: What it measures; units convert only within one dimension.
        factor: How many base units of the dimension one of this unit is (exact).
        name_en: The English name, for explanations ("persons", "schools", "pp").

    """

    symbol: str = attrs.field(validator=attrs.validators.instance_of(str))
    dimension: str = attrs.field(validator=attrs.validators.instance_of(str))
    factor: Fraction = attrs.field(default=Fraction(1), converter=_exact_factor)
    name_en: str = ""

    @property
    def name(self) -> str:
        """The English name (the same as :attr:`name_en`)."""
        return self.name_en

    def __str__(self) -> str:
        return self.symbol

    def is_compatible(self, other: Unit) -> bool:
        """Whether quantities in *self* and *other* can be compared or added."""
        return self.dimension == other.dimension


def _frozen_mapping(symbols: Mapping[str, Unit]) -> Mapping[str, Unit]:
    return MappingProxyType(dict(symbols))


_MAX_SYMBOL = 16
"""No unit symbol is longer; longer text is not looked up (keeps scanning linear)."""


def _unknown(symbol: str, choices: Iterable[str]) -> UnknownUnitError:
    import difflib

    pool = [choice for choice in choices if choice]
    close = difflib.get_close_matches(symbol[:_MAX_SYMBOL], pool, n=3, cutoff=0.3)
    hint = f"; closest known: {', '.join(close)}" if close else ""
    return UnknownUnitError(
        f"unknown unit {symbol[:40]!r}{hint}",
        value=symbol[:40],
        expected="a unit such as %, 个百分点, 元, 万元, ㎡, 亩, 吨, 人, 人次, 所, 个, 例, 起; "
        "add units with UnitRegistry.define or load_units",
    )


@attrs.frozen(kw_only=True, eq=False)
class UnitRegistry:
    """Units by symbol and alias; scaled (万吨) and divided (元/人) units derived on demand.

    Immutable: :meth:`define`, :meth:`extend` and :meth:`load` return a new
    registry.

    >>> units = DEFAULT_UNITS.define("担", dimension="mass", factor=50_000, name_en="dan")
    >>> units.convert(2, units.parse("担"), units.parse("公斤"))
    Fraction(100, 1)
    >>> "担" in DEFAULT_UNITS
    False
    """

    symbols: Mapping[str, Unit] = attrs.field(converter=_frozen_mapping)
    _derived: dict[str, Unit | None] = attrs.field(factory=dict, init=False, repr=False)
    # Differences are asked for per checked value: scan the registry once per rate unit.
    _differences: dict[Unit, Unit] = attrs.field(factory=dict, init=False, repr=False)

    def __contains__(self, symbol: object) -> bool:
        return isinstance(symbol, str) and self.lookup(symbol) is not None

    def units(self) -> tuple[Unit, ...]:
        """Every registered unit once, in registration order (scaled ones excluded)."""
        return tuple(dict.fromkeys(self.symbols.values()))

    def lookup(self, symbol: str) -> Unit | None:
        """The unit written *symbol*, or ``None`` when it is not one."""
        found = self.symbols.get(symbol)
        if found is not None:
            return found
        if len(symbol) > _MAX_SYMBOL:
            return None
        if symbol in self._derived:
            return self._derived[symbol]
        derived = self._derive(symbol, depth=0)
        self._derived[symbol] = derived
        return derived

    def _derive(self, symbol: str, depth: int) -> Unit | None:
        if depth > 3 or not symbol:
            return None
        found = self.symbols.get(symbol)
        if found is not None:
            return found
        head = MULTIPLIERS.get(symbol[0])
        if head is not None:
            rest = symbol[1:]
            base = self.symbols.get("") if not rest else self._derive(rest, depth + 1)
            if base is not None and base.dimension not in ("rate", "rate-difference", "rank"):
                name = f"{head:,} {base.name_en}".strip()
                return Unit(
                    symbol=symbol, dimension=base.dimension, factor=base.factor * head, name_en=name
                )
        top, slash, bottom = symbol.partition("/")
        if slash and top and bottom:
            over = self._derive(top, depth + 1)
            under = self._derive(bottom, depth + 1)
            if over is not None and under is not None and over.dimension and under.dimension:
                return Unit(
                    symbol=symbol,
                    dimension=f"{over.dimension}/{under.dimension}",
                    factor=over.factor / under.factor,
                    name_en=f"{over.name_en} per {under.name_en.removesuffix('s')}",
                )
        return None

    def parse(self, symbol: str) -> Unit:
        """Return the unit written *symbol* (``"万元"``, ``"%"``, ``"十万亩"``, ``"元/人"``).

        Raises:
            UnknownUnitError: Not a known unit; the message names the closest known ones.

        """
        found = self.lookup(symbol) if isinstance(symbol, str) else None
        if found is None:
            raise _unknown(str(symbol), self.symbols)
        return found

    def longest_unit(self, text: str, start: int = 0) -> tuple[Unit, int]:
        """The longest unit written at *text[start:]*, and where it ends.

        The number unit (``""``) and *start* when no unit is written there.
        """
        limit = min(len(text), start + _MAX_SYMBOL)
        for end in range(limit, start, -1):
            found = self.lookup(text[start:end])
            if found is not None:
                return found, end
        return self.symbols[""], start

    def define(
        self,
        symbol: str,
        *,
        dimension: str,
        factor: Fraction | int | str = 1,
        name_en: str = "",
        aliases: Iterable[str] = (),
    ) -> UnitRegistry:
        """A new registry with one more unit (the default registry is never changed).

        Raises:
            ValidationError: The symbol or an alias already means another unit.

        """
        unit = Unit(symbol=symbol, dimension=dimension, factor=factor, name_en=name_en)
        return self.extend([(unit, tuple(aliases))])

    def extend(self, units: Iterable[tuple[Unit, tuple[str, ...]]]) -> UnitRegistry:
        """A new registry with these (unit, aliases) pairs added."""
        table = dict(self.symbols)
        for unit, aliases in units:
            if not unit.dimension or (not unit.symbol and unit.dimension != "number"):
                raise ValidationError(
                    f"a unit needs a symbol and a dimension, not {unit!r}",
                    field="symbol" if not unit.symbol else "dimension",
                    expected='e.g. symbol "担", dimension "mass"',
                )
            for key in (unit.symbol, *aliases):
                known = table.get(key)
                if known is not None and known != unit:
                    raise ValidationError(
                        f"unit {key!r} is already defined as {known.name_en or known.symbol} "
                        f"({known.dimension})",
                        field="symbol",
                        value=key,
                        expected="a symbol not yet in the registry",
                    )
                table[key] = unit
        return UnitRegistry(symbols=table)

    def load(self, path: str | Path) -> UnitRegistry:
        """A new registry with the units of a YAML or TOML file added.

        The file holds a list ``units`` of tables with ``symbol``,
        ``dimension``, ``factor`` (to the dimension's base unit; an int or a
        string such as ``"2000/3"``), ``name_en`` and ``aliases``.

        Raises:
            LoadError: The file is not readable or an entry is wrong (every
                problem named by its path, e.g. ``units[2].factor``).

        """
        pairs = _read_unit_file(Path(path))
        try:
            return self.extend(pairs)
        except ValidationError:
            pass
        # Some symbol or alias is taken: name every such entry by its path.
        problems: list[Problem] = []
        registry = self
        for index, (unit, aliases) in enumerate(pairs):
            try:
                registry = registry.extend([(unit, aliases)])
            except ValidationError as exc:
                field = "symbol" if exc.value == unit.symbol else "aliases"
                advice = "choose another symbol, or leave out the entry"
                problems.append(
                    Problem(path=f"units[{index}].{field}", message=f"{exc.message}; {advice}")
                )
        raise LoadError(problems, source=str(path))

    def convert(self, value: Fraction | int, source: Unit, target: Unit) -> Fraction:
        """Convert *value* from *source* to *target* units exactly (see :func:`convert_units`)."""
        return convert_units(value, source, target)

    def difference_unit(self, of: Unit) -> Unit:
        """The unit of a difference of two values in *of*: 个百分点 for %, 个千分点 for ‰."""
        if of.dimension != "rate":
            return of
        found = self._differences.get(of)
        if found is None:
            found = next(
                (
                    unit
                    for unit in self.units()
                    if unit.dimension == "rate-difference" and unit.factor == of.factor
                ),
                Unit(
                    symbol=f"points of {of.symbol}",
                    dimension="rate-difference",
                    factor=of.factor,
                    name_en=f"points of {of.name_en}",
                ),
            )
            self._differences[of] = found
        return found


def _read_unit_file(path: Path) -> list[tuple[Unit, tuple[str, ...]]]:
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(
            [Problem(path="", message=f"cannot read: {exc.strerror}")], source=source
        ) from None
    try:
        text = raw.decode("utf-8-sig")
        if path.suffix.lower() == ".toml":
            import tomllib

            data: Any = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:
        raise LoadError(
            [Problem(path="", message=f"not a YAML or TOML unit file: {exc}")], source=source
        ) from None
    entries = data.get("units") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LoadError([Problem(path="units", message="expected a list of units")], source=source)
    problems: list[Problem] = []
    units: list[tuple[Unit, tuple[str, ...]]] = []
    for index, entry in enumerate(entries):
        where = f"units[{index}]"
        if not isinstance(entry, dict):
            problems.append(Problem(path=where, message="expected a table"))
            continue
        unknown = set(entry) - {"symbol", "dimension", "factor", "name_en", "aliases"}
        for key in sorted(unknown):
            problems.append(Problem(path=f"{where}.{key}", message="unknown field"))
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(Problem(path=f"{where}.aliases", message="expected a list of text"))
            continue
        for key in ("symbol", "dimension"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                problems.append(Problem(path=f"{where}.{key}", message="expected non-empty text"))
        if not isinstance(entry.get("name_en", ""), str):
            problems.append(Problem(path=f"{where}.name_en", message="expected text"))
        try:
            unit = Unit(
                symbol=str(entry.get("symbol", "")),
                dimension=str(entry.get("dimension", "")),
                factor=entry.get("factor", 1),
                name_en=str(entry.get("name_en", "")),
            )
        except ValidationError as exc:
            problems.append(Problem(path=f"{where}.{exc.field}", message=exc.message))
            continue
        units.append((unit, tuple(aliases)))
    if problems:
        raise LoadError(problems, source=source)
    return units


def _default() -> UnitRegistry:
    pairs = [
        (Unit(symbol=symbol, dimension=dimension, factor=factor, name_en=name), aliases)
        for symbol, dimension, factor, name, aliases in DEFAULT_TABLE
    ]
    return UnitRegistry(symbols={}).extend(pairs)


DEFAULT_UNITS = _default()
"""The built-in units (immutable).  Make your own with :meth:`UnitRegistry.define`."""

PERCENT = DEFAULT_UNITS.parse("%")
PERCENTAGE_POINT = DEFAULT_UNITS.parse("个百分点")


def load_units(path: str | Path, *, base: UnitRegistry = DEFAULT_UNITS) -> UnitRegistry:
    """The units of *base* plus those of a YAML or TOML file (see :meth:`UnitRegistry.load`)."""
    return base.load(path)


def parse_unit(symbol: str, *, units: UnitRegistry = DEFAULT_UNITS) -> Unit:
    """Return the unit written *symbol* (``"万元"``, ``"%"``, ``"万平方米"``, ``"元/人"``).

    A registered symbol or alias is looked up directly; otherwise a leading
    multiplier (十, 百, 千, 万, 亿) scales a registered unit exactly, and
    ``A/B`` divides two units.

    Raises:
        UnknownUnitError: The symbol is not a known unit; the message names the
            closest known ones.

    """
    return units.parse(symbol)


def known_units() -> tuple[Unit, ...]:
    """Every unit of the default registry, each once, in registration order (no scaled ones)."""
    return DEFAULT_UNITS.units()


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
    """The unit of a difference of two values in *of*: 个百分点 for %, 个千分点 for ‰."""
    return DEFAULT_UNITS.difference_unit(of)
