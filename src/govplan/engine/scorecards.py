"""Scorecards (考核): weighted scoring of verdicts into a grade, with veto items (一票否决)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..errors import DanglingReferenceError, ParseError
from ..values.validators import check_id, check_text, decimal_in, to_decimal
from .evaluation import Evaluation
from .verdicts import Status

__all__ = ["Grade", "ItemScore", "ScoreItem", "ScoreResult", "Scorecard", "score"]

_FULL = frozenset({Status.MET, Status.CONSISTENT})
_ZERO = frozenset(
    {Status.MISSED, Status.INCONSISTENT, Status.NO_DATA, Status.OVERDUE, Status.INDETERMINATE}
)
_VETOING = frozenset({Status.MISSED, Status.INCONSISTENT, Status.OVERDUE})
_UNDECIDING = frozenset({Status.NO_DATA})
"""Statuses of a veto item that leave the scorecard undecided: missing is not passing."""


@attrs.frozen(kw_only=True)
class ScoreItem:
    """One scored line: the verdict about *subject*, worth *weight* points.

    Attributes:
        subject: The id of the target, claim or measure whose verdict is scored.
        weight: The points it is worth.
        veto: 一票否决: missing it fails the whole scorecard, whatever the score.
        label: How the scorecard names the item.

    """

    subject: str = attrs.field(validator=check_id)
    weight: Decimal = attrs.field(
        converter=to_decimal, validator=decimal_in(Decimal(0), None, low_open=True, example="10")
    )
    veto: bool = False
    label: str | None = None


@attrs.frozen(kw_only=True)
class Grade:
    """A grade reached at *min_share* of the points available ("优秀" at 0.9)."""

    name: str = attrs.field(validator=check_text)
    min_share: Decimal = attrs.field(
        converter=to_decimal,
        validator=decimal_in(Decimal(0), Decimal(1), low_open=False, example="0.9"),
    )


def _check_grades(instance: Scorecard) -> None:
    if not instance.grades:
        raise ParseError("a scorecard needs at least one grade", field="grades")
    shares = [grade.min_share for grade in instance.grades]
    if shares != sorted(shares, reverse=True):
        raise ParseError(
            "grades must be listed from the highest threshold down",
            field="grades",
            expected="min_share in decreasing order",
        )


@attrs.frozen(kw_only=True)
class Scorecard:
    """A weighted scorecard over verdicts.

    Attributes:
        id: Stable id.
        title: Its name ("2011年度目标管理考核").
        items: The scored lines.
        grades: Grades from the highest threshold down; the last should be
            reachable with zero (``min_share`` 0).
        veto_grade: The grade of a scorecard failed by a veto item.
        undecided_grade: The grade of a scorecard that a veto item with no
            data leaves undecided (it may yet fail it).

    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    items: tuple[ScoreItem, ...]
    grades: tuple[Grade, ...]
    veto_grade: str = "不合格"
    undecided_grade: str = "待定"

    def __attrs_post_init__(self) -> None:
        _check_grades(self)


@attrs.frozen(kw_only=True)
class ItemScore:
    """How one item scored: its verdict's status and the points it earned.

    ``points`` is ``None`` when the item is not scored yet (pending, at risk).
    """

    subject: str
    status: Status
    weight: Decimal
    points: Decimal | None
    veto: bool


@attrs.frozen(kw_only=True)
class ScoreResult:
    """The outcome of a scorecard.

    Attributes:
        points: Points earned.
        max_points: Points available from the items that could be scored.
        grade: The grade reached, or the veto grade, or (when a veto item
            has no data and none failed) the undecided grade.
        vetoed_by: The veto items that failed.
        items: Each item's score, in the scorecard's order.
        undecided_by: The veto items with no data: they may yet fail the
            scorecard, so it cannot pass.

    """

    points: Decimal
    max_points: Decimal
    grade: str
    vetoed_by: tuple[str, ...]
    items: tuple[ItemScore, ...]
    undecided_by: tuple[str, ...] = ()

    @property
    def status(self) -> Status:
        """The scorecard's verdict: missed, indeterminate or met.

        Missed when a veto item failed, indeterminate when a veto item has no
        data, else met (the grade says how well).
        """
        if self.vetoed_by:
            return Status.MISSED
        if self.undecided_by:
            return Status.INDETERMINATE
        return Status.MET

    @property
    def share(self) -> Decimal:
        """Points as a share of the points available (0 when nothing could be scored)."""
        return self.points / self.max_points if self.max_points else Decimal(0)


def _points(item: ScoreItem, status: Status, progress: Decimal | None) -> Decimal | None:
    if status in _FULL:
        return item.weight
    if status is Status.BASICALLY_MET:
        share = min(max(progress or Decimal(0), Decimal(0)), Decimal(1))
        return item.weight * share
    if status is Status.DONE_LATE:
        return item.weight / 2
    if status in _ZERO:
        return Decimal(0)
    return None


def score(scorecard: Scorecard, evaluation: Evaluation) -> ScoreResult:
    """Score *evaluation* on *scorecard*.

    Met and consistent items earn their weight; basically met ones earn the
    share of the way they went; a measure done late earns half; missed,
    inconsistent, overdue, indeterminate and no-data items earn nothing;
    pending and at-risk items are left out of the points available.  A veto
    item that is missed, inconsistent or overdue fails the whole scorecard; a
    veto item with no data leaves it undecided (status indeterminate, the
    undecided grade): missing data cannot pass a veto.

    Raises:
        DanglingReferenceError: An item names a subject with no verdict.

    """
    scored: list[ItemScore] = []
    for index, item in enumerate(scorecard.items):
        try:
            verdict = evaluation.verdict(item.subject)
        except KeyError:
            raise DanglingReferenceError(
                f"no verdict about {item.subject!r} in the evaluation",
                field=f"items[{index}].subject",
                value=item.subject,
                expected="the id of a target, claim or measure that was evaluated",
            ) from None
        scored.append(
            ItemScore(
                subject=item.subject,
                status=verdict.status,
                weight=item.weight,
                points=_points(item, verdict.status, verdict.progress),
                veto=item.veto,
            )
        )
    points = sum((s.points for s in scored if s.points is not None), Decimal(0))
    available = sum((s.weight for s in scored if s.points is not None), Decimal(0))
    vetoed = tuple(s.subject for s in scored if s.veto and s.status in _VETOING)
    undecided = tuple(s.subject for s in scored if s.veto and s.status in _UNDECIDING)
    share = points / available if available else Decimal(0)
    grade = next(
        (g.name for g in scorecard.grades if share >= g.min_share), scorecard.grades[-1].name
    )
    return ScoreResult(
        points=points,
        max_points=available,
        grade=scorecard.veto_grade if vetoed else scorecard.undecided_grade if undecided else grade,
        vetoed_by=vetoed,
        items=tuple(scored),
        undecided_by=undecided,
    )
