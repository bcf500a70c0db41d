"""Consistency rules: whether a report's arithmetic agrees with itself.

A stated figure carries its own precision: "50.6%" stands for anything from
50.55% to 50.65%, so a rate computed as 1718 / 3397 = 50.574…% agrees with it.
The computed side is exact (parts as stated), the stated side is widened by
half a unit of its last stated digit, and approximate figures ("400余万") are
intervals throughout; the answer is consistent, inconsistent or indeterminate.

A claim of subset sums (其中: ``exhaustive=False``) holds when the parts do
not exceed what the total may be, equality included.  A gap between rates is
in percentage points; a gap is only told between exact figures (an
approximate one, 近300, has none rather than a made-up 0).  A change whose
baseline figure is not stated is *unverifiable* (indeterminate, reason
``CLAIM_NO_BASELINE``) unless its implied baseline is impossible.  Figures of
one claim in units that do not compare make that claim inconsistent (reason
``CLAIM_UNIT_MISMATCH``) and leave every other claim's verdict.  Sentences are
written when read (:mod:`govplan.engine.claim_wording`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from ..model.observations import Observation
from ..model.reports import ChangeClaim, Claim, RateClaim, Report, SumClaim
from ..model.targets import Basis
from ..values.quantities import Quantity
from ..values.units import PERCENT, Unit, convert_units, difference_unit
from .check_table import ReasonCode
from .claim_wording import ClaimFacts, ClaimSentence
from .comparisons import Span, Truth, span_to_quantity
from .rules import Context, SubjectRule
from .verdicts import Severity, Status, Verdict, default_severity

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


def claim_status(truth: Truth) -> Status:
    """Consistent, inconsistent or indeterminate, from the three-valued truth."""
    return {
        Truth.ALL: Status.CONSISTENT,
        Truth.NONE: Status.INCONSISTENT,
        Truth.SOME: Status.INDETERMINATE,
    }[truth]


def gap_unit(unit: Unit) -> Unit:
    """The unit of a difference of two figures in *unit*: percentage points for a rate."""
    return difference_unit(unit) if unit.dimension == "rate" else unit


def claim_gap(computed: Span, stated: Quantity, unit: Unit) -> Quantity | None:
    """Computed minus stated, when both are exact; else none (never a made-up 0)."""
    if not computed.is_point or not stated.is_exact:
        return None
    assert computed.low is not None
    own = stated.bounds_in(unit)[0]
    assert own is not None
    return span_to_quantity(Span.point(Fraction(computed.low) - own), gap_unit(unit))


def claim_names(indicator_id: str | None, context: Context, fallback: str) -> tuple[str, str]:
    """A claim named by its indicator: the Chinese name, and the English name or the id."""
    indicator = None if indicator_id is None else context.indicators.get(indicator_id)
    if indicator is None:
        return fallback, fallback
    return indicator.name, indicator.name_en or indicator.id


def unit_mismatch_verdict(
    rule: str,
    subject: str,
    names: tuple[str, str],
    pair: tuple[Quantity, Quantity],
    refs: tuple[str, ...],
    indicator_id: str | None,
    *,
    facts: ClaimFacts | None = None,
) -> Verdict:
    """The error verdict of a statement whose two figures are in units that do not compare."""
    facts = facts or ClaimFacts(
        sentence=ClaimSentence.UNIT_MISMATCH, name_zh=names[0], name_en=names[1], figures=pair
    )
    return claim_verdict(
        rule,
        subject,
        Status.INCONSISTENT,
        facts,
        reason=ReasonCode.CLAIM_UNIT_MISMATCH,
        severity=Severity.FAILURE,
        refs=refs,
        indicator_id=indicator_id,
    )


def claim_verdict(
    rule: str,
    subject: str,
    status: Status,
    facts: ClaimFacts,
    *,
    reason: int = 0,
    severity: Severity | None = None,
    observed: Quantity | None = None,
    expected: str | None = None,
    gap: Quantity | None = None,
    refs: tuple[str, ...] = (),
    indicator_id: str | None = None,
    goal_id: str | None = None,
    section_id: str | None = None,
) -> Verdict:
    """A claim verdict whose sentence *facts* write when read."""
    return Verdict(
        rule=rule,
        subject=subject,
        status=status,
        severity=default_severity(status) if severity is None else severity,
        reason=reason,
        indicator_id=indicator_id,
        observed=observed,
        expected=expected,
        gap=gap,
        refs=refs,
        goal_id=goal_id,
        section_id=section_id,
        facts=facts,
    )


def first_mismatch(quantities: list[Quantity]) -> tuple[Quantity, Quantity] | None:
    """The first figure whose unit does not compare with the first one's, as a pair."""
    head = quantities[0]
    for other in quantities[1:]:
        if not other.unit.is_compatible(head.unit):
            return head, other
    return None


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

    def refs_of(self, claim: Claim) -> tuple[str, ...]:  # pragma: no cover - overridden
        raise NotImplementedError

    def mismatch(
        self,
        claim: Claim,
        figures: dict[str, Observation],
        context: Context,
        pair: tuple[Quantity, Quantity],
        facts: ClaimFacts | None = None,
    ) -> Verdict:
        """The error verdict of a claim whose figures are in units that do not compare.

        Each rule finds such a pair before any arithmetic, so one claim's bad
        units never stop the others from being checked.
        """
        refs = self.refs_of(claim)
        first = figures[refs[0]]
        names = claim_names(first.indicator_id, context, claim.id)
        return unit_mismatch_verdict(
            self.name, claim.id, names, pair, refs, first.indicator_id, facts=facts
        )

    def no_data(
        self, claim: Claim, refs: tuple[str, ...], names: tuple[str, str] | None = None
    ) -> Verdict:
        zh, en = names or (claim.id, claim.id)
        facts = ClaimFacts(
            sentence=ClaimSentence.NO_DATA, name_zh=zh, name_en=en, refs=refs, refs_en=refs
        )
        return claim_verdict(self.name, claim.id, Status.NO_DATA, facts, refs=refs)


