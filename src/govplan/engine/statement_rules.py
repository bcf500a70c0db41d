"""Rules for what reports and plans state beyond sums, rates and changes.

* ``completions`` — a report says a result fulfils a target (圆满完成了今年的招引
  任务; 超额完成全年任务; 完成全年目标任务的85%): the result is set against the
  target (a completion: the target is met; 超额: beyond it; a share: result ÷
  target, at the share's stated precision).
* ``standings`` — a report places a figure against others' (高于全市平均水平;
  居省、市前茅): with the reference figure stated, the two are compared; without
  it the claim is *unverifiable* (indeterminate, reason
  ``STANDING_NO_REFERENCE``) — said, never passed over.
* ``commitments`` — a plan's commitment without a figure (确保弱势学生能够健康成长)
  is pending until it is due; after that, with no result to judge it by, it is
  unverifiable (indeterminate, reason ``QUALITATIVE_NO_RESULT``).  A 确保
  commitment is binding: as for a binding numeric target, missing data past its
  due day fails the run (severity failure, reason ``QUALITATIVE_NO_RESULT_FAILS``)
  unless missing data is allowed (``evaluate(..., allow_missing=True)``).

Every verdict's sentence is written when read (:mod:`govplan.engine.claim_wording`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from ..model.indicators import Direction
from ..model.observations import Observation
from ..model.plans import Goal, Plan
from ..model.qualitative import CompletionClaim, Standing, StandingClaim
from ..model.reports import Report
from ..model.targets import Comparator, Target
from ..values.quantities import Quantity
from ..values.units import PERCENT
from .check_table import Number, ReasonCode, acceptable, band_comparator
from .claim_rules import (
    claim_gap,
    claim_names,
    claim_status,
    claim_verdict,
    stated_span,
    unit_mismatch_verdict,
)
from .claim_wording import ClaimFacts, ClaimSentence
from .comparisons import Span, Truth, span_to_quantity, to_quantity, truth
from .rules import Context, SubjectRule
from .verdicts import Severity, Status, Verdict
from .wording import band_text

__all__ = ["CommitmentRule", "CompletionRule", "StandingRule"]

_RELATION_ZH = {
    Comparator.AT_LEAST: "不低于",
    Comparator.AT_MOST: "不高于",
    Comparator.MORE_THAN: "高于",
    Comparator.LESS_THAN: "低于",
    Comparator.EQUAL: "等于",
    Comparator.BETWEEN: "不低于",
    Comparator.ZERO: "不高于",
    Comparator.RANK_WITHIN: "不高于",
}
_FALLING = frozenset({Comparator.AT_MOST, Comparator.LESS_THAN, Comparator.ZERO})
_FALLING |= {Comparator.RANK_WITHIN}


def _expected(comparator: Comparator, point: Quantity, band: str | None, *, exceeded: bool) -> str:
    """What a completion needs: ``≥ 400万元``, a band ``≈ 8% [7.6%, 8.4%]``, or beyond it."""
    if band is None:
        return f"{_SYMBOL[comparator]} {point}"
    return f"{_SYMBOL[comparator]} {band}" if exceeded else band


def _figures(subject: Report, context: Context) -> dict[str, Observation]:
    figures = {o.id: o for o in context.observations if o.id is not None}
    figures.update({o.id: o for o in subject.observations if o.id is not None})
    return figures


def _threshold(target: Target, result: Quantity) -> Quantity | None:
    """The target's value (or the alternative) in a unit the result compares with."""
    if target.value is None:
        return Quantity.of(0, result.unit)
    for candidate in (target.value, *target.alternatives):
        if candidate.unit.is_compatible(result.unit):
            return candidate
    return None


