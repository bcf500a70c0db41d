"""The target rule: each planned target against the observed results, in columns.

The rule compiles the subject's targets into a check table
(:mod:`~govplan.engine.check_table`), runs the in-process executor
(:mod:`~govplan.engine.executors.in_process`) once, and returns a :class:`TargetVerdicts`
block: status, severity and reason codes in columns, with a
:class:`~govplan.Verdict` built only when one is read.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, overload

from ..errors import ValidationError
from ..model.plans import Plan
from ..model.posts import Post
from ..model.targets import Basis, Target
from ..values.numbers import parse_decimal
from ..values.quantities import Quantity
from ..values.units import PERCENT, Unit
from .check_details import CheckDetails
from .check_table import (
    BasisCode,
    CheckTable,
    ComparatorCode,
    CompiledTarget,
    ForEachCode,
    ReasonCode,
    SeverityCode,
    StatusCode,
    Truth,
    compile_checks,
)
from .comparisons import Span, known_quantity, to_quantity
from .executors.in_process import (
    CheckResults,
    Derived,
    point_progress,
    progress_share,
    run_checks,
)
from .executors.row_values import difference_of
from .gaps import gap_ends
from .rules import Context, SubjectRule
from .verdicts import (
    MEASURED,
    Severity,
    Status,
    Verdict,
    lazy_verdict,
    lazy_verdicts,
)
from .wording import threshold_symbols

__all__ = ["CheckDetails", "TargetRule", "TargetVerdicts", "check_target"]

STATUSES = {code: Status[code.name] for code in StatusCode}
"""Status of each status code."""
SEVERITIES = {code: Severity[code.name] for code in SeverityCode}
"""Severity of each severity code."""
STATUS_CODES = {status: StatusCode[status.name] for status in Status}
SEVERITY_CODES = {severity: SeverityCode[severity.name] for severity in Severity}
_STATUS_LIST = [STATUSES.get(StatusCode(n)) if n in STATUSES else None for n in range(16)]
_SEVERITY_LIST = [SEVERITIES[SeverityCode(n)] for n in range(4)]
_REASON_LIST = {code.value: code for code in ReasonCode}


class TargetRule(SubjectRule):
    """Checks every target of a plan or post against the results (rule name ``"targets"``)."""

    name = "targets"
    subjects = (Plan, Post)
    defaults = MappingProxyType({"basically_met": None})

    def check_setting(self, key: str, value: object) -> object:
        """``basically_met`` is a share in (0, 1] (file text such as ``"0.95"`` is read)."""
        super().check_setting(key, value)
        if value is None:
            return None
        share = parse_decimal(value) if isinstance(value, str) else value
        if isinstance(share, int) and not isinstance(share, bool):
            share = Decimal(share)
        if not isinstance(share, Decimal) or not 0 < share <= 1:
            raise ValidationError(
                f"basically_met must be a share in (0, 1], not {value!r}",
                field=key,
                value=value,
                expected="a decimal such as 0.95, or none",
            )
        return share

    def check(self, subject: object, context: Context) -> TargetVerdicts:
        """One verdict per target (per scope or breakdown slice for a template target)."""
        assert isinstance(subject, (Plan, Post))
        table = compile_checks(
            subject,
            context.indicators,
            issuer=context.issuer,
            basically_met=self.basically_met,  # type: ignore[arg-type]
            allow_missing=context.allow_missing,
        )
        return TargetVerdicts.run(table, context)


def check_target(target: Target, context: Context) -> Verdict:
    """The verdict on one target in *context*."""
    table = compile_checks(
        [target],
        context.indicators,
        issuer=context.issuer,
        basically_met=context.settings.setting("targets", "basically_met"),
        allow_missing=context.allow_missing,
    )
    return TargetVerdicts.run(table, context)[0]


def _band_upper(row: CompiledTarget) -> Decimal | Fraction | None:
    """The band's high end when *row* is a between range (its gap is 0 inside)."""
    return row.upper if row.comparator is ComparatorCode.BETWEEN else None


def _gap_anchor(row: CompiledTarget, value: Decimal | Fraction) -> Decimal | Fraction:
    """What a point *value*'s gap is measured from: the threshold, or a band's nearer end.

    A value inside a between range is its own anchor (gap 0).
    """
    upper = _band_upper(row)
    if upper is None:
        return row.threshold
    return min(max(value, row.threshold), upper)


