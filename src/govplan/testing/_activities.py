"""Strategies for inspections, rectifications, pledges and recurring activities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from ..model.events import Weekday
from ..model.inspections import (
    ChecklistItem,
    Finding,
    Inspection,
    InspectionKind,
    InspectionResult,
    Pledge,
    Rectification,
    RectificationStatus,
    Sanction,
    SourceDocument,
)
from ..model.recurrence import Frequency, HeldSession, Recurrence, RecurringActivity
from ._values import dates, deadlines, ids, periods, quantities, texts

__all__ = [
    "checklist_items",
    "findings",
    "inspections",
    "pledges",
    "rectifications",
    "recurrences",
    "recurring_activities",
    "sanctions",
    "source_documents",
]


def _maybe(values: Sequence[str]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(values) if values else st.none()


def _some(values: Sequence[str], max_size: int = 2) -> st.SearchStrategy[tuple[str, ...]]:
    if not values:
        return st.just(())
    return st.lists(st.sampled_from(values), max_size=max_size).map(tuple)


def _lines() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(), max_size=2).map(tuple)


def source_documents() -> st.SearchStrategy[SourceDocument]:
    """Basis documents, with or without a file number."""
    return st.builds(
        SourceDocument, title=texts(), number=st.none() | texts(), issuer=st.none() | texts()
    )


def checklist_items() -> st.SearchStrategy[ChecklistItem]:
    """Checklist items with article references."""
    return st.builds(
        ChecklistItem,
        id=ids(),
        text=texts(),
        articles=_lines(),
        result=st.sampled_from(InspectionResult),
    )


def sanctions() -> st.SearchStrategy[Sanction]:
    """Sanctions, with or without a count."""
    return st.builds(Sanction, action=texts(), count=st.none() | quantities())


def findings(units: Sequence[str] = ()) -> st.SearchStrategy[Finding]:
    """Findings about one of *units* or none."""
    return st.builds(
        Finding,
        id=ids(),
        description=texts(),
        unit=_maybe(units),
        count=st.none() | quantities(),
        severity=st.none() | texts(),
        sanctions=st.lists(sanctions(), max_size=2).map(tuple),
    )


@st.composite
def rectifications(
    draw: st.DrawFn, finding_ids: Sequence[str], owners: Sequence[str] = ()
) -> Rectification:
    """Rectifications answering one of *finding_ids*."""
    status = draw(st.sampled_from(RectificationStatus))
    done = status is RectificationStatus.DONE
    verified_by = draw(_maybe(owners)) if done else None
    return Rectification(
        id=draw(ids()),
        finding_id=draw(st.sampled_from(finding_ids)),
        action=draw(texts()),
        owner=draw(_maybe(owners)),
        deadline=draw(st.none() | deadlines()),
        status=status,
        completed_on=draw(st.none() | dates()) if done else None,
        verified_by=verified_by,
        verified_on=draw(st.none() | dates()) if verified_by else None,
        count=draw(st.none() | quantities()),
    )


def _unique(strategy: st.SearchStrategy[Any], max_size: int) -> st.SearchStrategy[list[Any]]:
    return st.lists(strategy, max_size=max_size, unique_by=lambda item: item.id)


@st.composite
def inspections(
    draw: st.DrawFn,
    units: Sequence[str] = (),
    people: Sequence[str] = (),
    earlier: Sequence[str] = (),
) -> Inspection:
    """Inspections of every kind and result, naming *units* and *people*.

    One may look back at (回头看, ``follows_up``) one of the *earlier* inspection ids.
    """
    result = draw(st.sampled_from(InspectionResult))
    found = draw(_unique(findings(units), 3)) if result is InspectionResult.FINDINGS else []
    if result is InspectionResult.FINDINGS and not found:
        found = [draw(findings(units))]
    finding_ids = [f.id for f in found]
    answers = draw(_unique(rectifications(finding_ids, [*units, *people]), 3)) if found else []
    on_day = draw(st.booleans())
    return Inspection(
        id=draw(ids()),
        kind=draw(st.sampled_from(InspectionKind)),
        title=draw(texts()),
        date=draw(dates()) if on_day else None,
        period=None if on_day else draw(periods()),
        leads=draw(_some(people)),
        inspecting_units=draw(_some(units)),
        inspected_units=draw(_some(units)),
        basis=tuple(draw(st.lists(source_documents(), max_size=2))),
        focus=draw(_lines()),
        methods=draw(_lines()),
        checklist=tuple(draw(_unique(checklist_items(), 3))),
        result=result,
        findings=tuple(found),
        rectifications=tuple(answers),
        follows_up=draw(_maybe(earlier)),
        note=draw(st.none() | texts()),
    )


def pledges(units: Sequence[str] = (), people: Sequence[str] = ()) -> st.SearchStrategy[Pledge]:
    """Responsibility pledges signed by some of *units* and *people*."""
    return st.builds(
        Pledge,
        id=ids(),
        title=texts(),
        period=periods(),
        issuer=_maybe(units),
        signatories=_some([*units, *people], 3),
        signed_on=st.none() | dates(),
        stated_when=st.none() | texts(),
        basis=st.lists(source_documents(), max_size=2).map(tuple),
        commitments=_lines(),
        veto=st.booleans(),
    )


@st.composite
def recurrences(draw: st.DrawFn) -> Recurrence:
    """Daily, weekly and monthly recurrences."""
    frequency = draw(st.sampled_from(Frequency))
    return Recurrence(
        frequency=frequency,
        interval=draw(st.integers(1, 3)),
        weekday=draw(st.sampled_from(Weekday)) if frequency is Frequency.WEEKLY else None,
        day_of_month=draw(st.integers(1, 28)) if frequency is Frequency.MONTHLY else None,
        except_dates=tuple(draw(st.lists(dates(), max_size=2, unique=True))),
    )


def recurring_activities(units: Sequence[str] = ()) -> st.SearchStrategy[RecurringActivity]:
    """Recurring activities with or without a session log."""
    session = st.builds(
        HeldSession, date=dates(), topic=st.none() | texts(), attendance=st.none() | quantities()
    )
    return st.builds(
        RecurringActivity,
        id=ids(),
        title=texts(),
        recurrence=recurrences(),
        period=periods(),
        organiser=_maybe(units),
        participants=st.none() | texts(),
        content=st.none() | texts(),
        sessions=st.none() | st.lists(session, max_size=3).map(tuple),
    )
