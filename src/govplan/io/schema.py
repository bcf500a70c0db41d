"""JSON Schema of the file format, derived from the model classes.

Editors use it to validate and complete plan files; loading remains the
authority (it also checks references and cross-field rules).
"""

from __future__ import annotations

import enum
import types
import typing
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from ..model.reports import ChangeClaim, Claim, RateClaim, SumClaim
from ..values.periods import Deadline, Period
from ..values.quantities import Quantity
from ..values.units import Unit
from .converter import document_classes, kind_of, model_class
from .files import DOCUMENT_TAG

__all__ = ["json_schema"]

_CLAIMS = (SumClaim, RateClaim, ChangeClaim)


def _type_schema(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if annotation is Claim or (
        origin in (typing.Union, types.UnionType) and set(arguments) == set(_CLAIMS)
    ):
        return {"oneOf": [_ref(cls, defs) for cls in _CLAIMS]}
    if origin in (typing.Union, types.UnionType):
        options = [a for a in arguments if a is not type(None)]
        schemas = [_type_schema(option, defs) for option in options]
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(arguments[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(arguments[1], defs)}
    if annotation is str:
        return {"type": "string"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    if annotation is Decimal:
        return {"type": ["string", "number"], "description": "an exact decimal, e.g. '0.95'"}
    if annotation is Quantity:
        return {"type": "string", "description": "a quantity as stated: 96%, 1436万元, 300多人"}
    if annotation is Unit:
        return {"type": "string", "description": "a unit symbol: %, 万元, ㎡, 人次"}
    if annotation is Period:
        return {
            "type": ["string", "integer"],
            "description": "2011, 2011-H1, 2011-Q3, 2011-03, 2011-autumn, 2011-03-08/2011-03-10",
        }
    if annotation is pendulum.DateTime:
        return {"type": "string", "format": "date-time"}
    if annotation is pendulum.Date:
        return {"type": "string", "format": "date"}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    if isinstance(annotation, type) and (
        attrs.has(annotation) or hasattr(annotation, "data_schema")
    ):
        if annotation is Deadline:
            return {"anyOf": [{"type": "string", "format": "date"}, _ref(annotation, defs)]}
        return _ref(annotation, defs)
    raise TypeError(f"no schema for {annotation!r}")  # pragma: no cover - every field is covered


def _ref(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = kind_of(cls)
    if name not in defs:
        defs[name] = {}  # placeholder against recursion
        defs[name] = _class_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    own = getattr(cls, "data_schema", None)
    if own is not None:
        # Engine records that write themselves (to_data) describe their own data.
        schema: dict[str, Any] = own(lambda annotation: _type_schema(annotation, defs))
        return schema
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        properties[field.name] = _type_schema(hints[field.name], defs)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    if cls in _CLAIMS:
        properties["kind"] = {"const": kind_of(cls)}
        required.append("kind")
    schema = {
        "type": "object",
        "title": cls.__name__,
        "properties": properties,
        "additionalProperties": False,
    }
    if cls.__doc__:
        schema["description"] = cls.__doc__.strip().splitlines()[0]
    if required:
        schema["required"] = required
    return schema


def json_schema(kind: str | None = None) -> dict[str, Any]:
    """The JSON Schema of a file holding a document of *kind* (any kind if ``None``)."""
    defs: dict[str, Any] = {}
    classes = [model_class(kind)] if kind is not None else list(document_classes())
    documents = []
    for cls in classes:
        reference = _ref(cls, defs)
        name = kind_of(cls)
        documents.append(
            {
                "allOf": [reference],
                "properties": {DOCUMENT_TAG: {"const": name}},
                "required": [DOCUMENT_TAG],
            }
        )
    # A document is its class's fields plus the tag; the tag is allowed on every class.
    for cls in classes:
        defs[kind_of(cls)]["properties"][DOCUMENT_TAG] = {"const": kind_of(cls)}
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"govplan {kind or 'document'}",
    }
    schema.update(documents[0] if len(documents) == 1 else {"oneOf": documents})
    schema["$defs"] = defs
    return schema
