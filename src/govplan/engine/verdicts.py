"""Verdicts: what a rule found about one target, claim or measure, and why."""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Iterator
from decimal import Decimal
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..errors import ValidationError
from ..values.quantities import Quantity

__all__ = [
    "MEASURED",
    "Severity",
    "StatedText",
    "Status",
    "Verdict",
    "default_severity",
    "lazy_verdict",
    "lazy_verdicts",
    "make_verdict",
]


class Status(enum.StrEnum):
    """The outcome of one check."""

    MET = "met"
    """The result satisfies the target (every point of an interval does)."""
    BASICALLY_MET = "basically_met"
    """基本完成: missed, but within the target's tolerance band (e.g. 95% of the way)."""
    MISSED = "missed"
    """The result does not satisfy the target (no point of an interval does)."""
    INDETERMINATE = "indeterminate"
    """The result is an interval that straddles the threshold: neither met nor missed."""
    PENDING = "pending"
    """The target's period or deadline has not passed and the result is not final."""
    AT_RISK = "at_risk"
    """Interim results are behind the pro-rata pace (or below the target) before the end."""
    NO_DATA = "no_data"
    """The period has ended (or a deadline is missing) and there is no value to check."""
    CONSISTENT = "consistent"
    """A report's stated figures agree with each other at the precision stated."""
    INCONSISTENT = "inconsistent"
    """A report's stated figures contradict each other."""
    OVERDUE = "overdue"
    """A measure is not done and its deadline has passed."""
    DONE_LATE = "done_late"
    """A measure or rectification was done, after its deadline."""
    UNVERIFIED = "unverified"
    """A rectification is reported done but nobody has verified it (整改未验收)."""


class Severity(enum.StrEnum):
    """How much a verdict matters for the run."""

    INFO = "info"
    """Nothing to act on."""
    WARNING = "warning"
    """Worth a look (at risk, indeterminate, no data, late); does not fail the run."""
    SHORTFALL = "shortfall"
    """An aspirational (力争 / 预期性) target was missed; does not fail the run."""
    FAILURE = "failure"
    """A binding (确保 / 约束性) target was missed or a claim is inconsistent: the run fails."""


MEASURED = ("observed", "gap", "progress", "refs", "note")
"""The fields an engine block may work out apart from the rest (they cost the most)."""
_FIELDS = (
    "rule", "subject", "status", "severity", "reason", "indicator_id", "scope", "observed",
    "expected", "gap", "progress", "goal_id", "section_id", "responsible", "refs", "note",
)  # fmt: skip


