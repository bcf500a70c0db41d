"""Values stated in a sentence, as the values layer reads them, judged in their document.

The statements themselves -- the quantity, its comparator, approximation,
commitment and forecast words, the period and baseline named, zero statements
and ranks -- are read by :func:`govplan.find_statements`.  This module decides
which of them state a *figure* of the document: a number inside a slogan or a
title in quotes (“三创”, 《十二五规划》), in a document number ([2011]7号),
pointing back at a figure already counted (该4所学校), a per-capita base (每千人),
or a Chinese numeral that labels rather than counts (三届, 一方, 二本) is not
one.  A number no statement reads -- one followed by a unit nobody knows -- is
returned as unread, with the reason, and never guessed.
"""

from __future__ import annotations

import re

import attrs

from ...values.comparators import Commitment, Comparator
from ...values.periods import Period
from ...values.quantities import Quantity
from ...values.statements import Statement, StatementKind, find_statements

__all__ = ["Reading", "Unreadable", "find_readings"]


@attrs.frozen(kw_only=True, slots=True)
class Reading:
    """A value statement of a sentence that states a figure.

    Attributes:
        start: Where the statement starts in the sentence's text.
        end: Where it ends.
        text: The statement as written ("控制在1%以内", "300多名", "第二名").
        quantity: What it states.
        kind: Level, change, growth, zero or rank.
        comparator: The comparator its words give, if any.
        approx: The approximation word (多, 余, 约, 近, 左右, 几), if any.
        commitment: The commitment word's level (确保 / 力争 …), plain if none.
        forecast: Whether a forecast word (预计, 有望) governs it.
        period: The period its sentence names for it, if any.
        baseline: The baseline words of a change (同比, 比2009年), if any.

    """

    start: int
    end: int
    text: str
    quantity: Quantity
    kind: StatementKind = StatementKind.LEVEL
    comparator: Comparator | None = None
    approx: str | None = None
    commitment: Commitment = Commitment.PLAIN
    forecast: bool = False
    period: Period | None = None
    baseline: str | None = None

    @property
    def zero(self) -> bool:
        """Whether it states that nothing happened (无一人, 没有发生一起)."""
        return self.kind is StatementKind.ZERO

    @property
    def is_change(self) -> bool:
        """Whether it states a change or a growth rather than a level."""
        return self.kind in (StatementKind.CHANGE, StatementKind.GROWTH)


@attrs.frozen(kw_only=True, slots=True)
class Unreadable:
    """A number that seems to state a figure but was not read."""

    start: int
    end: int
    text: str
    reason: str


_CN_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]")
_CN_UNITS = frozenset("所个名人次项件堂间座期家户处起条篇份台辆套株册张部支口例")
_LABELS = frozenset("届级批轮代章楼栋版位度方本")
_REFERENCE = "该这此每"
_DIGITS = re.compile(r"(?<![0-9０-９.．])[0-9０-９]+(?:[.．][0-9０-９]+)?")
_NOT_FIGURE_AFTER = re.compile(
    r"[0-9０-９.．]*(?:\s*)(?:年|月|日|号|时|点|周岁|届|级|批|轮|季度|世纪|代|章|条|部分|楼|栋|版"
    r"|[、.．]|至|到|[—\-~－]|[)）]|$|[，。；,;：:!?！？]|[a-zA-Z])"
)


def _inside_quotes(quotes: list[tuple[int, int]], position: int) -> bool:
    return any(start < position < end for start, end in quotes)


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of text in quotes or title marks, where numbers name rather than count."""
    spans: list[tuple[int, int]] = []
    for opening, closing in ("“”", "《》", "‘’", "「」", "„‟", "〔〕", "[]", "【】"):
        start = text.find(opening)
        while start >= 0:
            end = text.find(closing, start + 1)
            if end < 0:
                break
            spans.append((start, end))
            start = text.find(opening, end + 1)
    return spans


def _chinese_figure(statement: Statement, text: str, start: int) -> bool:
    """Whether a statement in Chinese numerals counts (三堂课, 一所) or labels (三届, 一方)."""
    words = statement.text
    if statement.kind is not StatementKind.LEVEL or not _CN_NUMERAL.match(words):
        return True
    quantity = statement.quantity
    unit = "" if quantity is None else quantity.unit.symbol
    if start > 0 and text[start - 1] == "几":
        return False
    tail = words.lstrip("零〇一二两三四五六七八九十百千几多余")
    first = tail[:1]
    if not first or first not in _CN_UNITS or unit in _LABELS:
        return False
    if words.startswith("一") and first not in "所人名":
        return False
    return not words.startswith("两") or first in "所人名座台辆家户间"


def _figure(statement: Statement, text: str, quotes: list[tuple[int, int]]) -> bool:
    start = statement.span[0]
    if _inside_quotes(quotes, start):
        return False
    if start > 0 and text[start - 1] in _REFERENCE:
        return False
    if start > 0 and text[start - 1] == "月" and statement.text.endswith(("日", "号")):
        return False  # 11月28日 is a date
    quantity = statement.quantity
    if quantity is not None and quantity.unit.symbol in _LABELS:
        return False
    return _chinese_figure(statement, text, start)


def find_readings(
    text: str, *, year: int | None = None
) -> tuple[tuple[Reading, ...], tuple[Unreadable, ...]]:
    """The figures a sentence states, and the numbers in it that could not be read.

    >>> found, unread = find_readings("全区共有幼儿园72所，其中民办幼儿园70所，入园率达96%以上")
    >>> [(r.text, str(r.quantity)) for r in found]
    [('72所', '72所'), ('70所', '70所'), ('达96%以上', '96%以上')]
    >>> find_readings("2010年11月底前完成“三创”活动")
    ((), ())
    >>> find_readings("完成316工程")[1][0].reason
    'a number not read as a value (unit or wording not understood)'
    """
    quotes = _quoted(text)
    found: list[Reading] = []
    unread: list[Unreadable] = []
    covered: list[tuple[int, int]] = []
    for statement in find_statements(text, year=year):
        start, end = statement.span
        covered.append((start, end))
        if statement.quantity is None:
            if not _inside_quotes(quotes, start):
                reason = (
                    "no change (持平): the value it equals is not stated"
                    if statement.kind is StatementKind.UNCHANGED
                    else "a rank in words without a number (前列, 第一方阵)"
                )
                unread.append(Unreadable(start=start, end=end, text=statement.text, reason=reason))
            continue
        if not _figure(statement, text, quotes):
            continue
        found.append(
            Reading(
                start=start,
                end=end,
                text=statement.text,
                quantity=statement.quantity,
                kind=statement.kind,
                comparator=statement.comparator,
                approx=statement.approx,
                commitment=statement.commitment,
                forecast=statement.forecast,
                period=statement.period,
                baseline=statement.baseline_text,
            )
        )
    for match in _DIGITS.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in covered) or _inside_quotes(quotes, start):
            continue
        if _NOT_FIGURE_AFTER.match(text, match.end()) or (start > 0 and text[start - 1] in "第[〔"):
            continue
        unread.append(
            Unreadable(
                start=start,
                end=min(len(text), match.end() + 2),
                text=text[start : match.end() + 2],
                reason="a number not read as a value (unit or wording not understood)",
            )
        )
    return tuple(found), tuple(unread)
