"""LIKE and the REGEX_* functions (docs-hugo ``aql/functions/string.md#regular-expression-syntax``;
arangod ``Aql/Functions.cpp`` ``Like``/``RegexTest``/``RegexReplace``/``RegexMatches``/
``RegexSplit``, ``Aql/AqlFunctionsInternalCache.cpp`` ``buildLikePattern``/``buildRegexPattern``).

arangod compiles patterns with ICU's ``RegexMatcher``. They run here on the ``regex`` package
(a superset of Python's ``re`` with ``\\p{..}``, ``\\X``, POSIX classes, possessive quantifiers
and atomic groups), after :func:`icu_to_python` maps ICU's syntax:

- ``.`` matches anything but ICU's line terminators (``\\n \\r \\x85 \\u2028 \\u2029``), not only
  ``\\n``; ``(?s)`` keeps its meaning;
- ``\\Q...\\E`` literals, ``\\x{hhhh}``, ``\\h``/``\\H``, ``\\R``, ``\\k<name>`` and ``$n``/``${name}``
  in replacements are translated.

Known gaps: ICU's set operations inside classes (``[a&&b]``, ``[a--b]``), ``\\N{name}`` rules
that differ, ``\\Z`` before a final line terminator other than ``\\n``, and ICU's limits on
look-behind length are not reproduced.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex  # type: ignore[import-untyped]

from . import FunctionContext
from ._support import INVALID_REGEX, bool_arg, define, is_number, stringify, to_int64, warn, warn_type

_NOT_TERMINATOR = "[^\\n\\r\\x85\\u2028\\u2029]"
_ESCAPES = {"h": "[\\t \\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]",
            "H": "[^\\t \\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]",
            "R": "(?:\\r\\n|[\\n\\x0b\\x0c\\r\\x85\\u2028\\u2029])",
            "v": "[\\n\\x0b\\x0c\\r\\x85\\u2028\\u2029]",
            "V": "[^\\n\\x0b\\x0c\\r\\x85\\u2028\\u2029]"}


def icu_to_python(pattern: str) -> str:
    """An ICU regular expression rewritten for the ``regex`` package (see the module docstring)."""
    dotall = "(?s" in pattern or (pattern.startswith("(?") and "s" in pattern[2:pattern.find(")")])
    out: list[str] = []
    i, in_class = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt == "Q":
                end = pattern.find("\\E", i + 2)
                literal = pattern[i + 2:] if end == -1 else pattern[i + 2:end]
                out.append(regex.escape(literal))
                i = len(pattern) if end == -1 else end + 2
                continue
            if nxt == "x" and pattern[i + 2:i + 3] == "{":
                end = pattern.find("}", i)
                digits = pattern[i + 3:end] if end != -1 else ""
                if not digits or any(c not in "0123456789abcdefABCDEF" for c in digits):
                    raise ValueError("bad \\x{...} escape")
                out.append("\\U%08x" % int(digits, 16))
                i = end + 1
                continue
            if nxt == "k" and pattern[i + 2:i + 3] == "<":
                end = pattern.find(">", i)
                out.append(f"(?P={pattern[i + 3:end]})")
                i = end + 1
                continue
            if nxt in _ESCAPES and not in_class:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "[":
            in_class += 1
        elif char == "]" and in_class:
            in_class -= 1
        elif char == "." and not in_class and not dotall:
            out.append(_NOT_TERMINATOR)
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


@lru_cache(maxsize=256)
def _compile(pattern: str, case_insensitive: bool) -> Any:
    """The compiled ICU ``pattern``, or ``None`` when it does not compile."""
    try:
        translated = icu_to_python(pattern)
        return regex.compile(translated, regex.IGNORECASE if case_insensitive else 0)
    except (regex.error, ValueError, OverflowError):
        return None


def _like_pattern(pattern: str) -> str:
    """``buildLikePattern``: ``%`` any run, ``_`` any one character (ICU's ``(.|[\\r\\n])``:
    everything but U+0085, U+2028, U+2029), ``\\`` escapes; anchored at both ends."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        if char == "\\":
            if escaped:
                out.append("\\\\")
            escaped = not escaped
            continue
        if char == "%" and not escaped:
            out.append("[^\\x85\\u2028\\u2029]*")
        elif char == "_" and not escaped:
            out.append("[^\\x85\\u2028\\u2029]")
        else:
            if escaped and char not in "%_?+[(){}^$|\\.*":
                out.append("\\\\")
            out.append(regex.escape(char))
        escaped = False
    return "".join(out)


@lru_cache(maxsize=256)
def _compile_like(pattern: str, case_insensitive: bool) -> Any:
    return regex.compile(_like_pattern(pattern), regex.IGNORECASE if case_insensitive else 0)


@define("LIKE", ".,.|.")
def like(ctx: FunctionContext, args: list[Any]) -> Any:
    """``LIKE(text, search, caseInsensitive)``: whether the whole string form of ``text``
    matches the wildcard pattern."""
    matcher = _compile_like(stringify(args[1]), bool_arg(args, 2, False))
    return matcher.fullmatch(stringify(args[0])) is not None


