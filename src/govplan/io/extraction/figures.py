"""Figures: which stated value is a target and which a result, of what, for when.

The values themselves are read by the values layer (see :mod:`.readings`);
this module reads the document around them: the indicator named before the
value, the commitment word (确保 / 力争 …) governing it, the period the sentence
or its part is about, a change's baseline (比2009年增加), a deadline, the
organisation it is about, and whether the sentence plans (a target), reports
(a result) or forecasts (预计: neither).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from ...errors import GovplanError
from ...model.targets import Basis, Commitment, Comparator, is_band
from ...values.period_text import find_periods
from ...values.periods import Deadline, Period, parse_deadline
from ...values.quantities import Quantity, negate
from ...values.statements import StatementKind
from ...values.units import PERCENT, PERCENTAGE_POINT
from .drafts import DraftFigure, DraftMeasure, FigureKind, UnreadText
from .readings import Reading
from .sentences import Sentence, clauses

__all__ = ["SentenceContext", "comparator_of", "read_figures", "slug"]


@attrs.frozen(kw_only=True, slots=True)
class SentenceContext:
    """What the document says around a sentence."""

    sentence: Sentence
    part_kind: str
    year: int | None
    section: str | None
    organisations: tuple[str, ...]
    responsible: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, slots=True)
class Found:
    """A figure with the sentence positions the claim linker needs."""

    figure: DraftFigure
    start: int
    end: int
    clause: int
    sentence: Sentence
    change: tuple[Period | None, Basis, bool, bool] | None = None


_COMMITMENT = re.compile(r"确保|务必|必须|力争|争取|努力")
_ENSURE = ("确保", "务必", "必须")
_PLANNED = re.compile(
    r"计划(?=[新完投建实开造增招培改种植建设0-9])|拟(?=[新完投建实开造增招培改种])"
)
_DONE = re.compile(r"完成了|实际|已经|已")
_PAST = re.compile(r"了|已经|已")
_SAME_RUN = re.compile(r"[、和及与]?")
_RELATIVE_YEAR = re.compile(
    r"(?<![比较与])(?P<word>今年|本年|全年|当年|去年|上年|明年)(?P<term>春季|秋季)?"
)
_TERM = re.compile(r"(?P<by>到|至)?(?P<year>(?:19|20)\d\d)年(?P<term>春季|秋季)")
_BY_TERM = re.compile(r"(?:到|至)(?:19|20)\d\d年(?:春季|秋季)")
_BASE_YEAR = re.compile(r"(?:19|20)\d\d")
_DEADLINE = re.compile(
    r"(?:(?:19|20)\d\d年)?(?:\d{1,2}月(?:\d{1,2}日)?(?:底|末|前|以前|之前|中旬|上旬|下旬|初)"
    r"|年底|年内)"
    r"|(?:19|20)\d\d年(?:以前|之前|前|底)"
)
_LEADING = re.compile(
    r"^(?:[，,；;、。和及与并又还已均都也再将要使把对在于从由以共有是为了(（]|全区|全市|全县|全省|全镇|全年"
    r"|今年|去年|当年|目前|现在|我局|我区|我县|我市|本局|累计|其中|总计|合计|一共|共计|分别"
    r"|确保|力争|争取|努力|千方百计|务必|必须|实现|保持|进一步|继续|通过|"
    r"到(?:19|20)\d\d年(?:春季|秋季|底)?|(?:19|20)\d\d年(?:春季|秋季|底)?)+"
)
_TRAILING = re.compile(
    r"(?:为|是|达到|达|到|共|计|有|控制在|保持在|提高到|提高至|降到|降至|实现|完成|突破|超过"
    r"|约|近|了|的|在|以|占|分别|共有|总计|合计|一共|共计|都|均|已|又|再|累计|共计)+$"
)
_RESPONSIBLE = re.compile(
    r"(?:牵头单位|责任单位|负责单位|主办单位|承办单位)[:：]\s*(?P<listed>[\u4e00-\u9fff、]{2,40})"
    r"|由(?P<by>[\u4e00-\u9fff、]{2,24}?)(?:牵头|负责|承办|组织实施)"
)
_MARKER = re.compile(
    r"^(?:[(（][0-9一二三四五六七八九十]{1,3}[)）]|[0-9一二三四五六七八九十]{1,3}[、.．])"
)
_PARENS = re.compile(r"[(（][^()（）]*[)）]")
_LIST_SPLIT = re.compile(r"[和及与、]")
_RATE_END = ("率", "比例", "比率")


def slug(name: str) -> str:
    """A stable id for a name as written: its words, without spaces or punctuation.

    >>> slug("初中生辍学率（%）")
    '初中生辍学率'
    """
    kept = "".join(ch for ch in _PARENS.sub("", name) if ch.isalnum() or ch in "-_")
    return kept[:24] or "指标"


def comparator_of(quantity: Quantity | None, *, zero: bool = False) -> Comparator:
    """What the wording of a value says of it (``equal`` for an exact value).

    >>> from govplan import parse_quantity
    >>> comparator_of(parse_quantity("95%以上")).value
    'at_least'
    >>> comparator_of(parse_quantity("300多人")).value
    'between'
    """
    if quantity is None or zero:
        return Comparator.ZERO
    if quantity.unit.symbol == "名次":
        return Comparator.RANK_WITHIN if not quantity.is_exact else Comparator.EQUAL
    if quantity.is_exact:
        return Comparator.EQUAL
    if quantity.high is None:
        return Comparator.MORE_THAN if quantity.low_open else Comparator.AT_LEAST
    if quantity.low is None:
        return Comparator.LESS_THAN if quantity.high_open else Comparator.AT_MOST
    return Comparator.BETWEEN


def _sentence_periods(text: str, year: int | None) -> list[tuple[int, Period]]:
    """(end, period) of the period phrases of a sentence, in order.

    The phrases are read by :func:`govplan.find_periods`; what depends on the
    document is read here: 今年 / 去年 / 明年 against the document's year, and a
    school term (春季 / 秋季) after the year it belongs to.  A year after 比 is a
    change's baseline, not the period of what follows.
    """
    found: list[tuple[int, Period]] = []
    for mention in find_periods(text, year=year):
        start, end = mention.span
        if mention.period is None or (start > 0 and text[start - 1] in "比较与"):
            continue
        found.append((end, mention.period))
    for match in _RELATIVE_YEAR.finditer(text):
        if year is None:
            break
        word = match.group("word")
        base = year - 1 if word in ("去年", "上年") else year + 1 if word == "明年" else year
        found.append((match.end(), _with_term(base, match.group("term"))))
    for match in _TERM.finditer(text):
        term_year, term = int(match.group("year")), match.group("term")
        if match.group("by"):
            # 到2011年秋季: by the autumn intake, the month the term opens (September).
            found.append((match.end(), Period.month(term_year, 9 if term == "秋季" else 2)))
        else:
            found.append((match.end(), _with_term(term_year, term)))
    found.sort(key=lambda pair: pair[0])
    return found


def _with_term(year: int, term: str | None) -> Period:
    if term == "春季":
        return Period.term(year, "spring")
    if term == "秋季":
        return Period.term(year, "autumn")
    return Period.year(year)


def _period_at(periods: list[tuple[int, Period]], position: int, year: int | None) -> Period | None:
    """The last period phrase before *position* in its sentence, or the document's year.

    A period named at the start of a sentence (2010年春季开学，…；…) holds for
    every clause of it until another is named.
    """
    chosen: Period | None = None
    for end, period in periods:
        if end > position:
            break
        chosen = period
    return chosen if chosen is not None else (None if year is None else Period.year(year))


def responsible_units(text: str) -> tuple[str, ...]:
    """The units a sentence names as leading or responsible (由局办公室牵头, 责任单位：…).

    >>> responsible_units("由局办公室牵头，对局机关进行检查")
    ('局办公室',)
    >>> responsible_units("责任单位：教育局、财政局")
    ('教育局', '财政局')
    """
    found: list[str] = []
    for match in _RESPONSIBLE.finditer(text):
        names = match.group("listed") or match.group("by")
        for name in names.split("、"):
            name = name.strip()
            if len(name) >= 2 and name not in found:
                found.append(name)
    return tuple(found)


def _deadline(text: str, year: int | None) -> tuple[Deadline, str, int, int] | None:
    if year is None:
        return None
    for match in _DEADLINE.finditer(text):
        try:
            return parse_deadline(match.group(0), year=year), match.group(0), *match.span()
        except GovplanError:
            continue
    return None


def _clean_name(raw: str) -> str:
    name = _DEADLINE.sub("", _PARENS.sub("", _MARKER.sub("", raw)))
    name = name.rpartition("(")[2].rpartition("（")[2]
    if "的" in name:
        _head, _, tail = name.rpartition("的")
        if len(tail) >= 2:
            name = tail
    for _ in range(3):
        name = _LEADING.sub("", name)
        name = _TRAILING.sub("", name)
    return name.strip(" \u3000“”\"'。，；、")[-24:]


def _split_names(name: str) -> list[str]:
    """Two rates named at once: 小学生入学率和巩固率 names 小学生入学率 and 小学生巩固率."""
    pieces = [p for p in _LIST_SPLIT.split(name) if p]
    if len(pieces) < 2 or not all(p.endswith(_RATE_END) for p in pieces):
        return [name]
    first = pieces[0]
    names = [first]
    for piece in pieces[1:]:
        stem = first[: len(first) - len(piece)] if len(first) > len(piece) else ""
        names.append(stem + piece)
    return names


def _respectively(raw_name: str, count: int) -> list[str] | None:
    """One indicator per value of 初中和高中教师本科学历比例分别达65%和90%."""
    subject = _clean_name(raw_name)
    first, sep, second = subject.partition("和")
    if not sep or count != 2 or not first or len(first) >= len(second):
        return None
    return [first + second[len(first) :], second]


def read_figures(
    context: SentenceContext, readings: tuple[Reading, ...], *, first_id: int
) -> Iterator[Found | UnreadText | DraftMeasure]:
    """Figures (and forecasts left unread, and measures with deadlines) of one sentence."""
    sentence = context.sentence
    text = sentence.text
    bounds = clauses(text)
    deadline = _deadline(text, context.year)
    responsible = responsible_units(text) or context.responsible
    if deadline is not None and context.part_kind == "plan":
        start, end = _clause_at(bounds, deadline[2])
        yield DraftMeasure(
            id=f"m{sentence.index}",
            action=text[start:end],
            deadline=deadline[0],
            lead=responsible,
            section=context.section,
            span=sentence.source_span(start, end),
        )
    previous: Found | None = None
    outside: Found | None = None  # the last figure not in parentheses
    sentence_names: list[str] = []
    periods = _sentence_periods(text, context.year) if readings else []
    respectively = _respectively_names(text, readings)
    number = first_id
    for position, reading in enumerate(readings):
        clause_index = _clause_index(bounds, reading.start)
        clause_start = bounds[clause_index][0]
        raw_start = clause_start
        if previous is not None and previous.clause == clause_index:
            raw_start = max(raw_start, previous.end)
        before = text[raw_start : reading.start]
        span = sentence.source_span(reading.start, reading.end)
        head = text[: reading.start]
        if context.part_kind != "plan" and reading.forecast:
            yield UnreadText(
                text=reading.text, reason="a forecast (预计 / 有望), not a result", span=span
            )
            continue
        kind, commitment = _kind(context.part_kind, head)
        previous_target = previous is not None and previous.figure.kind is FigureKind.TARGET
        if (
            kind is FigureKind.TARGET
            and not previous_target
            and not _target_wording(reading, before, commitment)
        ):
            yield UnreadText(
                text=reading.text,
                reason="a quantity in a plan without target wording (达到, 建设, 确保 …); "
                "not read as a target",
                span=span,
            )
            continue
        change = _change(reading, context.year)
        if (
            change is None
            and previous is not None
            and previous.change is not None
            and _SAME_RUN.fullmatch(text[previous.end : reading.start])
        ):
            # 分别下降28.1%、31.0%: the values after the first share its change word.
            inherited = previous.change
            previous_quantity = previous.figure.quantity
            down = (
                previous_quantity is not None
                and previous_quantity.high is not None
                and previous_quantity.high < 0
            )
            change = (inherited[0], inherited[1], down, inherited[3])
        names: list[str]
        if change is not None and outside is not None:
            names = [outside.figure.indicator]  # a change is of the value before it
        elif respectively is not None and position in respectively:
            names = [respectively[position]]
        else:
            name = _clean_name(before)
            if not name and previous is not None and previous.clause == clause_index:
                name = previous.figure.indicator
            if not name and sentence_names:
                name = _common_suffix(sentence_names)  # 省上奖励…县上奖励，共31项 → 奖励
            if not name:
                # 14035户25559人享受城乡低保: the words after the run of values name them
                cursor, following = reading.end, position + 1
                while following < len(readings) and readings[following].start == cursor:
                    cursor = readings[following].end
                    following += 1
                after = text[cursor : bounds[clause_index][1]]
                name = _clean_name(_DIGIT_RUN.split(after)[0])[:12]
            if 0 < len(name) <= 4:
                name += _noun_after(text, reading.end, bounds[clause_index][1])
            names = _split_names(name) if name else [""]
        review: list[str] = []
        scope = next((o for o in context.organisations if o in before), None)
        if scope is None and kind is FigureKind.TARGET and responsible:
            scope = responsible[0]
        period = _period_at(periods, reading.start, context.year)
        intake = _BY_TERM.search(text, 0, reading.start)
        figure_deadline = deadline[0] if deadline is not None else None
        if intake is not None and kind is FigureKind.TARGET and period is not None:
            figure_deadline = Deadline(due=period.end, stated=intake.group(0))
            review.append(f"{intake.group(0)} read as by the intake month ({period})")
        if period is None:
            review.append("period not stated and the document's year unknown")
        quantity: Quantity | None = reading.quantity
        comparator = comparator_of(quantity, zero=reading.zero)
        change_from: Period | None = None
        basis: Basis | None = None
        if change is not None:
            change_from, basis, down, assumed = change
            if down and quantity is not None:
                quantity = _negated(quantity)
            if assumed:
                review.append("the baseline is not named: read as the year before")
        if kind is FigureKind.TARGET:
            comparator, note = _target_comparator(quantity, reading, before)
            if note:
                review.append(note)
            if reading.zero:
                quantity = None
        if reading.approx and kind is FigureKind.RESULT:
            pass
        for name in names:
            figure = DraftFigure(
                id=f"f{number}",
                kind=kind,
                indicator=name or "未命名指标",
                indicator_id=slug(name),
                text=reading.text,
                quantity=quantity,
                comparator=comparator,
                approx=reading.approx,
                commitment=commitment if kind is FigureKind.TARGET else None,
                period=period,
                deadline=figure_deadline if kind is FigureKind.TARGET else None,
                change_from=change_from,
                basis=basis,
                scope=scope,
                section=context.section,
                span=span,
                sentence=sentence.span,
                clause=sentence.source_span(*bounds[clause_index]),
                review=tuple(review) + (() if name else ("the indicator is not named",)),
            )
            number += 1
            found = Found(
                figure=figure,
                start=reading.start,
                end=reading.end,
                clause=clause_index,
                sentence=sentence,
                change=change,
            )
            previous = found
            if not _in_parentheses(text, reading.start):
                outside = found
            sentence_names.append(figure.indicator)
            yield found


_NOUN = re.compile(r"[\u4e00-\u9fff“”]{2,16}?(?=的|[，,；;。、]|$)")


def _noun_after(text: str, start: int, end: int) -> str:
    """The noun a count is of (建设4所省级义务教育合格学校 → 省级义务教育合格学校)."""
    match = _NOUN.match(text[start:end])
    return "" if match is None else match.group(0).replace("“", "").replace("”", "")


_DIGIT_RUN = re.compile(r"[0-9０-９]")


def _in_parentheses(text: str, position: int) -> bool:
    head = text[:position]
    return head.count("(") + head.count("（") > head.count(")") + head.count("）")


def _common_suffix(names: list[str]) -> str:
    """The words every name ends with (省上奖励, 市上奖励 → 奖励), if two characters or more."""
    first = names[0]
    length = 0
    while length < len(first) and all(
        len(n) > length and n[-1 - length] == first[-1 - length] for n in names
    ):
        length += 1
    return first[len(first) - length :] if length >= 2 else ""


def _respectively_names(text: str, readings: tuple[Reading, ...]) -> dict[int, str] | None:
    where = text.find("分别")
    if where < 0:
        return None
    after = [i for i, r in enumerate(readings) if r.start > where]
    if len(after) != 2:
        return None
    bounds = clauses(text)
    start = bounds[_clause_index(bounds, where)][0]
    names = _respectively(text[start:where], 2)
    if names is None:
        return None
    return dict(zip(after, names, strict=True))


def _clause_index(bounds: tuple[tuple[int, int], ...], position: int) -> int:
    for index, (start, end) in enumerate(bounds):
        if start <= position <= end:
            return index
    return len(bounds) - 1


def _clause_at(bounds: tuple[tuple[int, int], ...], position: int) -> tuple[int, int]:
    return bounds[_clause_index(bounds, position)]


def _kind(part_kind: str, head: str) -> tuple[FigureKind, Commitment | None]:
    words = list(_COMMITMENT.finditer(head))
    commitment: Commitment | None = None
    if words:
        word = words[-1]
        commitment = Commitment.ENSURE if word.group(0) in _ENSURE else Commitment.STRIVE
    if part_kind == "plan":
        return FigureKind.TARGET, commitment or Commitment.PLAIN
    if words and not _PAST.search(head, words[-1].end()):
        return FigureKind.TARGET, commitment
    planned = list(_PLANNED.finditer(head))
    if (
        planned
        and not _PAST.search(head, planned[-1].end())
        and not _DONE.search(head, planned[-1].end())
    ):
        return FigureKind.TARGET, Commitment.PLAIN
    return FigureKind.RESULT, None


def _change(reading: Reading, year: int | None) -> tuple[Period | None, Basis, bool, bool] | None:
    """(baseline, basis, to negate, baseline assumed) of a change statement; ``None`` for a level.

    The values layer signs a change (下降 is negative); the baseline is the year
    its words name (比2009年), else the year before (同比, 比上年, or none named).
    """
    if not reading.is_change:
        return None
    named = _BASE_YEAR.search(reading.baseline or "")
    base_year = int(named.group(0)) if named else (None if year is None else year - 1)
    basis = Basis.GROWTH if reading.kind is StatementKind.GROWTH else Basis.CHANGE
    return (
        None if base_year is None else Period.year(base_year),
        basis,
        False,
        reading.baseline is None,
    )


def _negated(quantity: Quantity) -> Quantity:
    """:func:`~govplan.values.quantities.negate`, keeping the quantity's wording."""
    return attrs.evolve(negate(quantity), stated=quantity.stated)


