"""Object functions (docs-hugo ``aql/functions/document-object.md``; arangod
``Aql/Functions.cpp`` ``Has``, ``Attributes``, ``Values``, ``Merge``/``mergeParameters``,
``Unset``/``Keep``/``unsetOrKeep``, ``Translate``, ``Zip``, ``Matches``; 3.12's ``ENTRIES``,
``KEEP_RECURSIVE`` and ``VALUE``)."""

from __future__ import annotations

from functools import cmp_to_key
from typing import Any

from .._values import compare_strings, equals, json_text
from . import FunctionContext
from ._support import alias, bool_arg, define, is_number, stringify, to_int64, warn_type


def _names(ctx: FunctionContext, name: str, args: list[Any]) -> set[str]:
    """``extractKeys``: attribute names from the arguments after the first: strings, numbers
    (printed as ArangoDB prints them), arrays of strings (a non-string element: warning 1542)."""
    names: set[str] = set()
    for value in args[1:]:
        if isinstance(value, str):
            names.add(value)
        elif is_number(value):
            names.add(json_text(value))
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    names.add(item)
                else:
                    warn_type(ctx, name)
    return names


def _filter(document: dict[str, Any], names: set[str], unset: bool, recursive: bool) -> dict[str, Any]:
    """``unsetOrKeep``: the attributes not in ``names`` (unset) or in ``names`` (keep), with
    object values filtered the same way when ``recursive``."""
    out: dict[str, Any] = {}
    for key, value in document.items():
        if (key in names) != unset:
            out[key] = _filter(value, names, unset, recursive) if recursive and isinstance(value, dict) else value
    return out


def _filtering(name: str, unset: bool, recursive: bool) -> None:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        document = args[0]
        if not isinstance(document, dict):
            warn_type(ctx, name)
            return None
        return _filter(document, _names(ctx, name, args), unset, recursive)

    what = "without" if unset else "with only"
    where = "at every level" if recursive else "at the top level"
    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = (f"``{name}(document, attributeName1, ...)`` / ``{name}(document, namesArray)``: the document "
                    f"{what} the named attributes {where}; not an object: warning 1542 and null.")
    define(name, ".,.|+")(impl)


_filtering("UNSET", True, False)
_filtering("UNSET_RECURSIVE", True, True)
_filtering("KEEP", False, False)
_filtering("KEEP_RECURSIVE", False, True)


@define("HAS", ".,.")
def has(ctx: FunctionContext, args: list[Any]) -> bool:
    """``HAS(document, attributeName)``: whether the object has the attribute (the name's
    string form); false for non-objects."""
    document = args[0]
    return isinstance(document, dict) and stringify(args[1]) in document


def _collated(names: list[str]) -> list[str]:
    return sorted(names, key=cmp_to_key(compare_strings))


@define("ATTRIBUTES", ".|.,.")
def attributes(ctx: FunctionContext, args: list[Any]) -> Any:
    """``ATTRIBUTES(document, removeSystemAttrs, sort)`` (alias ``KEYS``): the attribute names
    (without those starting with ``_`` when asked; sorted by collation when asked, else in
    the document's order); not an object: warning 1542 and null."""
    document = args[0]
    if not isinstance(document, dict):
        warn_type(ctx, "ATTRIBUTES")
        return None
    names = list(document)
    if bool_arg(args, 1, False):
        names = [n for n in names if not n.startswith("_")]
    return _collated(names) if bool_arg(args, 2, False) else names


alias("KEYS", "ATTRIBUTES")


@define("VALUES", ".|.")
def values(ctx: FunctionContext, args: list[Any]) -> Any:
    """``VALUES(document, removeSystemAttrs)``: the attribute values in the document's order;
    not an object: warning 1542 and null."""
    document = args[0]
    if not isinstance(document, dict):
        warn_type(ctx, "VALUES")
        return None
    skip = bool_arg(args, 1, False)
    return [v for k, v in document.items() if not (skip and k.startswith("_"))]


