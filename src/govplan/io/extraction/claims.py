"""Claims: the arithmetic a report states about its own figures.

* **Sums** -- a total with its parts: "1436万元，其中城市741万元，农村695万元"
  (其中 after the total; with one part the parts are only *some* of the total),
  "732万元，…716.5万元，合计1448.5万元" (合计 / 共计 / 总计 / 一共 after the parts),
  "60名…中有37名" (a part of a total), "共N…，分别为A、B".
* **Rates** -- a rate with its counts: "…M人，占N%" (the count before 占, over the
  total it is part of), "上线人数1718人…上线率为50.6%" (the count whose name the
  rate shares, over a population count -- 参考, 参加, 应, 总 … -- of the same
  sentence or, failing that, of another sentence sharing its words; such a
  link is marked for review).
* **Changes** -- a change with the value it changes: "上线率为50.6%，比2009年
  增加了4.81个百分点".

Only figures of the same kind of unit are linked; nothing is computed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from ...values.units import PERCENT, PERCENTAGE_POINT
from .drafts import ClaimKind, DraftClaim, DraftFigure, FigureKind
from .figures import Found

__all__ = ["link_claims"]

_OF_WHICH = "其中"
_BREAKDOWN = re.compile(r"其中[：:，,]?|包括")
_BARE_TOTAL = re.compile(r"[，,；;]\s*(?:共|共计|共有|总共)$")
_TOTAL_WORDS = re.compile(r"(?:合计|共计|总计|一共|总共|累计共)[^\d，；。,;]{0,4}$")
_PART_OF = re.compile(r"[^\d，；。,;其]{1,12}?中(?:[^\d，；。,;]{0,3}?(?P<has>有)|获)")
_SHARE = re.compile(r"占[^\d，；。,;]{0,8}$")
_RESPECTIVELY = re.compile(r"分别(?:为|是|有)?[^\d，；。,;]{0,2}$")
_OF_BASE = re.compile(r"(?:为|是|达|达到)[^\d，；。,;]{0,10}?[\d.]+[^\d，；。,;]{0,4}的$")
_POPULATION = ("参考", "参加", "应届", "报考", "适龄", "总数", "总人数", "考生", "共有", "总计")
_RATE_END = ("率", "比例", "比率")
_MAX_POPULATIONS = 200
_QUOTA = ("任务", "目标", "计划", "指标")
_AVERAGE = ("平均", "人均", "每")


def _count_like(figure: DraftFigure) -> bool:
    return _summable(figure)


def _summable(figure: DraftFigure) -> bool:
    """Counts and amounts add up; rates, percentage points and ranks do not."""
    quantity = figure.quantity
    if quantity is None:
        return False
    symbol = quantity.unit.symbol
    return quantity.unit not in (PERCENT, PERCENTAGE_POINT) and not any(
        mark in symbol for mark in ("名次", "/", "‰", "‱")
    )


def _compatible(a: DraftFigure, b: DraftFigure) -> bool:
    if a.quantity is None or b.quantity is None:
        return False
    return (
        a.quantity.unit.is_compatible(b.quantity.unit)
        and a.change_from is None
        and (b.change_from is None)
    )


def _may_be_part(item: Found) -> bool:
    """Quotas (任务为60万美元) and alternatives (或400万元) are not parts of a total."""
    text = item.sentence.text
    head = text[max(0, item.start - 12) : item.start]
    return not (
        head.endswith("或")
        or any(word in head for word in _QUOTA)
        or any(word in head[-8:] for word in _AVERAGE)
    )


def _results(found: Sequence[Found]) -> list[Found]:
    return [
        f for f in found if f.figure.kind is FigureKind.RESULT and f.figure.quantity is not None
    ]


def _distinct(found: Sequence[Found]) -> list[Found]:
    """One figure per value span (names split over one value share it)."""
    seen: set[int] = set()
    kept: list[Found] = []
    for item in found:
        if item.start not in seen:
            seen.add(item.start)
            kept.append(item)
    return kept


def _low(item: Found) -> Decimal:
    quantity = item.figure.quantity
    assert quantity is not None
    return quantity.low if quantity.low is not None else Decimal("-Infinity")


def _high(item: Found) -> Decimal:
    quantity = item.figure.quantity
    assert quantity is not None
    return quantity.high if quantity.high is not None else Decimal("Infinity")


def _classes(items: list[Found]) -> list[list[Found]]:
    """Figures grouped by kind of unit (户 / 人 / 万元), in order of first appearance."""
    groups: list[list[Found]] = []
    for item in items:
        for group in groups:
            if _compatible(group[0].figure, item.figure):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups


def _breakdown(
    text: str, sentence: list[Found], where: int, word: str
) -> Iterator[tuple[Found, list[Found], bool, str | None]]:
    """The sums of a 其中 / 包括 breakdown at *where*: one per kind of unit."""
    stops = [text.find(mark, where) for mark in ("；", ";", _OF_WHICH, "包括")]
    stop = min((p for p in stops if p > where), default=len(text))
    before = [f for f in sentence if f.end <= where]
    after = [f for f in sentence if where < f.start < stop]
    groups = _classes([f for f in after if _summable(f.figure) and _may_be_part(f)])
    interleaved = sum(1 for g in groups if len(g) > 1) > 1
    for group in groups:
        parts = group if interleaved else _until_gap(group, after)
        if not parts:
            continue
        largest = max(_low(p) for p in parts)
        total = next(
            (
                t
                for t in reversed(before)
                if _compatible(t.figure, parts[0].figure) and _high(t) >= largest
            ),
            None,
        )
        if total is not None:
            yield total, parts, len(parts) > 1, None


def _sums(
    sentence: list[Found], previous: list[Found]
) -> Iterator[tuple[Found, list[Found], bool, str | None]]:
    """(total, parts, exhaustive, review note) of each sum a sentence states."""
    if not sentence:
        return
    text = sentence[0].sentence.text
    used_totals: set[int] = set()
    for marker in _BREAKDOWN.finditer(text):
        for total, parts, exhaustive, note in _breakdown(
            text, sentence, marker.end(), marker.group(0)
        ):
            used_totals.add(total.start)
            yield total, parts, exhaustive, note
    for index, item in enumerate(sentence):
        head = text[: item.start]
        strong = _TOTAL_WORDS.search(head)
        bare = _BARE_TOTAL.search(head)
        if (strong or bare) and _summable(item.figure):
            parts = [
                p
                for p in sentence[:index]
                if _compatible(p.figure, item.figure) and _may_be_part(p)
            ]
            note = None
            if not parts and strong:
                parts = [
                    p for p in previous if _compatible(p.figure, item.figure) and _may_be_part(p)
                ]
                note = "the parts are in the sentence before the total"
            if len(parts) >= 2 and (bare is None or item.start not in used_totals):
                used_totals.add(item.start)
                yield item, parts, True, note
        match = _PART_OF.match(text, item.end)
        if match is not None and item.start not in used_totals and _summable(item.figure):
            after = [p for p in sentence[index + 1 :] if _compatible(p.figure, item.figure)]
            if after:
                used_totals.add(item.start)
                yield item, after[:1] if match.group("has") else after, False, None
    for index, item in enumerate(sentence):
        respectively = _RESPECTIVELY.search(text[: item.start])
        if respectively and item.start not in used_totals and _summable(item.figure):
            totals = [t for t in sentence[:index] if _compatible(t.figure, item.figure)]
            if totals:
                parts = [p for p in sentence[index:] if _compatible(p.figure, item.figure)]
                if len(parts) >= 2:
                    used_totals.add(totals[-1].start)
                    yield totals[-1], parts, True, None


def _until_gap(parts: list[Found], after: list[Found]) -> list[Found]:
    """Parts run until a figure of another kind of unit interrupts them."""
    kept: list[Found] = []
    for item in after:
        if item in parts:
            kept.append(item)
        elif kept:
            break
    return kept


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _larger(candidate: Found, than: Found) -> bool:
    return (
        candidate is not than
        and _compatible(candidate.figure, than.figure)
        and _low(candidate) > _high(than)
    )


def _rates(
    sentence: list[Found],
    sums: list[tuple[Found, list[Found], bool, str | None]],
    everything: list[Found],
) -> Iterator[tuple[Found, Found, Found, str | None]]:
    """(rate, numerator, denominator, review note) of each rate a sentence states."""
    if not sentence:
        return
    text = sentence[0].sentence.text
    part_of = {part.start: total for total, parts, _, _ in sums for part in parts}
    for index, rate in enumerate(sentence):
        figure = rate.figure
        if figure.quantity is None or figure.quantity.unit != PERCENT or figure.change_from:
            continue
        counts = [
            c for c in sentence[:index] if _count_like(c.figure) and c.figure.change_from is None
        ]
        head = text[: rate.start]
        if _SHARE.search(head) and counts:
            share_of = part_of.get(counts[-1].start)
            if share_of is not None:
                yield rate, counts[-1], share_of, None
            continue
        of_base = _OF_BASE.search(head)
        if of_base is not None and counts and counts[-1].end >= of_base.start():
            base = counts[-1]
            numerator = next(
                (c for c in reversed(counts[:-1]) if _compatible(c.figure, base.figure)), None
            )
            if numerator is not None:
                yield rate, numerator, base, None
            continue
        name = figure.indicator
        if "完成" in name and name.endswith(_RATE_END):
            quota = next((c for c in reversed(counts) if _is_quota(c)), None)
            if quota is not None:
                done = next(
                    (
                        c
                        for c in reversed(counts)
                        if c is not quota
                        and not _is_quota(c)
                        and _compatible(c.figure, quota.figure)
                    ),
                    None,
                )
                if done is not None:
                    yield rate, done, quota, None
            continue
        if not name.endswith(_RATE_END):
            continue
        stem = name
        for end in _RATE_END:
            stem = stem.removesuffix(end)
        stems = _bigrams(stem)
        numerator = next(
            (c for c in reversed(counts) if stems & _bigrams(c.figure.indicator)), None
        )
        if numerator is None:
            continue
        denominator = part_of.get(numerator.start)
        note = None
        if denominator is None:
            local = [c for c in sentence if _larger(c, numerator)]
            if len(local) == 1:
                denominator = local[0]
                note = (
                    f"the denominator is read as {local[0].figure.indicator} "
                    f"{local[0].figure.text}, the one larger count of the sentence"
                )
            elif not local:
                denominator, note = _population(numerator, everything)
        if denominator is not None:
            yield rate, numerator, denominator, note


def _is_quota(item: Found) -> bool:
    text = item.sentence.text
    head = text[max(0, item.start - 10) : item.start]
    return any(word in head for word in _QUOTA)


def _population(numerator: Found, everything: list[Found]) -> tuple[Found | None, str | None]:
    """A count stated elsewhere whose name says it is the population (参考学生 …)."""

    def fits(candidate: Found) -> bool:
        return (
            candidate.figure.kind is FigureKind.RESULT
            and _larger(candidate, numerator)
            and any(word in candidate.figure.indicator for word in _POPULATION)
        )

    context = _bigrams(numerator.sentence.text)
    distant = [c for c in everything if fits(c) and _bigrams(c.figure.indicator) & context]
    # everything holds only population-named counts (see link_claims), so this is short.
    if len(distant) == 1:
        return distant[0], (
            f"the denominator ({distant[0].figure.indicator} {distant[0].figure.text}) "
            "is stated in another sentence: check that it is the population of the rate"
        )
    return None, None


def _changes(sentence: list[Found]) -> Iterator[tuple[Found, Found]]:
    """(change, current) pairs: 分别 pairs a run of changes with the figures before it."""
    changes = [
        i
        for i, f in enumerate(sentence)
        if f.figure.change_from is not None and f.figure.kind is FigureKind.RESULT
    ]
    if not changes:
        return
    text = sentence[0].sentence.text
    paired: dict[int, Found] = {}
    run: list[int] = []
    for index in [*changes, -1]:
        starts_run = (
            index >= 0 and run and "分别" in text[sentence[run[-1]].end : sentence[index].start]
        )
        if run and (index != run[-1] + 1 or starts_run):
            first = sentence[run[0]]
            if "分别" in text[: first.start][-16:] and run[0] >= len(run):
                before = sentence[run[0] - len(run) : run[0]]
                for change_index, earlier in zip(run, before, strict=True):
                    paired[change_index] = earlier
            run = []
        if index >= 0:
            run.append(index)
    currents: dict[int, Found] = {}
    for index in changes:
        change = sentence[index]
        pair = paired.get(index)
        current: Found | None = None
        if pair is None:
            current = _current(sentence, index)
        elif pair.figure.change_from is not None:
            # 减少56起少死亡18人，分别下降28.7%和11.2%: the changes of the changes' values
            current = currents.get(sentence.index(pair))
        else:
            current = pair
        if current is not None:
            currents[index] = current
            yield change, current


def _in_parentheses(item: Found) -> bool:
    head = item.sentence.text[: item.start]
    return head.count("(") + head.count("（") > head.count(")") + head.count("）")


def _subject(item: Found) -> set[str]:
    """Bigrams of the words before a value in its clause (同比事故起数下降 → 事故, 起数 …)."""
    text = item.sentence.text
    start = max(text.rfind(mark, 0, item.start) for mark in "，,；;：:") + 1
    return _bigrams(text[start : item.start])


def _current(sentence: list[Found], index: int) -> Found | None:
    change = sentence[index].figure
    assert change.quantity is not None
    candidates = list(_candidates(sentence, index))
    subject = _subject(sentence[index]) - {"同比", "比上", "上年", "下降", "上升", "增长", "增加"}
    named = [c for c in candidates if subject & _bigrams(c.figure.indicator)]
    if named:
        return named[0]  # 同比事故起数下降3.46%: the change of the accidents, not of the deaths
    return candidates[0] if candidates else None


def _candidates(sentence: list[Found], index: int) -> Iterator[Found]:
    """The values a change at *index* may be of, nearest first."""
    change = sentence[index].figure
    assert change.quantity is not None
    for candidate in reversed(sentence[:index]):
        figure = candidate.figure
        if figure.change_from is not None or figure.quantity is None or _in_parentheses(candidate):
            continue
        unit = figure.quantity.unit
        if change.quantity.unit == PERCENTAGE_POINT:
            if unit == PERCENT:
                yield candidate
        elif change.quantity.unit == PERCENT or change.quantity.unit.is_compatible(unit):
            yield candidate


def link_claims(by_sentence: Sequence[list[Found]]) -> list[DraftClaim]:
    """The sums, rates and changes stated by the results of each sentence."""
    everything = [
        f
        for sentence in by_sentence
        for f in _distinct(_results(sentence))
        if any(word in f.figure.indicator for word in _POPULATION)
    ][:_MAX_POPULATIONS]
    claims: list[DraftClaim] = []
    previous: list[Found] = []
    counters = dict.fromkeys(ClaimKind, 0)

    def next_id(kind: ClaimKind) -> str:
        counters[kind] += 1
        return f"{kind.value}-{counters[kind]}"

    for found in by_sentence:
        sentence = _distinct(_results(found))
        if not sentence:
            previous = []
            continue
        span = sentence[0].sentence.span
        sums = list(_sums(sentence, previous))
        for total, parts, exhaustive, note in sums:
            review = [note] if note else []
            if len(parts) == 1:
                review.append("one part only: checked as not exceeding the total")
            claims.append(
                DraftClaim(
                    id=next_id(ClaimKind.SUM),
                    kind=ClaimKind.SUM,
                    total=total.figure.id,
                    parts=tuple(p.figure.id for p in parts),
                    exhaustive=exhaustive,
                    span=span,
                    review=tuple(review),
                )
            )
        for rate, numerator, denominator, note in _rates(sentence, sums, everything):
            claims.append(
                DraftClaim(
                    id=next_id(ClaimKind.RATE),
                    kind=ClaimKind.RATE,
                    rate=rate.figure.id,
                    numerator=numerator.figure.id,
                    denominator=denominator.figure.id,
                    span=span,
                    review=(note,) if note else (),
                )
            )
        for change, current in _changes(sentence):
            claims.append(
                DraftClaim(
                    id=next_id(ClaimKind.CHANGE),
                    kind=ClaimKind.CHANGE,
                    change=change.figure.id,
                    current=current.figure.id,
                    basis=change.figure.basis,
                    span=span,
                )
            )
        previous = sentence if sentence[0].sentence.block == found[0].sentence.block else []
    return claims
