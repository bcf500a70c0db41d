"""``extract``: from the text of a plan or a report to a :class:`~.drafts.Draft`."""

from __future__ import annotations

import os
import re
from typing import Literal

from ...errors import GovplanError, LoadError, ParseError, Problem
from ..limits import DEFAULT_LIMITS, Limits
from .claims import link_claims
from .documents import read_document
from .drafts import Draft, DraftFigure, DraftMeasure, DraftSection, UnreadText
from .figures import Found, SentenceContext, read_figures, responsible_units
from .outline import Outline, outline
from .readings import find_readings
from .sentences import sentences

__all__ = ["extract", "extract_file"]

_ISSUER = re.compile(
    r"^(?:第[一二三四五六七八九十]+篇[:：])?(?P<name>[\u4e00-\u9fff]{2,16}?"
    r"(?:局|委员会|委|办公室|政府|中心|学校|中学|小学|学院|社区|服务队|公司|站|所|院))"
)
_SCHOOLS = re.compile(
    r"(?:(?<=[^\u4e00-\u9fff])|(?<=[、和与及的是])|^)"
    r"(?:[一二三四五六七八九十]{1,2}[中小](?![学心型])"
    r"|[\u4e00-\u9fff]{2}(?:中心小学|中学|小学|成校))"
)
_NOT_NAMES = ("全区", "各", "中小学", "所有", "城区", "农村", "民办", "中学", "小学", "加")


def _organisations(document: Outline) -> tuple[str, ...]:
    names: list[str] = []
    for part in document.parts:
        if part.title:
            match = _ISSUER.match(re.sub(r"(?:19|20)\d\d年?", "", part.title))
            if match and match.group("name") not in names:
                names.append(match.group("name"))
    for match in _SCHOOLS.finditer(document.text):
        name = match.group(0)
        if any(word in name for word in _NOT_NAMES) or name in names:
            continue
        names.append(name)
    return tuple(names)


def _section_ids(document: Outline) -> tuple[DraftSection, ...]:
    sections: list[DraftSection] = []
    used: set[str] = set()
    repeats: dict[str, int] = {}
    ids: list[str] = []
    many_parts = len(document.parts) > 1
    for index, heading in enumerate(document.headings):
        label = document.label(index)
        base = f"{heading.part + 1}.{label}" if many_parts else label
        section_id = base
        if section_id in used:  # a numbering started again: 一、… 一、
            repeats[base] = repeats.get(base, 1) + 1
            section_id = f"{base}-{repeats[base]}"
            while section_id in used:
                repeats[base] += 1
                section_id = f"{base}-{repeats[base]}"
        used.add(section_id)
        ids.append(section_id)
        sections.append(
            DraftSection(
                id=section_id,
                marker=heading.marker,
                number=heading.number,
                level=heading.level,
                title=heading.title or heading.marker,
                parent=None if heading.parent is None else ids[heading.parent],
                part=heading.part,
                span=heading.span,
            )
        )
    return tuple(sections)


def extract(
    text: str,
    kind: Literal["plan", "report"],
    *,
    source: str = "",
    year: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Draft:
    r"""Read a plan or a report as written into a draft to review.

    >>> text = "2011年工作要点\n一、发展教育\n1.确保入学率100%，辍学率控制在1%以内。"
    >>> draft = extract(text, "plan")
    >>> [(f.indicator, f.text, f.comparator.value, f.commitment.value) for f in draft.targets]
    [('入学率', '100%', 'at_least', 'ensure'), ('辍学率', '控制在1%以内', 'at_most', 'ensure')]
    >>> draft.to_plan().targets()[1].value
    Quantity(low=Decimal('1'), high=Decimal('1'), unit=Unit(symbol='%', ...), ...)

    Args:
        text: The document's text.
        kind: ``"plan"`` (工作计划 / 工作要点) or ``"report"`` (工作总结).  A part
            of the text under a title that says otherwise ("…工作要点" inside a
            summary) is read as its title says.
        source: The file name, kept in the draft.
        year: The year the document is about, for text that does not say
            (its title or first paragraph names the year otherwise).
        limits: :attr:`Limits.document_size <govplan.Limits.document_size>`
            bounds the text's length in characters.

    Raises:
        ParseError: *kind* is neither ``"plan"`` nor ``"report"``, or *text*
            is not a string.
        LoadError: The text is longer than the limit.

    """
    if kind not in ("plan", "report"):
        raise ParseError(
            f"unknown kind of document {kind!r}",
            field="kind",
            value=kind,
            expected="'plan' or 'report'",
        )
    if not isinstance(text, str):
        raise ParseError(
            f"extract reads text, not {type(text).__name__}",
            field="text",
            expected="a str (read files with extract_file)",
        )
    if len(text) > limits.document_size:
        raise LoadError(
            [
                Problem(
                    path="",
                    message=f"the text has {len(text):,} characters, over the limit of "
                    f"{limits.document_size:,} (raise it with govplan.Limits(document_size=...))",
                )
            ],
            source=source,
        )
    document = outline(text)
    sections = _section_ids(document)
    section_of_heading = {index: s.id for index, s in enumerate(sections)}
    organisations = _organisations(document)
    figures: list[DraftFigure] = []
    unread: list[UnreadText] = []
    measures: list[DraftMeasure] = []
    by_sentence: list[list[Found]] = []
    number = 1
    responsible_block = -1
    responsible: tuple[str, ...] = ()
    for sentence in sentences(document):
        block = document.blocks[sentence.block]
        part = document.parts[block.part]
        try:
            readings, unreadable = find_readings(sentence.text, year=part.year or year)
        except GovplanError as exc:  # one sentence the values layer refuses: report it, go on
            unread.append(
                UnreadText(
                    text=sentence.text[:40], reason=f"not read: {exc.message}", span=sentence.span
                )
            )
            continue
        for number_text in unreadable:
            unread.append(
                UnreadText(
                    text=number_text.text,
                    reason=number_text.reason,
                    span=sentence.source_span(number_text.start, number_text.end),
                )
            )
        if sentence.block != responsible_block:
            responsible_block, responsible = sentence.block, ()
        responsible = responsible + tuple(
            name for name in responsible_units(sentence.text) if name not in responsible
        )
        context = SentenceContext(
            sentence=sentence,
            part_kind=part.kind or kind,
            year=part.year or year,
            section=None if block.heading is None else section_of_heading[block.heading],
            organisations=organisations,
            responsible=responsible,
        )
        found: list[Found] = []
        for item in read_figures(context, readings, first_id=number):
            if isinstance(item, Found):
                found.append(item)
                figures.append(item.figure)
            elif isinstance(item, UnreadText):
                unread.append(item)
            else:
                measures.append(item)
        number += len(found)
        by_sentence.append(found)
    claims = link_claims(by_sentence)
    chosen = next((p for p in document.parts if p.kind == kind), None) or next(
        (p for p in document.parts if p.title), document.parts[0]
    )
    return Draft(
        kind=kind,
        title=chosen.title,
        year=chosen.year or year,
        text=text,
        source=source,
        sections=sections,
        organisations=organisations,
        figures=tuple(figures),
        claims=tuple(claims),
        measures=tuple(measures),
        unread=tuple(unread),
    )


def extract_file(
    path: str | os.PathLike[str],
    kind: Literal["plan", "report"],
    *,
    year: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Draft:
    """:func:`extract` the document in a .txt, .md or .docx file.

    Raises:
        LoadError: The file cannot be read (see :func:`~.documents.read_document`).

    """
    document = read_document(path, limits=limits)
    return extract(document.text, kind, source=document.source, year=year, limits=limits)
