"""Parsing JSON, YAML and TOML text to plain data, strictly and within limits.

Each parser reads floats as exact Decimals and refuses what the formats let
pass in silence: a key given twice in one mapping (the last would win), a
number of ten thousand digits or with an exponent of a million, a nesting
deeper than :attr:`Limits.depth <govplan.Limits.depth>`, a list of more than
:attr:`Limits.items <govplan.Limits.items>` items, a text longer than
:attr:`Limits.cell_size <govplan.Limits.cell_size>`.  Every refusal is a
:class:`~govplan.LoadError` saying where: the line for JSON and YAML (and for
TOML where its parser gives one), else the field path.

The fast path is the C JSON parser and tomllib with small hooks; only when a
hook or the final walk finds a problem is the text scanned again, in Python,
to find its line.  Every step is linear in the size of the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

from ..errors import LoadError, Problem
from .limits import DEFAULT_LIMITS, Limits, over_limit

__all__ = ["check_data", "parse_document"]

Format = Literal["json", "yaml", "toml"]


class _RefusedError(Exception):
    """A problem found inside a parser's hook, located afterwards."""

    def __init__(self, problem: Problem, written: str = "") -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.written = written  # the text of the number refused, to find it again


def parse_document(text: str, format: Format, *, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse *text* in *format* to plain data (dicts, lists, str, int, Decimal, bool, None).

    Raises:
        LoadError: The text is not valid in its format, repeats a key, or
            exceeds a limit; the problem says where.

    """
    if len(text) > limits.document_size:
        raise LoadError(
            [
                Problem(
                    path="",
                    message=over_limit(
                        "the document is too large (characters)",
                        len(text),
                        limits.document_size,
                        "document_size",
                    ),
                )
            ]
        )
    if format == "json":
        data = _parse_json(text, limits)
    elif format == "toml":
        data = _parse_toml(text, limits)
    else:
        from .yaml_loader import safe_load

        data = safe_load(text, limits=limits)
    problem = check_data(data, limits, size=len(text), tree=format == "json")
    if problem is not None:
        if format == "json":
            problem = _locate_json(text, limits) or problem
        raise LoadError([problem])
    return data


def _number_problem(text: str, limits: Limits) -> str | None:
    if len(text) > limits.number_length:
        shown = f"{text[:20]}…" if len(text) > 20 else text
        return over_limit(
            f"the number {shown} is too long (characters)",
            len(text),
            limits.number_length,
            "number_length",
        )
    if re.match(r"[-+]?0[xXoObB]", text):
        return None  # a hexadecimal, octal or binary integer has no exponent
    exponent = re.search(r"[eE]([-+]?[0-9][0-9_]*)", text)
    if exponent is not None and abs(int(exponent[1].replace("_", ""))) > limits.exponent:
        return over_limit(
            f"the number {text} has too large an exponent",
            abs(int(exponent[1].replace("_", ""))),
            limits.exponent,
            "exponent",
        )
    return None


def check_number(text: str, limits: Limits) -> str | None:
    """The problem with the number written *text*, if it is too long or too large."""
    return _number_problem(text, limits)


# --- JSON -----------------------------------------------------------------------------


def _parse_json(text: str, limits: Limits) -> Any:
    def number(kind: type[Decimal] | type[int]) -> Any:
        def read(written: str) -> Decimal | int:
            problem = _number_problem(written, limits)
            if problem is not None:
                raise _RefusedError(Problem(path="", message=problem))
            return kind(written)

        return read

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping = dict(items)
        if len(mapping) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    raise _RefusedError(Problem(path="", message=f"the key {key!r} is given twice"))
                seen.add(key)
        return mapping

    try:
        return json.loads(
            text, parse_float=number(Decimal), parse_int=number(int), object_pairs_hook=pairs
        )
    except _RefusedError as refused:
        raise LoadError([_locate_json(text, limits) or refused.problem]) from None
    except RecursionError:
        located = _locate_json(text, limits)
        message = over_limit("the nesting is too deep", 1000, limits.depth, "depth")
        raise LoadError([located or Problem(path="", message=message)]) from None
    except json.JSONDecodeError as exc:
        message = f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise LoadError([Problem(path="", message=message)]) from None
    except ValueError as exc:
        raise LoadError([Problem(path="", message=f"not valid JSON: {exc}")]) from None


_JSON_TOKENS = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*+"?)
      | (?P<open>[\[{])
      | (?P<close>[\]}])
      | (?P<colon>:)
      | (?P<number>-?[0-9][0-9.eE+-]*+)
    """,
    re.VERBOSE,
)


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _locate_json(text: str, limits: Limits) -> Problem | None:
    """Scan *text* once, in Python, for the first problem a hook found without a line."""
    # Each frame: the opening character, its line, and (for objects) keys -> line.
    frames: list[tuple[str, int, dict[str, int] | None, list[int]]] = []
    last_string: tuple[str, int] | None = None
    for token in _JSON_TOKENS.finditer(text):
        kind = token.lastgroup
        start = token.start()
        if kind == "string":
            raw = token.group()
            if len(raw) - 2 > limits.cell_size:
                return _at(
                    text,
                    start,
                    over_limit("a text is too long", len(raw) - 2, limits.cell_size, "cell_size"),
                )
            last_string = (raw, start)
            continue
        if kind == "colon":
            if last_string is not None and frames and frames[-1][2] is not None:
                raw, where = last_string
                try:
                    key = json.loads(raw)
                except ValueError:
                    key = raw
                keys = frames[-1][2]
                line = _line(text, where)
                if key in keys:
                    return _at(
                        text,
                        where,
                        f"the key {key!r} is given twice in one mapping, at line {keys[key]} "
                        f"and at line {line}: remove or rename one",
                    )
                keys[key] = line
            last_string = None
            continue
        last_string = None
        if kind == "open":
            if frames:
                frames[-1][3][0] += 1
            if len(frames) >= limits.depth:
                return _at(
                    text,
                    start,
                    over_limit("the nesting is too deep", len(frames) + 1, limits.depth, "depth"),
                )
            char = token.group()
            frames.append((char, _line(text, start), {} if char == "{" else None, [0]))
        elif kind == "close":
            if frames:
                frames.pop()
        else:  # a number
            if frames:
                frames[-1][3][0] += 1
            problem = _number_problem(token.group(), limits)
            if problem is not None:
                return _at(text, start, problem)
        if frames and frames[-1][3][0] > limits.items:
            return _at(
                text,
                start,
                over_limit("a list has too many items", frames[-1][3][0], limits.items, "items"),
            )
    return None


