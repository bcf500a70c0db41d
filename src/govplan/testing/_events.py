"""Strategies for volunteer teams and events, and posts with duties."""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from ..model.events import (
    AgendaItem,
    Attendance,
    EventKind,
    EventSummary,
    Material,
    MaterialSource,
    PreparationTask,
    RoleAssignment,
    SummaryPoint,
    Team,
    TeamMember,
    VenueSetup,
    VolunteerEvent,
    Weekday,
)
from ..model.posts import Duty, Post
from ..values.periods import LOCAL_TIMEZONE
from ._activities import recurring_activities
from ._documents import _context, _unique, indicators, measures, organisations, people, targets
from ._values import dates, ids, periods, quantities, texts

__all__ = ["posts", "teams", "volunteer_events"]


def _lines() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(), max_size=2).map(tuple)


def _instants() -> st.SearchStrategy[pendulum.DateTime]:
    return st.builds(
        lambda day, minutes: pendulum.datetime(day.year, day.month, day.day, tz=LOCAL_TIMEZONE).add(
            minutes=minutes
        ),
        dates(),
        st.integers(0, 24 * 60 - 1),
    )


def teams(units: list[str], persons: list[str]) -> st.SearchStrategy[Team]:
    """Teams of some of *units* with members among *persons*."""
    member = st.builds(
        TeamMember,
        person_id=st.sampled_from(persons) if persons else st.nothing(),
        role=st.none() | texts(),
    )
    return st.builds(
        Team,
        id=ids(),
        name=texts(),
        organisation_ids=st.lists(st.sampled_from(units), max_size=2).map(tuple)
        if units
        else st.just(()),
        purpose=st.none() | texts(),
        members=st.lists(member, max_size=2).map(tuple) if persons else st.just(()),
    )


@st.composite
def volunteer_events(draw: st.DrawFn) -> VolunteerEvent:
    """Whole events, self-contained: their units, people and teams resolve."""
    units_ = draw(_unique(organisations(), 3))
    unit_ids = [o.id for o in units_]
    staff = draw(_unique(people(unit_ids), 3))
    person_ids = [p.id for p in staff]
    crews = draw(_unique(teams(unit_ids, person_ids), 2))
    start = draw(_instants())
    decided = draw(st.booleans())
    material = st.builds(
        Material,
        item=texts(),
        quantity=st.none() | quantities(),
        per_person=st.booleans(),
        provided_by=st.sampled_from(MaterialSource),
        purpose=st.none() | texts(),
    )
    summary = st.builds(
        EventSummary,
        written_on=st.none() | dates(),
        overview=st.none() | texts(),
        strengths=st.lists(
            st.builds(
                SummaryPoint, title=texts(), text=st.none() | texts(), note=st.none() | texts()
            ),
            max_size=2,
        ).map(tuple),
        shortcomings=st.lists(
            st.builds(
                SummaryPoint, title=texts(), text=st.none() | texts(), note=st.none() | texts()
            ),
            max_size=2,
        ).map(tuple),
        improvements=st.lists(measures(unit_ids), max_size=2, unique_by=lambda m: m.id).map(tuple),
        closing=st.none() | texts(),
    )
    return VolunteerEvent(
        id=draw(ids()),
        kind=draw(st.sampled_from(EventKind)),
        title=draw(texts()),
        starts_at=start,
        ends_at=draw(st.none() | st.just(start.add(hours=2))),
        stated_when=draw(st.none() | texts()),
        stated_weekday=draw(st.none() | st.sampled_from(Weekday)),
        team_id=draw(st.none() | st.sampled_from([t.id for t in crews])) if crews else None,
        purpose=draw(st.none() | texts()),
        activities=draw(_lines()),
        task=draw(st.none() | texts()),
        organisers=tuple(draw(st.lists(st.sampled_from(unit_ids), max_size=2))) if unit_ids else (),
        guests=tuple(draw(st.lists(st.sampled_from(person_ids), max_size=2))) if person_ids else (),
        audience=draw(st.none() | texts()),
        location=draw(texts()) if decided else None,
        location_decided=decided,
        preparation=tuple(
            draw(
                _unique(
                    st.builds(
                        PreparationTask,
                        id=ids(),
                        action=texts(),
                        when=periods(),
                        owner=st.none() | texts(),
                        deliverable=st.none() | quantities(),
                    ),
                    3,
                )
            )
        ),
        materials=tuple(draw(st.lists(material, max_size=3))),
        setup=draw(
            st.none()
            | st.builds(VenueSetup, by=texts(), lead_time=quantities(), action=st.none() | texts())
        ),
        agenda=tuple(
            draw(
                st.lists(
                    st.builds(
                        AgendaItem,
                        order=st.integers(1, 9),
                        activity=texts(),
                        roles=_lines(),
                        note=st.none() | texts(),
                    ),
                    max_size=3,
                )
            )
        ),
        roles=tuple(
            draw(
                st.lists(
                    st.builds(RoleAssignment, role=texts(), person=st.none() | texts()), max_size=3
                )
            )
        ),
        precautions=draw(_lines()),
        expected_attendance=draw(st.none() | quantities()),
        attendance=draw(
            st.none() | st.builds(Attendance, names=_lines(), count=st.none() | quantities())
        ),
        measures=tuple(draw(_unique(measures(unit_ids), 2))),
        summary=draw(summary | st.none()),
        organisations=tuple(units_),
        people=tuple(staff),
        teams=tuple(crews),
        indicators=tuple(draw(_unique(indicators(), 2))),
        issued_by=draw(st.none() | texts()),
        issued_on=draw(st.none() | dates()),
        source=draw(st.none() | texts()),
    )


@st.composite
def posts(draw: st.DrawFn) -> Post:
    """Posts whose duties' targets refer to the post's own indicators and units."""
    units_, _, indicators_ = draw(_context())
    unit_ids = [o.id for o in units_]
    duties = []
    for number in range(1, draw(st.integers(0, 4)) + 1):
        duty_targets = draw(_unique(targets(indicators_, unit_ids), 2)) if indicators_ else []
        rounds = draw(_unique(recurring_activities(unit_ids), 2))
        duties.append(
            Duty(
                number=number,
                text=draw(texts()),
                targets=tuple(duty_targets),
                activities=tuple(rounds),
            )
        )
    return Post(
        id=draw(ids()),
        title=draw(texts()),
        organisation_id=draw(st.none() | st.sampled_from(unit_ids)) if unit_ids else None,
        duties=tuple(duties),
        organisations=tuple(units_),
        indicators=tuple(indicators_),
        source=draw(st.none() | texts()),
    )
