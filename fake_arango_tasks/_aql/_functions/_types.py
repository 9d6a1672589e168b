"""Type check and cast functions (docs-hugo ``aql/functions/type-check-and-cast.md``; arangod
``Aql/Functions.cpp``: ``IsNull`` ... ``Typename``, ``ToNumber`` ... ``ToArray``; registered by
``AqlFunctionFeature::addTypeCheckFunctions`` / ``addTypeCastFunctions``)."""

from __future__ import annotations

from typing import Any

from .._values import number, to_bool, to_number, to_string, type_name
from . import FunctionContext
from ._support import alias, define, is_number


@define("IS_NULL", ".")
def is_null(ctx: FunctionContext, args: list[Any]) -> bool:
    """``IS_NULL(value)``: true for null only."""
    return args[0] is None


@define("IS_BOOL", ".")
def is_bool(ctx: FunctionContext, args: list[Any]) -> bool:
    """``IS_BOOL(value)``: true for ``true`` and ``false``."""
    return isinstance(args[0], bool)


@define("IS_NUMBER", ".")
def is_number_(ctx: FunctionContext, args: list[Any]) -> bool:
    """``IS_NUMBER(value)``: true for numbers."""
    return is_number(args[0])


@define("IS_STRING", ".")
def is_string(ctx: FunctionContext, args: list[Any]) -> bool:
    """``IS_STRING(value)``: true for strings."""
    return isinstance(args[0], str)


@define("IS_ARRAY", ".")
def is_array(ctx: FunctionContext, args: list[Any]) -> bool:
    """``IS_ARRAY(value)`` (alias ``IS_LIST``): true for arrays."""
    return isinstance(args[0], list)


alias("IS_LIST", "IS_ARRAY")


@define("IS_OBJECT", ".")
def is_object(ctx: FunctionContext, args: list[Any]) -> bool:
    """``IS_OBJECT(value)`` (alias ``IS_DOCUMENT``): true for objects."""
    return isinstance(args[0], dict)


alias("IS_DOCUMENT", "IS_OBJECT")


@define("TYPENAME", ".")
def typename(ctx: FunctionContext, args: list[Any]) -> str:
    """``TYPENAME(value)``: ``"null"``, ``"bool"``, ``"number"``, ``"string"``, ``"array"`` or
    ``"object"`` (``AqlValue::getTypeString``)."""
    return type_name(args[0])


@define("TO_NUMBER", ".")
def to_number_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``TO_NUMBER(value)`` (``Functions::ToNumber``): :func:`~.._values.to_number`; a
    conversion to an infinite or NaN double (``"inf"``) gives null, as ``AqlValueHintDouble``."""
    return number(to_number(args[0]))


@define("TO_STRING", ".")
def to_string_(ctx: FunctionContext, args: list[Any]) -> str:
    """``TO_STRING(value)``: :func:`~.._values.to_string`."""
    return to_string(args[0])


@define("TO_BOOL", ".")
def to_bool_(ctx: FunctionContext, args: list[Any]) -> bool:
    """``TO_BOOL(value)``: :func:`~.._values.to_bool`."""
    return to_bool(args[0])


@define("TO_ARRAY", ".")
def to_array(ctx: FunctionContext, args: list[Any]) -> list[Any]:
    """``TO_ARRAY(value)`` (alias ``TO_LIST``; ``Functions::ToArray``): an array as it is, null
    ``[]``, a bool/number/string in a one-element array, an object its attribute values."""
    value = args[0]
    if isinstance(value, list):
        return value
    if value is None:
        return []
    if isinstance(value, dict):
        return list(value.values())
    return [value]


alias("TO_LIST", "TO_ARRAY")
