"""Posts and their duties (岗位职责); a duty may carry targets on indicators."""

from __future__ import annotations

import attrs

from ..errors import ValidationError
from ..values.validators import check_id, check_optional_id, check_text, require_unique_ids
from .indicators import Indicator
from .organisations import Organisation
from .recurrence import RecurringActivity
from .targets import Target

__all__ = ["Duty", "Post"]


@attrs.frozen(kw_only=True)
class Duty:
    """One numbered duty of a post.

    Attributes:
        number: Its number in the list.
        text: The duty, verbatim.
        targets: Quantified targets the duty implies (垃圾日产日清 = 100%).
        activities: Recurring activities the duty requires (定期、定点投药).

    """

    number: int
    text: str = attrs.field(validator=check_text)
    targets: tuple[Target, ...] = ()
    activities: tuple[RecurringActivity, ...] = ()


def _check_post(instance: Post) -> None:
    numbers = [duty.number for duty in instance.duties]
    if numbers != sorted(set(numbers)):
        raise ValidationError(
            f"duty numbers must increase without repeats, not {numbers}",
            field="duties",
            expected="1, 2, 3 …",
        )
    require_unique_ids("organisations", instance.organisations)
    require_unique_ids("indicators", instance.indicators)


@attrs.frozen(kw_only=True)
class Post:
    """A post (岗位) with its ordered duties.

    Attributes:
        id: Stable id.
        title: The post ("社区环境卫生主任").
        organisation_id: The unit the post belongs to.
        duties: Its duties, in order.
        organisations: Every unit named (including reference scopes of targets).
        indicators: The indicators the duties' targets are on.
        source: Where the text comes from.

    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    organisation_id: str | None = attrs.field(default=None, validator=check_optional_id)
    duties: tuple[Duty, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_post(self)

    @property
    def issuer(self) -> str | None:
        """The unit the post belongs to (the default scope of its duties' targets)."""
        return self.organisation_id