@define("ENTRIES", ".")
def entries(ctx: FunctionContext, args: list[Any]) -> Any:
    """``ENTRIES(document)`` (3.12): ``[key, value]`` pairs in the document's order; not an
    object: warning 1542 and null."""
    document = args[0]
    if not isinstance(document, dict):
        warn_type(ctx, "ENTRIES")
        return None
    return [[k, v] for k, v in document.items()]


@define("VALUE", ".,.")
def value(ctx: FunctionContext, args: list[Any]) -> Any:
    """``VALUE(document, path)`` (3.12): the value at ``path`` (strings select attributes,
    numbers array elements, negative from the end); missing: null. Not an object, or a path
    that is not an array of strings and numbers: warning 1542 and null."""
    current, path = args[0], args[1]
    if not isinstance(current, dict) or not isinstance(path, list):
        warn_type(ctx, "VALUE")
        return None
    for step in path:
        if isinstance(step, str):
            if not isinstance(current, dict):
                return None
            current = current.get(step)
        elif is_number(step):
            if not isinstance(current, list):
                return None
            index = to_int64(step)
            if index < 0:
                index += len(current)
            if not 0 <= index < len(current):
                return None
            current = current[index]
        else:
            warn_type(ctx, "VALUE")
            return None
    return current


def _merge(base: dict[str, Any], other: dict[str, Any], recursive: bool) -> dict[str, Any]:
    """``VPackCollection::merge`` (nullMeansRemove false): ``other``'s attributes over
    ``base``'s, objects merged recursively when asked."""
    out = dict(base)
    for key, item in other.items():
        if recursive and isinstance(item, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], item, True)
        else:
            out[key] = item
    return out


def _merging(name: str, recursive: bool) -> None:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        documents = args[0] if len(args) == 1 and isinstance(args[0], list) else args
        result: dict[str, Any] = {}
        for document in documents:
            if not isinstance(document, dict):
                warn_type(ctx, name)
                return None
            result = _merge(result, document, recursive)
        return result

    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = (f"``{name}(document1, ...)`` / ``{name}(documentsArray)``: the documents merged, later "
                    f"attributes winning{' and nested objects merged too' if recursive else ''}; a non-object: "
                    "warning 1542 and null.")
    define(name, ".|+")(impl)


_merging("MERGE", False)
_merging("MERGE_RECURSIVE", True)


@define("TRANSLATE", ".,.|.")
def translate(ctx: FunctionContext, args: list[Any]) -> Any:
    """``TRANSLATE(value, lookupDocument, defaultValue)``: the lookup value for the string form
    of ``value``, else ``defaultValue`` (if given) or ``value``; a non-object lookup: warning
    1542 and null."""
    lookup = args[1]
    if not isinstance(lookup, dict):
        warn_type(ctx, "TRANSLATE")
        return None
    key = stringify(args[0])
    if key in lookup:
        return lookup[key]
    return args[2] if len(args) == 3 else args[0]


@define("ZIP", ".,.")
def zip_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``ZIP(keys, values)``: an object of the keys' string forms and the values (the first of
    duplicate keys wins); not two arrays of one length: warning 1542 and null."""
    keys, items = args[0], args[1]
    if not isinstance(keys, list) or not isinstance(items, list) or len(keys) != len(items):
        warn_type(ctx, "ZIP")
        return None
    out: dict[str, Any] = {}
    for key, item in zip(keys, items):
        out.setdefault(stringify(key), item)
    return out


@define("MATCHES", ".,.|.")
def matches(ctx: FunctionContext, args: list[Any]) -> Any:
    """``MATCHES(document, examples, returnIndex)`` (``Functions::Matches``): whether (or at
    which index) one example's attributes all equal the document's (a null example value also
    matches a missing attribute); a non-object example: warning 1542 and skipped."""
    document = args[0]
    want_index = len(args) == 3 and bool_arg(args, 2, False)
    if not isinstance(document, dict):
        return False
    examples = args[1] if isinstance(args[1], list) else [args[1]]
    for index, example in enumerate(examples):
        if not isinstance(example, dict):
            warn_type(ctx, "MATCHES")
            continue
        if all((item is None and key not in document) or (key in document and equals(document[key], item))
               for key, item in example.items()):
            return index if want_index else True
    return -1 if want_index else False
