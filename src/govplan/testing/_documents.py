"""Strategies for documents: plans, reports and everything in them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from ..engine.evaluation import Evaluation
from ..engine.rules import RuleSet, rule_names
from ..engine.scorecards import Grade, Scorecard, ScoreItem
from ..engine.verdicts import Severity, Status, Verdict, make_verdict
from ..model.indicators import Direction, Indicator, RateFormula
from ..model.measures import Measure, MeasureStatus
from ..model.observations import Observation
from ..model.organisations import Organisation, Person
from ..model.plans import Goal, Plan, Section
from ..model.qualitative import CompletionClaim, QualitativeTarget, Standing, StandingClaim
from ..model.reports import ChangeClaim, Claim, RateClaim, Report, SumClaim
from ..model.targets import Basis, Commitment, Comparator, ForEach, Target, TargetNature
from ..values.quantities import Quantity
from ..values.quantity_text import parse_quantity
from ..values.units import PERCENT, Unit
from ._activities import inspections, pledges, recurring_activities
from ._values import dates, deadlines, decimals, ids, periods, quantities, texts, units


def _id(item: Any) -> str:
    return str(item.id)


def _unique(strategy: st.SearchStrategy[Any], max_size: int = 4) -> st.SearchStrategy[list[Any]]:
    return st.lists(strategy, max_size=max_size, unique_by=lambda item: item.id)


def organisations(parents: Sequence[str] = ()) -> st.SearchStrategy[Organisation]:
    """Organisations whose parent, if any, is one of *parents*."""
    parent = st.none() | st.sampled_from(parents) if parents else st.none()
    return st.builds(
        Organisation, id=ids(), name=texts(), parent_id=parent, category=st.none() | texts()
    )


def people(units: Sequence[str] = ()) -> st.SearchStrategy[Person]:
    """People belonging to one of *units*, or to none."""
    belongs = st.none() | st.sampled_from(units) if units else st.none()
    return st.builds(
        Person, id=ids(), name=texts(), title=st.none() | texts(), organisation_id=belongs
    )


@st.composite
def indicators(draw: st.DrawFn, others: Sequence[str] = ()) -> Indicator:
    """Indicators; a rate's formula names two of *others*."""
    formula = None
    if len(others) >= 2 and draw(st.booleans()):
        numerator, denominator = draw(st.permutations(others))[:2]
        formula = RateFormula(numerator_id=numerator, denominator_id=denominator)
    return Indicator(
        id=draw(ids()),
        name=draw(texts()),
        unit=draw(units()),
        direction=draw(st.sampled_from(Direction)),
        formula=formula,
        name_en=draw(st.none() | texts()),
        group_id=draw(st.none() | ids()),
    )


_ABOUT = ("{}左右", "约{}", "{}上下")


@st.composite
def bands(draw: st.DrawFn, unit: Unit) -> Quantity:
    """Approximate target values in *unit*: 8%左右 / 约500人 at some tolerance, or a closed band."""
    if draw(st.booleans()):
        centre = draw(st.decimals(min_value="0.1", max_value=10**6, places=2))
        wording = draw(st.sampled_from(_ABOUT)).format(f"{centre}{unit.symbol}")
        if draw(st.booleans()):
            return parse_quantity(wording)  # the default 约 tolerance
        return parse_quantity(wording, tolerance=draw(st.decimals("0.01", "0.5", places=2)))
    low = draw(decimals())
    return Quantity(low=low, high=low + draw(decimals(min_value=1, max_value=1000)), unit=unit)