def _matcher(ctx: FunctionContext, name: str, pattern: Any, case_insensitive: bool) -> Any:
    compiled = _compile(stringify(pattern), case_insensitive)
    if compiled is None:
        warn(ctx, name, INVALID_REGEX)
    return compiled


@define("REGEX_TEST", ".,.|.")
def regex_test(ctx: FunctionContext, args: list[Any]) -> Any:
    """``REGEX_TEST(text, search, caseInsensitive)``: whether the pattern matches anywhere in
    the string form of ``text``; an invalid pattern: warning 1543 and null."""
    matcher = _matcher(ctx, "REGEX_TEST", args[1], bool_arg(args, 2, False))
    if matcher is None:
        return None
    return matcher.search(stringify(args[0])) is not None


def icu_replacement(replacement: str, groups: int) -> str:
    """An ICU replacement string in ``regex``'s template syntax: ``$n`` (the longest number not
    above the group count) and ``${name}`` are groups, ``\\x`` is ``x``."""
    out: list[str] = []
    i = 0
    while i < len(replacement):
        char = replacement[i]
        if char == "\\" and i + 1 < len(replacement):
            out.append(replacement[i + 1].replace("\\", "\\\\"))
            i += 2
            continue
        if char == "$" and replacement[i + 1:i + 2] == "{":
            end = replacement.find("}", i)
            if end != -1:
                out.append(f"\\g<{replacement[i + 2:end]}>")
                i = end + 1
                continue
        if char == "$" and replacement[i + 1:i + 2].isdigit():
            j = i + 2
            while j < len(replacement) and replacement[j].isdigit() and int(replacement[i + 1:j + 1]) <= groups:
                j += 1
            out.append(f"\\g<{replacement[i + 1:j]}>")
            i = j
            continue
        out.append("\\\\" if char == "\\" else char)
        i += 1
    return "".join(out)


@define("REGEX_REPLACE", ".,.,.|.")
def regex_replace(ctx: FunctionContext, args: list[Any]) -> Any:
    """``REGEX_REPLACE(text, search, replacement, caseInsensitive)``: every match replaced
    (ICU ``replaceAll``; ``$1`` refers to a group); an invalid pattern: warning 1543 and null."""
    matcher = _matcher(ctx, "REGEX_REPLACE", args[1], bool_arg(args, 3, False))
    if matcher is None:
        return None
    template = icu_replacement(stringify(args[2]), matcher.groups)
    try:
        return matcher.sub(template, stringify(args[0]))
    except (regex.error, IndexError):
        warn(ctx, "REGEX_REPLACE", INVALID_REGEX)
        return None


@define("REGEX_MATCHES", ".,.|.")
def regex_matches(ctx: FunctionContext, args: list[Any]) -> Any:
    """``REGEX_MATCHES(text, regex, caseInsensitive)``: the first match and its groups
    (unmatched groups ""), or null when nothing matches; one argument: ``[text]``; an empty
    text with a non-empty pattern: ``[""]``; an invalid pattern: warning 1543 and null."""
    if len(args) == 1:
        return [args[0]]
    pattern = stringify(args[1])
    matcher = _matcher(ctx, "REGEX_MATCHES", pattern, bool_arg(args, 2, False))
    if matcher is None:
        return None
    text = stringify(args[0])
    if pattern and not text:
        return [""]
    found = matcher.search(text)
    if found is None:
        return None
    return [found.group(0)] + [g or "" for g in found.groups()]


@define("REGEX_SPLIT", ".,.|.,.")
def regex_split(ctx: FunctionContext, args: list[Any]) -> Any:
    """``REGEX_SPLIT(text, splitExpression, caseInsensitive, limit)``: the string form cut at
    each match, captured groups kept (ICU ``RegexMatcher::split``); an empty expression cuts
    between characters; at most ``limit`` parts (negative: null, 0: ``[]``, not a number:
    warning 1542 and null); an invalid pattern: warning 1543 and null."""
    limit = -1
    if len(args) == 4:
        if not is_number(args[3]):
            warn_type(ctx, "REGEX_SPLIT")
            return None
        limit = to_int64(args[3])
        if limit < 0:
            return None
        if limit == 0:
            return []
    if len(args) == 1:
        return [args[0]]
    pattern = stringify(args[1])
    matcher = _matcher(ctx, "REGEX_SPLIT", pattern, bool_arg(args, 2, False))
    if matcher is None:
        return None
    text = stringify(args[0])
    if not pattern:
        parts = list(text)
    elif not text:
        parts = [""]
    else:
        parts = _icu_split(matcher, text)
    return parts if limit < 0 else parts[:limit]


def _icu_split(matcher: Any, text: str) -> list[str]:
    """ICU ``split``: the fields between matches plus each match's groups; a match at the very
    start gives a leading "" field, one at the end a trailing "" field."""
    parts: list[str] = []
    start = 0
    for found in matcher.finditer(text):
        if found.end() == found.start():
            continue
        parts.append(text[start:found.start()])
        parts.extend(g or "" for g in found.groups())
        start = found.end()
    parts.append(text[start:])
    return parts
