"""The target rule: each planned target against the observed results.

For each target the rule finds the final result for the target's scope and
period (or, before the deadline, the latest interim result), turns it into an
exact interval in the threshold's unit (a level, a change or growth against the
baseline, or a difference from a reference scope), and compares.  The answer
is three-valued on intervals; time turns a missing result into *pending*
before the deadline and *no data* after it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs
import pendulum

from ..model.indicators import Direction, Indicator
from ..model.observations import Observation
from ..model.plans import Goal, Plan, Section
from ..model.posts import Post
from ..model.targets import Basis, Comparator, ForEach, Target
from ..values.periods import Period
from ..values.quantities import Quantity
from ..values.units import PERCENT, Unit, difference_unit
from .comparisons import Span, Truth, compare, span_to_quantity, to_quantity
from .rules import Context, SubjectRule, register_rule
from .verdicts import Severity, Status, Verdict
from .wording import STATUS_EN, STATUS_ZH, threshold_en, threshold_symbols, threshold_zh

__all__ = ["TargetRule", "check_target"]

_RISING = (Comparator.AT_LEAST, Comparator.MORE_THAN)
_FALLING = (Comparator.AT_MOST, Comparator.LESS_THAN, Comparator.ZERO, Comparator.RANK_WITHIN)


@attrs.frozen(kw_only=True)
class _Where:
    """Where a target sits in its plan, and what slice of results it covers."""

    goal: Goal | None = None
    section: Section | None = None
    scope: str | None = None
    breakdown: dict[str, str] = attrs.field(factory=dict)
    label: str | None = None
    leads: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class _Result:
    """The value a target is judged on, with the observations it came from."""

    span: Span | None
    unit: Unit
    refs: tuple[str, ...]
    note: str | None = None
    quantity: Quantity | None = None


class TargetRule(SubjectRule):
    """Checks every target of a plan against the results (rule name ``"targets"``)."""

    name = "targets"
    subjects = (Plan, Post)

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per target (per scope or breakdown for a template target)."""
        if isinstance(subject, Post):
            for duty in subject.duties:
                for target in duty.targets:
                    prepared = _Prepared.of(target, context)
                    for where in _slices(target, None, None, context):
                        yield _quick(prepared, where) or _judge(prepared, where)
            return
        assert isinstance(subject, Plan)
        for section in subject.sections:
            for goal in section.goals:
                for target in goal.targets:
                    prepared = _Prepared.of(target, context)
                    for where in _slices(target, goal, section, context):
                        yield _quick(prepared, where) or _judge(prepared, where)


register_rule("targets", TargetRule)


def _slices(
    target: Target, goal: Goal | None, section: Section | None, context: Context
) -> Iterator[_Where]:
    # The goal's lead units are responsible for every slice of its targets.
    leads = tuple(dict.fromkeys(u for m in (goal.measures if goal else ()) for u in m.lead))
    if target.for_each is None:
        yield _Where(goal=goal, section=section, scope=target.scope, leads=leads)
        return
    parent = target.scope or context.issuer
    observed = [o for o in context.observations_of(target.indicator_id) if o.change_from is None]
    if target.for_each is ForEach.SCOPE:
        scopes = [o.id for o in context.organisations if o.parent_id == parent]
        scopes += [o.scope for o in observed if o.scope and o.scope != parent]
        for scope in dict.fromkeys(scopes):
            assert scope is not None
            yield _Where(goal=goal, section=section, scope=scope, label=scope, leads=leads)
        return
    slices = {
        tuple(sorted(o.breakdown.items())): o.breakdown
        for o in observed
        if o.breakdown and context.same_scope(o.scope, target.scope)
    }
    for key, breakdown in slices.items():
        label = "/".join(value for _, value in key)
        yield _Where(
            goal=goal,
            section=section,
            scope=target.scope,
            breakdown=breakdown,
            label=label,
            leads=leads,
        )


def _due(target: Target) -> pendulum.Date:
    return target.deadline.due if target.deadline is not None else target.period.end


def _matching(
    context: Context, indicator_id: str, scope: str | None, breakdown: dict[str, str]
) -> list[Observation]:
    found = context.observations_for(indicator_id, scope, breakdown)
    if context.as_of is None:
        return list(found)
    return [o for o in found if context.is_known(o)]


