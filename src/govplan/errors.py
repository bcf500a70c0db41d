"""The govplan exception hierarchy.

Every error govplan raises derives from :class:`GovplanError` and also from the
builtin exception it narrows, so ``except ValueError`` keeps working for callers
who do not know govplan.  Each error carries the *field* (a dotted path such as
``goals[3].targets[0].value``), the offending *value* and what was *expected*,
and its message says how to fix the input.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "DanglingReferenceError",
    "GovplanError",
    "LoadError",
    "ParseError",
    "Problem",
    "UnitMismatchError",
    "UnknownUnitError",
    "ValidationError",
    "WriteError",
]


class GovplanError(Exception):
    """Base class of every error raised by govplan.

    Attributes:
        field: Where the problem is: a field path like ``targets[0].value``,
            or ``""`` when the error is about a whole value.
        value: The offending input, as given.
        expected: A short statement of what would have been accepted.

    """

    def __init__(
        self, message: str, *, field: str = "", value: object = None, expected: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.value = value
        self.expected = expected

    def __str__(self) -> str:
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class ParseError(GovplanError, ValueError):
    """A text (a number, a quantity, a period, a deadline…) could not be read."""


class ValidationError(GovplanError, ValueError):
    """A value was read but breaks a rule of the model (a field's range, two fields that disagree).

    Distinct from :class:`ParseError`, which means the text itself could not be read.
    """


class UnknownUnitError(GovplanError, KeyError):
    """A unit symbol is not in the unit registry."""

    # KeyError.__str__ would repr() the message; keep the readable one.
    __str__ = GovplanError.__str__


class UnitMismatchError(GovplanError, TypeError):
    """Two quantities of incompatible units were compared, added or converted."""


class FieldTypeError(GovplanError, TypeError):
    """A field was given a value of the wrong type (``Target(value=95)``); the field is named."""


class DanglingReferenceError(GovplanError, KeyError):
    """An id refers to an object that does not exist in the document."""

    __str__ = GovplanError.__str__


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input document: where, and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class LoadError(GovplanError, ValueError):
    """A document could not be loaded; :attr:`problems` lists every problem found.

    The document is never half-built: either every field is valid and every
    reference resolves, or this error is raised.
    """

    def __init__(self, problems: Iterable[Problem], *, source: str = "") -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        self.source = source
        where = f" in {source}" if source else ""
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        message = f"{count} problem{'s' if count != 1 else ''}{where}:\n{lines}"
        first = self.problems[0] if self.problems else Problem(path="", message="")
        super().__init__(message, field=first.path)

    def __str__(self) -> str:
        return self.message


class WriteError(GovplanError, OSError):
    """A file could not be written (a missing directory, no permission, a full disk).

    The message names the file; the file, if it existed, is left as it was.
    """

    __str__ = GovplanError.__str__