def _values(figures: dict[str, Observation], ids: tuple[str, ...]) -> list[Quantity] | None:
    values = [figures[i].value for i in ids]
    return None if any(v is None for v in values) else [v for v in values if v is not None]


class SumRule(_ClaimRule):
    """Parts add up to their total, or do not exceed it (rule name ``"sums"``)."""

    name = "sums"
    kind = SumClaim

    def refs_of(self, claim: Claim) -> tuple[str, ...]:
        """The total, then the parts."""
        assert isinstance(claim, SumClaim)
        return (claim.total, *claim.parts)

    def judge(self, claim: Claim, figures: dict[str, Observation], context: Context) -> Verdict:
        """Compare the exact sum of the parts with the stated total."""
        assert isinstance(claim, SumClaim)
        refs = self.refs_of(claim)
        names = claim_names(figures[claim.total].indicator_id, context, claim.id)
        values = _values(figures, refs)
        if values is None:
            return self.no_data(claim, refs, names)
        pair = first_mismatch(values)
        if pair is not None:
            return self.mismatch(claim, figures, context, pair)
        total, *parts = values
        unit = total.unit
        computed = sum((Span.of(p, unit) for p in parts), Span.point(0))
        stated = stated_span(total, unit)
        exhaustive = claim.exhaustive
        truth = computed.overlap(stated) if exhaustive else _not_above(computed, stated)
        status = claim_status(truth)
        shown = span_to_quantity(computed, unit)
        relation = "=" if exhaustive else "≤"
        facts = ClaimFacts(
            sentence=ClaimSentence.SUM,
            name_zh=names[0],
            name_en=names[1],
            figures=(total, *parts),
            shown=shown,
            relation=relation,
        )
        return claim_verdict(
            self.name,
            claim.id,
            status,
            facts,
            observed=shown,
            expected=f"{relation} {total}",
            gap=claim_gap(computed, total, unit) if exhaustive else None,
            refs=refs,
            indicator_id=figures[claim.total].indicator_id,
        )


def _not_above(computed: Span, stated: Span) -> Truth:
    """Whether the parts' sum is at most what the stated total may be (其中: a subset).

    ALL when every possible sum is at or below the total's highest reading
    (equality included: parts that make up the whole are a subset too), NONE
    when every possible sum is above it, SOME otherwise.
    """
    ceiling = Span(None, stated.high, True, stated.high is None or stated.high_open)
    return computed.overlap(ceiling)


