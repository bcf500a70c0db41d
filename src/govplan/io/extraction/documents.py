"""Documents as they arrive: plain text, Markdown and Word (.docx) files, read to text.

Plain text is decoded by :func:`govplan.io.text_files.read_text` (UTF-8, BOM,
GB18030 / GBK, UTF-16).  Markdown keeps its text and loses its markup, line for
line, so that character positions still point into what a person reads.  A
.docx file is read with python-docx (the ``docx`` extra), one paragraph a line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs

from ...errors import LoadError, Problem
from ..limits import DEFAULT_LIMITS, Limits
from ..text_files import read_bytes, read_text

__all__ = ["SourceText", "read_document", "strip_markdown"]

_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".docx")


@attrs.frozen(kw_only=True, slots=True)
class SourceText:
    """The text of a document and where it came from.

    Attributes:
        text: The text the extractor reads; every span points into it.
        source: The file name, or ``""`` for text given directly.
        format: ``"text"``, ``"markdown"`` or ``"docx"``.
        encoding: The encoding a text file was found in (``None`` for .docx).

    """

    text: str
    source: str = ""
    format: str = "text"
    encoding: str | None = None


_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+")
_MD_LIST = re.compile(r"^[ \t]*(?:[-*+][ \t]+)")
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$")


def strip_markdown(text: str) -> str:
    r"""Markdown *text* without its markup, line for line.

    >>> strip_markdown("## 一、主要工作\n- **全年**投资[720万元](x)")
    '一、主要工作\n全年投资720万元'
    """
    lines = []
    for line in text.split("\n"):
        if _MD_RULE.match(line):
            lines.append("")
            continue
        line = _MD_HEADING.sub("", line)
        line = _MD_QUOTE.sub("", line)
        line = _MD_LIST.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        lines.append(_MD_EMPHASIS.sub("", line))
    return "\n".join(lines)


def _docx_text(path: Path, limits: Limits) -> str:
    source = os.fsdecode(path)
    data = read_bytes(path, what="Word document", limits=limits)
    try:
        import docx
    except ImportError:
        raise LoadError(
            [
                Problem(
                    path="",
                    message="reading .docx files needs python-docx: pip install 'govplan[docx]'",
                )
            ],
            source=source,
        ) from None
    import io
    import zipfile

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(
            [Problem(path="", message=f"not a readable Word (.docx) document: {exc}")],
            source=source,
        ) from None
    except Exception as exc:  # lxml's XMLSyntaxError and python-docx's own errors
        raise LoadError(
            [Problem(path="", message=f"not a readable Word (.docx) document: {exc}")],
            source=source,
        ) from None
    lines: list[str] = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def read_document(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> SourceText:
    """Read the document at *path* (.txt, .md or .docx) to text.

    Raises:
        LoadError: The file is missing, too large, not text in a known
            encoding, not a readable .docx, or of a kind not read here; the
            message names the file and how to fix it.

    """
    path = Path(path)
    source = os.fsdecode(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return SourceText(text=_docx_text(path, limits), source=source, format="docx")
    if suffix not in _SUFFIXES:
        raise LoadError(
            [
                Problem(
                    path="",
                    message=f"cannot extract from a {suffix or 'suffix-less'} file: "
                    "give a .txt, .md or .docx file",
                )
            ],
            source=source,
        )
    decoded = read_text(path, what="document", limits=limits)
    if suffix in (".md", ".markdown"):
        return SourceText(
            text=strip_markdown(decoded.text),
            source=source,
            format="markdown",
            encoding=decoded.encoding,
        )
    return SourceText(text=decoded.text, source=source, format="text", encoding=decoded.encoding)