def _level(observations: Sequence[Observation], period: Period) -> Observation | None:
    """The level observation for exactly *period*, if any (the last one given wins)."""
    found = [o for o in observations if o.change_from is None and o.period == period]
    return found[-1] if found else None


def _span(observation: Observation, unit: Unit) -> Span | None:
    return None if observation.value is None else Span.of(observation.value, unit)


def _ref(observation: Observation) -> tuple[str, ...]:
    return (observation.id,) if observation.id else ()


def _threshold_unit(target: Target, indicator: Indicator) -> Unit:
    if target.value is not None:
        return target.value.unit
    return indicator.unit if target.basis is Basis.LEVEL else difference_unit(indicator.unit)


def _final(
    target: Target, indicator: Indicator, found: list[Observation], context: Context, where: _Where
) -> _Result | None:
    """The result for the target's whole period, on the target's basis."""
    unit = _threshold_unit(target, indicator)
    current = _level(found, target.period)
    if target.basis is Basis.LEVEL:
        if current is None:
            return None
        same = current.value is not None and current.value.unit == unit
        return _Result(
            span=_span(current, unit),
            unit=unit,
            refs=_ref(current),
            note=current.note,
            quantity=current.value if same else None,
        )
    if target.basis is Basis.REFERENCE:
        assert target.reference_scope is not None
        others = _matching(context, target.indicator_id, target.reference_scope, where.breakdown)
        reference = _level(others, target.period)
        if current is None:
            return None
        if current.value is None or reference is None or reference.value is None:
            return _Result(span=None, unit=unit, refs=_ref(current), note=current.note)
        base = indicator.unit
        difference = Span.of(current.value, base) - Span.of(reference.value, base)
        return _Result(
            span=_convert(difference, difference_unit(base), unit),
            unit=unit,
            refs=_ref(current) + _ref(reference),
            note=current.note,
        )
    # CHANGE and GROWTH against the baseline period.
    assert target.baseline is not None
    stated = [
        o
        for o in found
        if o.change_from == target.baseline and o.period == target.period and o.value is not None
    ]
    if stated and stated[-1].value is not None and stated[-1].value.unit.is_compatible(unit):
        change = stated[-1]
        return _Result(span=_span(change, unit), unit=unit, refs=_ref(change), note=change.note)
    baseline = _level(found, target.baseline)
    if current is None:
        return None
    if current.value is None or baseline is None or baseline.value is None:
        return _Result(span=None, unit=unit, refs=_ref(current), note=current.note)
    base = indicator.unit
    now, before = Span.of(current.value, base), Span.of(baseline.value, base)
    refs = _ref(current) + _ref(baseline)
    span: Span | None
    if target.basis is Basis.CHANGE:
        span = _convert(now - before, difference_unit(base), unit)
    else:
        ratio = now.divide(before)
        span = None if ratio is None else (ratio - Span.point(1)).scale(Fraction(100))
    return _Result(span=span, unit=unit, refs=refs, note=current.note)


def _convert(span: Span, source: Unit, target: Unit) -> Span:
    if source == target:
        return span
    from ..values.units import convert_units

    factor = convert_units(Fraction(1), source, target)
    return span.scale(factor)


def _interim(target: Target, found: list[Observation], due: pendulum.Date) -> Observation | None:
    """The latest level result inside the target's period that ends before its end."""
    inside = [
        o
        for o in found
        if o.change_from is None
        and o.value is not None
        and target.period.start <= o.period.start
        and o.period.end < target.period.end
        and o.period.end <= due
    ]
    return max(inside, key=lambda o: o.period.end) if inside else None


def _threshold(target: Target, unit: Unit) -> tuple[Fraction, Fraction | None]:
    if target.comparator is Comparator.ZERO or target.value is None:
        return Fraction(0), None
    value = target.value.bounds_in(unit)[0]
    upper = None if target.upper is None else target.upper.bounds_in(unit)[0]
    assert value is not None
    return value, upper


