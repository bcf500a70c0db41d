"""Text extraction: from a plan or a report as written to a draft to review.

:func:`extract` reads text (:func:`extract_file` a .txt, .md or .docx file) into
a :class:`Draft` whose every item points at the span of text it came from;
:meth:`Draft.to_plan` and :meth:`Draft.to_report` give the library's objects.
"""

from __future__ import annotations

from .drafts import (
    ClaimKind,
    Draft,
    DraftClaim,
    DraftFigure,
    DraftMeasure,
    DraftSection,
    FigureKind,
    UnreadText,
)
from .extractor import extract, extract_file

__all__ = [
    "ClaimKind",
    "Draft",
    "DraftClaim",
    "DraftFigure",
    "DraftMeasure",
    "DraftSection",
    "FigureKind",
    "UnreadText",
    "extract",
    "extract_file",
]
