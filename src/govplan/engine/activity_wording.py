"""The sentences of measure, inspection and event verdicts, rendered when a verdict is read.

A deadline, inspection or event rule keeps a reason code
(:class:`ActivityReason`) and a small :class:`ActivityFacts` record on its
verdict: the model object checked and the figures the sentence needs.
:meth:`ActivityFacts.render` writes the sentence in Chinese or English when
:meth:`~govplan.Verdict.explain` is called, so checking builds no text.

English is English throughout: a measure, inspection or event is named by
the kind of thing and its id (``Measure m1``), or by the kind alone when the
id is not written in Latin letters; Chinese titles, places and role names
stay out of English sentences, and quantities use English unit names.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs

from .verdicts import Severity, Status, Verdict, default_severity
from .wording import STATUS_EN, quantity_en

__all__ = ["ActivityFacts", "ActivityReason", "activity_verdict", "english_id"]

Lang = Literal["zh", "en"]


class ActivityReason(enum.IntEnum):
    """Why a measure, inspection or event verdict says what it says (its sentence)."""

    DONE_NO_DEADLINE = 101
    """A measure is done; it had no deadline."""
    NO_DEADLINE = 102
    """A measure is not done and has no deadline: lateness cannot be told."""
    DONE_LATE = 103
    """A measure was done after its deadline."""
    DONE_ON_TIME = 104
    """A measure was done by its deadline."""
    NO_STATUS_PAST_DUE = 105
    """A measure's status is not recorded and its deadline has passed."""
    NO_STATUS_NOT_DUE = 106
    """A measure's status is not recorded; its deadline has not come."""
    NOT_DONE_PAST_DUE = 107
    """A measure is not done and its deadline has passed."""
    NOT_DONE_NOT_DUE = 108
    """A measure is not done; its deadline has not come."""
    NOTHING_FOUND = 111
    """An inspection was carried out and found nothing."""
    RESULT_NOT_STATED = 112
    """An inspection was carried out; the source does not state what it found."""
    FINDINGS = 113
    """An inspection was carried out and found problems."""
    NOT_CARRIED_OUT = 114
    """An inspection has not been carried out (not inspected is not "nothing found")."""
    NO_RECTIFICATION = 121
    """A finding has no rectification."""
    RECTIFIED_LATE = 122
    """A rectification was done after its deadline."""
    RECTIFIED_UNVERIFIED = 123
    """A rectification is done but nobody has verified it."""
    RECTIFIED = 124
    """A rectification is done and verified."""
    RECTIFICATION_NO_DEADLINE = 125
    """A rectification is not done and has no deadline."""
    RECTIFICATION_OVERDUE = 126
    """A rectification is not done and its deadline has passed."""
    RECTIFICATION_NOT_DUE = 127
    """A rectification is not done; its deadline has not come."""
    SANCTION = 131
    """A sanction's count set against its finding's count."""
    ALL_INSPECTED = 141
    """Every signatory of a pledge was inspected within its period."""
    NOT_INSPECTED = 142
    """Some signatories of a pledge were not inspected within its period."""
    NO_LOG = 151
    """A recurring activity keeps no log of its sessions."""
    SESSIONS = 152
    """Sessions held against sessions due."""
    WEEKDAY = 161
    """The weekday a source states against the date."""
    PREPARATION = 162
    """A preparation task's date against the event's."""
    LOCATION_DECIDED = 163
    """The event's location is decided."""
    LOCATION_UNDECIDED = 164
    """The event's location is still undecided."""
    ROLE_ASSIGNED = 165
    """A role of the agenda has somebody assigned."""
    ROLE_UNASSIGNED = 166
    """A role of the agenda has nobody assigned."""
    NOT_HELD_YET = 167
    """The event is not held yet; attendance is expected."""
    NO_SIGN_IN = 168
    """The event was held but there is no sign-in list."""
    ATTENDANCE = 169
    """Attendance against the expected number."""