def _at(text: str, index: int, message: str) -> Problem:
    line_start = text.rfind("\n", 0, index) + 1
    return Problem(
        path="", message=f"line {_line(text, index)}, column {index - line_start + 1}: {message}"
    )


# --- TOML -----------------------------------------------------------------------------


def _parse_toml(text: str, limits: Limits) -> Any:
    import tomllib

    def number(written: str) -> Decimal:
        problem = _number_problem(written, limits)
        if problem is not None:
            raise _RefusedError(Problem(path="", message=problem), written)
        return Decimal(written)

    try:
        return tomllib.loads(text, parse_float=number)
    except _RefusedError as refused:
        raise LoadError([_locate_number(text, refused)]) from None
    except RecursionError:
        message = over_limit("the nesting is too deep", 1000, limits.depth, "depth")
        raise LoadError([Problem(path="", message=message)]) from None
    except tomllib.TOMLDecodeError as exc:
        raise LoadError([Problem(path="", message=_toml_message(text, str(exc)))]) from None
    except ValueError as exc:  # an integer of thousands of digits
        message = f"not valid TOML: {exc}"
        if "digits" in str(exc):
            message = "not valid TOML: " + over_limit(
                "a number is too long", 4300, limits.number_length, "number_length"
            )
        raise LoadError([Problem(path="", message=message)]) from None


def _locate_number(text: str, refused: _RefusedError) -> Problem:
    """The refused number's line: the first place its text is written, outside a string."""
    found = re.search(rf"(?<![\w.\"']){re.escape(refused.written)}(?![\w.])", text)
    if not refused.written or found is None:
        return refused.problem
    return _at(text, found.start(), refused.problem.message)


_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _toml_message(text: str, message: str) -> str:
    """The TOML parser's message, with the key and its first line for a key given twice."""
    place = _TOML_PLACE.search(message)
    if place is None:
        return f"not valid TOML: {message}"
    line = int(place[1])
    if not message.startswith(("Cannot overwrite a value", "Cannot declare")):
        return f"not valid TOML at line {line}, column {place[2]}: {_TOML_PLACE.sub('', message)}"
    lines = text.splitlines()
    current = lines[line - 1].strip() if line <= len(lines) else ""
    if current.startswith("["):
        key = current.strip("[] ")
        pattern = re.compile(rf"\s*\[\[?\s*{re.escape(key)}\s*\]\]?\s*(?:#.*)?")
    else:
        key = current.split("=", 1)[0].strip()
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
    first = next(
        (n + 1 for n, row in enumerate(lines[: line - 1]) if pattern.match(row)),
        None,
    )
    again = f"at line {first} and at line {line}" if first else f"at line {line}"
    return (
        f"not valid TOML: the key {key!r} is given twice in one table, {again}: "
        "remove or rename one"
    )


# --- every format ---------------------------------------------------------------------


