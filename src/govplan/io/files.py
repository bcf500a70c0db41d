"""JSON, YAML and TOML files: thin layers over the converter.

A file holds one document: a mapping whose ``document`` key names its kind
("plan", "report", "inspection" …) beside the fields of that class.  Loading
either returns a whole, valid object whose references all resolve, or raises
one :class:`~govplan.LoadError` listing every problem by field path.  Only safe
parsers are used: YAML tags that would build Python objects are rejected, and
nothing in a file is ever executed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from ..errors import GovplanError, LoadError, ParseError, Problem, WriteError
from ..model.references import check_references
from .converter import kind_of, model_class, structure_model, unstructure_model
from .limits import DEFAULT_LIMITS, Limits
from .parsing import parse_document
from .text_files import describe_os_error, read_text

__all__ = ["DOCUMENT_TAG", "Format", "dump", "dumps", "load", "loads", "write_text"]

DOCUMENT_TAG = "document"
"""The key naming what a file holds: ``document: plan``."""

Format = Literal["json", "yaml", "toml"]
"""The file formats govplan reads and writes (chosen from a file's suffix by default)."""
_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}
T = TypeVar("T")


def _format_of(path: Path, format: str | None) -> Format:
    if format is not None:
        return _check_format(format)
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise ParseError(
            f"cannot tell the format of {str(path)!r} from its suffix",
            value=str(path),
            expected="a .json, .yaml, .yml or .toml file, or format=",
        ) from None