def english_id(identifier: str | None) -> str | None:
    """*identifier* when it can stand in an English sentence (Latin letters), else ``None``."""
    if identifier and identifier.isascii() and identifier.isprintable():
        return identifier
    return None


def _named(kind: str, identifier: str | None) -> str:
    """``"Measure m1"``; ``"The measure"`` when the id is not written in Latin letters."""
    shown = english_id(identifier)
    return f"{kind.capitalize()} {shown}" if shown else f"The {kind}"


@attrs.frozen(kw_only=True)
class ActivityFacts:
    """What the sentence of a measure, inspection or event verdict needs.

    Attributes:
        reason: Which sentence.
        name_zh: What the verdict is about, in Chinese (a title, an action).
        kind: What kind of thing it is, in English (``"measure"``, ``"event"``).
        id: Its id (shown in English only when written in Latin letters).
        figures: The dates, counts and quantities the sentence shows.

    """

    reason: ActivityReason
    name_zh: str
    kind: str
    id: str | None
    figures: Mapping[str, Any] = attrs.field(factory=lambda: MappingProxyType({}))

    def render(self, verdict: Verdict, lang: Lang) -> str:
        """The sentence in Chinese (``"zh"``) or English (``"en"``)."""
        zh, en = _SENTENCES[self.reason]
        if lang == "zh":
            return f"{self.name_zh}{zh(self.figures, verdict)}"
        return f"{_named(self.kind, self.id)}: {en(self.figures, verdict)}"


def activity_verdict(
    rule: str,
    subject: str,
    status: Status,
    facts: ActivityFacts,
    *,
    severity: Severity | None = None,
    **details: Any,
) -> Verdict:
    """A verdict worded on demand from *facts* (the default severity unless one is given)."""
    return Verdict(
        rule=rule,
        subject=subject,
        status=status,
        severity=default_severity(status) if severity is None else severity,
        reason=facts.reason,
        facts=facts,
        **details,
    )


_Clause = Callable[[Mapping[str, Any], Verdict], str]


def _status_en(verdict: Verdict) -> str:
    return STATUS_EN[verdict.status]


def _people(count: Any) -> str:
    return quantity_en(count) if not isinstance(count, int) else f"{count} persons"


_AGREE_ZH = {Status.CONSISTENT: "一致", Status.INCONSISTENT: "不一致"}
_ROLES_EN = {
    "主持人": "the host",
    "主持": "the host",
    "签到": "sign-in",
    "摄影": "the photographer",
    "记录": "the note-taker",
    "宣讲": "the speaker",
    "主讲": "the speaker",
    "讲解": "the guide",
    "后勤": "logistics",
    "联络": "liaison",
}


def _role_en(role: str) -> str:
    known = _ROLES_EN.get(role) or english_id(role)
    return known if known else "an agenda role (named in Chinese only)"


def _units_en(ids: tuple[str, ...]) -> str:
    shown = [english_id(i) for i in ids]
    if all(shown):
        return ", ".join(i for i in shown if i)
    return f"{len(ids)} signator{'y' if len(ids) == 1 else 'ies'}"


def _by_en(verifier: str | None) -> str:
    shown = english_id(verifier)
    return f" by {shown}" if shown else ""


