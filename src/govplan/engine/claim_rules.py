"""Consistency rules: whether a report's arithmetic agrees with itself.

A stated figure carries its own precision: "50.6%" stands for anything from
50.55% to 50.65%, so a rate computed as 1718 / 3397 = 50.574…% agrees with it.
The computed side is exact (parts as stated), the stated side is widened by
half a unit of its last stated digit, and approximate figures ("400余万") are
intervals throughout; the answer is consistent, inconsistent or indeterminate.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..model.observations import Observation
from ..model.reports import ChangeClaim, Claim, RateClaim, Report, SumClaim
from ..model.targets import Basis
from ..values.quantities import Quantity
from ..values.units import PERCENT, Unit, convert_units, difference_unit
from .comparisons import Span, Truth, span_to_quantity
from .rules import Context, SubjectRule
from .verdicts import Status, Verdict, make_verdict
from .wording import period_zh, quantity_en, quantity_zh


def period_zh_of(period: object) -> str:
    """A period in Chinese (``2009年``), or the text given."""
    from ..values.periods import Period

    return period_zh(period) if isinstance(period, Period) else str(period)


__all__ = ["ChangeRule", "RateRule", "SumRule", "stated_span"]


def _half_unit(value: Decimal) -> Fraction:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Fraction(1, 2) * Fraction(10) ** exponent


def stated_span(quantity: Quantity, unit: Unit) -> Span:
    """What a stated figure can stand for, in *unit*.

    An exact figure is widened by half a unit of its last digit; an
    approximate figure stands for its interval.
    """
    span = Span.of(quantity, unit)
    if not quantity.is_exact:
        return span
    return span.widen(convert_units(_half_unit(quantity.value), quantity.unit, unit))


def _status(truth: Truth) -> Status:
    return {
        Truth.ALL: Status.CONSISTENT,
        Truth.NONE: Status.INCONSISTENT,
        Truth.SOME: Status.INDETERMINATE,
    }[truth]


_WORD_ZH = {
    Status.CONSISTENT: "一致",
    Status.INCONSISTENT: "不一致",
    Status.INDETERMINATE: "无法判定",
}
_WORD_EN = {
    Status.CONSISTENT: "consistent",
    Status.INCONSISTENT: "inconsistent",
    Status.INDETERMINATE: "indeterminate",
}


def _gap(computed: Span, stated: Quantity, unit: Unit) -> Quantity | None:
    if not computed.is_point or not stated.is_exact:
        return None
    assert computed.low is not None
    own = stated.bounds_in(unit)[0]
    assert own is not None
    return span_to_quantity(Span.point(Fraction(computed.low) - own), unit)


def claim_names(indicator_id: str | None, context: Context, fallback: str) -> tuple[str, str]:
    """A claim named by its indicator: the Chinese name, and the English name or the id."""
    indicator = None if indicator_id is None else context.indicators.get(indicator_id)
    if indicator is None:
        return fallback, fallback
    return indicator.name, indicator.name_en or indicator.id


class _ClaimRule(SubjectRule):
    """Shared shape of the three consistency rules: reports state claims."""

    subjects = (Report,)
    kind: type = object

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per claim of this rule's kind, in the report's order."""
        assert isinstance(subject, Report)
        figures = {o.id: o for o in context.observations if o.id is not None}
        figures.update({o.id: o for o in subject.observations if o.id is not None})
        for claim in subject.claims:
            if isinstance(claim, self.kind):
                yield self.judge(claim, figures, context)

    def judge(
        self, claim: Claim, figures: dict[str, Observation], context: Context
    ) -> Verdict:  # pragma: no cover - overridden
        raise NotImplementedError

    def verdict(self, claim: Claim, status: Status, zh: str, en: str, **details: Any) -> Verdict:
        return make_verdict(self.name, claim.id, status, zh, en, **details)

    def no_data(
        self, claim: Claim, refs: tuple[str, ...], names: tuple[str, str] | None = None
    ) -> Verdict:
        missing = "、".join(refs)
        zh, en = names or (claim.id, claim.id)
        return self.verdict(
            claim,
            Status.NO_DATA,
            f"{zh}：{missing}中有数值缺失，无法核对。",
            f"{en}: a figure among {', '.join(refs)} has no value; nothing to check.",
            refs=refs,
        )