class CompletionRule(SubjectRule):
    """A result said to complete, exceed or reach a share of a target (rule ``"completions"``)."""

    name = "completions"
    subjects = (Report,)

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per completion claim, in the report's order."""
        assert isinstance(subject, Report)
        figures = _figures(subject, context)
        targets = {t.id: t for t in subject.targets}
        for claim in subject.completion_claims:
            yield self.judge(claim, figures.get(claim.result), targets.get(claim.target), context)

    def judge(
        self,
        claim: CompletionClaim,
        result_obs: Observation | None,
        target: Target | None,
        context: Context,
    ) -> Verdict:
        """Set the result against the target as the claim says."""
        refs = (claim.result, claim.target)
        indicator_id = result_obs.indicator_id if result_obs is not None else None
        names = claim_names(indicator_id, context, claim.id)
        if result_obs is None or result_obs.value is None or target is None:
            facts = ClaimFacts(
                sentence=ClaimSentence.NO_DATA,
                name_zh=names[0],
                name_en=names[1],
                refs=refs,
                refs_en=refs,
            )
            return claim_verdict(self.name, claim.id, Status.NO_DATA, facts, refs=refs)
        result = result_obs.value
        threshold = _threshold(target, result)
        if threshold is None:
            assert target.value is not None
            return unit_mismatch_verdict(
                self.name, claim.id, names, (result, target.value), refs, indicator_id
            )
        if claim.share is not None:
            return self._share(claim, result, threshold, names, refs, indicator_id)
        unit = threshold.unit
        comparator, value, upper = self._acceptable(claim, target, threshold, context)
        low, low_closed, high, high_closed = acceptable(comparator, value, upper)
        span = Span.of(result, unit)
        found = truth(
            span.low, span.high, span.low_open, span.high_open, low, low_closed, high, high_closed
        )
        banded = threshold is target.value and target.is_approximate
        if banded and claim.exceeded and found is Truth.ALL:
            # Exceeding "about 8%" is sure only beyond the band's far end, refuted
            # short of its near end, and cannot be told inside the band.
            assert threshold.low is not None
            assert threshold.high is not None
            far = threshold.high if comparator is Comparator.MORE_THAN else threshold.low
            beyond = acceptable(comparator, far, None)
            if truth(span.low, span.high, span.low_open, span.high_open, *beyond) is not Truth.ALL:
                found = Truth.SOME
        status = claim_status(found)
        facts = ClaimFacts(
            sentence=ClaimSentence.COMPLETION,
            name_zh=names[0],
            name_en=names[1],
            figures=(result, threshold),
            # A band (8%左右) is shown as the band, like the target's own verdict.
            relation="" if banded else _RELATION_ZH[target.comparator],
            exceeded=claim.exceeded,
        )
        point = to_quantity(value, unit)
        anchor = point
        if comparator is Comparator.BETWEEN and upper is not None and span.low is not None:
            # A band (8%左右 where neither direction is better): 0 inside, else its nearer end.
            anchor = to_quantity(
                min(max(Fraction(span.low), Fraction(value)), Fraction(upper)), unit
            )
        return claim_verdict(
            self.name,
            claim.id,
            status,
            facts,
            observed=result,
            expected=_expected(
                comparator,
                point,
                band_text(threshold, "symbols") if banded else None,
                exceeded=claim.exceeded,
            ),
            gap=claim_gap(span, anchor, unit) if span.is_point else None,
            refs=refs,
            indicator_id=indicator_id,
        )

    def _acceptable(
        self, claim: CompletionClaim, target: Target, threshold: Quantity, context: Context
    ) -> tuple[Comparator, Number, Number | None]:
        """The comparator the result must satisfy, in the threshold's unit."""
        indicator = context.indicators.get(target.indicator_id)
        direction = indicator.direction if indicator is not None else Direction.HIGHER
        value: Number
        upper: Number | None
        if threshold is target.value and target.is_approximate:
            comparator, value, upper = band_comparator(target, direction)
        else:
            comparator = target.comparator
            value = threshold.value  # exact: a band is read above, alternatives are exact
            upper = None
            if target.upper is not None and threshold is target.value:
                high = target.upper.bounds_in(threshold.unit)[0]
                upper = Fraction(high) if high is not None else None
            if comparator is Comparator.ZERO:
                value = Decimal(0)
            elif comparator is Comparator.EQUAL:
                # Completing a quota (任务为400万元) is reaching it, in the better direction.
                comparator = {
                    Direction.HIGHER: Comparator.AT_LEAST,
                    Direction.LOWER: Comparator.AT_MOST,
                }.get(direction, Comparator.EQUAL)
        if claim.exceeded:
            falling = comparator in _FALLING or (
                comparator is Comparator.EQUAL and direction is Direction.LOWER
            )
            if falling:
                return Comparator.LESS_THAN, value, None
            end = upper if comparator is Comparator.BETWEEN and upper is not None else value
            return Comparator.MORE_THAN, end, None
        return comparator, value, upper

    def _share(
        self,
        claim: CompletionClaim,
        result: Quantity,
        threshold: Quantity,
        names: tuple[str, str],
        refs: tuple[str, ...],
        indicator_id: str | None,
    ) -> Verdict:
        assert claim.share is not None
        unit = threshold.unit
        ratio = Span.of(result, unit).divide(Span.of(threshold, unit))
        if ratio is None:
            facts = ClaimFacts(
                sentence=ClaimSentence.NO_DATA,
                name_zh=names[0],
                name_en=names[1],
                refs=refs,
                refs_en=refs,
            )
            return claim_verdict(self.name, claim.id, Status.NO_DATA, facts, refs=refs)
        computed = ratio.scale(Fraction(100))
        status = claim_status(computed.overlap(stated_span(claim.share, PERCENT)))
        shown = span_to_quantity(computed, PERCENT)
        facts = ClaimFacts(
            sentence=ClaimSentence.SHARE,
            name_zh=names[0],
            name_en=names[1],
            figures=(claim.share, result, threshold),
            shown=shown,
        )
        return claim_verdict(
            self.name,
            claim.id,
            status,
            facts,
            observed=shown,
            expected=f"= {claim.share}",
            gap=claim_gap(computed, claim.share, PERCENT),
            refs=refs,
            indicator_id=indicator_id,
        )


