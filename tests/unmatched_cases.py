"""A plan and ledgers whose rows miss its targets in every way, for the engine tests.

One fixed sample (every :class:`~govplan.UnmatchedReason` a ledger can give,
an exact repeat, a blank line, rows used only by roll-up) and a hypothesis
strategy of small plans and ledgers.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import govplan as g

PERSON = g.parse_unit("人")
INDICATORS = (
    g.Indicator(id="rate", name="巩固率", unit=g.PERCENT),
    g.Indicator(id="count", name="人数", unit=PERSON),
    g.Indicator(id="pupils", name="在校生", unit=PERSON, aggregation="sum"),
    g.Indicator(id="each", name="合格率", unit=g.PERCENT),
)
ORGANISATIONS = (
    g.Organisation(id="bureau", name="教育局"),
    g.Organisation(id="s1", name="一中", parent_id="bureau"),
    g.Organisation(id="s2", name="二中", parent_id="bureau"),
    g.Organisation(id="elsewhere", name="外单位"),  # known, but outside the bureau's tree
)
UNITS = {i.id: i.unit for i in INDICATORS}
HEADER = ["指标", "填报单位", "期间", "实际值"]


def target(
    number: int,
    indicator: str,
    period: str,
    scope: str | None = None,
    for_each: str | None = None,
) -> g.Target:
    """A floor target (at least 1) on *indicator* for *period*."""
    return g.Target(
        id=f"t{number}",
        indicator_id=indicator,
        comparator="at_least",
        value=g.Quantity.of(1, UNITS[indicator]),
        period=g.parse_period(period),
        scope=scope,
        for_each=for_each,
    )


def plan(targets: Sequence[g.Target]) -> g.Plan:
    """A plan of the bureau with *targets*."""
    goal = g.Goal(id="g", title="任务", targets=tuple(targets))
    return g.Plan(
        id="p",
        title="计划",
        period=g.Period.year(2011),
        issuer="bureau",
        indicators=INDICATORS,
        organisations=ORGANISATIONS,
        sections=(g.Section(id="s", title="一", goals=(goal,)),),
    )


def write(path: Path, rows: Sequence[Sequence[str]], notes: Sequence[str] = ()) -> Path:
    """A UTF-8 CSV ledger of *rows* (an empty row is written as a blank line).

    With *notes*, a 备注 column too: the k-th row written is noted ``notes[k]``
    (the notes used in turn).
    """
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([*HEADER, "备注"] if notes else HEADER)
        for k, row in enumerate(rows):
            if row:
                writer.writerow([*row, notes[k % len(notes)]] if notes else row)
            else:
                stream.write("\r\n")
    return path


SAMPLE_PLAN = plan(
    [
        target(1, "rate", "2011", "bureau"),
        target(2, "pupils", "2011", "bureau"),
        target(3, "each", "2011", "bureau", for_each="scope"),
    ]
)
SAMPLE_ROWS = (
    ("rate", "bureau", "2011", "96"),
    (),  # a blank line: the rows below are numbered as the file's lines
    ("rate", "bureau", "2009", "90"),  # row 4: no target for 2009
    ("count", "bureau", "2011", "3"),  # row 5: no target on the indicator
    ("rate", "elsewhere", "2011", "97"),  # row 6: no target covers the organisation
    ("rate", "elsewhere", "2011", "97"),  # row 7: an exact repeat, counted once
    ("pupils", "s1", "2011", "60"),  # used: rolled up to the bureau
    ("pupils", "s2", "2011", "50"),  # used
    ("pupils", "s1", "2010", "40"),  # row 10: no target for 2010 (an indicator that rolls up)
    ("each", "s1", "2011", "99"),  # used: a template over sub-units
    ("each", "s2", "2012", "99"),  # row 12: no target for 2012
)
SAMPLE_EXPECTED = [
    (4, g.UnmatchedReason.PERIOD),
    (5, g.UnmatchedReason.INDICATOR),
    (6, g.UnmatchedReason.SCOPE),
    (10, g.UnmatchedReason.PERIOD),
    (12, g.UnmatchedReason.PERIOD),
]


def facts(evaluation: Any) -> list[tuple[Any, ...]]:
    """What must agree between engines: where, why, and the observation's facts.

    (Both readers leave a row naming the issuer unscoped; the scope is
    compared as the issuer then.)
    """
    return [
        (
            u.file,
            u.file_row,
            u.reason,
            u.observation.indicator_id,
            u.observation.scope or "bureau",
            str(u.observation.period),
            u.observation.value,
            u.observation.id,
        )
        for u in evaluation.unmatched
    ]


_PERIODS = ("2009", "2010", "2011", "2011-06", "2012")
_SCOPES = ("bureau", "s1", "s2", "elsewhere")
_IDS = tuple(i.id for i in INDICATORS)


@st.composite
def plans_and_ledgers(draw: st.DrawFn) -> tuple[g.Plan, list[tuple[str, str, str, str]]]:
    """A small plan and ledger rows (distinct cells, perhaps an exact repeat or two)."""
    targets = [
        target(
            number,
            draw(st.sampled_from(_IDS)),
            draw(st.sampled_from(("2010", "2011", "2011-06"))),
            draw(st.sampled_from((None, "bureau", "s1"))),
            draw(st.sampled_from((None, None, "scope"))),
        )
        for number in range(draw(st.integers(1, 4)))
    ]
    cells = draw(
        st.dictionaries(
            st.tuples(st.sampled_from(_IDS), st.sampled_from(_SCOPES), st.sampled_from(_PERIODS)),
            st.integers(0, 200),
            min_size=1,
            max_size=10,
        )
    )
    rows = [(i, s, p, str(v)) for (i, s, p), v in cells.items()]
    repeats = draw(st.lists(st.sampled_from(rows), max_size=2))
    return plan(targets), rows + repeats