def _progress(
    target: Target,
    indicator: Indicator,
    span: Span,
    threshold: Fraction,
    baseline: Span | None,
) -> Decimal | None:
    """The share of the way to the target; never actual/target for a decrease."""
    if not span.is_point or target.comparator not in (*_RISING, *_FALLING[:2]):
        return None
    assert span.low is not None
    if baseline is not None and baseline.is_point and baseline.low != threshold:
        assert baseline.low is not None
        share = (span.low - baseline.low) / (threshold - baseline.low)
    elif (
        target.comparator in _RISING
        and indicator.direction is not Direction.LOWER
        and threshold > 0
        and span.low >= 0
    ):
        share = span.low / threshold
    else:
        return None
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal("0.0001"))


def _severity(status: Status, target: Target) -> Severity:
    if status is Status.MISSED:
        return Severity.FAILURE if target.is_binding else Severity.SHORTFALL
    if status in (Status.MET, Status.PENDING):
        return Severity.INFO
    return Severity.WARNING


def _gap(span: Span, threshold: Fraction, unit: Unit, truth: Truth) -> Quantity | None:
    """Observed minus threshold; for a missed interval, from its nearest end."""
    gap_unit = difference_unit(unit) if unit == PERCENT else unit
    if span.is_point:
        assert span.low is not None
        return to_quantity(span.low - threshold, gap_unit)
    if truth is Truth.NONE:
        nearest = span.high if span.high is not None and span.high <= threshold else span.low
        if nearest is not None:
            return to_quantity(nearest - threshold, gap_unit)
    return None


def check_target(target: Target, context: Context) -> Verdict:
    """The verdict on one target in *context* (see the module docs for the rules)."""
    prepared = _Prepared.of(target, context)
    where = _Where(scope=target.scope)
    return _quick(prepared, where) or _judge(prepared, where)


def _quick(prepared: _Prepared, where: _Where) -> Verdict | None:
    """The common case without fractions: a final exact level in the threshold's unit."""
    target, limit = prepared.target, prepared.limit
    as_of = prepared.context.as_of
    if limit is None or (as_of is not None and target.period.end > as_of):
        return None
    found = prepared.context.observations_for(target.indicator_id, where.scope, where.breakdown)
    level = None
    period = target.period
    for observation in reversed(found):
        same = observation.period is period or observation.period == period
        if same and observation.change_from is None:
            level = observation
            break
    if level is None or level.value is None:
        return None
    if level.value.unit is not prepared.unit and level.value.unit != prepared.unit:
        return None
    value = level.value.low
    if value is None or not level.value.is_exact:
        return None
    if prepared.holds(value):
        status = Status.MET
    elif prepared.tolerance:
        return None  # the tolerance band needs the progress computed on the general path
    else:
        status = Status.MISSED
    progress = None
    if prepared.rising_share and value >= 0:
        progress = (value / limit).quantize(_PLACES)
    return prepared.verdict(
        status,
        where,
        observed=level.value,
        gap=Quantity._trusted(value - limit, prepared.gap_unit),
        progress=progress,
        refs=_ref(level),
        note=level.note,
    )


def _judge(prepared: _Prepared, where: _Where) -> Verdict:
    """The general path: any basis, intervals, interim results and time."""
    target, indicator, context = prepared.target, prepared.indicator, prepared.context
    due = prepared.due
    ended = context.as_of is None or context.as_of > due
    found = _matching(context, target.indicator_id, where.scope, where.breakdown)
    result = _final(target, indicator, found, context, where)
    unit = prepared.unit
    threshold, upper = prepared.threshold, prepared.upper

    if result is not None and result.span is not None:
        truth = compare(result.span, target.comparator, threshold, upper)
        status = {Truth.ALL: Status.MET, Truth.NONE: Status.MISSED}.get(truth, Status.INDETERMINATE)
        baseline = None
        if target.baseline is not None and target.basis is Basis.LEVEL:
            base_obs = _level(found, target.baseline)
            baseline = None if base_obs is None else _span(base_obs, unit)
        progress = _progress(target, indicator, result.span, threshold, baseline)
        tolerance = prepared.tolerance
        if status is Status.MISSED and tolerance and progress is not None and progress >= tolerance:
            status = Status.BASICALLY_MET
        return prepared.verdict(
            status,
            where,
            observed=result.quantity or span_to_quantity(result.span, unit),
            gap=_gap(result.span, threshold, unit, truth),
            progress=progress,
            refs=result.refs,
            note=result.note,
        )
    if result is not None and not ended:
        return prepared.verdict(Status.PENDING, where, refs=result.refs, note=result.note)
    if result is not None:
        return prepared.verdict(Status.NO_DATA, where, refs=result.refs, note=result.note)
    if ended:
        return prepared.verdict(Status.NO_DATA, where)
    interim = _interim(target, found, due)
    if interim is None or target.basis is not Basis.LEVEL:
        return prepared.verdict(Status.PENDING, where)
    return _pace(prepared, where, interim)