_SYMBOL = {
    Comparator.AT_LEAST: "≥",
    Comparator.AT_MOST: "≤",
    Comparator.MORE_THAN: ">",
    Comparator.LESS_THAN: "<",
    Comparator.EQUAL: "=",
    Comparator.BETWEEN: "≥",
    Comparator.ZERO: "=",
    Comparator.RANK_WITHIN: "≤",
}


def _scope_names(scopes: tuple[str, ...], context: Context) -> tuple[str, ...]:
    names = {o.id: o.name for o in context.organisations}
    return tuple(names.get(scope, scope) for scope in scopes)


class StandingRule(SubjectRule):
    """A figure said to stand above, below or among the leaders of others (``"standings"``)."""

    name = "standings"
    subjects = (Report,)

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per standing claim, in the report's order."""
        assert isinstance(subject, Report)
        figures = _figures(subject, context)
        for claim in subject.standing_claims:
            yield self.judge(claim, figures, context)

    def judge(
        self, claim: StandingClaim, figures: dict[str, Observation], context: Context
    ) -> Verdict:
        """Compare with the reference figure, or say that none is stated."""
        own = figures.get(claim.observation) if claim.observation else None
        reference = figures.get(claim.reference) if claim.reference else None
        indicator_id = own.indicator_id if own is not None else None
        zh, en = claim_names(indicator_id, context, claim.id)
        zh = claim.about if own is None or indicator_id not in context.indicators else zh
        refs = tuple(r for r in (claim.observation, claim.reference) if r)
        scopes_zh = _scope_names(claim.reference_scopes, context)
        if (
            own is not None
            and own.value is not None
            and reference is not None
            and reference.value is not None
            and not own.value.unit.is_compatible(reference.value.unit)
        ):
            return unit_mismatch_verdict(
                self.name, claim.id, (zh, en), (own.value, reference.value), refs, indicator_id
            )
        if own is None or own.value is None or reference is None or reference.value is None:
            facts = ClaimFacts(
                sentence=ClaimSentence.STANDING_UNSTATED,
                name_zh=zh,
                name_en=en,
                relation=claim.standing.value,
                refs=scopes_zh,
                refs_en=claim.reference_scopes,
            )
            return claim_verdict(
                self.name,
                claim.id,
                Status.INDETERMINATE,
                facts,
                reason=ReasonCode.STANDING_NO_REFERENCE,
                refs=refs,
                indicator_id=indicator_id,
            )
        unit = own.value.unit
        mine, theirs = Span.of(own.value, unit), Span.of(reference.value, unit)
        found = _standing_truth(claim.standing, mine, theirs)
        facts = ClaimFacts(
            sentence=ClaimSentence.STANDING,
            name_zh=zh,
            name_en=en,
            figures=(own.value, reference.value),
            relation=claim.standing.value,
            refs=scopes_zh,
            refs_en=claim.reference_scopes,
        )
        return claim_verdict(
            self.name,
            claim.id,
            claim_status(found),
            facts,
            observed=own.value,
            expected=f"{'<' if claim.standing is Standing.BELOW else '>'} {reference.value}",
            refs=refs,
            indicator_id=indicator_id,
        )