_CUES = re.compile(
    r"达|到|建|完成|实现|确保|力争|争取|控制|提高|降低|降到|新增|增长|增加|培训|突破|不低于|不少于|"
    r"超过|保持|化解|办成|改造|发展|引进|招聘|累计|全年|共|率|比例|减少|下降|覆盖|创建|投入|筹措|"
    r"新建|达标|培养|选派|开展|举办|组织|完成|落实|安排|补充|计划|造林|种植|开工|竣工"
)


def _target_wording(reading: Reading, before: str, commitment: Commitment | None) -> bool:
    """Whether a value in a plan is worded as a target, not as a mere quantity (2瓶矿泉水)."""
    if reading.zero or commitment in (Commitment.ENSURE, Commitment.STRIVE):
        return True
    quantity = reading.quantity
    if quantity.unit in (PERCENT, PERCENTAGE_POINT) or not quantity.is_exact:
        return True
    return _CUES.search(before) is not None


def _target_comparator(
    quantity: Quantity | None, reading: Reading, before: str
) -> tuple[Comparator, str | None]:
    if reading.zero or quantity is None:
        return Comparator.ZERO, None
    if quantity.unit.symbol == "名次":
        return Comparator.RANK_WITHIN, None
    if reading.comparator is not None and not reading.approx:
        return reading.comparator, None
    if quantity.is_exact:
        if _CUES.search(before):
            return Comparator.AT_LEAST, None
        return Comparator.AT_LEAST, "no bound word: read as 'at least' (达到)"
    shape = comparator_of(quantity)
    if reading.approx in ("多", "余", "几"):
        return (
            Comparator.MORE_THAN,
            f"approximate target {reading.text}: read as more than its low end",
        )
    if reading.approx and is_band(quantity):
        return (
            Comparator.EQUAL,
            f"approximate target {reading.text}: a band, met as the indicator's direction says",
        )
    if reading.approx:
        return Comparator.BETWEEN, f"approximate target {reading.text}: read as a band"
    return shape, None
