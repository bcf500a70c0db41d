"""A document's outline: its parts, numbered headings and paragraphs, with spans.

Chinese plans and reports number their headings 一、 (section), (一) / （一）
(subsection), 1. / 1、 (task or item) and (1) / （1） (point).  A heading is only
taken as one when its number continues the numbering of its level (or starts it
again at one); a line broken in the middle of a sentence (a long line that ends
without a full stop) continues on the next line, even when the next line
happens to start with "一、".  Title lines ending in 工作总结, 工作要点, 计划 …
start a new *part*, so that one file holding a summary and a plan is read as two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

import attrs

from ...errors import ParseError
from ...values.numbers import parse_chinese_integer

__all__ = ["Block", "Heading", "Outline", "Part", "SourceSpan", "outline"]

DocumentKind = Literal["plan", "report"]


@attrs.frozen(slots=True)
class SourceSpan:
    """A range ``[start, end)`` of character positions in the document's text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The text the span covers."""
        return text[self.start : self.end]


@attrs.frozen(kw_only=True, slots=True)
class Part:
    """A document within the file: a summary, a plan, or the text before any title.

    Attributes:
        title: Its title line, if it has one.
        kind: ``"plan"`` or ``"report"`` as its title says, or ``None``.
        year: The year its title (or its first paragraph) names.
        span: Where the title is (an empty span at 0 for the untitled start).

    """

    title: str | None
    kind: DocumentKind | None
    year: int | None
    span: SourceSpan


@attrs.frozen(kw_only=True, slots=True)
class Heading:
    """A numbered heading (一、 / (一) / 1. / (1)).

    Attributes:
        level: 1 for 一、, 2 for (一), 3 for 1. / 1、, 4 for (1).
        number: Its number (一 → 1).
        marker: The marker as written ("一、", "（一）", "12、").
        title: The heading text, up to its first full stop.
        span: Where the marker and title are.
        parent: The index of the enclosing heading in :attr:`Outline.headings`.
        part: The index of its part in :attr:`Outline.parts`.

    """

    level: int
    number: int
    marker: str
    title: str
    span: SourceSpan
    parent: int | None
    part: int


@attrs.frozen(kw_only=True, slots=True)
class Block:
    """A paragraph (lines broken mid-sentence joined), under its innermost heading."""

    span: SourceSpan
    heading: int | None
    part: int


@attrs.frozen(kw_only=True, slots=True)
class Outline:
    """A document's parts, headings and paragraphs, in order."""

    text: str
    parts: tuple[Part, ...]
    headings: tuple[Heading, ...]
    blocks: tuple[Block, ...]

    def path(self, heading: int | None) -> tuple[Heading, ...]:
        """The headings from the outermost down to *heading*."""
        found: list[Heading] = []
        while heading is not None:
            found.append(self.headings[heading])
            heading = self.headings[heading].parent
        return tuple(reversed(found))

    def label(self, heading: int | None) -> str:
        """A short locator such as ``一(一)1``."""
        return "".join(_LABEL[h.level](h.number) for h in self.path(heading))


_CN = "一二三四五六七八九十"
_LABEL = {
    1: lambda n: _cn(n),
    2: lambda n: f"({_cn(n)})",
    3: lambda n: str(n),
    4: lambda n: f"({n})",
}


def _cn(number: int) -> str:
    if number <= 10:
        return _CN[number - 1]
    if number < 20:
        return "十" + ("" if number == 10 else _CN[number - 11])
    tens, units = divmod(number, 10)
    return _CN[tens - 1] + "十" + ("" if units == 0 else _CN[units - 1])


_SPACE = " \t\u3000\ufeff\r"
_HEADING = re.compile(
    rf"(?P<l1>(?P<n1>[{_CN}]{{1,3}})\s*[、.．])"
    rf"|(?P<l2>[(（]\s*(?P<n2>[{_CN}]{{1,3}})\s*[)）]\s*[、.．]?)"
    r"|(?P<l3>(?P<n3>[0-9０-９]{1,2})\s*(?:[、．]|\.(?![0-9０-９])))"
    r"|(?P<l4>[(（]\s*(?P<n4>[0-9０-９]{1,2})\s*[)）]\s*[、.．]?)"
)
_INLINE_TASK = re.compile(r"(?<![0-9０-９.．])([0-9０-９]{1,2})(?:[、．]|\.(?![0-9０-９]))")
_TITLE_WORDS = re.compile(
    r"(工作总结|总结|工作要点|要点|工作计划|计划书|计划|规划|实施方案|方案|工作报告|报告|"
    r"岗位职责|职责|工作安排)$"
)
_PLAN_WORDS = ("要点", "计划", "规划", "方案", "安排")
_REPORT_WORDS = ("总结", "报告")
_TERMINAL = frozenset("。！？；：:!?;…”’」』》）)")
_SENTENCE_END = re.compile(r"[。！？!?]")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")
_DATED = re.compile(
    r"((?:19|20)\d\d)\s*(?:年\s*\d{1,2}\s*月|[—\-－./]\s*\d{1,2}\s*[—\-－./]\s*\d{1,2})"
)
_LONG_LINE = 20
_TITLE_MAX = 40


