"""The draft an extraction returns: every item with the span of text it came from.

A :class:`Draft` holds what was read from a plan or a report -- figures
(targets and results), the arithmetic the text states (claims), measures with
deadlines, the numbered sections, the organisations named -- and what could not
be read, each with its span.  Items the extractor was unsure of carry
``review`` notes.  :meth:`Draft.to_plan` and :meth:`Draft.to_report` build the
library's own objects, which validate and round-trip through
:func:`~govplan.dump` and :func:`~govplan.load`; :func:`draft_yaml` writes them
with a ``# review:`` comment above each item a person should look at.
"""

from __future__ import annotations

import enum
from typing import Any, Literal

import attrs

from ...errors import DanglingReferenceError
from ...model.targets import Basis, Commitment, Comparator
from ...values.periods import Deadline, Period
from ...values.quantities import Quantity
from .outline import SourceSpan

__all__ = [
    "ClaimKind",
    "Draft",
    "DraftClaim",
    "DraftFigure",
    "DraftMeasure",
    "DraftSection",
    "FigureKind",
    "UnreadText",
]


class FigureKind(enum.StrEnum):
    """Whether a figure is planned or reported."""

    TARGET = "target"
    RESULT = "result"


class ClaimKind(enum.StrEnum):
    """The arithmetic a claim states."""

    SUM = "sum"
    """A total with its parts (其中, 合计, 分别)."""
    RATE = "rate"
    """A rate with its counts (占, 比例, 率)."""
    CHANGE = "change"
    """A change against a baseline (比上年增长, 提高N个百分点)."""


@attrs.frozen(kw_only=True, slots=True)
class DraftSection:
    """A numbered heading of the document.

    Attributes:
        id: Stable id (``s1``, ``s1.2`` …).
        marker: The number as written ("一、", "4.").
        number: The number.
        level: 1 for 一、, 2 for (一), 3 for 1., 4 for (1).
        title: The heading's words.
        parent: The id of the enclosing section.
        part: Which part of the file (0 for the first document in it).
        span: Where the heading is.

    """

    id: str
    marker: str
    number: int
    level: int
    title: str
    parent: str | None
    part: int
    span: SourceSpan


@attrs.frozen(kw_only=True, slots=True)
class DraftFigure:
    """A target or a result read from the text.

    Attributes:
        id: Stable id within the draft.
        kind: Target or result.
        indicator: The indicator's name as written around the value.
        indicator_id: The slug of :attr:`indicator` used in the plan or report.
        text: The value as written ("300多名", "95%以上").
        quantity: What the value states (``None`` for a zero target).
        comparator: How a result must compare (targets), or what the wording
            says of the value (results: ``equal`` for an exact figure).
        approx: The approximation word (多, 余, 约 …), if any.
        commitment: 确保 / 力争 / plain, for a target.
        period: The period the figure is for, if it can be told.
        deadline: A deadline stated with it.
        change_from: For a change (比2009年增加4.81个百分点), the baseline period.
        basis: For a change, whether it is a difference or a growth in percent.
        scope: The organisation it is about, as named, when not the issuer.
        section: The id of the section it is in.
        span: Where the value is.
        sentence: Where its sentence is.
        clause: Where its clause is (the plan's own wording of a target).
        review: What a person should check.

    """

    id: str
    kind: FigureKind
    indicator: str
    indicator_id: str
    text: str
    quantity: Quantity | None
    comparator: Comparator | None
    approx: str | None = None
    commitment: Commitment | None = None
    period: Period | None = None
    deadline: Deadline | None = None
    change_from: Period | None = None
    basis: Basis | None = None
    scope: str | None = None
    section: str | None = None
    span: SourceSpan
    sentence: SourceSpan
    clause: SourceSpan
    review: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, slots=True)
class DraftClaim:
    """Arithmetic the text states about its own figures.

    Attributes:
        id: Stable id within the draft.
        kind: Sum, rate or change.
        total: For a sum, the id of the figure stating the total.
        parts: For a sum, the ids of the parts.
        exhaustive: For a sum, whether the parts should make up the total.
        rate: For a rate, the id of the figure stating the rate.
        numerator: For a rate, the id of the count on top.
        denominator: For a rate, the id of the count below.
        change: For a change, the id of the figure stating the change.
        current: For a change, the id of the figure it changes.
        baseline: For a change, the id of the baseline figure if stated.
        basis: For a change, a difference or a growth.
        span: The sentence stating it.
        review: What a person should check.

    """

    id: str
    kind: ClaimKind
    total: str | None = None
    parts: tuple[str, ...] = ()
    exhaustive: bool = True
    rate: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    change: str | None = None
    current: str | None = None
    baseline: str | None = None
    basis: Basis | None = None
    span: SourceSpan
    review: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, slots=True)
