"""String functions (docs-hugo ``aql/functions/string.md``; arangod ``Aql/Functions.cpp``,
registered by ``AqlFunctionFeature::addStringFunctions``).

Strings are sequences of code points here, as in ICU's ``moveIndex32`` arithmetic arangod uses
for ``SUBSTRING``/``LEFT``/``RIGHT``; arangod's ``FIND_FIRST``/``FIND_LAST`` report UTF-16
positions, which equal code point positions for text in the Basic Multilingual Plane.
"""

from __future__ import annotations

from typing import Any

from .._values import json_text
from . import FunctionContext
from ._support import arg, define, is_number, stringify, to_int64, warn_type

_WHITESPACE = "\r\n\t "


@define("CONCAT", ".|+")
def concat(ctx: FunctionContext, args: list[Any]) -> str:
    """``CONCAT(value1, ...)`` (``Functions::Concat``): the arguments as strings, nulls skipped;
    a single array argument is concatenated element by element."""
    values = args[0] if len(args) == 1 and isinstance(args[0], list) else args
    return _joined(ctx, "", [stringify(v) for v in values if v is not None])


@define("CONCAT_SEPARATOR", ".,.|+")
def concat_separator(ctx: FunctionContext, args: list[Any]) -> str:
    """``CONCAT_SEPARATOR(separator, value1, ...)``: the non-null values joined by the
    separator; a single array after the separator is joined element by element."""
    separator = stringify(args[0])
    values = args[1] if len(args) == 2 and isinstance(args[1], list) else args[1:]
    return _joined(ctx, separator, [stringify(v) for v in values if v is not None])


def _joined(ctx: FunctionContext, separator: str, parts: list[str]) -> str:
    """``parts`` joined, their length counted against the query's memory bound first."""
    ctx.hold_text(sum(map(len, parts)) + len(separator) * max(len(parts) - 1, 0))
    return separator.join(parts)


@define("CHAR_LENGTH", ".")
def char_length(ctx: FunctionContext, args: list[Any]) -> int:
    """``CHAR_LENGTH(value)`` (``Functions::CharLength``): code points of a string; of an array
    or object its JSON text; "true" 4, "false" 5; a number its printed form; null 0."""
    value = args[0]
    if value is None:
        return 0
    if value is True:
        return 4
    if value is False:
        return 5
    if isinstance(value, str):
        return len(value)
    return len(json_text(value))


@define("LOWER", ".")
def lower(ctx: FunctionContext, args: list[Any]) -> str:
    """``LOWER(value)``: the string form in lower case (ICU ``toLower``, root locale)."""
    return stringify(args[0]).lower()


@define("UPPER", ".")
def upper(ctx: FunctionContext, args: list[Any]) -> str:
    """``UPPER(value)``: the string form in upper case (ICU ``toUpper``: "ß" is "SS")."""
    return stringify(args[0]).upper()


def _int32(value: Any) -> int:
    """``static_cast<int32_t>(toInt64())``: two's complement wrap to 32 bits."""
    n = to_int64(value) & 0xFFFFFFFF
    return n - 2**32 if n >= 2**31 else n


@define("SUBSTRING", ".,.|.")
def substring(ctx: FunctionContext, args: list[Any]) -> str:
    """``SUBSTRING(value, offset, length)`` (``Functions::Substring``): ``length`` code points
    (default: all) from ``offset``; a negative offset counts from the end; a length below one
    gives ""."""
    text = stringify(args[0])
    offset = _int32(args[1])
    length = _int32(args[2]) if len(args) == 3 else 2**31 - 1
    start = max(0, len(text) + offset) if offset < 0 else min(offset, len(text))
    if length <= 0:
        return ""
    return text[start:start + length]


@define("LEFT", ".,.")
def left(ctx: FunctionContext, args: list[Any]) -> str:
    """``LEFT(value, n)`` (``Functions::Left``): the first ``n`` code points; n below 1 gives ""."""
    text, n = stringify(args[0]), _int32(args[1])
    return text[:n] if n > 0 else ""


@define("RIGHT", ".,.")
def right(ctx: FunctionContext, args: list[Any]) -> str:
    """``RIGHT(value, n)`` (``Functions::Right``): the last ``n`` code points; n below 1 gives ""."""
    text, n = stringify(args[0]), _int32(args[1])
    return text[max(0, len(text) - n):] if n > 0 else ""


def _strip(text: str, chars: str, head: bool, tail: bool) -> str:
    start, end = 0, len(text)
    if head:
        while start < end and text[start] in chars:
            start += 1
    if tail:
        while end > start and text[end - 1] in chars:
            end -= 1
    return text[start:end]


