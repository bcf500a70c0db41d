"""Sentences and clauses of a paragraph, with a map back to document positions.

A sentence ends at 。！？ (a semicolon does not end it: the clauses around a
semicolon share the sentence's time and commitment words).  A paragraph broken
over lines is read as one text; :meth:`Sentence.source` maps a position in the
sentence's text back to the document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import attrs

from .outline import Outline, SourceSpan

__all__ = ["MAX_SENTENCE", "Sentence", "clauses", "sentences"]

_END = re.compile(r"[。！？!?]+[”’」』]?")
_CLAUSE = re.compile(r"[，,；;：:]")
_DROPPED = "\n\r"


@attrs.frozen(kw_only=True, slots=True)
class Sentence:
    """A sentence of the document.

    Attributes:
        span: Where it is in the document.
        text: Its text, line breaks inside it removed.
        breaks: Positions in :attr:`text` after which a character was removed.
        block: The index of its paragraph in :attr:`Outline.blocks`.
        index: Its position among all the document's sentences.

    """

    span: SourceSpan
    text: str
    breaks: tuple[int, ...]
    block: int
    index: int

    def source(self, position: int) -> int:
        """The document position of *position* in :attr:`text`."""
        return self.span.start + position + bisect.bisect_right(self.breaks, position)

    def source_span(self, start: int, end: int) -> SourceSpan:
        """The document span of ``text[start:end]``."""
        if end <= start:
            return SourceSpan(self.source(start), self.source(start))
        return SourceSpan(self.source(start), self.source(end - 1) + 1)


def _clean(raw: str) -> tuple[str, tuple[int, ...]]:
    if "\n" not in raw and "\r" not in raw:
        return raw, ()
    kept: list[str] = []
    breaks: list[int] = []
    for char in raw:
        if char in _DROPPED:
            breaks.append(len(kept))
        else:
            kept.append(char)
    return "".join(kept), tuple(breaks)


MAX_SENTENCE = 600
"""Longer runs without a full stop are cut at a comma (or at this length), so that the
work per sentence is bounded and reading a document takes time linear in its length."""
_CUT = re.compile(r"[，,；;、]")


def _pieces(text: str, start: int, stop: int) -> Iterator[tuple[int, int]]:
    while stop - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = None
        for match in _CUT.finditer(text, start + MAX_SENTENCE // 2, limit):
            cut = match.end()
        end = cut if cut is not None else limit
        yield start, end
        start = end
    if stop > start:
        yield start, stop


def sentences(document: Outline) -> Iterator[Sentence]:
    """Every sentence of every paragraph, in order."""
    text = document.text
    index = 0
    for block_index, block in enumerate(document.blocks):
        start = block.span.start
        end = block.span.end
        stops = [m.end() for m in _END.finditer(text, start, end)]
        if not stops or stops[-1] < end:
            stops.append(end)
        for stop in stops:
            if stop > start and text[start:stop].strip():
                for piece_start, piece_stop in _pieces(text, start, stop):
                    yield _sentence(text, piece_start, piece_stop, block_index, index)
                    index += 1
            start = stop


def _sentence(text: str, start: int, end: int, block: int, index: int) -> Sentence:
    clean, breaks = _clean(text[start:end])
    return Sentence(
        span=SourceSpan(start, end), text=clean, breaks=breaks, block=block, index=index
    )


def clauses(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each clause of *text*, split at commas, semicolons and colons.

    >>> clauses("全区小学生入学25685人，巩固率100%；初中生13156人")
    ((0, 13), (14, 21), (22, 31))
    """
    found: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE.finditer(text):
        found.append((start, match.start()))
        start = match.end()
    found.append((start, len(text)))
    return tuple(found)