class DraftMeasure:
    """An action with a deadline (迎接省11月底的检查验收).

    Attributes:
        id: Stable id within the draft.
        action: The clause stating it.
        deadline: When it is due.
        lead: The organisations named as leading it.
        section: The id of the section it is in.
        span: Where the clause is.
        review: What a person should check.

    """

    id: str
    action: str
    deadline: Deadline | None
    lead: tuple[str, ...] = ()
    section: str | None = None
    span: SourceSpan
    review: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, slots=True)
class UnreadText:
    """Text that seems to state a figure but could not be read; nothing is guessed."""

    text: str
    reason: str
    span: SourceSpan


DraftKind = Literal["plan", "report"]


@attrs.frozen(kw_only=True, slots=True)
class Draft:
    """What :func:`~govplan.extract` read from a document.

    Attributes:
        kind: ``"plan"`` or ``"report"``: what :meth:`to_document` builds.
        title: The document's title, if found.
        year: The year the document is about, if found.
        text: The text that was read (every span points into it).
        source: The file it came from.
        sections: The numbered headings.
        organisations: Organisations the text names.
        figures: Targets and results.
        claims: Stated sums, rates and changes.
        measures: Actions with deadlines.
        unread: What could not be read, with its span.

    """

    kind: DraftKind
    title: str | None
    year: int | None
    text: str = attrs.field(repr=False)
    source: str = ""
    sections: tuple[DraftSection, ...] = ()
    organisations: tuple[str, ...] = ()
    figures: tuple[DraftFigure, ...] = ()
    claims: tuple[DraftClaim, ...] = ()
    measures: tuple[DraftMeasure, ...] = ()
    unread: tuple[UnreadText, ...] = ()

    @property
    def targets(self) -> tuple[DraftFigure, ...]:
        """The figures that are targets."""
        return tuple(f for f in self.figures if f.kind is FigureKind.TARGET)

    @property
    def results(self) -> tuple[DraftFigure, ...]:
        """The figures that are results."""
        return tuple(f for f in self.figures if f.kind is FigureKind.RESULT)

    def figure(self, figure_id: str) -> DraftFigure:
        """The figure with *figure_id*.

        Raises:
            DanglingReferenceError: No such figure.

        """
        for figure in self.figures:
            if figure.id == figure_id:
                return figure
        raise DanglingReferenceError(
            f"no figure {figure_id!r} in the draft",
            field="figures",
            value=figure_id,
            expected="the id of one of draft.figures (f1, f2 …)",
        )

    def quote(self, span: SourceSpan) -> str:
        """The text at *span*, line breaks removed."""
        return span.of(self.text).replace("\r", "").replace("\n", "")

    def to_plan(self) -> Any:
        """A :class:`~govplan.Plan` of the sections, targets and measures read.

        The result validates and round-trips through :func:`~govplan.dumps` /
        :func:`~govplan.loads`.
        """
        from .building import build_plan

        return build_plan(self)

    def to_report(self) -> Any:
        """A :class:`~govplan.Report` of the results and claims read."""
        from .building import build_report

        return build_report(self)

    def to_document(self) -> Any:
        """:meth:`to_plan` or :meth:`to_report`, as :attr:`kind` says."""
        return self.to_plan() if self.kind == "plan" else self.to_report()

    def to_yaml(self) -> str:
        """:meth:`to_document` as YAML, with a ``# review:`` comment above each uncertain item.

        The comments list what could not be read or was left out; the text loads
        (:func:`~govplan.loads`) to the same object as :meth:`to_document` gives.
        """
        from .building import draft_yaml

        return draft_yaml(self)

    def items(self) -> list[dict[str, Any]]:
        """Every item as plain data, in document order (the ``--format json`` shape)."""
        from .building import item_records

        return item_records(self)