@define("TRIM", ".|.")
def trim(ctx: FunctionContext, args: list[Any]) -> str:
    """``TRIM(value, type)`` / ``TRIM(value, chars)`` (``Functions::Trim``): type 0 both ends,
    1 the start, 2 the end (other numbers 0); a string gives the characters to strip (default
    ``"\\r\\n\\t "``)."""
    text = stringify(args[0])
    how, chars = 0, _WHITESPACE
    if len(args) == 2:
        option = args[1]
        if is_number(option):
            how = to_int64(option)
            if not 0 <= how <= 2:
                how = 0
        elif isinstance(option, str):
            chars = option
    return _strip(text, chars, how <= 1, how in (0, 2))


@define("LTRIM", ".|.")
def ltrim(ctx: FunctionContext, args: list[Any]) -> str:
    """``LTRIM(value, chars)``: ``chars`` (the string form of the argument; default whitespace)
    stripped from the start."""
    chars = stringify(args[1]) if len(args) == 2 else _WHITESPACE
    return _strip(stringify(args[0]), chars, True, False)


@define("RTRIM", ".|.")
def rtrim(ctx: FunctionContext, args: list[Any]) -> str:
    """``RTRIM(value, chars)``: ``chars`` stripped from the end."""
    chars = stringify(args[1]) if len(args) == 2 else _WHITESPACE
    return _strip(stringify(args[0]), chars, False, True)


