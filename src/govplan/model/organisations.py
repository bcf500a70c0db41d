"""Organisations (单位: 区 → 局 → 学校 …) and the people who act for them."""

from __future__ import annotations

import attrs

from ..values.validators import check_id, check_optional_id, check_text

__all__ = ["Organisation", "Person"]


@attrs.frozen(kw_only=True)
class Organisation:
    """A unit that can lead a measure, be inspected or be the scope of a result.

    Attributes:
        id: Stable id that other objects refer to.
        name: The unit's name as the documents write it ("娄星区教育局").
        parent_id: The id of the unit it belongs to (a school's bureau), if any.
        category: What sort of unit it is ("区", "局", "学校", "乡镇", "股室" …).

    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    parent_id: str | None = attrs.field(default=None, validator=check_optional_id)
    category: str | None = None


@attrs.frozen(kw_only=True)
class Person:
    """A named person with a title ("局长彭建良").

    Attributes:
        id: Stable id.
        name: The person's name.
        title: Their post or title ("局长", "党组书记"), if stated.
        organisation_id: The unit they belong to, if stated.

    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    title: str | None = None
    organisation_id: str | None = attrs.field(default=None, validator=check_optional_id)
