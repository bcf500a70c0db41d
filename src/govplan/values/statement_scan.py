"""The scanner behind :func:`~govplan.values.statements.find_statements`.

It works on normalised text (:func:`~govplan.values.normalize.normalize`) in
one left-to-right pass: the word patterns (zero statements, ranks in words,
持平, 翻一番, periods, commitment, forecast and baseline words) are found once
by ``finditer``; each number is then read with bounded look-behind windows,
and the context words before it are found by binary search.  Time is linear
in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from decimal import Decimal

import attrs

from ..errors import GovplanError, ParseError
from .comparators import Commitment, Comparator, flip
from .numbers import CHINESE_NUMERAL_CHARS
from .period_text import period_matches
from .periods import Period
from .quantities import Quantity, negate
from .quantity_text import Number, bounded, exact, read_number, read_range, step_of
from .statement_words import (
    APPROX_BEFORE,
    BASELINE,
    BOUND_AFTER,
    BOUND_BEFORE,
    CHANGE,
    CHANGE_NOT,
    CLAUSE_END,
    COMMITMENT,
    DOUBLING,
    FORECAST,
    GLUE,
    NOUN_CHANGE,
    RANK_ONE,
    RANK_VERBS,
    RANK_WORDS,
    REACH_WORDS,
    SCOPE,
    SENTENCE_END,
    TO_LEVEL,
    UNCHANGED,
    ZERO,
    ZERO_UNITS,
)
from .unit_table import MULTIPLIERS
from .units import Unit, UnitRegistry

__all__ = ["PeriodHit", "Reading", "Scanner"]

_ANCHOR = re.compile(
    r"(?<![0-9.])(?:[0-9]|[-+](?=[0-9])|百分之|千分之|万分之|十万分之|几[十百千万]"
    r"|负(?=[0-9一二三四五六七八九十])|[一二两三四五六七八九十〇零壹贰叁肆伍陆柒捌玖]"
    r"|[百千万](?=[万亿]))"
)
_RUN = re.compile(rf"[0-9.,{CHINESE_NUMERAL_CHARS}点负]+")
_CHANGE_WORDS = sorted(CHANGE, key=len, reverse=True)
_BOUND_WORDS = sorted(BOUND_BEFORE, key=len, reverse=True)
_TRAILING = ("了", "在", "到", "为", "至", "是")
_COMMITMENT = re.compile("|".join(COMMITMENT))
_NOT_AFTER = ("月", "日", "号", "时", "季度", "周年", "年代", "年级", "级", "届", "大", "点")
# Chinese numerals with these units are usually names or slogans (一批, 四个全面).
_CHINESE_SKIP_UNITS = frozenset("个项批次年大分条件支期本届度方位口部头")  # one-character units
_STOP_WORDS = ("十分", "一起", "一些", "一定", "一样", "一般", "一直", "一步", "一体", "一线",
               "一流", "一致", "一切", "一道", "一手", "一把手", "一带", "一站", "一网", "一次性",
               "一户一", "两委", "三农", "四风", "五位一体", "万一", "一二三")  # fmt: skip
_RANK_UNITS = ("名", "位", "强")
_PART_LEADS = ("其中", "其中有")
_LOOK_BACK = 16
_REFERENCE_CHANGE = frozenset({"高", "低"})
_LIST_GAPS = frozenset({"、", "和", "及", "与", "以及", ",", "，"})
_RANK_LOOK_BACK = 40
_BASELINE_LEADS = ("比", "较", "与", "比“", "较“", '比"', "同")


@attrs.frozen
class Reading:
    """One statement found, in normalised offsets."""

    start: int
    end: int
    kind: str
    quantity: Quantity | None
    comparator: Comparator | None = None
    approx: str | None = None
    keyword: str | None = None
    baseline: tuple[int, int] | None = None
    scope: tuple[int, int] | None = None
    subject_start: int = 0
    bound_word: str | None = None
    level_word: str | None = None


@attrs.frozen
class PeriodHit:
    """A period phrase found, in normalised offsets."""

    where: tuple[int, int]
    period: Period | None
    to_date: bool


@attrs.frozen
class _Unit:
    unit: Unit
    end: int
    approx: str | None


class Scanner:
    """Finds value statements in one normalised text."""

    def __init__(
        self, text: str, *, year: int | None, units: UnitRegistry, tolerance: Decimal
    ) -> None:
        self.text = text
        self.units = units
        self.tolerance = tolerance
        self._clause_ends = [m.start() for m in CLAUSE_END.finditer(text)]
        self._sentence_ends = [m.start() for m in SENTENCE_END.finditer(text)]
        self._periods = [
            PeriodHit(where=(start, end), period=period, to_date=to_date)
            for start, end, period, to_date in period_matches(text, year)
        ]
        self._period_ends = [hit.where[1] for hit in self._periods]
        self._commitments = [(m.start(), m.end()) for m in _COMMITMENT.finditer(text)]
        self._forecasts = [m.start() for m in FORECAST.finditer(text)]
        self._baselines = [(m.start(), m.end()) for m in BASELINE.finditer(text)]
        self._not_change = [(m.start(), m.end()) for m in CHANGE_NOT.finditer(text)]

    # -- context -----------------------------------------------------------------

    def clause_start(self, at: int) -> int:
        """Where the clause holding *at* starts."""
        index = bisect_left(self._clause_ends, at)
        return self._clause_ends[index - 1] + 1 if index else 0

    def sentence_start(self, at: int) -> int:
        """Where the sentence holding *at* starts."""
        index = bisect_left(self._sentence_ends, at)
        return self._sentence_ends[index - 1] + 1 if index else 0

    def period_before(self, at: int) -> PeriodHit | None:
        """The last period phrase of the sentence before *at* that is not a baseline.

        A period after 比 / 较 / 与 (比上年, 较2010年, 比“十一五”末) or before 同期
        (2019年同期水平) names the baseline of a change, not the period of the value.
        """
        index = bisect_right(self._period_ends, at)
        start = self.sentence_start(at)
        for hit in reversed(self._periods[max(0, index - 4) : index]):
            if hit.where[0] < start:
                return None
            lead = self.text[max(0, hit.where[0] - 2) : hit.where[0]]
            if not lead.endswith(_BASELINE_LEADS) and not self.text.startswith(
                "同期", hit.where[1]
            ):
                return hit
        return None

    def _period_just_before(self, at: int) -> int | None:
        """Where a period phrase ends right before *at* (perhaps with 的) starts."""
        index = bisect_right(self._period_ends, at)
        if not index:
            return None
        hit = self._periods[index - 1]
        if self.text[hit.where[1] : at] in ("", "的"):
            return hit.where[0]
        return None

    def commitment_before(self, at: int) -> tuple[tuple[int, int], Commitment] | None:
        """The last commitment word of the sentence before *at*."""
        index = bisect_right(self._commitments, (at, at)) - 1
        while index >= 0 and self._commitments[index][1] > at:
            index -= 1
        if index < 0 or self._commitments[index][0] < self.sentence_start(at):
            return None
        where = self._commitments[index]
        return where, COMMITMENT[self.text[where[0] : where[1]]]

    def forecast_before(self, at: int) -> bool:
        """Whether a forecast word stands before *at* in its sentence."""
        index = bisect_right(self._forecasts, at - 2)
        return bool(index) and self._forecasts[index - 1] >= self.sentence_start(at)

    def _baseline_before(self, at: int) -> tuple[int, int] | None:
        index = bisect_right(self._baselines, (at, at)) - 1
        while index >= 0 and self._baselines[index][1] > at:
            index -= 1
        if index < 0 or self._baselines[index][0] < self.sentence_start(at):
            return None
        return self._baselines[index]

    def _scope_before(self, at: int) -> tuple[int, int] | None:
        start = max(self.clause_start(at), at - _LOOK_BACK)
        found = None
        for match in SCOPE.finditer(self.text, start, at):
            found = (match.start(), match.end())
        return found

    def _in(self, spans: list[tuple[int, int]], at: int) -> bool:
        index = bisect_right(spans, (at, len(self.text) + 1)) - 1
        return index >= 0 and spans[index][0] <= at < spans[index][1]

    def subject(self, reading: Reading) -> tuple[int, int]:
        """The clause words before the statement (what it measures)."""
        return reading.subject_start, max(reading.subject_start, reading.start)

    # -- the pass ------------------------------------------------------------------

    def readings(self) -> Iterator[Reading]:
        """Every statement, in order of position."""
        words = sorted(self._word_readings(), key=lambda r: r.start)
        covered = sorted([hit.where for hit in self._periods] + [(r.start, r.end) for r in words])
        merged: list[Reading] = []
        word_index, cursor, previous = 0, 0, None
        for match in _ANCHOR.finditer(self.text):
            at = match.start()
            if at < cursor or self._in(covered, at):
                continue
            while word_index < len(words) and words[word_index].end <= at:
                previous = _later(previous, words[word_index])
                word_index += 1
            reading, cursor = self._number_reading(at, previous)
            if reading is not None:
                merged.append(reading)
                previous = reading
        merged.extend(words)
        merged.sort(key=lambda r: r.start)
        yield from merged

    def _word_readings(self) -> Iterator[Reading]:
        text = self.text
        for match in ZERO.finditer(text):
            word = match.group()
            unit = (
                self.units.parse(ZERO_UNITS.get(word[-1], ""))
                if word[-1] in ZERO_UNITS
                else (self.units.parse(""))
            )
            yield self._word(match, "zero", Quantity.of(0, unit), Comparator.ZERO)
        for match in UNCHANGED.finditer(text):
            yield self._word(match, "unchanged", None, None)
        for match in DOUBLING.finditer(text):
            times = {"一": 1, None: 1, "两": 2, "二": 2, "三": 3, "四": 4}[match["times"]]
            growth = Quantity.of(100 * (2**times - 1), self.units.parse("%"))
            yield self._word(match, "growth", growth, None)
        for match in re.finditer(r"零增长|负增长", text):
            percent = self.units.parse("%")
            if match.group() == "零增长":
                yield self._word(match, "growth", Quantity.of(0, percent), None)
            else:
                below = Quantity(low=None, high=Decimal(0), unit=percent, low_open=True,
                                 high_open=True)  # fmt: skip
                yield self._word(match, "growth", below, Comparator.LESS_THAN)
        for match in RANK_WORDS.finditer(text):
            if text[max(0, match.start() - 1) : match.start()] == "在":
                continue  # 放在首位: a priority, not a rank
            rank = Quantity.of(1, self.units.parse("名次")) if match.group() in RANK_ONE else None
            reading = self._word(match, "rank", rank, Comparator.RANK_WITHIN)
            yield attrs.evolve(reading, scope=self._scope_before(match.start()))

    def _word(
        self,
        match: re.Match[str],
        kind: str,
        quantity: Quantity | None,
        comparator: Comparator | None,
    ) -> Reading:
        start = match.start()
        return Reading(
            start=start,
            end=match.end(),
            kind=kind,
            quantity=quantity,
            comparator=comparator,
            keyword=match.group(),
            baseline=self._baseline_before(start),
            subject_start=self.clause_start(start),
        )

    def _unit_after(self, number: Number) -> _Unit:
        text, prefix = self.text, number.unit_prefix
        window = prefix + text[number.end : number.end + 20]
        head = 0
        while head < min(3, len(window)) and window[head] in MULTIPLIERS:
            head += 1
        approx = None
        if window[head : head + 1] in ("多", "余"):
            approx, window = window[head], window[:head] + window[head + 1 :]
        unit, length = self.units.longest_unit(window)
        if approx is None:
            if length < head:  # 万 alone, never reached
                length = head
            end = number.end + length - len(prefix)
        else:
            end = number.end + length - len(prefix) + 1
        if number.unit_hint is not None and not unit.symbol:
            unit = self.units.parse(number.unit_hint)
        if (
            approx is None
            and text[end : end + 1] in ("多", "余")
            and unit.dimension.startswith(("rate", "ratio"))
        ):
            approx, end = text[end], end + 1  # 70%多, 1倍多
        return _Unit(unit=unit, end=max(end, number.end), approx=approx)

    def _number_reading(self, at: int, previous: Reading | None) -> tuple[Reading | None, int]:
        text = self.text
        if text.startswith(_STOP_WORDS, at):
            return None, at + 1
        try:
            number = read_number(text, at)
        except GovplanError:
            run = _RUN.match(text, at)
            return None, run.end() if run else at + 1
        if number is None:
            return None, at + 1
        chinese = not text[at].isdigit() and text[at] not in "+-"
        rank_word = text[at - 1] if at and text[at - 1] in "第前" else None
        if rank_word:
            return self._rank(at, number, rank_word), number.end
        if (
            not chinese
            and text.startswith("强", number.end)
            and text[number.end + 1 : number.end + 2] not in ("化", "调", "度", "大")
        ):
            return self._rank(at, number, "前"), number.end + 1
        if text[at - 1 : at] == "月" and text[number.end : number.end + 1] in ("日", "号"):
            return None, number.end + 1  # 3月4日: a date
        ranged = self._range(at, number)
        if ranged is not None:
            number, unit = ranged
        else:
            unit = self._unit_after(number)
        if not unit.unit.symbol or (unit.unit.dimension == "number" and chinese):
            return None, number.end
        if (
            unit.unit.symbol in ("届", "级", "年")
            and number.low == number.low.to_integral_value()
            and 1900 <= number.low <= 2100
        ):
            return None, unit.end  # 2011届, 2012级: a class named by its year
        if text.startswith(_NOT_AFTER, unit.end) and unit.unit.symbol in ("", "周", "个"):
            return None, unit.end
        if (
            chinese
            and not number.open_ends
            and (
                unit.unit.symbol in _CHINESE_SKIP_UNITS
                # 一天, 一所, 一起: "one" is mostly a word, except in 一个百分点, 一倍
                # and in a part of a stated total (其中一人, 其中有一所)
                or (
                    number.low == 1
                    and not unit.unit.dimension.startswith(("rate", "ratio"))
                    and not text.endswith(_PART_LEADS, 0, at)
                )
            )
        ):
            return None, unit.end
        try:
            reading = self._read(at, number, unit, previous)
        except GovplanError:
            return None, unit.end
        return reading, reading.end

    def _range(self, at: int, first: Number) -> tuple[Number, _Unit] | None:
        """The range starting with *first* (7-9%, 7%—9%, 三至五人) as one number and its unit.

        Both ends must be plain numbers in one unit, the first written with the
        unit or without it; 从7%到9% (a change from one level to another) is no range.
        """
        found = read_range(self.text, first)
        if found is None or found.low.unit_hint != found.high.unit_hint:
            return None
        second = found.high
        unit = self._unit_after(second)
        if not unit.unit.symbol or unit.approx is not None or second.low <= first.low:
            return None
        if found.first_unit:
            own = self._unit_after(first)
            if own.unit != unit.unit or own.approx is not None or own.end != found.dash[0]:
                return None
            if self.text[found.dash[0] : found.dash[1]] == "到":
                return None
        if self.text[max(0, at - 1) : at] in ("从", "由"):
            return None
        number = Number(
            first.low,
            second.low,
            False,
            second.end,
            unit_prefix=second.unit_prefix,
            unit_hint=second.unit_hint,
        )
        return number, unit

    def _rank(self, at: int, number: Number, word: str) -> Reading | None:
        text = self.text
        end = number.end
        unit_word = next((u for u in _RANK_UNITS if text.startswith(u, end)), None)
        value = number.low
        if number.open_ends or number.unit_hint or value < 1 or value != int(value):
            return None
        prefixed = text[at - 1 : at] == word
        scope = self._scope_before(at - 1 if prefixed else at)
        if unit_word is None:
            following = text[end : end + 1]
            if following and following not in "，,。；;、)）" and not following.isspace():
                return None  # 第三批, 前三季度: not a rank
            window = text[max(self.clause_start(at), at - 1 - _RANK_LOOK_BACK) : at - 1]
            if scope is None and not RANK_VERBS.search(window):
                return None
        else:
            end += len(unit_word)
        rank = self.units.parse("名次")
        low = value if word == "第" else Decimal(1)
        start = at - 1 if prefixed else at
        verb = RANK_VERBS.search(text, max(self.clause_start(at), start - 3), start)
        if scope is not None and start - scope[1] <= 2:
            start = scope[0]
        elif verb is not None and verb.end() == start:
            start = verb.start()
        return Reading(
            start=start,
            end=end,
            kind="rank",
            quantity=Quantity(low=low, high=value, unit=rank),
            comparator=Comparator.RANK_WITHIN,
            keyword=(word if prefixed else "") + (unit_word or ""),
            scope=scope,
            subject_start=self.clause_start(at),
        )

    def _read(self, at: int, number: Number, unit: _Unit, previous: Reading | None) -> Reading:
        text = self.text
        clause = self.clause_start(at)
        floor = max(clause, previous.end if previous else 0, at - _LOOK_BACK)
        before = text[floor:at]
        end = unit.end
        suffix = next((w for w in BOUND_AFTER if text.startswith(w, end)), None)
        if suffix is not None:
            end += len(suffix)
        # A bound word right before the number (达到了 95%, 控制在 1%).
        trimmed = before
        while trimmed.endswith(_TRAILING) and not any(trimmed.endswith(w) for w in _BOUND_WORDS):
            trimmed = trimmed[:-1]
        bound_word = next((w for w in _BOUND_WORDS if trimmed.endswith(w)), None)
        level_word = next((w for w in TO_LEVEL if before.endswith(w)), None)
        start = at
        dated = None if level_word or bound_word else self._period_just_before(at)
        if dated is not None:
            # 增加到2021年的46773万人: the level word stands before the value's period.
            head = text[max(self.clause_start(at), dated - _LOOK_BACK) : dated]
            level_word = next((w for w in TO_LEVEL if head.endswith(w)), None)
            if level_word is not None:
                start = dated - len(level_word)
        elif level_word is not None:
            start = at - len(level_word)
        elif bound_word is not None:
            start = floor + len(trimmed) - len(bound_word)
        change = None if level_word else self._change_before(floor, start)
        inherited = False
        # 分别达到90%、99%和13.5年: items of a list share the words before the first.
        listed = previous is not None and text[previous.end : at] in _LIST_GAPS
        if listed and previous is not None and bound_word is None and level_word is None:
            bound_word, level_word = previous.bound_word, previous.level_word
        if (
            change is None
            and listed
            and previous is not None
            and previous.kind in ("change", "growth")
            and previous.keyword in CHANGE
        ):
            change, inherited = (at, previous.keyword), True
        quantity, comparator, approx = self._quantity(number, unit, bound_word, suffix)
        if level_word is not None and comparator is not Comparator.BETWEEN:
            comparator = TO_LEVEL[level_word] if suffix is None else comparator
        kind, keyword = "level", level_word or bound_word
        if change is not None and change[1] in NOUN_CHANGE and unit.unit.symbol != "%":
            change = None  # 人口自然增长率为5‰: a level of a rate named 增长率
        if change is not None:
            change_at, keyword = change
            if not inherited:
                start = change_at
            kind, quantity = self._as_change(quantity, CHANGE[keyword])
            if CHANGE[keyword] < 0:
                comparator = flip(comparator)
        return Reading(
            start=start,
            end=end,
            kind=kind,
            quantity=quantity,
            comparator=comparator,
            approx=approx,
            keyword=keyword,
            baseline=self._baseline_before(start) if kind != "level" else None,
            subject_start=max(clause, previous.end if previous else 0),
            bound_word=bound_word,
            level_word=level_word,
        )

    def _change_before(self, floor: int, start: int) -> tuple[int, str] | None:
        text = self.text
        # 较全省增速高1.87个百分点, 比全市低174元: a difference from a reference.
        lead = text[start - 1 : start]
        if lead in _REFERENCE_CHANGE:
            window = text[max(self.clause_start(start), start - _RANK_LOOK_BACK) : start]
            if "较" in window or "比" in window:
                return start - 1, lead
        for index in range(start - 1, max(floor, start - _LOOK_BACK) - 1, -1):
            word = next((w for w in _CHANGE_WORDS if text.startswith(w, index)), None)
            if word is None or word in _REFERENCE_CHANGE or self._in(self._not_change, index):
                continue
            # 下降 rather than its tail 降: the longest change word ending here.
            stop = index + len(word)
            for back in (3, 2, 1):
                longer = text[max(floor, index - back) : stop]
                if longer in CHANGE and len(longer) > len(word):
                    index, word = stop - len(longer), longer
                    break
            gap = text[index + len(word) : start]
            if GLUE.fullmatch(gap):
                return index, word
            return None
        return None

    def _quantity(
        self, number: Number, unit: _Unit, bound_word: str | None, suffix: str | None
    ) -> tuple[Quantity, Comparator | None, str | None]:
        of = unit.unit
        if number.open_ends:  # 十几, 几十
            if unit.approx or bound_word or suffix:
                raise ParseError("cannot qualify an approximate number", value=str(number.low))
            quantity = Quantity(low=number.low, high=number.high, unit=of, low_open=True,
                                high_open=True)  # fmt: skip
            return quantity, None, "几"
        if number.high != number.low:  # a range: 7-9%, 控制在90%—95%
            if (
                unit.approx
                or suffix
                or (
                    bound_word is not None
                    and bound_word not in REACH_WORDS
                    and bound_word not in ("控制在", "控制到")
                )
            ):
                raise ParseError("cannot qualify a range", value=f"{number.low}-{number.high}")
            quantity = Quantity(low=number.low, high=number.high, unit=of)
            return quantity, Comparator.BETWEEN, None
        value = number.low
        if unit.approx is not None:
            if value <= 0 or (suffix and BOUND_AFTER[suffix] is None):
                raise ParseError("an approximate mark needs a positive number", value=str(value))
            high = exact("+", value, step_of(value))
            quantity = Quantity(low=value, high=high, unit=of, low_open=True, high_open=True)
            comparator = BOUND_AFTER[suffix] if suffix else None
            return quantity, comparator, unit.approx
        if suffix is not None:
            comparator = BOUND_AFTER[suffix]
            approx = suffix if comparator is None else None
            if approx is None and bound_word in APPROX_BEFORE:
                approx = bound_word
            return bounded(value, of, suffix, self.tolerance), comparator, approx
        if bound_word is None:
            return Quantity(low=value, high=value, unit=of), None, None
        comparator = BOUND_BEFORE[bound_word]
        if comparator is None:
            return bounded(value, of, bound_word, self.tolerance), None, bound_word
        if bound_word in REACH_WORDS or bound_word in ("控制在", "控制到"):
            return Quantity(low=value, high=value, unit=of), comparator, None
        word = {
            Comparator.AT_LEAST: "不低于",
            Comparator.MORE_THAN: "超过",
            Comparator.AT_MOST: "不超过",
            Comparator.LESS_THAN: "不满",
        }[comparator]
        return bounded(value, of, word, self.tolerance), comparator, None

    def _as_change(self, quantity: Quantity, sign: int) -> tuple[str, Quantity]:
        unit = quantity.unit
        kind = "change"
        if unit.dimension == "ratio":  # 增长1.82倍: 182 %
            hundred = Decimal(100)
            quantity = Quantity(
                low=None if quantity.low is None else exact("*", quantity.low, hundred),
                high=None if quantity.high is None else exact("*", quantity.high, hundred),
                unit=self.units.parse("%"),
                low_open=quantity.low_open,
                high_open=quantity.high_open,
            )
            kind = "growth"
        elif unit.symbol == "%":
            kind = "growth"
        elif unit.dimension == "rate":
            difference = self.units.difference_unit(unit)
            quantity = attrs.evolve(quantity, unit=difference)
        if sign < 0:
            quantity = negate(quantity)
        return kind, quantity


def _later(first: Reading | None, second: Reading) -> Reading:
    return second if first is None or second.end >= first.end else first
