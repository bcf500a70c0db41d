"""Measures (措施 / 举措): actions with responsible units, deadlines and status."""

from __future__ import annotations

import enum

import attrs
import pendulum

from ..errors import ValidationError
from ..values.periods import Deadline
from ..values.quantities import Quantity
from ..values.validators import check_id, check_text

__all__ = ["Measure", "MeasureStatus"]


class MeasureStatus(enum.StrEnum):
    """Where a measure stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


def _status(value: str | MeasureStatus | None) -> MeasureStatus | None:
    return None if value is None else MeasureStatus(value)


def _check_measure(instance: Measure) -> None:
    if instance.completed_on is not None and instance.status is not MeasureStatus.DONE:
        stated = "no status" if instance.status is None else f"status {instance.status.value}"
        raise ValidationError(
            f"a measure with {stated} has a completion date",
            field="completed_on",
            expected="status 'done' when completed_on is set",
        )


@attrs.frozen(kw_only=True)
class Measure:
    """An action a plan commits to.

    Attributes:
        id: Stable id.
        action: What is to be done, in the plan's words.
        lead: Ids of the lead units (牵头单位).
        co_responsible: Ids of the co-responsible units (责任单位 / 配合单位).
        deadline: When it is due, if stated.
        deliverable: What it should produce, if countable ("4所合格学校").
        status: Where it stands; ``None`` when nothing is recorded (no data:
            a missing status is never taken as not done).
        completed_on: The day it was done, for a ``DONE`` measure.

    """

    id: str = attrs.field(validator=check_id)
    action: str = attrs.field(validator=check_text)
    lead: tuple[str, ...] = ()
    co_responsible: tuple[str, ...] = ()
    deadline: Deadline | None = None
    deliverable: Quantity | None = None
    status: MeasureStatus | None = attrs.field(default=None, converter=_status)
    completed_on: pendulum.Date | None = None

    def __attrs_post_init__(self) -> None:
        _check_measure(self)
