"""The words a ledger or a results file may use for a plan's indicators, organisations and values.

Officials write an indicator by its id or by its exact Chinese name, an
organisation by its id or its name, and a value as a bare number in the
indicator's unit.  :class:`PlanTerms` resolves those words against one plan;
every failure says what was written, what was expected and the closest known
words.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from ..errors import DanglingReferenceError, GovplanError, ParseError, UnitMismatchError
from ..model.indicators import Indicator
from ..model.organisations import Organisation
from ..values.numbers import MAX_DIGITS, plain_decimal, plain_digits
from ..values.quantities import Quantity
from ..values.quantity_text import parse_quantity
from ..values.units import PERCENT, Unit

__all__ = [
    "MISSING_WORDS",
    "NO_INDICATOR",
    "PlanTerms",
    "cell_problem",
    "did_you_mean",
    "read_value",
]

MISSING_WORDS = frozenset({"", "-", "—", "－", "无数据", "暂无", "n/a", "N/A"})
"""Cell texts that mean *no value* (missing, never zero)."""


NO_INDICATOR = "no indicator: write its id or its Chinese name"
"""What a row whose indicator cell is blank is told."""


def cell_problem(error: GovplanError) -> str:
    """What a ledger says of a cell *error* refused: its message, then what was expected.

    Every ledger reader (row by row, DuckDB, Spark) words a bad cell with it.
    """
    return f"{error.message} (expected {error.expected})" if error.expected else error.message


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` naming the closest candidates, or ``""``."""
    scored = []
    for candidate in dict.fromkeys(candidates):
        matcher = difflib.SequenceMatcher(None, word, candidate)
        if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5:
            score = matcher.ratio()
            if score >= 0.5:
                scored.append((score, candidate))
    if not scored:
        return ""
    best = max(score for score, _ in scored)
    # Only the closest few: a far second guess is noise.
    close = [c for s, c in sorted(scored, key=lambda sc: -sc[0]) if s >= best - 0.1][:3]
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def _index(items: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for key, value in items:
        if value not in found.setdefault(key, []):
            found[key].append(value)
    return {key: tuple(values) for key, values in found.items()}


def _indicator_tuple(indicators: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(indicators)


@attrs.frozen(kw_only=True)
class PlanTerms:
    """A plan's indicators and organisations, found by id or by name.

    Attributes:
        indicators: The indicators rows may name.
        organisations: The organisations rows may name as their scope;
            ``None`` when they are not known, and scopes are taken as written.
        issuer: The plan's issuer: a row for it has no scope (``None``).

    """

    indicators: tuple[Indicator, ...] = attrs.field(converter=_indicator_tuple)
    organisations: tuple[Organisation, ...] | None = attrs.field(
        default=(), converter=attrs.converters.optional(tuple)
    )
    issuer: str | None = None
    _indicator_words: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)
    _organisation_words: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # An id always names its own indicator; a name may be shared.
        by_word = _index(
            [(i.id, i.id) for i in self.indicators]
            + [(i.name.strip(), i.id) for i in self.indicators if i.name.strip() not in self._ids]
        )
        object.__setattr__(self, "_indicator_words", by_word)
        organisations = self.organisations or ()
        ids = {o.id for o in organisations}
        by_org = _index(
            [(o.id, o.id) for o in organisations]
            + [(o.name.strip(), o.id) for o in organisations if o.name.strip() not in ids]
        )
        object.__setattr__(self, "_organisation_words", by_org)

    @property
    def _ids(self) -> frozenset[str]:
        return frozenset(i.id for i in self.indicators)

    @classmethod
    def of(cls, document: object) -> PlanTerms:
        """The terms of a plan (or of any document with indicators and organisations)."""
        return cls(
            indicators=tuple(getattr(document, "indicators", ())),
            organisations=tuple(getattr(document, "organisations", ())),
            issuer=getattr(document, "issuer", None),
        )

    def indicator(self, word: str) -> Indicator:
        """The indicator named *word* (its id or its exact Chinese name).

        Raises:
            DanglingReferenceError: No indicator has that id or name.
            ParseError: Several indicators have that name.

        """
        word = word.strip()
        ids = self._indicator_words.get(word, ())
        if len(ids) == 1:
            return next(i for i in self.indicators if i.id == ids[0])
        if ids:
            raise ParseError(
                f"{word!r} names {len(ids)} indicators: " + ", ".join(ids),
                value=word,
                expected="one of their ids instead of the shared name",
            )
        hint = did_you_mean(word, self._indicator_words)
        raise DanglingReferenceError(
            f"unknown indicator {word!r}{hint}",
            value=word,
            expected="an indicator id or the exact Chinese name of an indicator of the plan",
        )

    def organisation(self, word: str) -> str:
        """The id of the organisation named *word* (its id or its name).

        Raises:
            DanglingReferenceError: No organisation has that id or name.
            ParseError: Several organisations have that name.

        """
        word = word.strip()
        if self.organisations is None:
            return word
        ids = self._organisation_words.get(word, ())
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise ParseError(
                f"{word!r} names {len(ids)} organisations: " + ", ".join(ids),
                value=word,
                expected="one of their ids instead of the shared name",
            )
        hint = did_you_mean(word, self._organisation_words)
        raise DanglingReferenceError(
            f"unknown organisation {word!r}{hint}",
            value=word,
            expected="an organisation id or name from the plan",
        )

    def scope(self, word: str) -> str | None:
        """The scope of a value reported by the organisation *word*; ``None`` for the issuer."""
        found = self.organisation(word)
        return None if found == self.issuer else found

    def organisation_label(self, organisation_id: str) -> str:
        """The name to write for an organisation: its name when unique, else its id."""
        for organisation in self.organisations or ():
            if organisation.id == organisation_id:
                unique = self._organisation_words.get(organisation.name.strip()) == (
                    organisation_id,
                )
                return organisation.name if unique else organisation_id
        return organisation_id


def _exact_number(raw: int | float | Decimal) -> Decimal:
    # A spreadsheet's float is read by its shortest repr (97.3, not 97.299999…).
    try:
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    except InvalidOperation:
        raise ParseError(f"not a number: {raw!r}", value=raw, expected="a number") from None
    if not number.is_finite():
        raise ParseError(f"not a finite number: {raw!r}", value=raw, expected="a number")
    if plain_digits(number) > MAX_DIGITS:  # as text the number would be refused too
        raise ParseError(
            f"number too long: {raw!r} has {plain_digits(number)} significant digits written out",
            value=raw,
            expected=f"at most {MAX_DIGITS} significant digits (it would be rounded); "
            "state it in a larger unit (万, 亿)",
        )
    return number


def read_value(
    raw: Any, indicator: Indicator, *, unit: Unit | None = None, percent: bool = False
) -> Quantity | None:
    """Read a cell or field as a value of *indicator*; ``None`` when it says *missing*.

    Args:
        raw: Text as written ("97.3%", "300多", "97.3"), or a number from a
            spreadsheet or a YAML/JSON/TOML file.
        indicator: The indicator the value is for: a bare number is in its unit.
        unit: The unit a 计量单位 column states for the row, if any.
        percent: The spreadsheet cell is formatted as a percentage (0.973
            shown as 97.3%).

    Raises:
        ParseError: The text is not a quantity.
        UnitMismatchError: The unit does not measure what the indicator measures.

    """
    expected_unit = unit or indicator.unit
    if unit is not None and not unit.is_compatible(indicator.unit):
        raise UnitMismatchError(
            f"unit {unit.symbol!r} does not measure what {indicator.id!r} measures",
            value=unit.symbol,
            expected=f"a unit like {indicator.unit.symbol!r}",
        )
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ParseError(f"not a value: {raw!r}", value=raw, expected="a number such as 97.3")
    if isinstance(raw, int | float | Decimal):
        number = _exact_number(raw)
        if percent:
            if not PERCENT.is_compatible(indicator.unit):
                raise UnitMismatchError(
                    f"a percentage cell ({plain_decimal(number * 100)}%) does not measure"
                    f" what {indicator.id!r} measures",
                    value=raw,
                    expected=f"a value in {indicator.unit.symbol!r}: format the cell as a"
                    " number, not as a percentage",
                )
            return Quantity.of(plain_decimal(number * 100), PERCENT)
        return Quantity.of(number, expected_unit)
    text = str(raw).strip()
    if text in MISSING_WORDS:
        return None
    value = parse_quantity(text)
    if value.unit.dimension == "number" and value.unit.symbol == "" and expected_unit.symbol:
        # A bare number (or "300多") is in the indicator's unit.
        value = parse_quantity(text + expected_unit.symbol)
    if not value.unit.is_compatible(indicator.unit):
        raise UnitMismatchError(
            f"unit {value.unit.symbol!r} does not measure what {indicator.id!r} measures",
            value=text,
            expected=f"a unit like {indicator.unit.symbol!r}, or a bare number in it",
        )
    return value