_SENTENCES: dict[ActivityReason, tuple[_Clause, _Clause]] = {
    # measures
    ActivityReason.DONE_NO_DEADLINE: (
        lambda f, v: "：已完成（未规定期限）。",
        lambda f, v: "done (no deadline was set).",
    ),
    ActivityReason.NO_DEADLINE: (
        lambda f, v: "：未规定完成期限，无法判断是否逾期。",
        lambda f, v: "no deadline is set: lateness cannot be told.",
    ),
    ActivityReason.DONE_LATE: (
        lambda f, v: f"：于{f['done']}完成，晚于期限{f['deadline']}（{f['due']}）。",
        lambda f, v: f"done on {f['done']}, after the deadline {f['due']}.",
    ),
    ActivityReason.DONE_ON_TIME: (
        lambda f, v: (
            f"：已{'于' + str(f['done']) if f['done'] else ''}按期完成，"
            f"期限{f['deadline']}（{f['due']}）。"
        ),
        lambda f, v: f"done on time for the deadline {f['due']}.",
    ),
    ActivityReason.NO_STATUS_PAST_DUE: (
        lambda f, v: f"：期限{f['deadline']}（{f['due']}）已过，未记录完成情况，无法判断是否逾期。",
        lambda f, v: f"no status is recorded, so whether it was done by {f['due']} cannot be told.",
    ),
    ActivityReason.NO_STATUS_NOT_DUE: (
        lambda f, v: f"：截至{f['as_of']}未记录完成情况，期限{f['deadline']}（{f['due']}）未到。",
        lambda f, v: f"no status is recorded as of {f['as_of']}; due {f['due']}.",
    ),
    ActivityReason.NOT_DONE_PAST_DUE: (
        lambda f, v: f"：期限{f['deadline']}（{f['due']}）已过，尚未完成。",
        lambda f, v: f"not done although due {f['due']}.",
    ),
    ActivityReason.NOT_DONE_NOT_DUE: (
        lambda f, v: f"：截至{f['as_of']}尚未完成，期限{f['deadline']}（{f['due']}）未到。",
        lambda f, v: f"not done as of {f['as_of']}; due {f['due']}.",
    ),
    # inspections
    ActivityReason.NOTHING_FOUND: (
        lambda f, v: "：已开展，未发现问题。",
        lambda f, v: "carried out; nothing found.",
    ),
    ActivityReason.RESULT_NOT_STATED: (
        lambda f, v: "：已开展，来源未说明检查结果。",
        lambda f, v: "carried out; the source does not state the result.",
    ),
    ActivityReason.FINDINGS: (
        lambda f, v: f"：已开展，发现问题{f['count']}项。",
        lambda f, v: f"carried out; {f['count']} finding(s).",
    ),
    ActivityReason.NOT_CARRIED_OUT: (
        lambda f, v: "：尚未开展（未检查，不等于未发现问题）。",
        lambda f, v: "not carried out yet (not inspected is not 'nothing found').",
    ),
    # rectifications
    ActivityReason.NO_RECTIFICATION: (
        lambda f, v: f"发现的问题“{f['finding']}”没有整改措施。",
        lambda f, v: "it has no rectification.",
    ),
    ActivityReason.RECTIFIED_LATE: (
        lambda f, v: f"：于{f['done']}完成，晚于期限{f['due']}。",
        lambda f, v: f"done on {f['done']}, after {f['due']}.",
    ),
    ActivityReason.RECTIFIED_UNVERIFIED: (
        lambda f, v: "：已完成，尚无验收。",
        lambda f, v: "done, but nobody has verified it.",
    ),
    ActivityReason.RECTIFIED: (
        lambda f, v: (
            f"：已完成，经{f['verifier']}{'于' + str(f['verified_on']) if f['verified_on'] else ''}"
            "验收。"
        ),
        lambda f, v: f"done and verified{_by_en(f['verifier'])}.",
    ),
    ActivityReason.RECTIFICATION_NO_DEADLINE: (
        lambda f, v: "：尚未完成，且未规定期限。",
        lambda f, v: "not done, and no deadline is set.",
    ),
    ActivityReason.RECTIFICATION_OVERDUE: (
        lambda f, v: f"：期限{f['due']}已过，尚未完成。",
        lambda f, v: f"not done although due {f['due']}.",
    ),
    ActivityReason.RECTIFICATION_NOT_DUE: (
        lambda f, v: f"：截至{f['as_of']}尚未完成，期限{f['due']}未到。",
        lambda f, v: f"not done as of {f['as_of']}; due {f['due']}.",
    ),
    # sanctions, pledges, recurring activities
    ActivityReason.SANCTION: (
        lambda f, v: f"{f['imposed']}，所查处{f['found']}，{_AGREE_ZH.get(v.status, '无法判定')}。",
        lambda f, v: (
            f"a sanction imposed on {quantity_en(f['imposed'])} of the "
            f"{quantity_en(f['found'])} found: {_status_en(v)}."
        ),
    ),
    ActivityReason.ALL_INSPECTED: (
        lambda f, v: f"：签订单位{f['names_zh']}在{f['period']}内均已接受检查。",
        lambda f, v: f"every signatory was inspected within {f['period']}.",
    ),
    ActivityReason.NOT_INSPECTED: (
        lambda f, v: f"：{f['missing_zh']}在{f['period']}内尚未接受检查。",
        lambda f, v: f"not inspected within {f['period']}: {_units_en(f['missing'])}.",
    ),
    ActivityReason.NO_LOG: (
        lambda f, v: f"：应开展{f['due']}次，但没有活动记录，无法核对。",
        lambda f, v: f"{f['due']} session(s) due, but no log is kept.",
    ),
    ActivityReason.SESSIONS: (
        lambda f, v: f"：应开展{f['due']}次，实际记录{f['held']}次。",
        lambda f, v: f"{f['held']} of {f['due']} due session(s) held.",
    ),
    # events
    ActivityReason.WEEKDAY: (
        lambda f, v: (
            f"：{f['day']}是{f['actual'].chinese}，所述{f['stated'].chinese}，"
            f"{'一致' if f['actual'] is f['stated'] else '不一致'}。"
        ),
        lambda f, v: (
            f"{f['day']} is a {f['actual'].value}; the source says {f['stated'].value}: "
            f"{_status_en(v)}."
        ),
    ),
    ActivityReason.PREPARATION: (
        lambda f, v: (
            f"：准备工作“{f['action'][:20]}”安排在{f['when']}，"
            f"{'晚于' if f['late'] else '不晚于'}活动日{f['day']}。"
        ),
        lambda f, v: (
            f"preparation {english_id(f['task']) or 'task'} falls on {f['when']}, "
            f"{'after' if f['late'] else 'not after'} the event on {f['day']}."
        ),
    ),
    ActivityReason.LOCATION_DECIDED: (
        lambda f, v: f"：活动地点已确定：{f['location']}。",
        lambda f, v: "the location is decided.",
    ),
    ActivityReason.LOCATION_UNDECIDED: (
        lambda f, v: (
            f"：截至{f['as_of']}活动地点仍未确定（活动日{f['day']}，提前{f['days']}天预警）。"
        ),
        lambda f, v: (
            f"the location is still undecided as of {f['as_of']} (event on {f['day']}; "
            f"warning {f['days']} days ahead)."
        ),
    ),
    ActivityReason.ROLE_ASSIGNED: (
        lambda f, v: f"：{f['role']}由{f['person']}担任。",
        lambda f, v: f"somebody is assigned as {_role_en(f['role'])}.",
    ),
    ActivityReason.ROLE_UNASSIGNED: (
        lambda f, v: f"：{f['role']}尚无人担任。",
        lambda f, v: f"nobody is assigned as {_role_en(f['role'])}.",
    ),
    ActivityReason.NOT_HELD_YET: (
        lambda f, v: f"：活动尚未举行，预计到场{f['expected']}。",
        lambda f, v: f"not held yet; {quantity_en(f['expected'])} expected.",
    ),
    ActivityReason.NO_SIGN_IN: (
        lambda f, v: f"：没有签到记录，预计到场{f['expected']}。",
        lambda f, v: f"no sign-in list; {quantity_en(f['expected'])} expected.",
    ),
    ActivityReason.ATTENDANCE: (
        lambda f, v: f"：签到{f['count_zh']}，预计{f['expected']}。",
        lambda f, v: (
            f"{_people(f['count'])} signed in against {quantity_en(f['expected'])} expected."
        ),
    ),
}
