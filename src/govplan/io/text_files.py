"""Reading text files whatever their encoding, with every failure a govplan error.

Officials' files arrive as UTF-8, UTF-8 with a byte-order mark, GB18030 / GBK
(what Chinese Windows saves by default) or UTF-16 (Windows' "Unicode").  This
module reads the bytes once, finds which of these they are, and decodes them;
anything else -- another encoding, a binary file, a spreadsheet or an archive
given where text is expected, a file cut off in the middle of a character --
is a :class:`~govplan.LoadError` naming the file and the position.  So are the
file-system failures: a missing file, a directory, a file that may not be read,
a file over :attr:`Limits.document_size <govplan.Limits.document_size>`.
"""

from __future__ import annotations

import codecs
import errno
import os
import re

import attrs

from ..errors import LoadError, Problem
from .limits import DEFAULT_LIMITS, Limits, over_limit

__all__ = ["DecodedText", "decode_bytes", "describe_os_error", "read_bytes", "read_text"]


@attrs.frozen(kw_only=True, slots=True)
class DecodedText:
    """A text file's content and the encoding it was found in.

    Attributes:
        text: The decoded text, without a byte-order mark.
        encoding: ``"utf-8"``, ``"utf-8-sig"`` (with a BOM), ``"gb18030"``,
            ``"utf-16-le"``, ``"utf-16-be"``, ``"utf-32-le"`` or ``"utf-32-be"``.
        source: The file's name, for messages.

    """

    text: str
    encoding: str
    source: str = ""


# Files that are not text, by their first bytes, with what they are.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx, .docx or .zip file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.xls or .doc)"),
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SAVE_AS = "save the file as UTF-8 (or GB18030 / GBK, or UTF-16) and try again"


def _error(source: str, message: str, where: str = "") -> LoadError:
    return LoadError([Problem(path=where, message=message)], source=source)


def describe_os_error(exc: OSError, *, doing: str = "read") -> str:
    """A one-line description of a file-system failure, without the file name twice."""
    reason = {
        errno.ENOENT: "no such file or directory",
        errno.EISDIR: "it is a directory, not a file",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.ENOTDIR: "a part of the path is not a directory",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.ENOSPC: "no space left on the device",
        errno.EROFS: "the file system is read-only",
        errno.ELOOP: "too many symbolic links (a loop?)",
    }.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return f"cannot {doing} the file: {reason}"


def read_bytes(
    path: str | os.PathLike[str], *, what: str = "file", limits: Limits = DEFAULT_LIMITS
) -> bytes:
    """The bytes of the file at *path*, refusing what is not a readable regular file.

    The size is checked before reading (and again while reading, for a file that
    grows or a device that never ends).

    Raises:
        LoadError: Naming the file: missing, a directory, unreadable, too large.

    """
    source = os.fsdecode(path)
    limit = limits.document_size
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > limit:
                raise _error(source, _too_large(what, size, limit))
            data = stream.read(limit + 1)
    except IsADirectoryError:
        raise _error(source, f"cannot read the {what}: it is a directory, not a file") from None
    except OSError as exc:
        raise _error(source, describe_os_error(exc).replace("the file", f"the {what}")) from None
    except ValueError as exc:  # an embedded NUL in the name
        raise _error(source, f"cannot read the {what}: bad file name ({exc})") from None
    if len(data) > limit:
        raise _error(source, _too_large(what, len(data), limit))
    return data


def _too_large(what: str, size: int, limit: int) -> str:
    return over_limit(f"the {what} is too large (bytes)", size, limit, "document_size")


def read_text(
    path: str | os.PathLike[str], *, what: str = "file", limits: Limits = DEFAULT_LIMITS
) -> DecodedText:
    """Read and decode the text file at *path* (UTF-8, BOM, GB18030 / GBK or UTF-16).

    Args:
        path: The file.
        what: What the file is, for messages ("plan file", "ledger").
        limits: The largest file accepted (:attr:`Limits.document_size`).

    Raises:
        LoadError: Naming the file and, where there is one, the position of
            the problem.

    """
    data = read_bytes(path, what=what, limits=limits)
    return decode_bytes(data, source=os.fsdecode(path), what=what)


def decode_bytes(data: bytes, *, source: str = "", what: str = "file") -> DecodedText:
    """Decode the bytes of a text file, finding its encoding.

    Raises:
        LoadError: The bytes are not text in a supported encoding; the message
            says what they look like and where the first bad byte is.

    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            return DecodedText(
                text=_strict(body, encoding.removesuffix("-sig"), source, what, len(bom)),
                encoding=encoding,
                source=source,
            )
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise _error(source, f"the {what} is {name}, not text")
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        text = None
        if guess is not None:
            try:
                text = data.decode(guess)
            except UnicodeDecodeError:
                text = None
        if text is None or _CONTROL.search(text) is not None:
            where = _where(data, data.index(b"\x00"))
            raise _error(
                source,
                f"the {what} is binary, not text (a NUL byte; UTF-16 without a byte-order "
                "mark cut off would look the same)",
                where,
            )
        return DecodedText(text=text, encoding=guess or "", source=source)
    try:
        return DecodedText(text=data.decode("utf-8"), encoding="utf-8", source=source)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error.reason == "unexpected end of data":
        where = _where(data, utf8_error.start)
        raise _error(
            source,
            f"the {what} ends in the middle of a UTF-8 character: was it cut off (truncated)?",
            where,
        )
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_chinese(text):
        return DecodedText(text=text, encoding="gb18030", source=source)
    bad = data[utf8_error.start : utf8_error.start + 1]
    raise _error(
        source,
        f"the {what} is not UTF-8 (byte 0x{bad.hex()} cannot start or continue a character), "
        f"nor readable as GB18030 / GBK or UTF-16: {_SAVE_AS}",
        _where(data, utf8_error.start),
    )


def _strict(body: bytes, encoding: str, source: str, what: str, offset: int) -> str:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        cut = exc.reason in ("truncated data", "unexpected end of data")
        message = (
            f"the {what} ends in the middle of a {encoding.upper()} character: "
            "was it cut off (truncated)?"
            if cut
            else f"the {what} is not valid {encoding.upper()} ({exc.reason}): {_SAVE_AS}"
        )
        raise _error(source, message, f"byte {offset + exc.start + 1}") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII characters have a zero high byte."""
    sample = data[:4096]
    if len(sample) < 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    # Mostly-ASCII text (keys, punctuation) puts zeros in every other byte, on one side only.
    if zeros_odd >= len(odd) * 0.3 and zeros_even == 0:
        return "utf-16-le"
    if zeros_even >= len(even) * 0.3 and zeros_odd == 0:
        return "utf-16-be"
    return None


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes many byte strings; accept it only when the result reads as Chinese."""
    unusual = 0
    wide = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            continue
        wide += 1
        common = (
            0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
            or 0x3000 <= code <= 0x303F  # CJK punctuation
            or 0xFF00 <= code <= 0xFFEF  # full-width forms
            or 0x2000 <= code <= 0x206F  # general punctuation (—, “, …)
            or 0x2100 <= code <= 0x33FF  # letter-like symbols, numbers, boxes, ㎡
            or 0x00A0 <= code <= 0x00FF  # Latin-1 signs (°, ×, ·)
        )
        if not common:
            unusual += 1
    return wide > 0 and unusual * 20 <= wide


def _where(data: bytes, index: int) -> str:
    """Line and column (1-based, in characters as far as they decode) of byte *index*."""
    line_start = data.rfind(b"\n", 0, index) + 1
    line = data.count(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return f"line {line}, column {column} (byte {index + 1})"