def _values(figures: dict[str, Observation], ids: tuple[str, ...]) -> list[Quantity] | None:
    values = [figures[i].value for i in ids]
    return None if any(v is None for v in values) else [v for v in values if v is not None]


class SumRule(_ClaimRule):
    """Parts add up to their total, or do not exceed it (rule name ``"sums"``)."""

    name = "sums"
    kind = SumClaim

    def judge(self, claim: Claim, figures: dict[str, Observation], context: Context) -> Verdict:
        """Compare the exact sum of the parts with the stated total."""
        assert isinstance(claim, SumClaim)
        refs = (claim.total, *claim.parts)
        names = claim_names(figures[claim.total].indicator_id, context, claim.id)
        values = _values(figures, refs)
        if values is None:
            return self.no_data(claim, refs, names)
        total, *parts = values
        unit = total.unit
        computed = sum((Span.of(p, unit) for p in parts), Span.point(0))
        stated = stated_span(total, unit)
        exhaustive = claim.exhaustive
        truth = computed.overlap(stated) if exhaustive else _not_above(computed, stated)
        status = _status(truth)
        shown = span_to_quantity(computed, unit)
        terms = " + ".join(str(p) for p in parts)
        terms_en = " + ".join(quantity_en(p) for p in parts)
        relation = "=" if claim.exhaustive else "≤"
        return self.verdict(
            claim,
            status,
            f"{names[0]}：{terms} = {quantity_zh(shown, derived=True)}，所述合计{total}"
            f"（{relation}），{_WORD_ZH[status]}。",
            f"{names[1]}: {terms_en} = {quantity_en(shown, derived=True)} against the stated total "
            f"{quantity_en(total)} ({relation}): {_WORD_EN[status]}.",
            observed=shown,
            expected=f"{relation} {total}",
            gap=_gap(computed, total, unit) if claim.exhaustive else None,
            refs=refs,
            indicator_id=figures[claim.total].indicator_id,
        )


def _not_above(computed: Span, stated: Span) -> Truth:
    """ALL when the parts surely do not exceed the total, NONE when they surely do."""
    if computed.high is not None and stated.low is not None and computed.high <= stated.low:
        return Truth.ALL
    if computed.low is not None and stated.high is not None and computed.low > stated.high:
        return Truth.NONE
    return Truth.SOME


class RateRule(_ClaimRule):
    """A stated rate equals numerator / denominator (rule name ``"rates"``)."""

    name = "rates"
    kind = RateClaim

    def judge(self, claim: Claim, figures: dict[str, Observation], context: Context) -> Verdict:
        """Compute the rate from the counts and compare with the stated one."""
        assert isinstance(claim, RateClaim)
        refs = (claim.rate, claim.numerator, claim.denominator)
        names = claim_names(figures[claim.rate].indicator_id, context, claim.id)
        values = _values(figures, refs)
        if values is None:
            return self.no_data(claim, refs, names)
        rate, numerator, denominator = values
        count_unit = denominator.unit
        ratio = Span.of(numerator, count_unit).divide(Span.of(denominator, count_unit))
        if ratio is None:
            return self.no_data(claim, refs, names)
        computed = _convert(ratio.scale(Fraction(100)), PERCENT, rate.unit)
        status = _status(computed.overlap(stated_span(rate, rate.unit)))
        shown = span_to_quantity(computed, rate.unit)
        return self.verdict(
            claim,
            status,
            f"{names[0]}：{numerator} ÷ {denominator} = {quantity_zh(shown, derived=True)}，"
            f"所述{rate}，{_WORD_ZH[status]}。",
            f"{names[1]}: {quantity_en(numerator)} / {quantity_en(denominator)} = "
            f"{quantity_en(shown, derived=True)} against the stated {quantity_en(rate)}: "
            f"{_WORD_EN[status]}.",
            observed=shown,
            expected=f"= {rate}",
            gap=_gap(computed, rate, rate.unit),
            refs=refs,
            indicator_id=figures[claim.rate].indicator_id,
        )


def _convert(span: Span, source: Unit, target: Unit) -> Span:
    return span if source == target else span.scale(convert_units(Fraction(1), source, target))