@define("CONTAINS", ".,.|.")
def contains(ctx: FunctionContext, args: list[Any]) -> Any:
    """``CONTAINS(text, search, returnIndex)`` (``Functions::Contains``): whether the string form
    of ``search`` occurs in that of ``text`` (an empty search never does), or with
    ``returnIndex`` its position or -1.

    arangod searches the UTF-8 bytes and converts the byte offset with a loop that only looks at
    the text's first byte: the position is the byte offset, rounded up to a multiple of 2, 3 or
    4 when the text starts with a 2-, 3- or 4-byte character. Reproduced as is.
    """
    text, search = stringify(args[0]), stringify(arg(args, 1))
    want_index = len(args) > 2 and _truthy(args[2])
    position = -1
    if search:
        raw, needle = text.encode(), search.encode()
        found = raw.find(needle)
        if found >= 0:
            first = raw[0]
            step = 1 if first < 128 else 2 if first < 224 else 3 if first < 240 else 4
            position = -(-found // step) * step
    if want_index:
        return position
    return position != -1


def _truthy(value: Any) -> bool:
    from .._values import to_bool

    return to_bool(value)


def _find_bounds(args: list[Any], text: str) -> tuple[int, int, bool] | None:
    """``(start, end, end_given)`` of FIND_FIRST/FIND_LAST, or ``None`` when they make the
    answer -1 (a negative start, an end before the start)."""
    start = to_int64(args[2]) if len(args) >= 3 else 0
    if start < 0:
        return None
    end, given = len(text), False
    if len(args) == 4 and args[3] is not None:
        end, given = to_int64(args[3]), True
        if end < start or end < 0:
            return None
    return start, end, given


@define("FIND_FIRST", ".,.|.,.")
def find_first(ctx: FunctionContext, args: list[Any]) -> int:
    """``FIND_FIRST(text, search, start, end)`` (``Functions::FindFirst``): the first position
    of ``search`` starting at or after ``start`` and ending at or before ``end``, or -1; an
    empty search gives ``start``."""
    text, search = stringify(args[0]), stringify(args[1])
    bounds = _find_bounds(args, text)
    if bounds is None:
        return -1
    start, end, _ = bounds
    if not search:
        return start
    position = text.find(search)
    while position != -1:
        if position >= start and position + len(search) - 1 <= end:
            return position
        position = text.find(search, position + len(search))
    return -1


@define("FIND_LAST", ".,.|.,.")
def find_last(ctx: FunctionContext, args: list[Any]) -> int:
    """``FIND_LAST(text, search, start, end)`` (``Functions::FindLast``): the last such position,
    or -1; an empty search gives the end (``end + 1`` when ``end`` was given)."""
    text, search = stringify(args[0]), stringify(args[1])
    bounds = _find_bounds(args, text)
    if bounds is None:
        return -1
    start, end, given = bounds
    if not search:
        return end + (1 if given else 0)
    found = -1
    position = text.find(search)
    while position != -1:
        if position >= start and position + len(search) - 1 <= end:
            found = position
        position = text.find(search, position + len(search))
    return found


@define("SUBSTITUTE", ".,.|.,.")
def substitute(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SUBSTITUTE(value, search, replace, limit)`` / ``SUBSTITUTE(value, mapping, limit)``
    (``Functions::Substitute``): replace the occurrences of the search strings, leftmost first
    (on a tie the earlier search string), at most ``limit`` times; replacements by position, a
    single string for all, missing ones remove. Non-string search or replace values: warning
    1542 and null."""
    search = args[1]
    limit = -1
    patterns: list[str] = []
    replacements: list[str] = []
    plain = False
    if isinstance(search, dict):
        if len(args) > 3:
            ctx.warn(1541, "invalid number of arguments for function 'SUBSTITUTE()'")
            return None
        if len(args) == 3:
            limit = to_int64(args[2])
        for key, value in search.items():
            if value is not None and not isinstance(value, str):
                warn_type(ctx, "SUBSTITUTE")
                return None
            patterns.append(key)
            replacements.append(value or "")
    else:
        if len(args) == 4:
            limit = to_int64(args[3])
        if isinstance(search, list):
            if not all(isinstance(s, str) for s in search):
                warn_type(ctx, "SUBSTITUTE")
                return None
            patterns = list(search)
        elif isinstance(search, str):
            patterns = [search]
        else:
            warn_type(ctx, "SUBSTITUTE")
            return None
        if len(args) > 2:
            replace = args[2]
            if isinstance(replace, list):
                if not all(r is None or isinstance(r, str) for r in replace):
                    warn_type(ctx, "SUBSTITUTE")
                    return None
                replacements = [r or "" for r in replace]
            elif isinstance(replace, str):
                plain, replacements = True, [replace]
            else:
                warn_type(ctx, "SUBSTITUTE")
                return None
    value = args[0]
    if limit == 0 or not patterns:
        return value
    return _replace_all(stringify(value), patterns, replacements, plain, limit)


def _replace_all(text: str, patterns: list[str], replacements: list[str], plain: bool, limit: int) -> str:
    out: list[str] = []
    position = count = 0
    while True:
        best, which = -1, -1
        for i, pattern in enumerate(patterns):
            if not pattern:
                continue
            found = text.find(pattern, position)
            if found != -1 and (best == -1 or found < best):
                best, which = found, i
        if which == -1:
            break
        out.append(text[position:best])
        if which < len(replacements):
            out.append(replacements[which])
        elif plain:
            out.append(replacements[0])
        position = best + len(patterns[which])
        count += 1
        if limit != -1 and count >= limit:
            break
    out.append(text[position:])
    return "".join(out)


@define("SPLIT", ".|.,.")
def split(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SPLIT(value, separator, limit)`` (``Functions::Split``, ``buildSplitMatcher``): the
    string form of ``value`` cut at each separator (a string, or an array of alternatives; an
    empty one cuts between characters), at most ``limit`` parts. One argument: ``[value]``;
    a negative limit null, limit 0 ``[]``; a non-number limit or an object separator: warning
    1542 and null."""
    limit = -1
    if len(args) == 3:
        if not is_number(args[2]):
            warn_type(ctx, "SPLIT")
            return None
        limit = to_int64(args[2])
        if limit < 0:
            return None
        if limit == 0:
            return []
    if len(args) >= 2 and isinstance(args[1], dict):
        warn_type(ctx, "SPLIT")
        return None
    if len(args) == 1:
        return [args[0]]
    separator = args[1]
    if isinstance(separator, list):
        if any(not isinstance(s, str) or s == "" for s in separator):
            separators: list[str] = []
        else:
            separators = list(separator)
    elif isinstance(separator, str) and separator:
        separators = [separator]
    else:
        separators = []
    text = stringify(args[0])
    if not separators:
        parts = list(text)
    elif not text:
        parts = [""]
    else:
        parts = _split_at(text, separators)
    return parts if limit < 0 else parts[:limit]


def _split_at(text: str, separators: list[str]) -> list[str]:
    """Cut ``text`` at the leftmost match of the alternation ``sep1|sep2|...`` (regex order:
    at one position the first alternative wins)."""
    parts: list[str] = []
    start = position = 0
    while position <= len(text):
        matched = next((s for s in separators if text.startswith(s, position)), None)
        if matched is None:
            position += 1
            continue
        parts.append(text[start:position])
        position += len(matched)
        start = position
    parts.append(text[start:])
    return parts


@define("REVERSE", ".")
def reverse(ctx: FunctionContext, args: list[Any]) -> Any:
    """``REVERSE(value)`` (``Functions::Reverse``): an array in reverse order, a string with its
    UTF-16 code units reversed (so characters outside the BMP break up as in arangod: unpaired
    surrogates become U+FFFD); anything else: warning 1563 and null."""
    value = args[0]
    if isinstance(value, list):
        return value[::-1]
    if isinstance(value, str):
        units = value.encode("utf-16-le")
        flipped = b"".join(units[i:i + 2] for i in range(len(units) - 2, -2, -2))
        return flipped.decode("utf-16-le", errors="replace")
    ctx.warn(1563, "in function 'REVERSE()': array expected")
    return None