def _standing_truth(standing: Standing, mine: Span, theirs: Span) -> Truth:
    """Whether *mine* stands as *standing* says against *theirs*, three-valued.

    Above (below): ALL when every reading of mine is above (below) every reading
    of theirs, NONE when none is, SOME otherwise.  Leading is at most SOME:
    being above the reference is needed to lead, not enough (前茅 names no rank).
    """
    if standing is Standing.BELOW:
        mine, theirs = -mine, -theirs
    if (
        mine.low is not None
        and theirs.high is not None
        and (
            mine.low > theirs.high
            or (mine.low == theirs.high and (mine.low_open or theirs.high_open))
        )
    ):
        found = Truth.ALL
    elif mine.high is not None and theirs.low is not None and mine.high <= theirs.low:
        found = Truth.NONE
    else:
        found = Truth.SOME
    if standing is Standing.LEADING and found is Truth.ALL:
        return Truth.SOME
    return found


class CommitmentRule(SubjectRule):
    """A plan's commitment without a figure: pending, then unverifiable (``"commitments"``).

    A 确保 commitment past due with no result fails the run unless the
    evaluation allows missing data (:attr:`~govplan.Context.allow_missing`).
    """

    name = "commitments"
    subjects = (Plan,)

    def check(self, subject: object, context: Context) -> Iterator[Verdict]:
        """One verdict per qualitative target, in the plan's order."""
        assert isinstance(subject, Plan)
        for section in subject.sections:
            for goal in section.goals:
                yield from self._judge_goal(goal, section.id, context)

    def _judge_goal(self, goal: Goal, section_id: str, context: Context) -> Iterator[Verdict]:
        for qualitative in goal.qualitative_targets:
            due = (
                qualitative.deadline.due
                if qualitative.deadline is not None
                else qualitative.period.end
            )
            pending = context.as_of is not None and context.as_of < due
            # 确保 is binding: past due with no result, it fails the run (DESIGN §6).
            fails = not pending and not context.allow_missing and qualitative.fails_when_missing
            _, en = claim_names(qualitative.indicator_id, context, qualitative.id)
            facts = ClaimFacts(
                sentence=ClaimSentence.QUALITATIVE,
                name_zh=qualitative.about,
                name_en=en,
                relation=qualitative.commitment.value,
                fails=fails,
            )
            if pending:
                reason = 0
            elif fails:
                reason = ReasonCode.QUALITATIVE_NO_RESULT_FAILS
            else:
                reason = ReasonCode.QUALITATIVE_NO_RESULT
            yield claim_verdict(
                self.name,
                qualitative.id,
                Status.PENDING if pending else Status.INDETERMINATE,
                facts,
                reason=reason,
                severity=Severity.FAILURE if fails else None,
                indicator_id=qualitative.indicator_id,
                goal_id=goal.id,
                section_id=section_id,
            )