class ChangeRule(_ClaimRule):
    """A stated change equals the difference of two values (rule name ``"changes"``).

    Without a stated baseline, the baseline is looked up among the observations
    (same indicator, scope and breakdown, for the change's ``change_from``
    period); failing that, the implied baseline is derived and must be a
    possible value (a rate within 0–100%, a count not below zero).
    """

    name = "changes"
    kind = ChangeClaim

    def judge(self, claim: Claim, figures: dict[str, Observation], context: Context) -> Verdict:
        """Compare the stated change with the one computed from the two values."""
        assert isinstance(claim, ChangeClaim)
        change_obs, current_obs = figures[claim.change], figures[claim.current]
        baseline_obs = (
            figures[claim.baseline]
            if claim.baseline
            else _baseline(change_obs, current_obs, context)
        )
        refs = (claim.change, claim.current) + (
            (baseline_obs.id,) if baseline_obs is not None and baseline_obs.id else ()
        )
        change, current = change_obs.value, current_obs.value
        names = claim_names(current_obs.indicator_id, context, claim.id)
        if change is None or current is None:
            return self.no_data(claim, refs, names)
        base_unit = current.unit
        unit = PERCENT if claim.basis is Basis.GROWTH else difference_unit(base_unit)
        if baseline_obs is None or baseline_obs.value is None:
            return self._implied(claim, change, current, refs, change_obs, names)
        now, before = Span.of(current, base_unit), Span.of(baseline_obs.value, base_unit)
        if claim.basis is Basis.GROWTH:
            ratio = now.divide(before)
            if ratio is None:
                return self.no_data(claim, refs, names)
            computed = (ratio - Span.point(1)).scale(Fraction(100))
        else:
            computed = now - before
        stated = stated_span(change, unit)
        status = _status(computed.overlap(stated))
        shown = span_to_quantity(computed, unit)
        return self.verdict(
            claim,
            status,
            f"{names[0]}：{current}与{baseline_obs.value}相比变化"
            f"{quantity_zh(shown, derived=True)}，所述{change}，{_WORD_ZH[status]}。",
            f"{names[1]}: {quantity_en(current)} against {quantity_en(baseline_obs.value)} "
            f"is a change of {quantity_en(shown, derived=True)}; stated {quantity_en(change)}: "
            f"{_WORD_EN[status]}.",
            observed=shown,
            expected=f"= {change}",
            gap=_gap(computed, change, unit),
            refs=refs,
            indicator_id=current_obs.indicator_id,
        )

    def _implied(
        self,
        claim: ChangeClaim,
        change: Quantity,
        current: Quantity,
        refs: tuple[str, ...],
        change_obs: Observation,
        names: tuple[str, str],
    ) -> Verdict:
        base_unit = current.unit
        now = Span.of(current, base_unit)
        if claim.basis is Basis.GROWTH:
            factor = Span.of(change, PERCENT).scale(Fraction(1, 100)) + Span.point(1)
            implied = now.divide(factor)
        else:
            # A difference of rates is in percentage points: the same numbers as percent.
            implied = now - Span.of(change, difference_unit(base_unit))
        if implied is None:
            return self.no_data(claim, refs, names)
        possible = Span(Fraction(0), Fraction(100) if base_unit == PERCENT else None)
        status = _status(implied.overlap(possible))
        shown = span_to_quantity(implied, base_unit)
        period = change_obs.change_from or "the baseline period"
        return self.verdict(
            claim,
            status,
            f"{names[0]}：{current}较{period_zh_of(period)}变化{change}，推算"
            f"{period_zh_of(period)}为{quantity_zh(shown, derived=True)}，"
            f"{'是' if status is Status.CONSISTENT else '不是'}可能的取值，{_WORD_ZH[status]}。",
            f"{names[1]}: {quantity_en(current)} after a change of {quantity_en(change)} implies "
            f"{quantity_en(shown, derived=True)} for {period}, "
            f"{'a possible' if status is Status.CONSISTENT else 'an impossible'} value: "
            f"{_WORD_EN[status]}.",
            observed=shown,
            expected=f"implied {period} value",
            refs=refs,
        )


def _baseline(change: Observation, current: Observation, context: Context) -> Observation | None:
    if change.change_from is None:
        return None
    for observation in context.observations_of(current.indicator_id):
        if (
            observation.period == change.change_from
            and observation.change_from is None
            and context.same_scope(observation.scope, current.scope)
            and observation.breakdown == current.breakdown
        ):
            return observation
    return None