def _pace(prepared: _Prepared, where: _Where, interim: Observation) -> Verdict:
    """Judge an interim result before the deadline: on track, at risk, or already missed."""
    target, unit = prepared.target, prepared.unit
    threshold, upper = prepared.threshold, prepared.upper
    assert interim.value is not None
    span = Span.of(interim.value, unit)
    observed = span_to_quantity(span, unit)
    refs = _ref(interim)
    if target.cumulative and target.comparator in _RISING:
        # A cumulative total should have grown in step with the days passed.
        share = Period.between(target.period.start, prepared.due).elapsed(interim.period.end)
        pace = threshold * share
        truth = compare(span, Comparator.AT_LEAST, pace)
        status = Status.PENDING if truth is Truth.ALL else Status.AT_RISK
        return prepared.verdict(
            status,
            where,
            observed=observed,
            refs=refs,
            note=interim.note,
            pace=to_quantity(pace, unit),
        )
    truth = compare(span, target.comparator, threshold, upper)
    if target.cumulative and truth is Truth.NONE:
        # Incidents already over the limit cannot be undone before the end.
        return prepared.verdict(
            Status.MISSED, where, observed=observed, refs=refs, note=interim.note
        )
    status = Status.PENDING if truth is Truth.ALL else Status.AT_RISK
    return prepared.verdict(status, where, observed=observed, refs=refs, note=interim.note)


_PLACES = Decimal("0.0001")
_HOLDS = {
    Comparator.AT_LEAST: lambda v, t, u: v >= t,
    Comparator.AT_MOST: lambda v, t, u: v <= t,
    Comparator.MORE_THAN: lambda v, t, u: v > t,
    Comparator.LESS_THAN: lambda v, t, u: v < t,
    Comparator.EQUAL: lambda v, t, u: v == t,
    Comparator.BETWEEN: lambda v, t, u: t <= v <= u,
    Comparator.ZERO: lambda v, t, u: v == 0,
    Comparator.RANK_WITHIN: lambda v, t, u: v <= t,
}