def _number(text: str) -> int:
    """The number of a heading marker; 0 (never in sequence) when it is not one (一二、)."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    try:
        return parse_chinese_integer(text)
    except ParseError:
        return 0


def _title_kind(title: str) -> DocumentKind | None:
    if any(word in title for word in _REPORT_WORDS):
        return "report"
    if any(word in title for word in _PLAN_WORDS):
        return "plan"
    return None


def _is_title(line: str) -> bool:
    return (
        len(line) <= _TITLE_MAX
        and _TITLE_WORDS.search(line) is not None
        and not any(mark in line for mark in "。，；,;")
        and _HEADING.match(line) is None
    )


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line without its end-of-line, blanks and spaces trimmed."""
    position = 0
    length = len(text)
    while position <= length:
        end = text.find("\n", position)
        if end < 0:
            end = length
        start, stop = position, end
        while start < stop and text[start] in _SPACE:
            start += 1
        while stop > start and text[stop - 1] in _SPACE:
            stop -= 1
        yield start, stop
        position = end + 1


def _split_trailing_title(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A title glued to the end of a paragraph ("…加以解决。娄星区教育局2011年工作要点")."""
    cut = text.rfind("。", start, end)
    if cut < 0 or end - (cut + 1) < 4:
        return [(start, end)]
    tail = text[cut + 1 : end]
    if _is_title(tail):
        return [(start, cut + 1), (cut + 1, end)]
    return [(start, end)]


@attrs.define
class _Builder:
    text: str
    default_year: int | None
    parts: list[Part] = attrs.field(factory=list)
    headings: list[Heading] = attrs.field(factory=list)
    blocks: list[Block] = attrs.field(factory=list)
    last: dict[int, int] = attrs.field(factory=dict)
    stack: list[int] = attrs.field(factory=list)
    paragraph: list[int] | None = None  # [start, end, heading]
    paragraph_open: bool = False
    part_has_blocks: bool = False

    def close(self) -> None:
        if self.paragraph is not None:
            start, end, heading = self.paragraph
            self.blocks.append(
                Block(
                    span=SourceSpan(start, end),
                    heading=None if heading < 0 else heading,
                    part=len(self.parts) - 1,
                )
            )
            self.part_has_blocks = True
        self.paragraph = None
        self.paragraph_open = False

    def start_part(self, start: int, end: int) -> None:
        title = self.text[start:end]
        if self.parts and not self.part_has_blocks and self.parts[-1].title is not None:
            # "第二篇:…总结" followed by the title itself: one part.
            self.parts.pop()
        match = _YEAR.search(title)
        self.parts.append(
            Part(
                title=title,
                kind=_title_kind(title),
                year=int(match.group(1)) if match else None,
                span=SourceSpan(start, end),
            )
        )
        self.part_has_blocks = False
        self.last.clear()
        self.stack.clear()

    def current_heading(self) -> int:
        return self.stack[-1] if self.stack else -1

    def add_line(self, start: int, end: int, heading: int, *, title_only: bool = False) -> None:
        line = self.text[start:end]
        continued = self.paragraph is not None and self.paragraph_open
        if continued:
            assert self.paragraph is not None
            self.paragraph[1] = end
        else:
            self.close()
            self.paragraph = [start, end, heading]
        last = line[-1] if line else "。"
        if title_only:
            self.paragraph_open = last in "，、,"
        else:
            self.paragraph_open = last in "，、," or (
                last not in _TERMINAL and (continued or end - start >= _LONG_LINE)
            )

    def heading_at(self, start: int, end: int) -> re.Match[str] | None:
        match = _HEADING.match(self.text, start, end)
        if match is None or match.end() >= end:
            return None
        return match

    def level_of(self, match: re.Match[str]) -> tuple[int, int]:
        for level in (1, 2, 3, 4):
            if match.group(f"l{level}"):
                return level, _number(match.group(f"n{level}"))
        raise AssertionError("a heading match has a level")  # pragma: no cover

    def accepts(self, level: int, number: int) -> tuple[bool, bool]:
        """(continues the numbering, starts it again)."""
        return number == self.last.get(level, 0) + 1, number == 1

    def line(self, start: int, end: int, *, inline: bool = False) -> None:
        if start >= end:
            self.close()
            return
        text = self.text
        if _is_title(text[start:end]):
            self.close()
            self.start_part(start, end)
            return
        match = self.heading_at(start, end)
        if match is not None:
            level, number = self.level_of(match)
            continues, restarts = self.accepts(level, number)
            if self.paragraph_open and not continues:
                self.add_line(start, end, self.current_heading())
                return
            if continues or restarts or inline:
                self.heading(match, level, number, end)
                return
        self.add_line(start, end, self.current_heading())

    def heading(self, match: re.Match[str], level: int, number: int, end: int) -> None:
        self.close()
        self.last[level] = number
        for deeper in (2, 4) if level == 1 else (4,) if level in (2, 3) else ():
            if deeper > level:
                self.last.pop(deeper, None)
        while self.stack and self.headings[self.stack[-1]].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        body_start = match.end()
        split = end
        if level in (1, 2):
            expected = self.last.get(3, 0) + 1
            for inline in _INLINE_TASK.finditer(self.text, body_start, end):
                found = _number(inline.group(1))
                spaced = self.text[inline.start() - 1] in _SPACE + " "
                if (found in (expected, 1) or spaced) and inline.start() > body_start:
                    split = inline.start()
                    break
        title_end = split
        stop = _SENTENCE_END.search(self.text, body_start, split)
        if stop is not None:
            title_end = stop.start()
        colon = re.compile(r"[:：]").search(self.text, body_start, title_end)
        if colon is not None:
            title_end = colon.start()
        title = self.text[body_start:title_end].strip(_SPACE + " ")
        index = len(self.headings)
        self.headings.append(
            Heading(
                level=level,
                number=number,
                marker=match.group(0).strip(),
                title=title,
                span=SourceSpan(match.start(), title_end),
                parent=parent,
                part=len(self.parts) - 1,
            )
        )
        self.stack.append(index)
        self.add_line(match.start(), split, index, title_only=title_end >= split)
        if split < end:
            self.line(split, end, inline=True)


def outline(text: str) -> Outline:
    r"""Read the outline of *text*.

    >>> doc = outline("2011年工作要点\n一、重基础\n1.巩固成果。入学率100%。\n2.发展学前教育。")
    >>> [(h.marker, h.title) for h in doc.headings]
    [('一、', '重基础'), ('1.', '巩固成果'), ('2.', '发展学前教育')]
    >>> doc.parts[0].kind, doc.parts[0].year
    ('plan', 2011)
    >>> doc.label(doc.blocks[-1].heading)
    '一2'
    """
    builder = _Builder(text=text, default_year=None)
    builder.parts.append(Part(title=None, kind=None, year=None, span=SourceSpan(0, 0)))
    for start, end in _lines(text):
        for piece_start, piece_end in _split_trailing_title(text, start, end):
            builder.line(piece_start, piece_end)
    builder.close()
    parts = builder.parts
    if len(parts) > 1 and not any(block.part == 0 for block in builder.blocks):
        # Nothing before the first title: drop the untitled start.
        parts = parts[1:]
        blocks = [attrs.evolve(b, part=b.part - 1) for b in builder.blocks]
        headings = [attrs.evolve(h, part=h.part - 1) for h in builder.headings]
    else:
        blocks, headings = builder.blocks, builder.headings
    parts = [_with_year(part, index, blocks, text) for index, part in enumerate(parts)]
    return Outline(text=text, parts=tuple(parts), headings=tuple(headings), blocks=tuple(blocks))


def _with_year(part: Part, index: int, blocks: list[Block], text: str) -> Part:
    """The year of a part: its title's, else its first paragraph's, else the first date in it.

    A summary dated at its foot ("2011年7月13日") is about that year.
    """
    if part.year is not None:
        return part
    own = [block for block in blocks if block.part == index]
    if own:
        first = own[0].span
        match = _YEAR.search(text, first.start, min(first.end, first.start + 80))
        if match is not None:
            return attrs.evolve(part, year=int(match.group(1)))
    for block in own:
        match = _DATED.search(text, block.span.start, block.span.end)
        if match is not None:
            return attrs.evolve(part, year=int(match.group(1)))
    return part