@st.composite
def targets(
    draw: st.DrawFn, indicators: Sequence[Indicator] = (), scopes: Sequence[str] = ()
) -> Target:
    """Valid targets on one of *indicators* (a fresh one if empty), scoped to *scopes*."""
    indicator = draw(st.sampled_from(indicators)) if indicators else draw(globals()["indicators"]())
    comparator = draw(st.sampled_from(Comparator))
    bases = [Basis.LEVEL, Basis.CHANGE, Basis.GROWTH] + ([Basis.REFERENCE] if scopes else [])
    basis = draw(st.sampled_from(bases))
    of = PERCENT if basis is Basis.GROWTH else indicator.unit
    approximate = comparator in _APPROXIMABLE and draw(st.booleans())
    value = None
    if approximate:
        value = draw(bands(of))
    elif comparator is not Comparator.ZERO:
        value = draw(quantities(of, exact=True))
    alternatives: tuple[Quantity, ...] = ()
    if value is not None and value.is_exact:
        # 60万美元或400万元: the same threshold stated again in another unit.
        alternatives = tuple(draw(st.lists(quantities(exact=True), max_size=2)))
    upper = None
    if comparator is Comparator.BETWEEN:
        assert value is not None
        upper = Quantity.of(value.value + draw(decimals(min_value=0)), of)
    scope = st.none() | st.sampled_from(scopes) if scopes else st.none()
    return Target(
        id=draw(ids()),
        indicator_id=indicator.id,
        comparator=comparator,
        period=draw(periods()),
        value=value,
        upper=upper,
        basis=basis,
        baseline=draw(periods()) if basis in (Basis.CHANGE, Basis.GROWTH) else None,
        reference_scope=draw(st.sampled_from(scopes)) if basis is Basis.REFERENCE else None,
        scope=draw(scope),
        deadline=draw(st.none() | deadlines()),
        commitment=draw(st.sampled_from(Commitment)),
        nature=draw(st.none() | st.sampled_from(TargetNature)),
        cumulative=draw(st.booleans()),
        tolerance=draw(st.none() | st.decimals("0.01", "1", places=2)),
        for_each=draw(st.none() | st.sampled_from(ForEach)),
        stated=draw(st.none() | texts()),
        alternatives=alternatives,
    )


_APPROXIMABLE = (Comparator.EQUAL, Comparator.AT_LEAST, Comparator.AT_MOST)


@st.composite
def qualitative_targets(
    draw: st.DrawFn, indicators: Sequence[Indicator] = (), scopes: Sequence[str] = ()
) -> QualitativeTarget:
    """Commitments without a figure (确保弱势学生能够健康成长), on *indicators* and *scopes*."""
    standing = draw(st.none() | st.sampled_from(Standing)) if scopes else None
    against = st.lists(st.sampled_from(scopes), min_size=1, max_size=2, unique=True)
    return QualitativeTarget(
        id=draw(ids()),
        stated=draw(texts()),
        about=draw(texts()),
        period=draw(periods()),
        commitment=draw(st.sampled_from(Commitment)),
        indicator_id=draw(st.none() | st.sampled_from([i.id for i in indicators]))
        if indicators
        else None,
        scope=draw(st.none() | st.sampled_from(scopes)) if scopes else None,
        standing=standing,
        reference_scopes=tuple(draw(against)) if standing is not None else (),
        deadline=draw(st.none() | deadlines()),
    )


def standing_claims(
    observed: Sequence[str], scopes: Sequence[str]
) -> st.SearchStrategy[StandingClaim]:
    """Standing claims (高于全市平均水平) on the ids *observed*, against some of *scopes*.

    *scopes* must not be empty: a standing is measured against someone.
    """
    figure = st.none() | st.sampled_from(observed) if observed else st.none()
    return st.builds(
        StandingClaim,
        id=ids(),
        stated=texts(),
        about=texts(),
        standing=st.sampled_from(Standing),
        reference_scopes=st.lists(st.sampled_from(scopes), min_size=1, max_size=2, unique=True).map(
            tuple
        ),
        observation=figure,
        reference=figure,
        since=st.none() | texts(),
    )


@st.composite
def completion_claims(
    draw: st.DrawFn, observed: Sequence[str], target_ids: Sequence[str]
) -> CompletionClaim:
    """Completion claims (超额完成; 完成…的85%): results of *observed*, targets of *target_ids*."""
    return CompletionClaim(
        id=draw(ids()),
        stated=draw(texts()),
        result=draw(st.sampled_from(observed)),
        target=draw(st.sampled_from(target_ids)),
        share=draw(st.none() | quantities(PERCENT)),
        exceeded=draw(st.booleans()),
        completed_on=draw(st.none() | dates()),
    )


@st.composite
def measures(draw: st.DrawFn, units: Sequence[str] = ()) -> Measure:
    """Measures led by and shared with some of *units*."""
    responsible = st.lists(st.sampled_from(units), max_size=3).map(tuple) if units else st.just(())
    status = draw(st.sampled_from(MeasureStatus))
    return Measure(
        id=draw(ids()),
        action=draw(texts()),
        lead=draw(responsible),
        co_responsible=draw(responsible),
        deadline=draw(st.none() | deadlines()),
        deliverable=draw(st.none() | quantities()),
        status=status,
        completed_on=draw(st.none() | dates()) if status is MeasureStatus.DONE else None,
    )


