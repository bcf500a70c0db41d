"""JSON, YAML and TOML files: thin layers over the converter.

A file holds one document: a mapping whose ``document`` key names its kind
("plan", "report", "inspection" …) beside the fields of that class.  Loading
either returns a whole, valid object whose references all resolve, or raises
one :class:`~govplan.LoadError` listing every problem by field path.  Only safe
parsers are used: YAML tags that would build Python objects are rejected, and
nothing in a file is ever executed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from ..errors import GovplanError, LoadError, ParseError, Problem
from ..model.references import check_references
from .converter import kind_of, model_class, structure_model, unstructure_model

__all__ = ["DOCUMENT_TAG", "Format", "dump", "dumps", "load", "loads"]

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


def _parse_text(text: str, format: Format) -> Any:
    """Parse *text* to plain data; floats become exact Decimals."""
    try:
        if format == "json":
            return json.loads(text, parse_float=Decimal)
        if format == "toml":
            import tomllib

            return tomllib.loads(text, parse_float=Decimal)
        from .yaml_loader import safe_load

        return safe_load(text)
    except GovplanError:
        raise
    except ValueError as exc:  # JSONDecodeError and TOMLDecodeError are ValueErrors
        raise LoadError([Problem(path="", message=f"not valid {format.upper()}: {exc}")]) from None


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
            yield Problem(
                path=f"{path}.{key}" if path else key,
                message=f"unknown field {key!r} for {kind_of(exc.cl)}",
            )
    elif isinstance(exc, GovplanError):
        located = ".".join(p for p in (path, exc.field) if p)
        expected = f" (expected {exc.expected})" if exc.expected else ""
        yield Problem(path=located, message=f"{exc.message}{expected}")
    elif isinstance(exc, KeyError):
        # cattrs has already put the missing field's name on the path.
        yield Problem(path=path, message="required field missing")
    else:
        yield Problem(path=path, message=f"{type(exc).__name__}: {exc}")


def from_data(data: Any, cls: type[T] | None = None, *, source: str = "") -> T:
    """Build a model object from plain data (as parsed from a file)."""
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
    except Exception as exc:
        raise LoadError(list(_problems(exc, "")), source=source) from None
    dangling = check_references(obj)
    if dangling:
        raise LoadError(dangling, source=source)
    return obj  # type: ignore[no-any-return]


@overload
def loads(text: str, format: Format = ..., *, type: type[T], source: str = ...) -> T: ...
@overload
def loads(text: str, format: Format = ..., *, type: None = ..., source: str = ...) -> Any: ...
def loads(
    text: str, format: Format = "json", *, type: type[T] | None = None, source: str = ""
) -> T | Any:
    """Load a document from *text*.

    Args:
        text: The file's content.
        format: ``"json"``, ``"yaml"`` or ``"toml"``.
        type: The class expected; without it the document's ``kind`` decides.
        source: A name for error messages (a file name).

    Raises:
        LoadError: Listing every problem by field path.

    """
    format = _check_format(format)
    return from_data(_parse_text(text, format), type, source=source)


def load(path: str | os.PathLike[str], *, format: Format | None = None) -> Any:
    """Load the document in the file at *path* (format from its suffix)."""
    path = Path(path)
    fmt = _format_of(path, format)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LoadError(
            [Problem(path="", message=f"cannot read file: {exc}")], source=str(path)
        ) from None
    try:
        return loads(text, fmt, source=str(path))
    except LoadError as exc:
        if exc.source:
            raise
        raise LoadError(exc.problems, source=str(path)) from None


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
    """Write *obj* to *path*, atomically: a crash mid-write leaves the old file intact."""
    path = Path(path)
    text = dumps(obj, _format_of(path, format))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