def check_data(
    data: Any, limits: Limits = DEFAULT_LIMITS, *, size: int | None = None, tree: bool = False
) -> Problem | None:
    """The first limit *data* exceeds (depth, items, text length, integer size), if any.

    Iterative, and each container is visited once even when YAML aliases share it;
    the field path is worked out only when a limit is exceeded.  *size*, the
    length of the text *data* was read from, lets the walk skip what that text
    is too short to hold (a list of a million items needs two million characters).
    *tree* says that *data* is as the JSON parser builds it: no container is
    reached twice, and every number was checked as it was read, so the walk
    needs neither to remember what it saw nor to measure integers.
    """
    exceeds = _exceeds_tree(data, limits, size) if tree else _exceeds(data, limits, size)
    if exceeds:
        return _first_problem(data, limits)
    return None


def _exceeds_tree(data: Any, limits: Limits, size: int | None) -> bool:
    """:func:`_exceeds` for a tree of dicts, lists and texts whose numbers are checked."""
    if type(data) not in (dict, list):
        return type(data) is str and len(data) > limits.cell_size
    deepest, cell_size, most = limits.depth, limits.cell_size, limits.items
    many_items = size is None or size > 2 * most
    long_texts = size is None or size > cell_size
    stack: list[tuple[Any, int]] = [(data, 1)]
    push, pop = stack.append, stack.pop
    while stack:
        container, depth = pop()
        if many_items and len(container) > most:
            return True
        if type(container) is dict:
            if long_texts and container and max(map(len, container)) > cell_size:
                return True
            values = container.values()
        else:
            values = container
        if long_texts:
            for value in values:
                kind = type(value)
                if kind is str:
                    if len(value) > cell_size:
                        return True
                elif kind is dict or kind is list:
                    if depth >= deepest:
                        return True
                    push((value, depth + 1))
        else:
            for value in values:
                kind = type(value)
                if kind is dict or kind is list:
                    if depth >= deepest:
                        return True
                    push((value, depth + 1))
    return False


def _exceeds(data: Any, limits: Limits, size: int | None) -> bool:
    deepest, cell_size, most = limits.depth, limits.cell_size, limits.items
    long_texts = size is None or size > cell_size
    many_items = size is None or size > 2 * most
    bits = int(limits.number_length * 3.33) + 1
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(data, 0)]
    if type(data) not in (dict, list):
        stack = [({"": data}, -1)]
    while stack:
        container, depth = stack.pop()
        if many_items and len(container) > most:
            return True
        if type(container) is dict:
            # Keys at C speed (YAML keys may be numbers: measured as written).
            if long_texts and container and max(map(len, map(str, container))) > cell_size:
                return True
            values = container.values()
        else:
            values = container
        for value in values:
            kind = type(value)
            if kind is str:
                if long_texts and len(value) > cell_size:
                    return True
            elif kind is dict or kind is list:
                if depth + 1 >= deepest:
                    return True
                key = id(value)
                if key not in seen:
                    seen.add(key)
                    stack.append((value, depth + 1))
            elif kind is int and value.bit_length() > bits:
                return True
    return False


def _first_problem(data: Any, limits: Limits) -> Problem | None:
    """The first problem with its field path (the slow walk, run only on failure)."""
    seen: set[int] = set()
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    integer_bits = int(limits.number_length * 3.33) + 1
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
            if depth >= limits.depth:
                return Problem(
                    path=_short(path),
                    message=over_limit("the nesting is too deep", depth + 1, limits.depth, "depth"),
                )
            if len(value) > limits.items:
                what = (
                    "a mapping has too many keys"
                    if isinstance(value, dict)
                    else "a list has too many items"
                )
                return Problem(
                    path=_short(path), message=over_limit(what, len(value), limits.items, "items")
                )
            stack.extend(_children(value, path, depth))
        elif isinstance(value, str):
            if len(value) > limits.cell_size:
                return Problem(
                    path=_short(path),
                    message=over_limit(
                        "a text is too long", len(value), limits.cell_size, "cell_size"
                    ),
                )
        elif isinstance(value, int) and value.bit_length() > integer_bits:
            return Problem(
                path=_short(path),
                message=over_limit(
                    "a number is too long", len(str(value)), limits.number_length, "number_length"
                ),
            )
    return None


def _children(
    value: dict[Any, Any] | list[Any], path: str, depth: int
) -> Iterator[tuple[Any, str, int]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, path, depth + 1
            yield item, f"{path}.{key}" if path else str(key), depth + 1
    else:
        for index, item in enumerate(value):
            yield item, f"{path}[{index}]", depth + 1


def _short(path: str) -> str:
    return path if len(path) <= 200 else f"{path[:100]}…{path[-100:]}"