def _shown_unit(row: CompiledTarget, derived: Derived | None) -> Unit:
    """The unit a result is shown in: a growth worked out from two levels is in %.

    The threshold of a 零增长 target on an amount is in the amount's unit (a
    stated change answers it by its sign); the growth itself is a percentage.
    """
    if (
        row.basis is BasisCode.GROWTH
        and derived is not None
        and len(derived.refs) == 2
        and row.unit.dimension not in ("rate", "rate-difference")
    ):
        return PERCENT
    return row.unit


def _gap_unit(unit: Unit) -> Unit:
    return difference_of(unit) if unit == PERCENT else unit


class TargetVerdicts(Sequence[Verdict]):
    """The target checks of one run, in columns; a :class:`~govplan.Verdict` per read.

    A sequence: ``len``, indexing and iteration build verdicts on demand.
    :meth:`status_codes` and :meth:`severity_codes` give the columns.
    """

    __slots__ = ("_expected", "_names", "issuer", "results")

    def __init__(self, results: CheckResults, issuer: str | None, names: dict[str, str]) -> None:
        self.results = results
        self.issuer = issuer
        self._names = names
        self._expected: dict[int, tuple[Any, ...]] = {}

    @classmethod
    def run(cls, table: CheckTable, context: Context) -> TargetVerdicts:
        """Run *table* against the results in *context*."""
        results = run_checks(
            table,
            context.values if context.values is not None else context.observations,
            as_of=context.as_of,
            organisations=context.organisations,
        )
        names = {o.id: o.name for o in context.organisations}
        return cls(results, context.issuer, names)

    def __len__(self) -> int:
        return len(self.results)

    @overload
    def __getitem__(self, index: int) -> Verdict: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Verdict]: ...
    def __getitem__(self, index: int | slice) -> Verdict | Sequence[Verdict]:
        if isinstance(index, slice):
            return [self.verdict(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.verdict(index)

    def __iter__(self) -> Iterator[Verdict]:
        return lazy_verdicts(self, len(self.results))

    def status_codes(self) -> bytearray:
        """The status code of every check, in order."""
        return self.results.status

    def severity_codes(self) -> bytearray:
        """The severity code of every check, in order."""
        return self.results.severity

    def subject(self, position: int) -> str:
        """The subject id of the check at *position* (``target@scope`` for a template)."""
        results = self.results
        row = results.table.rows[results.check[position]]
        label = self._label(row, position)
        return row.target.id if label is None else f"{row.target.id}@{label}"

    def find(self, subject: str) -> int | None:
        """The position of the check about *subject* (``target`` or ``target@label``)."""
        target_id, _, label = subject.partition("@")
        results = self.results
        wanted = [r.check for r in results.table.rows if r.target.id == target_id]
        if not wanted:
            return None
        checks, scopes = results.check, results.scope
        for check in wanted:
            row = results.table.rows[check]
            start = checks.index(check) if check in checks else -1
            if start < 0:
                continue
            for position in range(start, len(checks)):
                if checks[position] != check:
                    break
                if row.for_each is ForEachCode.NONE:
                    if not label:
                        return position
                elif row.for_each is ForEachCode.SCOPE:
                    if scopes[position] == label:
                        return position
                elif self.subject(position) == subject:
                    return position
        return None

    def _label(self, row: CompiledTarget, position: int) -> str | None:
        if row.for_each is ForEachCode.NONE:
            return None
        if row.for_each is ForEachCode.SCOPE:
            return self.results.scope[position]
        breakdown = self.results.breakdown[position] or {}
        return "/".join(value for _, value in sorted(breakdown.items()))

    def _span(self, row: CompiledTarget, position: int) -> tuple[Span | None, Truth | None]:
        results = self.results
        derived = results.derived_at(position)
        if derived is not None:
            return derived.span, derived.truth
        low = results.values.low[results.value_row[position]]
        assert low is not None
        status = results.status[position]
        truth = Truth.ALL if status == StatusCode.MET else Truth.NONE
        return Span(low, low), truth

    def _gap(
        self, row: CompiledTarget, span: Span, truth: Truth | None, unit: Unit | None = None
    ) -> Quantity | None:
        """Observed minus threshold, in *unit* (default the threshold's unit).

        For a missed interval, from its nearest end.
        """
        ends = gap_ends(span, row.threshold, truth, upper=_band_upper(row))
        if ends is None:
            return None
        anchor = row.threshold if span.low is None else _gap_anchor(row, span.low)
        return _difference_quantity(ends, anchor, span, unit or row.unit)

    def _static(self, check: int) -> tuple[Any, ...]:
        """What every verdict of check row *check* shares (worked out once per row)."""
        found = self._expected.get(check)
        if found is None:
            row = self.results.table.rows[check]
            target = row.target
            found = self._expected[check] = (
                row,
                target.id,
                target.indicator_id,
                threshold_symbols(target),
                row.goal.id if row.goal else None,
                row.section.id if row.section else None,
                row.responsible,
                row.for_each,
            )
        return found

    def verdict(self, position: int) -> Verdict:
        """The verdict of the check at *position* (its fields are worked out when read)."""
        return lazy_verdict(self, position)

    def fill(self, position: int, verdict: Verdict, name: str) -> None:
        """Fill in the fields of *verdict* (the check at *position*) that come with *name*.

        The fields read from the codes come together (cheap); the measured
        ones (:data:`~govplan.engine.verdicts.MEASURED`) only when one is read.
        """
        fields = vars(verdict)
        if name in MEASURED:
            fields.update(zip(MEASURED, self.measure(position), strict=True))
            return
        results = self.results
        static = self._static(results.check[position])
        _, target_id, indicator_id, expected, goal_id, section_id, leads, for_each = static
        scope = results.scope[position]
        where = scope or self.issuer
        if not leads:
            responsible: tuple[str, ...] = (where,) if where else ()
        else:
            responsible = tuple(dict.fromkeys((where, *leads))) if where else leads
        if for_each is ForEachCode.NONE:
            subject = target_id
        elif for_each is ForEachCode.SCOPE:
            subject = f"{target_id}@{scope}"
        else:
            subject = self.subject(position)
        fields.update(
            rule="targets",
            subject=subject,
            status=_STATUS_LIST[results.status[position]],
            severity=_SEVERITY_LIST[results.severity[position]],
            reason=_REASON_LIST[results.reason[position]],
            indicator_id=indicator_id,
            scope=scope,
            expected=expected,
            goal_id=goal_id,
            section_id=section_id,
            responsible=responsible,
            facts=TargetFacts(self, position),
        )

    def measure(self, position: int) -> tuple[Any, ...]:
        """The measured fields of the check at *position*, in the order of ``MEASURED``."""
        results = self.results
        row = results.table.rows[results.check[position]]
        reason = _REASON_LIST[results.reason[position]]
        value_row = results.value_row[position]
        values = results.values
        observed = gap = progress = None
        derived = results.derived_at(position)
        if derived is None and reason is ReasonCode.COMPARED:
            # A final exact level in the threshold's unit (the executor's fast path).
            low = values.low[value_row]
            threshold = row.threshold
            assert isinstance(low, Decimal)
            threshold = _gap_anchor(row, low)
            observed = (
                values.rows[value_row].value
                if values.has_objects
                else Quantity._trusted(low, row.unit)
            )
            if isinstance(threshold, Decimal):
                try:
                    gap = Quantity._trusted(_EXACT.subtract(low, threshold), row.gap_unit)
                except decimal.Inexact:
                    gap = to_quantity(Fraction(low) - Fraction(threshold), row.gap_unit)
            else:
                gap = to_quantity(Fraction(low) - threshold, row.gap_unit)
            progress = point_progress(row, low, None)
        elif reason in _COMPARED or reason in _INTERIM:
            span, truth = self._span(row, position)
            assert span is not None
            if reason in _COMPARED:
                unit = values.unit[value_row]
                shown = _shown_unit(row, derived)
                if (
                    reason is ReasonCode.COMPARED
                    and row.basis is BasisCode.LEVEL
                    and unit is not None
                    and unit == row.unit
                ):
                    observed = values.quantity(value_row)
                else:
                    observed = known_quantity(span, shown)
                gap = self._gap(row, span, truth, shown)
                baseline = None
                if derived is not None and derived.baseline >= 0:
                    base = values.quantity(derived.baseline)
                    baseline = None if base is None else Span.of(base, row.unit)
                progress = progress_share(row, span, baseline)
            else:
                observed = known_quantity(span, row.unit)
        elif reason is ReasonCode.COUNTS_DISAGREE:
            observed = values.quantity(value_row)
        rows = derived.refs if derived is not None else ((value_row,) if value_row >= 0 else ())
        if values.derivations:
            rows = values.sources(rows)
        ids = values.id
        refs = tuple(i for i in (ids[r] for r in rows) if i is not None) if ids else ()
        note = values.note[value_row] if value_row >= 0 and values.note else None
        return observed, gap, progress, refs, note

    def details(self, position: int) -> CheckDetails:
        """What the sentence of the check at *position* shows."""
        results = self.results
        row = results.table.rows[results.check[position]]
        target, indicator = row.target, row.indicator
        label = self._label(row, position)
        name_en = indicator.name_en or indicator.id
        name_zh, name_en = (
            (indicator.name, name_en)
            if label is None
            else (f"{indicator.name}（{label}）", f"{name_en} ({label})")
        )
        reason = _REASON_LIST[results.reason[position]]
        derived = results.derived_at(position)
        values = results.values
        observed: Quantity | None = None
        observed_derived = True
        gap_low = gap_high = None
        current = baseline = reference = pace = None
        value_missing = False
        value_row = results.value_row[position]
        derivation = values.derivations.get(value_row) if value_row >= 0 else None
        counts_value = None
        gap_unit = row.gap_unit
        if reason is ReasonCode.COUNTS_DISAGREE:
            for r in values.sources((value_row,)):
                counts_value = values.disagreements.get(r, counts_value)
            observed = values.quantity(value_row)
        elif reason in _COMPARED or reason in _INTERIM:
            span, truth = self._span(row, position)
            assert span is not None
            # A growth worked out from two levels is in %, its gap in 个百分点.
            shown = _shown_unit(row, derived) if reason in _COMPARED else row.unit
            if shown is not row.unit:
                gap_unit = difference_of(shown)
            value = values.quantity(results.value_row[position])
            if (
                reason is ReasonCode.COMPARED
                and row.basis is BasisCode.LEVEL
                and value is not None
                and value.unit == row.unit
            ):
                observed, observed_derived = value, False
            else:
                observed = known_quantity(span, shown)
            anchor: Decimal | Fraction = row.threshold
            if (
                reason is ReasonCode.BEHIND_PACE
                and derived is not None
                and derived.pace is not None
            ):
                anchor = derived.pace
                pace = to_quantity(derived.pace, row.unit)
            elif derived is not None and derived.pace is not None:
                pace = to_quantity(derived.pace, row.unit)
            upper = _band_upper(row) if anchor is row.threshold else None
            ends = gap_ends(span, anchor, truth, told=True, upper=upper)
            if ends is not None:
                gap_low, gap_high = ends
            if derived is not None and reason in _COMPARED and len(derived.refs) > 1:
                current = values.quantity(derived.refs[0])
                other = values.quantity(derived.refs[1])
                if target.basis is Basis.REFERENCE:
                    reference = other
                else:
                    baseline = other
        elif derived is not None and derived.refs:
            value_missing = values.unit[derived.refs[0]] is None
        return CheckDetails(
            row=row,
            reason=reason,
            name_zh=name_zh,
            name_en=name_en,
            due=row.due,
            as_of=results.as_of,
            observed=observed,
            observed_derived=observed_derived,
            current=current,
            baseline=baseline,
            reference=reference,
            pace=pace,
            gap_low=gap_low,
            gap_high=gap_high,
            gap_unit=Quantity._trusted(Decimal(0), gap_unit),
            names=self._names,
            value_missing=value_missing,
            derivation=derivation,
            counts_value=counts_value,
        )


_EXACT = decimal.Context(prec=60, traps=[decimal.Inexact])


class TargetFacts(NamedTuple):
    """Where a target verdict's facts are: its block and position; rendered when explained."""

    block: TargetVerdicts
    position: int

    def render(self, verdict: Verdict, lang: Literal["zh", "en"]) -> str:
        """The sentence of the check, from the reason code and its details."""
        from .wording import target_sentence

        return target_sentence(verdict, self.block.details(self.position), lang)


_INTERIM = frozenset(
    {
        ReasonCode.ON_TRACK,
        ReasonCode.BEHIND_PACE,
        ReasonCode.SHORT_OF_TARGET,
        ReasonCode.ALREADY_BREACHED,
        ReasonCode.ALREADY_REACHED,
    }
)
_COMPARED = frozenset({ReasonCode.COMPARED, ReasonCode.DERIVED})


def _difference_quantity(
    ends: tuple[Fraction | None, Fraction | None],
    threshold: Decimal | Fraction,
    span: Span,
    unit: Unit,
) -> Quantity | None:
    low, _ = ends
    if low is None:
        return None
    point = span.low if span.is_point else None
    if isinstance(point, Decimal) and isinstance(threshold, Decimal):
        try:
            return Quantity._trusted(_EXACT.subtract(point, threshold), _gap_unit(unit))
        except decimal.Inexact:
            pass
    return to_quantity(low, _gap_unit(unit))
