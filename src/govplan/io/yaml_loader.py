"""YAML with PyYAML's safe loader only; floats are read as exact Decimals.

The loader also refuses, with the line, what YAML would otherwise let pass:
a key given twice in one mapping, nesting deeper than the limit, aliases that
expand to more values than the limit (the "billion laughs"), an alias to a
value that contains it, numbers too long or with too large an exponent, and
lists or texts over their limits.  These are checked while the document is
composed, before any object is built.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

from ..errors import LoadError, Problem
from .limits import DEFAULT_LIMITS, Limits, over_limit

__all__ = ["field_lines", "safe_dump", "safe_load"]

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _refuse(mark: Any, message: str) -> LoadError:
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    return LoadError([Problem(path="", message=f"{where}{message}")])


class _ExactLoader(yaml.SafeLoader):
    """The safe loader, except that ``0.95`` becomes ``Decimal('0.95')``, within limits."""

    limits: Limits = DEFAULT_LIMITS

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliased = 0
        self._weights: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: int) -> Any:
        limits = self.limits
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            node: Any = super().compose_node(parent, index)
            if id(node) not in self._weights:
                # Still being composed: the alias is inside the value it names.
                raise _refuse(mark, "an alias refers to a value that contains it (a cycle)")
            # An alias to a text adds nothing the text did not show; one to a list adds its items.
            self._aliased += self._weights.get(id(node), 1) - 1
            if self._aliased > limits.alias_nodes:
                raise _refuse(
                    mark,
                    over_limit(
                        "aliases (*name) expand to too many values",
                        self._aliased,
                        limits.alias_nodes,
                        "alias_nodes",
                    ),
                )
            return node
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > limits.cell_size:
            raise _refuse(
                event.start_mark,
                over_limit("a text is too long", len(event.value), limits.cell_size, "cell_size"),
            )
        self._depth += 1
        if self._depth > limits.depth:
            raise _refuse(
                event.start_mark,
                over_limit("the nesting is too deep", self._depth, limits.depth, "depth"),
            )
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._weights[id(node)] = self._weight(node)
        return node

    def _weight(self, node: yaml.Node) -> int:
        if isinstance(node, yaml.SequenceNode):
            weight = 1 + sum(self._weights.get(id(item), 1) for item in node.value)
            count = len(node.value)
        elif isinstance(node, yaml.MappingNode):
            weight = 1 + sum(
                self._weights.get(id(key), 1) + self._weights.get(id(value), 1)
                for key, value in node.value
            )
            count = len(node.value)
        else:
            if node.tag in (_INT_TAG, _FLOAT_TAG):
                problem = _number_problem(str(node.value), self.limits)
                if problem is not None:
                    raise _refuse(node.start_mark, problem)
            return 1
        if count > self.limits.items:
            what = "a mapping has too many keys" if isinstance(node, yaml.MappingNode) else None
            raise _refuse(
                node.start_mark,
                over_limit(what or "a list has too many items", count, self.limits.items, "items"),
            )
        return weight

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            first: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG:
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    line = first.get(key)
                except TypeError:
                    continue  # an unhashable key: the safe constructor names it
                if line is not None:
                    raise _refuse(
                        key_node.start_mark,
                        f"the key {key!r} is given twice in one mapping, at line {line} and at "
                        f"line {key_node.start_mark.line + 1}: remove or rename one",
                    )
                first[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _number_problem(text: str, limits: Limits) -> str | None:
    from .parsing import check_number

    return check_number(text, limits)


_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*")
_SPECIAL = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    special = _SPECIAL.get(text.lower())
    if special is not None:
        # Not finite: kept as such so that the field it is given to names it.
        return Decimal(special)
    if _SEXAGESIMAL.fullmatch(text):
        sign = -1 if text.startswith("-") else 1
        total = Decimal(0)
        for part in text.lstrip("+-").split(":"):
            total = total * 60 + Decimal(part)
        return sign * total
    return Decimal(text)


def _construct_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    # Dates stay text so that the converter reads them and names the field of a bad one.
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


_ExactLoader.add_constructor(_FLOAT_TAG, _construct_decimal)
_ExactLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)


def safe_load(text: str, *, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse YAML *text*; any error becomes a :class:`LoadError` naming the line."""
    loader_class = type("_LimitedLoader", (_ExactLoader,), {"limits": limits})
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        raise LoadError([Problem(path="", message=_reader_message(text, exc))]) from None
    try:
        return loader.get_single_data()
    except yaml.reader.ReaderError as exc:
        raise LoadError([Problem(path="", message=_reader_message(text, exc))]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        message = f"not valid YAML{where}: {exc.problem or exc.context}"
        raise LoadError([Problem(path="", message=message)]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(path="", message=f"not valid YAML: {exc}")]) from None
    except RecursionError:
        message = over_limit("the nesting is too deep", 1000, limits.depth, "depth")
        raise LoadError([Problem(path="", message=message)]) from None
    finally:
        loader.dispose()


def _reader_message(text: str, exc: yaml.reader.ReaderError) -> str:
    position = min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return (
        f"not valid YAML at line {line}, column {column}: the character "
        f"U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X} "
        "is not allowed in YAML (a control character: remove it)"
    )


class _ExactDumper(yaml.SafeDumper):
    r"""The safe dumper, except that texts with a Unicode line break are double-quoted.

    In a plain or single-quoted scalar YAML folds U+0085, U+2028 and U+2029 into
    spaces; double-quoted, they are escaped (``\N``) and read back as written.
    """


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if any(ch in text for ch in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ExactDumper.add_representer(str, _represent_text)


def safe_dump(data: Any) -> str:
    """Write plain data as block-style YAML, keeping Chinese text readable."""
    return yaml.dump(
        data, Dumper=_ExactDumper, allow_unicode=True, sort_keys=False, default_flow_style=False
    )


def field_lines(text: str) -> dict[str, int]:
    """The line (1-based) of every field path in a YAML document (``targets[0].value``)."""
    try:
        root = _ExactLoader(text).get_single_node()
    except (yaml.YAMLError, LoadError, RecursionError):
        return {}
    lines: dict[str, int] = {}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, "")] if root is not None else []
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue  # an alias: its lines are those of its anchor
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{path}.{key.value}" if path else str(key.value)
                lines[child] = key.start_mark.line + 1
                stack.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = f"{path}[{index}]"
                lines[child] = item.start_mark.line + 1
                stack.append((item, child))
    return lines