@attrs.frozen(kw_only=True)
class _Prepared:
    """What every verdict on one target shares, worked out once per target."""

    target: Target
    indicator: Indicator
    context: Context
    due: pendulum.Date
    unit: Unit
    gap_unit: Unit
    threshold: Fraction
    upper: Fraction | None
    limit: Decimal | None
    upper_limit: Decimal | None
    tolerance: Decimal | None
    rising_share: bool
    want_zh: str
    want_en: str
    expected: str
    due_text: str
    as_of_text: str

    @classmethod
    def of(cls, target: Target, context: Context) -> _Prepared:
        indicator = context.indicators[target.indicator_id]
        unit = _threshold_unit(target, indicator)
        threshold, upper = _threshold(target, unit)
        exact = target.basis is Basis.LEVEL and target.baseline is None
        limit = upper_limit = None
        if exact and target.comparator is Comparator.ZERO:
            limit = Decimal(0)
        elif exact and target.value is not None:
            limit = target.value.value
            upper_limit = None if target.upper is None else target.upper.to(unit).value
        firm_zh = {"ensure": "（确保）", "strive": "（力争）"}.get(target.commitment.value, "")
        firm_en = {"ensure": " (ensure)", "strive": " (strive)"}.get(target.commitment.value, "")
        return cls(
            target=target,
            indicator=indicator,
            context=context,
            due=_due(target),
            unit=unit,
            gap_unit=difference_unit(unit) if unit == PERCENT else unit,
            threshold=threshold,
            upper=upper,
            limit=limit,
            upper_limit=upper_limit,
            tolerance=target.tolerance or context.settings.basically_met,
            rising_share=(
                target.comparator in _RISING
                and indicator.direction is not Direction.LOWER
                and threshold > 0
            ),
            want_zh=f"目标{threshold_zh(target)}{firm_zh}",
            want_en=f"target {threshold_en(target)}{firm_en}",
            expected=threshold_symbols(target),
            due_text=_due(target).isoformat(),
            as_of_text=context.as_of.isoformat() if context.as_of else "",
        )

    def holds(self, value: Decimal) -> bool:
        """Whether an exact *value* in the threshold's unit satisfies the target."""
        return bool(_HOLDS[self.target.comparator](value, self.limit, self.upper_limit))

    def verdict(
        self,
        status: Status,
        where: _Where,
        *,
        observed: Quantity | None = None,
        gap: Quantity | None = None,
        progress: Decimal | None = None,
        refs: tuple[str, ...] = (),
        note: str | None = None,
        pace: Quantity | None = None,
    ) -> Verdict:
        target, label = self.target, where.label
        if label is None:
            subject, name_zh = target.id, self.indicator.name
            name_en = self.indicator.name_en or self.indicator.id
        else:
            subject, name_zh = f"{target.id}@{label}", f"{self.indicator.name}（{label}）"
            name_en = f"{self.indicator.name_en or self.indicator.id} ({label})"
        zh, en = _sentences(status, observed, gap, progress, pace, self)
        scope = where.scope or self.context.issuer
        leads = where.leads
        if not leads:
            units: tuple[str, ...] = (scope,) if scope else ()
        else:
            units = tuple(dict.fromkeys((scope, *leads))) if scope else leads
        return Verdict(
            rule="targets",
            subject=subject,
            status=status,
            severity=_severity(status, target),
            explanation_zh=f"{name_zh}：{zh}",
            explanation_en=f"{name_en}: {en}",
            indicator_id=target.indicator_id,
            scope=where.scope,
            observed=observed,
            expected=self.expected,
            gap=gap,
            progress=progress,
            goal_id=where.goal.id if where.goal else None,
            section_id=where.section.id if where.section else None,
            units=units,
            refs=refs,
            note=note,
        )


def _sentences(
    status: Status,
    observed: Quantity | None,
    gap: Quantity | None,
    progress: Decimal | None,
    pace: Quantity | None,
    facts: _Prepared,
) -> tuple[str, str]:
    want_zh, want_en = facts.want_zh, facts.want_en
    due, as_of = facts.due_text, facts.as_of_text
    observed_text = str(observed)
    gap_text = str(gap)
    gap_zh = f"，差距{gap_text}" if gap is not None else ""
    gap_en = f", gap {gap_text}" if gap is not None else ""
    if status in (Status.MET, Status.MISSED, Status.INDETERMINATE, Status.BASICALLY_MET):
        extra_zh = extra_en = ""
        if status is Status.INDETERMINATE:
            extra_zh, extra_en = "，区间跨越目标值", "; the interval straddles the threshold"
        if status is Status.BASICALLY_MET and progress is not None:
            extra_zh = f"，完成目标的{progress:.2%}"
            extra_en = f", {progress:.2%} of the way"
        return (
            f"实际{observed_text}，{want_zh}，{STATUS_ZH[status]}{gap_zh}{extra_zh}。",
            f"observed {observed_text} against {want_en}: {STATUS_EN[status]}{gap_en}{extra_en}.",
        )
    if status is Status.PENDING and observed is not None:
        return (
            f"截至{as_of}阶段性结果{observed_text}，符合进度，{want_zh}，期限{due}。",
            f"interim {observed_text} as of {as_of} is on track for {want_en} due {due}.",
        )
    if status is Status.PENDING:
        return (
            f"截至{as_of}期限{due}未到，尚无最终结果，{want_zh}。",
            f"no final result as of {as_of}; {want_en} is due {due}.",
        )
    if status is Status.AT_RISK:
        behind_zh = f"，低于按时间进度应达到的{pace}" if pace else "，未达到目标"
        behind_en = f", behind the pro-rata pace of {pace}" if pace else ", short of the target"
        return (
            f"截至{as_of}阶段性结果{observed_text}{behind_zh}，{want_zh}，期限{due}。",
            f"interim {observed_text} as of {as_of}{behind_en}; {want_en} due {due}.",
        )
    return (
        f"期限{due}已过，没有实际值，{want_zh}。",
        f"no result although {want_en} was due {due}.",
    )
