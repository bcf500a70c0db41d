"""The engine: run the rules that apply to a subject and keep their results in columns."""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import pendulum

from ..errors import GovplanError, ParseError, Problem, ValidationError
from ..model.indicators import Indicator
from ..model.observations import Observation
from ..model.organisations import Organisation
from ..model.reports import Report
from ..values.periods import parse_date
from ..values.validators import check_limit
from .check_table import SeverityCode, StatusCode, ValueColumns, value_columns
from .matching import Unmatched, check_duplicates, unmatched_observations
from .rollup import roll_up
from .rules import Context, Rule, RuleSet
from .target_rules import SEVERITY_CODES, STATUS_CODES, STATUSES, TargetVerdicts
from .verdicts import Severity, Status, Verdict, check_mapping, located

if TYPE_CHECKING:
    from .executors.results import ColumnarEvaluation

__all__ = ["Evaluation", "evaluate"]

Block = TargetVerdicts | tuple[Verdict, ...]
_CODED_STATUSES = tuple((code.value, STATUSES[code]) for code in StatusCode)
_EVERY_STATUS = tuple(Status)


T = TypeVar("T")

_PROBLEM_SCHEMA = {
    "type": "object",
    "description": "A warning: where (file and row) and what.",
    "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
    "required": ["path", "message"],
    "additionalProperties": False,
}


def _problem(data: Any) -> Problem:
    """A warning read back from its plain data (``path`` and ``message``, both text)."""
    names = ("path", "message")
    fields = check_mapping(data, "a repeat warning", names, names)
    for name in names:
        if not isinstance(fields[name], str):
            raise ParseError(
                f"{name} must be text, not {type(fields[name]).__name__}",
                field=name,
                value=fields[name],
                expected='text, e.g. {"path": "a.csv: row 3", "message": "repeats row 2 ..."}',
            )
    return Problem(path=fields["path"], message=fields["message"])


def _each(fields: Mapping[str, Any], name: str, read: Callable[[Any], T]) -> list[T]:
    """The list field *name* read item by item; a bad item is named by its index."""
    items = fields.get(name, [])
    if not isinstance(items, list):
        raise ParseError(f"{name} must be a list", field=name, value=items)
    found: list[T] = []
    for index, item in enumerate(items):
        try:
            found.append(read(item))
        except GovplanError as error:
            raise located(error, f"{name}[{index}]") from None
    return found


