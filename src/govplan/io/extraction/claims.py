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

from ...values.units import PERCENT, PERCENTAGE_POINT
from .drafts import ClaimKind, DraftClaim, DraftFigure, FigureKind
from .figures import Found

__all__ = ["link_claims"]

_OF_WHICH = "其中"
_TOTAL_WORDS = re.compile(r"(?:合计|共计|总计|一共|总共|累计共)[^\d，；。,;]{0,4}$")
_PART_OF = re.compile(r"[^\d，；。,;其]{1,12}?中(?:(?P<has>有)|获)")
_SHARE = re.compile(r"占[^\d，；。,;]{0,8}$")
_RESPECTIVELY = re.compile(r"分别(?:为|是|有)?[^\d，；。,;]{0,2}$")
_POPULATION = ("参考", "参加", "应届", "报考", "适龄", "总数", "总人数", "考生", "共有", "总计")
_RATE_END = ("率", "比例", "比率")
_QUOTA = ("任务", "目标", "计划", "指标")


def _count_like(figure: DraftFigure) -> bool:
    quantity = figure.quantity
    return quantity is not None and quantity.unit not in (PERCENT, PERCENTAGE_POINT)


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
    return not (head.endswith("或") or any(word in head for word in _QUOTA))


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


def _sums(
    sentence: list[Found], previous: list[Found]
) -> Iterator[tuple[Found, list[Found], bool, str | None]]:
    """(total, parts, exhaustive, review note) of each sum a sentence states."""
    if not sentence:
        return
    text = sentence[0].sentence.text
    used_totals: set[int] = set()
    where = text.find(_OF_WHICH)
    while where >= 0:
        before = [f for f in sentence if f.end <= where]
        stop = min(
            (p for p in (text.find("；", where), text.find(";", where)) if p >= 0),
            default=len(text),
        )
        after = [f for f in sentence if where < f.start < stop]
        if before and after:
            total = next(
                (t for t in reversed(before) if _compatible(t.figure, after[0].figure)), None
            )
            if total is not None:
                parts = [p for p in after if _compatible(p.figure, total.figure)]
                parts = _until_gap(parts, after)
                if parts:
                    used_totals.add(total.start)
                    yield total, parts, len(parts) > 1, None
        where = text.find(_OF_WHICH, where + 2)
    for index, item in enumerate(sentence):
        head = text[: item.start]
        if _TOTAL_WORDS.search(head):
            parts = [p for p in sentence[:index] if _compatible(p.figure, item.figure)]
            note = None
            if not parts:
                parts = [
                    p for p in previous if _compatible(p.figure, item.figure) and _may_be_part(p)
                ]
                note = "the parts are in the sentence before the total"
            if len(parts) >= 2:
                used_totals.add(item.start)
                yield item, parts, True, note
        match = _PART_OF.match(text, item.end)
        if match is not None and item.start not in used_totals:
            after = [p for p in sentence[index + 1 :] if _compatible(p.figure, item.figure)]
            if after:
                used_totals.add(item.start)
                yield item, after[:1] if match.group("has") else after, False, None
    for index, item in enumerate(sentence):
        if _RESPECTIVELY.search(text[: item.start]) and item.start not in used_totals:
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
        counts = [c for c in sentence[:index] if _count_like(c.figure)]
        if _SHARE.search(text[: rate.start]) and counts:
            share_of = part_of.get(counts[-1].start)
            if share_of is not None:
                yield rate, counts[-1], share_of, None
            continue
        if not figure.indicator.endswith(_RATE_END):
            continue
        stem = figure.indicator
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
            denominator, note = _population(numerator, sentence, everything)
        if denominator is not None:
            yield rate, numerator, denominator, note


def _population(
    numerator: Found, sentence: list[Found], everything: list[Found]
) -> tuple[Found | None, str | None]:
    def fits(candidate: Found) -> bool:
        figure = candidate.figure
        return (
            candidate is not numerator
            and figure.kind is FigureKind.RESULT
            and _compatible(figure, numerator.figure)
            and figure.quantity is not None
            and numerator.figure.quantity is not None
            and figure.quantity.low is not None
            and numerator.figure.quantity.high is not None
            and figure.quantity.low > numerator.figure.quantity.high
            and any(word in figure.indicator for word in _POPULATION)
        )

    local = [c for c in sentence if fits(c)]
    if len(local) == 1:
        return local[0], None
    context = _bigrams(numerator.sentence.text)
    distant = [c for c in everything if fits(c) and _bigrams(c.figure.indicator) & context]
    if len(distant) == 1:
        return distant[0], (
            f"the denominator ({distant[0].figure.indicator} {distant[0].figure.text}) "
            "is stated in another sentence: check that it is the population of the rate"
        )
    return None, None


def _changes(sentence: list[Found]) -> Iterator[tuple[Found, Found]]:
    for index, change in enumerate(sentence):
        figure = change.figure
        if figure.change_from is None or figure.kind is not FigureKind.RESULT:
            continue
        for current in reversed(sentence[:index]):
            if current.figure.change_from is not None or current.figure.quantity is None:
                continue
            if figure.quantity is None:
                break
            unit = current.figure.quantity.unit
            if (
                (figure.quantity.unit == PERCENTAGE_POINT and unit == PERCENT)
                or (figure.quantity.unit == PERCENT and unit != PERCENT)
                or figure.quantity.unit.is_compatible(unit)
            ):
                yield change, current
            break


def link_claims(by_sentence: Sequence[list[Found]]) -> list[DraftClaim]:
    """The sums, rates and changes stated by the results of each sentence."""
    everything = [f for sentence in by_sentence for f in _distinct(_results(sentence))]
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
