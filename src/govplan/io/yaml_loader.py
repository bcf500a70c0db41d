"""YAML with PyYAML's safe loader only; floats are read as exact Decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from ..errors import LoadError, Problem

__all__ = ["safe_dump", "safe_load"]


class _ExactLoader(yaml.SafeLoader):
    """The safe loader, except that ``0.95`` becomes ``Decimal('0.95')``."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    return Decimal(text)


def _construct_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    # Dates stay text so that the converter reads them and names the field of a bad one.
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_ExactLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)


def safe_load(text: str) -> Any:
    """Parse YAML *text*; any error becomes a :class:`LoadError` naming the line."""
    try:
        return yaml.load(text, Loader=_ExactLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        message = f"not valid YAML{where}: {exc.problem or exc.context}"
        raise LoadError([Problem(path="", message=message)]) from None
    except (yaml.YAMLError, ArithmeticError) as exc:
        raise LoadError([Problem(path="", message=f"not valid YAML: {exc}")]) from None


def safe_dump(data: Any) -> str:
    """Write plain data as block-style YAML, keeping Chinese text readable."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def field_lines(text: str) -> dict[str, int]:
    """The line (1-based) of every field path in a YAML document (``targets[0].value``)."""
    try:
        root = yaml.compose(text, Loader=_ExactLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node: yaml.Node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{path}.{key.value}" if path else str(key.value)
                lines[child] = key.start_mark.line + 1
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = f"{path}[{index}]"
                lines[child] = item.start_mark.line + 1
                walk(item, child)

    if root is not None:
        walk(root, "")
    return lines