def _check_format(format: str) -> Format:
    if format not in ("json", "yaml", "toml"):
        raise ParseError(
            f"unknown format {format!r}", value=format, expected="'json', 'yaml' or 'toml'"
        )
    return format  # type: ignore[return-value]


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:
    """Flatten cattrs' exception groups into problems with field paths."""
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            yield from _problems(inner, f"{path}[{note.index!r}]")
        for inner in without:
            yield from _problems(inner, path)
    elif isinstance(exc, ClassValidationError):
        with_notes_c, without_c = exc.group_exceptions()
        for inner, note_c in with_notes_c:
            yield from _problems(inner, f"{path}.{note_c.name}" if path else note_c.name)
        for inner in without_c:
            yield from _problems(inner, path)
    elif isinstance(exc, BaseValidationError):
        for inner in exc.exceptions:
            yield from _problems(inner, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            shown = key if len(key) <= 100 else f"{key[:60]}…"
            yield Problem(
                path=f"{path}.{shown}" if path else shown,
                message=_clip(f"unknown field {key!r} for {kind_of(exc.cl)}"),
            )
    elif isinstance(exc, GovplanError):
        located = ".".join(p for p in (path, exc.field) if p)
        expected = f" (expected {exc.expected})" if exc.expected else ""
        yield Problem(path=located, message=_clip(f"{exc.message}{expected}"))
    elif type(exc) is KeyError:
        # cattrs has already put the missing field's name on the path.
        yield Problem(path=path, message="required field missing")
    else:
        # Not a problem of the input: a bug, which must not pass for one.
        raise exc


def _clip(message: str, limit: int = 1_000) -> str:
    """A message of readable length: a 100,000-character value is shown by its ends."""
    if len(message) <= limit:
        return message
    half = limit // 2
    return f"{message[:half]} …({len(message) - limit:,} characters)… {message[-half:]}"


def from_data(data: Any, cls: type[T] | None = None, *, source: str = "") -> T:
    """Build a model object from plain data (as parsed from a file).

    Raises:
        LoadError: Every problem of the data, by field path.

    """
    if not isinstance(data, dict):
        raise LoadError(
            [Problem(path="", message=f"expected a mapping at the top, got {type(data).__name__}")],
            source=source,
        )
    data = dict(data)
    kind = data.pop(DOCUMENT_TAG, None)
    try:
        if cls is None:
            if kind is None:
                raise ParseError(
                    f"the file has no {DOCUMENT_TAG!r} saying what it holds",
                    field=DOCUMENT_TAG,
                    expected="e.g. 'document: plan'",
                )
            cls = model_class(kind)
        elif kind is not None and model_class(kind) is not cls:
            raise ParseError(
                f"the file holds a {kind!r}, not a {kind_of(cls)!r}",
                field=DOCUMENT_TAG,
                value=kind,
            )
    except ParseError as exc:
        raise LoadError([Problem(path=exc.field, message=exc.message)], source=source) from None
    try:
        obj = structure_model(data, cls)
    except (BaseValidationError, ForbiddenExtraKeysError, GovplanError) as exc:
        raise LoadError(list(_problems(exc, "")), source=source) from None
    dangling = check_references(obj)
    if dangling:
        raise LoadError(dangling, source=source)
    return obj  # type: ignore[no-any-return]


@overload
def loads(
    text: str,
    format: Format = ...,
    *,
    type: type[T],
    source: str = ...,
    limits: Limits = ...,
) -> T: ...
@overload
def loads(
    text: str,
    format: Format = ...,
    *,
    type: None = ...,
    source: str = ...,
    limits: Limits = ...,
) -> Any: ...
def loads(
    text: str,
    format: Format = "json",
    *,
    type: type[T] | None = None,
    source: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> T | Any:
    """Load a document from *text*.

    Args:
        text: The file's content.
        format: ``"json"``, ``"yaml"`` or ``"toml"``.
        type: The class expected; without it the document's ``kind`` decides.
        source: A name for error messages (a file name).
        limits: The largest input accepted (:class:`Limits`).

    Raises:
        LoadError: Listing every problem by field path, or the line of a
            syntax error, a key given twice or a limit exceeded.

    """
    format = _check_format(format)
    try:
        data = parse_document(text, format, limits=limits)
    except LoadError as exc:
        raise LoadError(exc.problems, source=source) from None
    return from_data(data, type, source=source)


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """Load the document in the file at *path* (format from its suffix).

    The file may be UTF-8 (with or without a byte-order mark), GB18030 / GBK
    or UTF-16; its size is checked against *limits* before it is read.

    Raises:
        LoadError: Naming the file, and every problem in it.
        ParseError: The format cannot be told from the suffix.

    """
    path = Path(path)
    fmt = _format_of(path, format)
    decoded = read_text(path, what=f"{fmt.upper()} file", limits=limits)
    return loads(decoded.text, fmt, source=str(path), limits=limits)


def to_data(obj: object) -> dict[str, Any]:
    """Plain data for *obj*, tagged with its ``kind``."""
    data: dict[str, Any] = unstructure_model(obj)
    return {DOCUMENT_TAG: kind_of(type(obj)), **data}


def dumps(obj: object, format: Format = "json") -> str:
    """Write a model object as JSON, YAML or TOML text."""
    format = _check_format(format)
    data = to_data(obj)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        import tomli_w

        return tomli_w.dumps(data)
    from .yaml_loader import safe_dump

    return safe_dump(data)


def dump(obj: object, path: str | os.PathLike[str], *, format: Format | None = None) -> None:
    """Write *obj* to *path*, atomically: a crash mid-write leaves the old file intact.

    The text goes to a temporary file beside the target, named
    ``.NAME.PID.RANDOM.govplan-tmp``, which then replaces the target in one
    step.  The old file's permissions are kept (a new file gets the ones the
    umask gives); a symbolic link is followed and its target replaced, so the
    link stays a link.  Temporary files left by a writer that was killed are
    removed on the next write to the same file.

    Raises:
        WriteError: The directory is missing or not writable, the disk is
            full …; the message names the file.

    """
    path = Path(path)
    text = dumps(obj, _format_of(path, format))
    write_text(path, text)


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[0-9a-f]{8}\.govplan-tmp")


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* as UTF-8 to *path* atomically (see :func:`dump`).

    Raises:
        WriteError: Naming the file and what the file system refused.

    """
    target = Path(os.path.realpath(path))  # through a symbolic link, to the file it names
    shown = os.fspath(path)
    folder = target.parent
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a directory"
        raise WriteError(
            f"cannot write {shown}: the directory {str(folder)!r} {what}",
            value=shown,
            expected="an existing directory (create it first)",
        )
    _remove_stale_temporaries(target)
    temporary = folder / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.govplan-tmp"
    try:
        try:
            old = os.stat(target)
        except FileNotFoundError:
            old = None
        # 0o666 less the umask, as for any new file; an existing file keeps its mode.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                if old is not None:
                    os.fchmod(stream.fileno(), old.st_mode & 0o7777)
                    _keep_owner(stream.fileno(), old)
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        _sync_directory(folder)
    except OSError as exc:
        raise WriteError(
            f"cannot write {shown}: {describe_os_error(exc, doing='write').split(': ', 1)[1]}"
            f" ({exc.strerror or exc})",
            value=shown,
        ) from exc


def _keep_owner(handle: int, old: os.stat_result) -> None:
    # Only root may give a file away: otherwise the new file stays ours.
    with contextlib.suppress(OSError):
        os.fchown(handle, old.st_uid, old.st_gid)


def _sync_directory(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a directory; the rename is done
    finally:
        os.close(handle)


def _remove_stale_temporaries(target: Path) -> None:
    """Remove temporary files for *target* left by a writer that no longer runs."""
    prefix = f".{target.name}."
    try:
        names = [entry.name for entry in os.scandir(target.parent) if entry.name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        match = _TEMPORARY.fullmatch(name)
        if match is None or match["name"] != target.name:
            continue
        if int(match["pid"]) == os.getpid() or _running(int(match["pid"])):
            continue
        # Another writer may have removed it first, or it is not ours to remove.
        with contextlib.suppress(OSError):
            (target.parent / name).unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process: alive, or not ours to judge
    return True