class Evaluation:
    """Every verdict of one run, in a deterministic order, kept as columns of codes.

    Counting, :attr:`passes` and :meth:`failures` read status and severity
    codes; a :class:`~govplan.Verdict` is built only when one is read
    (iteration, :meth:`verdict`, the filters and groupings).

    Attributes:
        subject: The id of what was evaluated.
        as_of: The evaluation day (``None``: a final check).
        unmatched: The observations no check used (matching no indicator,
            period or scope of a target), each with its reason; reported,
            never dropped (worked out when first read).  They do not fail the
            run by themselves.

    Ledger rows that repeat an earlier row of their file are counted once;
    :meth:`repeat_warnings` names them (:func:`~govplan.evaluate_ledgers`
    fills them in; an evaluation of observations has none).

    """

    __slots__ = ("_blocks", "_repeats", "_unmatched", "as_of", "subject")

    def __init__(
        self,
        *,
        subject: str,
        as_of: pendulum.Date | None = None,
        verdicts: Iterable[Verdict] | Sequence[Block] = (),
        blocks: Sequence[Block] | None = None,
        unmatched: Sequence[Unmatched] | Callable[[], tuple[Unmatched, ...]] = (),
        repeats: Sequence[Problem] = (),
    ) -> None:
        self.subject = subject
        self.as_of = as_of
        self._unmatched = unmatched if callable(unmatched) else tuple(unmatched)
        self._repeats = tuple(repeats)
        for index, item in enumerate(self._repeats):
            if not isinstance(item, Problem):
                raise ValidationError(
                    f"a repeat warning must be a Problem, not {type(item).__name__}",
                    field=f"repeats[{index}]",
                    value=str(item),
                    expected="Problem(path='a.csv: row 3', message='repeats row 2 ...')",
                )
        self._blocks: tuple[Block, ...] = (
            tuple(blocks) if blocks is not None else (tuple(verdicts),)  # type: ignore[arg-type]
        )

    def __len__(self) -> int:
        return sum(len(block) for block in self._blocks)

    def __iter__(self) -> Iterator[Verdict]:
        return chain.from_iterable(self._blocks)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Evaluation):
            return NotImplemented
        return (self.subject, self.as_of, self.verdicts, self.unmatched, self._repeats) == (
            other.subject,
            other.as_of,
            other.verdicts,
            other.unmatched,
            other._repeats,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Evaluation(subject={self.subject!r}, as_of={self.as_of}, checks={len(self)})"

    def to_data(self, converter: Any) -> dict[str, Any]:
        """Plain data for a file: subject, as-of day, every verdict (with its sentences).

        Then, when there are any, the observations no check used
        (``unmatched``: row, observation, reason, and file and file row when read
        from a file), and the ledger rows counted once as repeats of an earlier
        row (``repeat_warnings``: each its ``path``, the file and row, and its
        ``message``).
        """
        data: dict[str, Any] = {"subject": self.subject}
        if self.as_of is not None:
            data["as_of"] = self.as_of.isoformat()
        data["verdicts"] = [verdict.to_data(converter) for verdict in self]
        if self.unmatched:
            data["unmatched"] = [converter.unstructure(u, Unmatched) for u in self.unmatched]
        if self._repeats:
            data["repeat_warnings"] = [
                {"path": p.path, "message": p.message} for p in self._repeats
            ]
        return data

    @classmethod
    def data_schema(cls, schema_of: Any) -> dict[str, Any]:
        """The JSON Schema of what :meth:`to_data` writes."""
        return {
            "type": "object",
            "title": "Evaluation",
            "description": "Every verdict of one run.",
            "properties": {
                "subject": {"type": "string"},
                "as_of": schema_of(pendulum.Date),
                "verdicts": {"type": "array", "items": schema_of(Verdict)},
                "unmatched": {"type": "array", "items": schema_of(Unmatched)},
                "repeat_warnings": {"type": "array", "items": _PROBLEM_SCHEMA},
            },
            "additionalProperties": False,
        }

    @classmethod
    def from_data(cls, data: Any, converter: Any) -> Evaluation:
        """An evaluation from the plain data :meth:`to_data` writes.

        Raises:
            ParseError: A field is unknown or bad (named with its path).

        """
        fields = check_mapping(
            data, "evaluation", ("subject", "as_of", "verdicts", "unmatched", "repeat_warnings")
        )
        as_of = fields.get("as_of")
        found = _each(fields, "verdicts", lambda item: Verdict.from_data(item, converter))
        try:
            day = None if as_of is None else converter.structure(as_of, pendulum.Date)
        except GovplanError as error:
            raise located(error, "as_of") from None
        unmatched = _each(fields, "unmatched", lambda item: converter.structure(item, Unmatched))
        repeats = _each(fields, "repeat_warnings", _problem)
        return cls(
            subject=str(fields.get("subject", "")),
            as_of=day,
            verdicts=found,
            unmatched=unmatched,
            repeats=repeats,
        )

    def with_unmatched(
        self, unmatched: Sequence[Unmatched] | Callable[[], tuple[Unmatched, ...]]
    ) -> Evaluation:
        """The same verdicts with *unmatched* as :attr:`unmatched` (e.g. located in files)."""
        return Evaluation(
            subject=self.subject,
            as_of=self.as_of,
            blocks=self._blocks,
            unmatched=unmatched,
            repeats=self._repeats,
        )

    def with_repeats(self, repeats: Sequence[Problem]) -> Evaluation:
        """The same verdicts with *repeats* as :meth:`repeat_warnings` (in file and row order)."""
        return Evaluation(
            subject=self.subject,
            as_of=self.as_of,
            blocks=self._blocks,
            unmatched=self._unmatched,
            repeats=repeats,
        )

    def repeat_warnings(self, limit: int | None = None) -> tuple[Problem, ...]:
        """A warning for each ledger row that repeats an earlier row of its file.

        Such a row (same indicator, organisation, period and value) is counted
        once and worded as the row-wise reader words it
        (:attr:`~govplan.Ledger.warnings`), its file named: ``"a.csv: row 3:
        repeats row 2 (same indicator, organisation, period and value);
        counted once"``.  The first *limit* (all when ``None``), in file and
        row order, as :meth:`ColumnarEvaluation.repeat_warnings
        <govplan.ColumnarEvaluation.repeat_warnings>` gives them; none when the
        evaluation was not read from ledgers.
        """
        return self._repeats if check_limit(limit) is None else self._repeats[:limit]

    def repeat_count(self) -> int:
        """How many ledger rows repeat an earlier row of their file (:meth:`repeat_warnings`)."""
        return len(self._repeats)

    @property
    def unmatched(self) -> tuple[Unmatched, ...]:
        """The observations no check used, each with its reason (see the class)."""
        found = self._unmatched
        if callable(found):
            found = self._unmatched = found()
        return found

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """Every verdict, built now (prefer iterating, or the code-based methods)."""
        return tuple(self)

    def status_codes(self) -> bytes:
        """The :class:`~govplan.engine.check_table.StatusCode` of every verdict, in order."""
        return b"".join(
            bytes(block.status_codes())
            if isinstance(block, TargetVerdicts)
            else bytes(STATUS_CODES[v.status] for v in block)
            for block in self._blocks
        )

    def severity_codes(self) -> bytes:
        """The :class:`~govplan.engine.check_table.SeverityCode` of every verdict, in order."""
        return b"".join(
            bytes(block.severity_codes())
            if isinstance(block, TargetVerdicts)
            else bytes(SEVERITY_CODES[v.severity] for v in block)
            for block in self._blocks
        )

    @property
    def passes(self) -> bool:
        """True when no verdict fails the run (a missed binding target, a contradiction …)."""
        failure = SeverityCode.FAILURE
        for block in self._blocks:
            if isinstance(block, TargetVerdicts):
                if failure in block.severity_codes():
                    return False
            elif any(v.severity is Severity.FAILURE for v in block):
                return False
        return True

    def failures(self) -> tuple[Verdict, ...]:
        """The verdicts that fail the run."""
        return self.where(severity=Severity.FAILURE)

    def counts(self) -> dict[Status, int]:
        """How many verdicts have each status (every status listed, zeros included)."""
        found: Counter[Status] = Counter()
        for block in self._blocks:
            if isinstance(block, TargetVerdicts):
                codes = block.status_codes()
                for code, status in _CODED_STATUSES:
                    n = codes.count(code)
                    if n:
                        found[status] += n
            else:
                found.update(v.status for v in block)
        return {status: found[status] for status in _EVERY_STATUS}

    def where(
        self, *, status: Status | None = None, severity: Severity | None = None
    ) -> tuple[Verdict, ...]:
        """The verdicts with *status* and/or *severity*, built only for the matches."""
        status_code = None if status is None else STATUS_CODES[Status(status)]
        severity_code = None if severity is None else SEVERITY_CODES[Severity(severity)]
        out: list[Verdict] = []
        for block in self._blocks:
            if isinstance(block, TargetVerdicts):
                statuses, severities = block.status_codes(), block.severity_codes()
                for position in range(len(block)):
                    if (status_code is None or statuses[position] == status_code) and (
                        severity_code is None or severities[position] == severity_code
                    ):
                        out.append(block.verdict(position))
            else:
                out.extend(
                    v
                    for v in block
                    if (status is None or v.status is status)
                    and (severity is None or v.severity is severity)
                )
        return tuple(out)

    def verdict(self, subject: str) -> Verdict:
        """The verdict about *subject* (a target, claim or measure id).

        Raises:
            KeyError: No verdict has that subject.

        """
        for block in self._blocks:
            if isinstance(block, TargetVerdicts):
                position = block.find(subject)
                if position is not None:
                    return block.verdict(position)
            else:
                for verdict in block:
                    if verdict.subject == subject:
                        return verdict
        raise KeyError(subject)

    def by_goal(self) -> dict[str, tuple[Verdict, ...]]:
        """Verdicts grouped by goal id, in order of first appearance."""
        return _group(self, lambda v: (v.goal_id,) if v.goal_id else ())

    def by_section(self) -> dict[str, tuple[Verdict, ...]]:
        """Verdicts grouped by section id, in order of first appearance."""
        return _group(self, lambda v: (v.section_id,) if v.section_id else ())

    def by_responsible(self) -> dict[str, tuple[Verdict, ...]]:
        """Verdicts grouped by responsible organisation (one verdict may be under several)."""
        return _group(self, lambda v: v.responsible)


def _group(
    verdicts: Iterable[Verdict], keys: Callable[[Verdict], Iterable[str]]
) -> dict[str, tuple[Verdict, ...]]:
    groups: dict[str, list[Verdict]] = {}
    for verdict in verdicts:
        for key in keys(verdict):
            groups.setdefault(key, []).append(verdict)
    return {key: tuple(group) for key, group in groups.items()}


def _as_date(as_of: _dt.date | str | None) -> pendulum.Date | None:
    if as_of is None:
        return None
    if isinstance(as_of, _dt.datetime):
        local = pendulum.instance(as_of).in_timezone("Asia/Shanghai")
        return pendulum.date(local.year, local.month, local.day)
    return parse_date(as_of)


def gather(
    subject: object, observations: Iterable[Observation | Report]
) -> tuple[list[Observation], dict[str, Indicator], list[Organisation]]:
    """The observations, indicators and organisations of *subject* and the results given.

    Every executor takes its inputs from here, so they all see the same ones.
    """
    found: list[Observation] = list(getattr(subject, "observations", ()))
    indicators: dict[str, Indicator] = {i.id: i for i in getattr(subject, "indicators", ())}
    organisations: list[Organisation] = list(getattr(subject, "organisations", ()))
    for item in observations:
        if isinstance(item, Report):
            found.extend(item.observations)
            for indicator in item.indicators:
                indicators.setdefault(indicator.id, indicator)
            organisations.extend(o for o in item.organisations if o not in organisations)
        else:
            found.append(item)
    return found, indicators, organisations


@overload
def evaluate(
    subject: object,
    observations: Iterable[Observation | Report] | ValueColumns = (),
    *,
    as_of: _dt.date | str | None = None,
    rules: RuleSet | Sequence[Rule] | None = None,
    allow_missing: bool = False,
    engine: Literal["python"] = "python",
) -> Evaluation: ...


@overload
def evaluate(
    subject: object,
    observations: Iterable[Observation | Report] | ValueColumns = (),
    *,
    as_of: _dt.date | str | None = None,
    rules: RuleSet | Sequence[Rule] | None = None,
    allow_missing: bool = False,
    engine: Literal["duckdb", "spark"],
) -> ColumnarEvaluation: ...


def evaluate(
    subject: object,
    observations: Iterable[Observation | Report] | ValueColumns = (),
    *,
    as_of: _dt.date | str | None = None,
    rules: RuleSet | Sequence[Rule] | None = None,
    allow_missing: bool = False,
    engine: Literal["python", "duckdb", "spark"] = "python",
) -> Evaluation | ColumnarEvaluation:
    """Check *subject* with every rule that applies to it.

    Args:
        subject: A :class:`~govplan.Plan` (its targets and measures), a
            :class:`~govplan.Report` (its claims, inspections, rectifications,
            pledges and recurring activities), a :class:`~govplan.VolunteerEvent`,
            a :class:`~govplan.Post` (its duties' targets), or any object some
            rule of the rule set applies to.
        observations: Results to check against: observations, reports whose
            observations are taken, or :class:`~govplan.ValueColumns` (results
            as columns: no observation object is made unless read).
        as_of: The evaluation day (a date, a datetime taken in Asia/Shanghai,
            or an ISO string).  Before a deadline a missing result is
            *pending*; ``None`` checks as if every period had ended.
        rules: A :class:`~govplan.RuleSet` (a catalogue of configured rules),
            or rule objects; by default the built-in catalogue.
        allow_missing: Let a binding target (确保 / 约束性) with no data past
            its due day be a warning.  By default it fails the run: its
            verdict is *no data* with severity *failure*.
        engine: ``"python"`` (in process, the reference), or ``"duckdb"`` /
            ``"spark"``: the target checks run as one query there and the
            other rules in process, with the same verdicts
            (:func:`~govplan.evaluate_columns`, which also takes a connection
            or a Spark session, returns the same).

    Returns:
        The :class:`Evaluation`, whose verdicts are in a deterministic order.

    Raises:
        DanglingReferenceError: A target names an indicator neither the subject
            nor the results define.
        ValidationError: Two observations give one indicator, scope, period,
            breakdown and basis different values (both are named).

    """
    if engine != "python":
        from .executors.run import evaluate_columns

        if isinstance(observations, ValueColumns):
            raise ValidationError(
                "the query engines take observations or reports, not value columns",
                field="observations",
                expected="observations, reports, or engine='python'",
            )
        if engine not in ("duckdb", "spark"):
            raise ValidationError(
                f"unknown engine {engine!r}",
                field="engine",
                value=str(engine),
                expected="python, duckdb or spark",
            )
        return evaluate_columns(
            subject,
            observations,
            engine=engine,
            as_of=as_of,
            rules=rules,
            allow_missing=allow_missing,
        )
    settings = rules if isinstance(rules, RuleSet) else RuleSet()
    active: Sequence[Rule] = (
        settings.build() if rules is None or isinstance(rules, RuleSet) else rules
    )
    columns = observations if isinstance(observations, ValueColumns) else None
    given: Iterable[Observation | Report] = (
        () if isinstance(observations, ValueColumns) else observations
    )
    found, indicators, organisations = gather(subject, given)
    values = value_columns(found)
    if columns is not None:
        values = values.extend(columns) if found else columns
    day = _as_date(as_of)
    issuer = getattr(subject, "issuer", None)
    values = values.knowing_scopes()  # one set of the scope column, for this run
    check_duplicates(values, subject, issuer=issuer)
    given_rows = len(values)
    values = roll_up(values, subject, indicators, organisations, issuer=issuer, as_of=day)
    context = Context(
        as_of=day,
        values=values,
        observations=values.rows,
        indicators=MappingProxyType(indicators),
        organisations=tuple(organisations),
        issuer=getattr(subject, "issuer", None),
        settings=settings,
        allow_missing=allow_missing,
    )
    blocks: list[Block] = []
    for rule in active:
        if not rule.applies_to(subject):
            continue
        result = rule.check(subject, context)
        blocks.append(result if isinstance(result, TargetVerdicts) else tuple(result))
    return Evaluation(
        subject=str(getattr(subject, "id", "")),
        as_of=context.as_of,
        blocks=blocks,
        unmatched=lambda: unmatched_observations(values, subject, issuer=issuer, given=given_rows),
    )