class Verdict:
    """One rule's finding about one subject: a small immutable record, explained on demand.

    The engine builds verdicts only when they are read (iterating an
    :class:`~govplan.Evaluation`, :meth:`~govplan.Evaluation.verdict`, the
    filters); a target check's verdict holds just where its codes are and
    works out each field the first time it is read (:func:`lazy_verdict`).
    :meth:`explain` renders the sentence, in Chinese or English, from the
    reason code and the facts when it is called.

    Attributes:
        rule: The name of the rule that produced it.
        subject: The id of the target, claim or measure checked (``target@scope``
            for a target applied to each scope).
        status: The outcome.
        severity: How much it matters.
        reason: Why (a :class:`~govplan.engine.check_table.ReasonCode`, or 0
            for a verdict whose rule gave no code).
        indicator_id: The indicator concerned, if any.
        scope: The organisation concerned, if any.
        observed: The value the check used (derived values such as a sum or a
            change included), if any.
        expected: The threshold as a formula, e.g. ``"≥ 96%"``.
        gap: Observed minus threshold, in the indicator's unit (percentage
            points for rates), when it can be told.
        progress: The share of the way from baseline (or zero) to the target.
        goal_id: The goal the subject belongs to.
        section_id: The section the subject belongs to.
        responsible: The responsible organisations (lead units, the scope).
        refs: Ids of the observations (or findings) the check used.
        note: The reporting unit's justification, kept verbatim; it never
            changes the status.
        facts: What the sentence needs beyond the fields above (a rule's
            facts with a ``render(verdict, lang)`` method; or a rule's own two
            sentences, :class:`StatedText`).

    """

    # Fields live in the instance dictionary, read through properties (set
    # below the class); a verdict the engine builds on read starts with just
    # its source and position (a small object) and fills its dictionary on
    # first read (see :func:`lazy_verdict`).
    __slots__ = ("__dict__", "_position", "_source")

    _source: Any
    _position: int

    if TYPE_CHECKING:
        rule: str
        subject: str
        status: Status
        severity: Severity
        reason: int
        indicator_id: str | None
        scope: str | None
        observed: Quantity | None
        expected: str | None
        gap: Quantity | None
        progress: Decimal | None
        goal_id: str | None
        section_id: str | None
        responsible: tuple[str, ...]
        refs: tuple[str, ...]
        note: str | None
        facts: Any

    def __init__(
        self,
        rule: str,
        subject: str,
        status: Status | str,
        severity: Severity | str,
        reason: int = 0,
        indicator_id: str | None = None,
        scope: str | None = None,
        observed: Quantity | None = None,
        expected: str | None = None,
        gap: Quantity | None = None,
        progress: Decimal | None = None,
        goal_id: str | None = None,
        section_id: str | None = None,
        responsible: tuple[str, ...] = (),
        refs: tuple[str, ...] = (),
        note: str | None = None,
        facts: Any = None,
    ) -> None:
        """Check the fields at the boundary (the engine itself builds verdicts unchecked)."""
        if not isinstance(subject, str) or subject.split() != [subject]:
            raise ValidationError(
                f"not an id: {subject!r}",
                field="subject",
                value=subject,
                expected="the id of what was checked: a non-empty string without spaces",
            )
        vars(self).update(
            rule=rule, subject=subject, status=Status(status), severity=Severity(severity),
            reason=int(reason), indicator_id=indicator_id, scope=scope, observed=observed,
            expected=expected, gap=gap, progress=progress, goal_id=goal_id,
            section_id=section_id, responsible=tuple(responsible), refs=tuple(refs),
            note=note, facts=facts,
        )  # fmt: skip

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a verdict is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a verdict is immutable: cannot delete {name}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled by its fields (a verdict built on read is filled in first).
        return (_rebuilt, (*self.fields(), self.facts))

    def replace(self, **changes: Any) -> Verdict:
        """A copy with some fields changed (this verdict is unchanged)."""
        values = {name: getattr(self, name) for name in (*_FIELDS, "facts")}
        values.update(changes)
        return Verdict(**values)

    def explain(self, lang: Literal["zh", "en"] = "zh") -> str:
        """The one-line explanation in Chinese (``"zh"``) or English (``"en"``)."""
        from .wording import explain

        return explain(self, lang)

    @property
    def explanation_zh(self) -> str:
        """The explanation in Chinese (rendered when read)."""
        return self.explain("zh")

    @property
    def explanation_en(self) -> str:
        """The explanation in English (rendered when read)."""
        return self.explain("en")

    def to_data(self, converter: Any) -> dict[str, Any]:
        """Plain data for a file: the fields, and both sentences as text.

        Read back with :meth:`from_data`, a verdict explains itself with those
        sentences; every other field is equal (its ``facts`` are the sentences).
        """
        return _verdict_to_data(self, converter)

    @classmethod
    def data_schema(cls, schema_of: Any) -> dict[str, Any]:
        """The JSON Schema of what :meth:`to_data` writes (*schema_of* maps a type to one)."""
        text = {"type": "string"}
        properties: dict[str, Any] = dict.fromkeys(_VERDICT_TEXT, text)
        properties.update(
            status=schema_of(Status),
            severity=schema_of(Severity),
            reason={"type": "integer"},
            observed=schema_of(Quantity),
            gap=schema_of(Quantity),
            progress=schema_of(Decimal),
            responsible={"type": "array", "items": text},
            refs={"type": "array", "items": text},
            note=text,
            explanation_zh=text,
            explanation_en=text,
        )
        return {
            "type": "object",
            "title": "Verdict",
            "description": "One rule's finding about one subject, with its two sentences.",
            "properties": properties,
            "additionalProperties": False,
            "required": ["rule", "subject", "status", "severity"],
        }

    @classmethod
    def from_data(cls, data: Any, converter: Any) -> Verdict:
        """A verdict from the plain data :meth:`to_data` writes.

        Raises:
            ParseError: A field is unknown, missing or bad (it is named).

        """
        return _verdict_from_data(data, converter)

    def __eq__(self, other: object) -> bool:
        """Equal fields, and the same facts or (failing that) the same sentences.

        A verdict read back from a file carries its sentences as text; it
        equals the verdict that was written.
        """
        if not isinstance(other, Verdict):
            return NotImplemented
        if self.fields() != other.fields():
            return False
        return self.facts == other.facts or (
            self.explain("zh") == other.explain("zh") and self.explain("en") == other.explain("en")
        )

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.fields())

    def fields(self) -> tuple[Any, ...]:
        """Every field but ``facts``, in order."""
        return tuple(getattr(self, name) for name in _FIELDS)

    def __repr__(self) -> str:
        return (
            f"Verdict(rule={self.rule!r}, subject={self.subject!r}, "
            f"status={self.status.value!r}, severity={self.severity.value!r})"
        )