class RateRule(_ClaimRule):
    """A stated rate equals numerator / denominator (rule name ``"rates"``)."""

    name = "rates"
    kind = RateClaim

    def refs_of(self, claim: Claim) -> tuple[str, ...]:
        """The rate, the numerator and the denominator."""
        assert isinstance(claim, RateClaim)
        return (claim.rate, claim.numerator, claim.denominator)

    def judge(self, claim: Claim, figures: dict[str, Observation], context: Context) -> Verdict:
        """Compute the rate from the counts and compare with the stated one."""
        assert isinstance(claim, RateClaim)
        refs = self.refs_of(claim)
        names = claim_names(figures[claim.rate].indicator_id, context, claim.id)
        values = _values(figures, refs)
        if values is None:
            return self.no_data(claim, refs, names)
        rate, numerator, denominator = values
        pair = first_mismatch([denominator, numerator])
        if pair is None and not rate.unit.is_compatible(PERCENT):
            pair = (numerator, rate)  # the "rate" is no rate
        if pair is not None:
            return self.mismatch(claim, figures, context, pair)
        count_unit = denominator.unit
        ratio = Span.of(numerator, count_unit).divide(Span.of(denominator, count_unit))
        if ratio is None:
            return self.no_data(claim, refs, names)
        computed = _convert(ratio.scale(Fraction(100)), PERCENT, rate.unit)
        status = claim_status(computed.overlap(stated_span(rate, rate.unit)))
        shown = span_to_quantity(computed, rate.unit)
        facts = ClaimFacts(
            sentence=ClaimSentence.RATE,
            name_zh=names[0],
            name_en=names[1],
            figures=(rate, numerator, denominator),
            shown=shown,
        )
        return claim_verdict(
            self.name,
            claim.id,
            status,
            facts,
            observed=shown,
            expected=f"= {rate}",
            gap=claim_gap(computed, rate, rate.unit),
            refs=refs,
            indicator_id=figures[claim.rate].indicator_id,
        )


def _convert(span: Span, source: Unit, target: Unit) -> Span:
    return span if source == target else span.scale(convert_units(Fraction(1), source, target))


class ChangeRule(_ClaimRule):
    """A stated change equals the difference of two values (rule name ``"changes"``).

    Without a stated baseline, the baseline is looked up among the observations
    (same indicator, scope and breakdown, for the change's ``change_from``
    period).  Failing that, the change is *unverifiable*: the implied baseline
    is derived, and the claim is inconsistent only when that value is
    impossible (a rate outside 0–100%, a count below zero); otherwise it is
    indeterminate with reason ``CLAIM_NO_BASELINE`` — never consistent.
    """

    name = "changes"
    kind = ChangeClaim

    def refs_of(self, claim: Claim) -> tuple[str, ...]:
        """The change, the current value and the stated baseline."""
        assert isinstance(claim, ChangeClaim)
        return (claim.change, claim.current) + ((claim.baseline,) if claim.baseline else ())

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
        if not change.unit.is_compatible(unit):
            facts = ClaimFacts(
                sentence=ClaimSentence.CHANGE_UNIT,
                name_zh=names[0],
                name_en=names[1],
                figures=(change, current),
                unit=unit,
            )
            return self.mismatch(claim, figures, context, (current, change), facts)
        if baseline_obs is None or baseline_obs.value is None:
            return self._implied(claim, change, current, refs, change_obs, names)
        before_value = baseline_obs.value
        if not before_value.unit.is_compatible(base_unit):
            return self.mismatch(claim, figures, context, (current, before_value))
        now, before = Span.of(current, base_unit), Span.of(before_value, base_unit)
        if claim.basis is Basis.GROWTH:
            ratio = now.divide(before)
            if ratio is None:
                return self.no_data(claim, refs, names)
            computed = (ratio - Span.point(1)).scale(Fraction(100))
        else:
            computed = now - before
        stated = stated_span(change, unit)
        status = claim_status(computed.overlap(stated))
        shown = span_to_quantity(computed, unit)
        facts = ClaimFacts(
            sentence=ClaimSentence.CHANGE,
            name_zh=names[0],
            name_en=names[1],
            figures=(change, current, before_value),
            shown=shown,
        )
        return claim_verdict(
            self.name,
            claim.id,
            status,
            facts,
            observed=shown,
            expected=f"= {change}",
            gap=claim_gap(computed, change, unit),
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
        impossible = implied.overlap(possible) is Truth.NONE
        shown = span_to_quantity(implied, base_unit)
        period = change_obs.change_from
        facts = ClaimFacts(
            sentence=ClaimSentence.IMPLIED,
            name_zh=names[0],
            name_en=names[1],
            figures=(change, current),
            shown=shown,
            period=period,
            possible=not impossible,
        )
        return claim_verdict(
            self.name,
            claim.id,
            Status.INCONSISTENT if impossible else Status.INDETERMINATE,
            facts,
            reason=0 if impossible else ReasonCode.CLAIM_NO_BASELINE,
            observed=shown,
            expected=f"implied {period or 'baseline'} value",
            refs=refs,
            indicator_id=change_obs.indicator_id,
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