@st.composite
def goals(draw: st.DrawFn, indicators: Sequence[Indicator] = (), units: Sequence[str] = ()) -> Goal:
    """Goals whose targets and measures refer to *indicators* and *units*."""
    return Goal(
        id=draw(ids()),
        title=draw(texts()),
        number=draw(st.none() | st.integers(1, 40).map(str)),
        text=draw(st.none() | texts()),
        targets=tuple(draw(_unique(targets(indicators, units), 3))) if indicators else (),
        measures=tuple(draw(_unique(measures(units), 2))),
        qualitative_targets=tuple(draw(_unique(qualitative_targets(indicators, units), 2))),
    )


@st.composite
def sections(
    draw: st.DrawFn, indicators: Sequence[Indicator] = (), units: Sequence[str] = ()
) -> Section:
    """Sections of goals."""
    return Section(
        id=draw(ids()),
        title=draw(texts()),
        goals=tuple(draw(_unique(goals(indicators, units), 3))),
    )


@st.composite
def _context(draw: st.DrawFn) -> tuple[list[Organisation], list[Person], list[Indicator]]:
    roots = draw(_unique(organisations(), 3))
    root_ids = [o.id for o in roots]
    children = draw(
        _unique(organisations(root_ids).filter(lambda o: o.id not in root_ids), 3)
        if roots
        else st.just([])
    )
    unit_ids = root_ids + [o.id for o in children]
    staff = draw(_unique(people(unit_ids), 3))
    counts = draw(_unique(indicators(), 3))
    count_ids = [i.id for i in counts]
    rates = draw(_unique(indicators(count_ids).filter(lambda i: i.id not in count_ids), 2))
    return roots + children, staff, counts + rates


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Whole plans whose references all resolve."""
    units_, staff, indicators_ = draw(_context())
    unit_ids = [o.id for o in units_]
    return Plan(
        id=draw(ids()),
        title=draw(texts()),
        period=draw(periods()),
        issuer=draw(st.sampled_from(unit_ids)) if unit_ids else None,
        guiding_line=draw(st.none() | texts()),
        organisations=tuple(units_),
        people=tuple(staff),
        indicators=tuple(indicators_),
        sections=tuple(draw(_unique(sections(indicators_, unit_ids), 3))),
        source=draw(st.none() | texts()),
    )


@st.composite
def observations(
    draw: st.DrawFn, indicators: Sequence[Indicator] = (), scopes: Sequence[str] = ()
) -> Observation:
    """Observations of one of *indicators*, possibly missing (``value=None``)."""
    indicator = draw(st.sampled_from(indicators)) if indicators else draw(globals()["indicators"]())
    counted = draw(st.booleans())
    return Observation(
        indicator_id=indicator.id,
        period=draw(periods()),
        value=draw(st.none() | quantities(indicator.unit)),
        id=draw(st.none() | ids()),
        scope=draw(st.none() | st.sampled_from(scopes)) if scopes else None,
        breakdown=draw(st.dictionaries(ids(), texts(), max_size=2)),
        numerator=draw(quantities()) if counted else None,
        denominator=draw(quantities()) if counted else None,
        change_from=draw(st.none() | periods()),
        source=draw(st.none() | texts()),
        note=draw(st.none() | texts()),
    )


def sum_claims(observed: Sequence[str]) -> st.SearchStrategy[SumClaim]:
    """Sum claims over the observation ids *observed* (which must not be empty)."""
    pick = st.sampled_from(observed)
    return st.builds(
        SumClaim,
        id=ids(),
        total=pick,
        parts=st.lists(pick, min_size=1, max_size=4).map(tuple),
        exhaustive=st.booleans(),
    )


def rate_claims(observed: Sequence[str]) -> st.SearchStrategy[RateClaim]:
    """Rate claims over the observation ids *observed*."""
    pick = st.sampled_from(observed)
    return st.builds(RateClaim, id=ids(), rate=pick, numerator=pick, denominator=pick)


def change_claims(observed: Sequence[str]) -> st.SearchStrategy[ChangeClaim]:
    """Change claims over the observation ids *observed*."""
    pick = st.sampled_from(observed)
    return st.builds(
        ChangeClaim,
        id=ids(),
        change=pick,
        current=pick,
        baseline=st.none() | pick,
        basis=st.sampled_from([Basis.CHANGE, Basis.GROWTH]),
    )


def claims(observed: Sequence[str]) -> st.SearchStrategy[Claim]:
    """Any claim over the observation ids *observed*."""
    return st.one_of(sum_claims(observed), rate_claims(observed), change_claims(observed))


@st.composite
def rule_sets(draw: st.DrawFn) -> RuleSet:
    """Rule sets of built-in rules, some configured."""
    names = draw(st.lists(st.sampled_from(rule_names()), unique=True).map(tuple))
    rules = RuleSet(id=draw(ids()), rules=names)
    if "targets" in names:
        share = draw(st.none() | st.decimals("0.01", "1", places=2))
        rules = rules.configure("targets", basically_met=share)
    if "location" in names:
        rules = rules.configure("location", warning_days=draw(st.integers(0, 30)))
    return rules


def scorecards() -> st.SearchStrategy[Scorecard]:
    """Scorecards with weighted items, veto items and decreasing grades."""
    shares = st.lists(st.decimals("0", "1", places=2), min_size=1, max_size=4, unique=True)
    return st.builds(
        Scorecard,
        id=ids(),
        title=texts(),
        items=st.lists(
            st.builds(
                ScoreItem,
                subject=ids(),
                weight=st.decimals("0.5", "100", places=1),
                veto=st.booleans(),
                label=st.none() | texts(),
            ),
            max_size=4,
        ).map(tuple),
        grades=shares.flatmap(
            lambda values: st.tuples(
                *(
                    st.builds(Grade, name=texts(), min_share=st.just(v))
                    for v in sorted(values, reverse=True)
                )
            )
        ),
        veto_grade=texts(),
    )


def verdicts() -> st.SearchStrategy[Verdict]:
    """Verdicts with every optional part present or absent (their own sentences)."""
    return st.builds(
        make_verdict,
        rule=ids(),
        subject=ids(),
        status=st.sampled_from(Status),
        severity=st.sampled_from(Severity),
        zh=texts(),
        en=texts(),
        indicator_id=st.none() | ids(),
        scope=st.none() | ids(),
        observed=st.none() | quantities(),
        expected=st.none() | texts(),
        gap=st.none() | quantities(exact=True),
        progress=st.none() | st.decimals("-10", "10", places=4),
        goal_id=st.none() | ids(),
        section_id=st.none() | ids(),
        responsible=st.lists(ids(), max_size=2).map(tuple),
        refs=st.lists(ids(), max_size=2).map(tuple),
        note=st.none() | texts(),
    )


def evaluations() -> st.SearchStrategy[Evaluation]:
    """Evaluations holding a few verdicts."""
    return st.builds(
        Evaluation,
        subject=st.just("") | ids(),
        as_of=st.none() | dates(),
        verdicts=st.lists(verdicts(), max_size=3).map(tuple),
    )


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """Whole reports whose references all resolve."""
    units_, staff, indicators_ = draw(_context())
    unit_ids = [o.id for o in units_]
    found: list[Observation] = []
    if indicators_:
        found = draw(
            st.lists(
                observations(indicators_, unit_ids),
                max_size=5,
                unique_by=lambda o: o.id if o.id is not None else object(),
            )
        )
    observed = [o.id for o in found if o.id is not None]
    stated = draw(_unique(claims(observed), 3)) if observed else []
    lines = st.lists(texts(), max_size=3).map(tuple)
    quotas = (
        draw(st.lists(targets(indicators_, unit_ids), min_size=1, max_size=2, unique_by=_id))
        if indicators_
        else []
    )
    standings = draw(_unique(standing_claims(observed, unit_ids), 2)) if unit_ids else []
    quota_ids = [t.id for t in quotas]
    completions = (
        draw(_unique(completion_claims(observed, quota_ids), 2)) if observed and quota_ids else []
    )
    checked = draw(_unique(inspections(unit_ids, [p.id for p in staff]), 2))
    if len(checked) > 1:
        # 回头看: the second inspection looks back at the first.
        checked[1] = attrs.evolve(checked[1], follows_up=checked[0].id)
    return Report(
        id=draw(ids()),
        title=draw(texts()),
        period=draw(periods()),
        issuer=draw(st.sampled_from(unit_ids)) if unit_ids else None,
        organisations=tuple(units_),
        people=tuple(staff),
        indicators=tuple(indicators_),
        observations=tuple(found),
        achievements=draw(lines),
        problems=draw(lines),
        next_steps=draw(lines),
        claims=tuple(stated),
        inspections=tuple(checked),
        pledges=tuple(draw(_unique(pledges(unit_ids, [p.id for p in staff]), 2))),
        activities=tuple(draw(_unique(recurring_activities(unit_ids), 2))),
        issued_on=draw(st.none() | dates()),
        source=draw(st.none() | texts()),
        targets=tuple(quotas),
        standing_claims=tuple(standings),
        completion_claims=tuple(completions),
    )