_UNSET: Any = object()


def _field(name: str) -> property:
    """A verdict field: from the instance dictionary, filled in on first read."""

    def read(verdict: Verdict) -> Any:
        fields = vars(verdict)
        value = fields.get(name, _UNSET)
        if value is _UNSET:
            verdict._source.fill(verdict._position, verdict, name)
            value = fields[name]
        return value

    return property(read, doc=f"The verdict's {name} (see the class's attributes).")


for _name in (*_FIELDS, "facts"):
    setattr(Verdict, _name, _field(_name))
del _name


def _rebuilt(*values: Any) -> Verdict:
    return Verdict(*values)


def lazy_verdict(source: Any, position: int) -> Verdict:
    """The verdict of the check at *position* of *source* (an engine block), built on read.

    Building it costs one small object; each field is filled in (and kept) on
    first read by ``source.fill(position, verdict, name)``, which puts that
    field and any that come with it in the verdict's dictionary.
    """
    verdict = _new(Verdict)
    _set_source(verdict, source)
    _set_position(verdict, position)
    return verdict


def lazy_verdicts(source: Any, count: int) -> Iterator[Verdict]:
    """:func:`lazy_verdict` for positions ``0 … count - 1``, made a chunk at a time at C speed."""
    return chain.from_iterable(map(_chunk, repeat(source), range(0, count, _CHUNK), repeat(count)))


_CHUNK = 2048


def _chunk(source: Any, start: int, count: int) -> list[Verdict]:
    stop = min(start + _CHUNK, count)
    made = list(map(_new, repeat(Verdict, stop - start)))
    deque(map(_set_source, made, repeat(source)), maxlen=0)
    deque(map(_set_position, made, range(start, stop)), maxlen=0)
    return made


_new = object.__new__
_set_source = Verdict._source.__set__
_set_position = Verdict._position.__set__  # type: ignore[attr-defined]


_QUIET = frozenset({Status.MET, Status.CONSISTENT, Status.PENDING})


def default_severity(status: Status) -> Severity:
    """Info when all is well or not yet due, failure for a contradiction, else a warning."""
    if status in _QUIET:
        return Severity.INFO
    return Severity.FAILURE if status is Status.INCONSISTENT else Severity.WARNING


def make_verdict(
    rule: str,
    subject: str,
    status: Status,
    zh: str,
    en: str,
    *,
    severity: Severity | None = None,
    **details: Any,
) -> Verdict:
    """A verdict with its own two sentences, and the default severity unless one is given.

    For custom rules: the sentences are kept as written and returned by
    :meth:`Verdict.explain`.
    """
    return Verdict(
        rule=rule,
        subject=subject,
        status=status,
        severity=default_severity(status) if severity is None else severity,
        facts=StatedText(zh=zh, en=en),
        **details,
    )


@attrs.frozen
class StatedText:
    """The sentences a rule wrote itself (reason 0), in Chinese and English."""

    zh: str
    en: str


def check_mapping(
    data: Any, kind: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """*data* as a mapping of known fields, or a ParseError naming the bad one."""
    from ..errors import ParseError

    if not isinstance(data, dict):
        raise ParseError(
            f"expected a mapping for {kind}, got {type(data).__name__}",
            value=data,
            expected=f"a mapping of {kind} fields",
        )
    for key in data:
        if key not in allowed:
            raise ParseError(
                f"unknown field {key!r} of {kind}",
                field=str(key),
                value=key,
                expected="one of " + ", ".join(allowed),
            )
    for key in required:
        if key not in data:
            raise ParseError(f"{kind} needs {key!r}", field=key, expected=f"a {key}")
    return data


_VERDICT_TEXT = ("rule", "subject", "indicator_id", "scope", "expected", "goal_id", "section_id")
_VERDICT_FIELDS = (
    *_VERDICT_TEXT, "status", "severity", "reason", "observed", "gap", "progress",
    "responsible", "refs", "note", "explanation_zh", "explanation_en",
)  # fmt: skip


def _verdict_to_data(verdict: Verdict, converter: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": verdict.rule,
        "subject": verdict.subject,
        "status": verdict.status.value,
        "severity": verdict.severity.value,
    }
    if verdict.reason:
        data["reason"] = verdict.reason
    for key in ("indicator_id", "scope", "expected", "goal_id", "section_id", "note"):
        value = getattr(verdict, key)
        if value is not None:
            data[key] = value
    for key in ("observed", "gap"):
        value = getattr(verdict, key)
        if value is not None:
            data[key] = converter.unstructure(value, Quantity)
    if verdict.progress is not None:
        data["progress"] = str(verdict.progress)
    for key in ("responsible", "refs"):
        if getattr(verdict, key):
            data[key] = list(getattr(verdict, key))
    data["explanation_zh"] = verdict.explain("zh")
    data["explanation_en"] = verdict.explain("en")
    return data


def _verdict_from_data(data: Any, converter: Any) -> Verdict:
    from ..errors import GovplanError, ParseError

    fields = check_mapping(
        data, "verdict", _VERDICT_FIELDS, ("rule", "subject", "status", "severity")
    )
    values: dict[str, Any] = {}
    for key, value in fields.items():
        try:
            if key in ("observed", "gap"):
                values[key] = converter.structure(value, Quantity)
            elif key == "progress":
                values[key] = converter.structure(value, Decimal)
            elif key == "status":
                values[key] = Status(value)
            elif key == "severity":
                values[key] = Severity(value)
            elif key in ("responsible", "refs"):
                values[key] = converter.structure(value, tuple[str, ...])
            elif key == "reason":
                values[key] = int(value)
            else:
                values[key] = converter.structure(value, str)
        except (GovplanError, ValueError, TypeError) as error:
            raise ParseError(str(error), field=key, value=value) from None
    zh = values.pop("explanation_zh", "")
    en = values.pop("explanation_en", "")
    return Verdict(facts=StatedText(zh=zh, en=en), **values)


def located(error: Exception, prefix: str) -> Exception:
    """*error* (a govplan error) with its field path under *prefix*."""
    from ..errors import GovplanError, ParseError

    if not isinstance(error, GovplanError):
        return ParseError(str(error), field=prefix)
    field = f"{prefix}.{error.field}" if error.field else prefix
    return type(error)(error.message, field=field, value=error.value, expected=error.expected)
