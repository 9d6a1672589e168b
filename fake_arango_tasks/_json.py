"""JSON as ArangoDB writes it and as arangod reads it (velocypack's ``Dumper`` and ``Parser``).

Writing. ArangoDB serialises responses with velocypack's ``Dumper``, which prints doubles with
``fpconv_dtoa`` (velocypack ``src/fpconv.cpp``): the shortest digits that read back to the same
double, an integral value with no decimal point (``2.0`` -> ``2``), small fractions positionally
(``1e-06`` -> ``0.000001``) and only very large or very small magnitudes in exponent form
(``1e+21``, ``1e-7``). Strings escape every non-ASCII character as ``\\uXXXX`` with upper-case
hex (``lib/Rest/HttpResponse.cpp`` dumps with ``escapeUnicode``). :func:`dumps` reproduces that, so a client sees ``"period":2`` (go-driver
decodes it as int64) and ``"offset":0.000001``.

:class:`Timestamp` marks a float that must always read back as a float (``created``: python-arango
checks ``isinstance(created, float)``), so an integral one keeps a ``.0``.

Reading. arangod parses a JSON request body with velocypack's ``Parser`` and
``VelocyPackHelper::strictRequestValidationOptions`` (``HttpRequest::payload``): duplicate
attribute names are refused (``checkAttributeUniqueness``), strings must be UTF-8
(``validateUtf8Strings``), at most 200 arrays/objects may nest (``nestingLimit`` 201, exclusive).
:func:`loads_json` gives the value velocypack builds, or raises
:class:`~fake_arango_tasks._velocypack.VPackError` with the parser's own message. Valid bodies
go through the C ``json`` module (with a duplicate check as ``object_pairs_hook`` and number
hooks only when a body has a number velocypack treats differently); anything the fast path
refuses or cannot vouch for is parsed again by :class:`_Parser`, a byte-for-byte model of
velocypack's ``Parser.cpp``, which decides.
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from itertools import compress
from json.encoder import encode_basestring_ascii
from typing import Any, Callable, Final

from ._velocypack import NESTING_LIMIT, VPackError

__all__ = ["Timestamp", "dumps", "dumps_bytes", "format_number", "loads_json"]


class Timestamp(float):
    """A float that :func:`dumps` never prints as an integer (``1700000000.0``, not ``1700000000``)."""

    __slots__ = ()


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

def format_number(value: float | int) -> str:
    """``value`` as ArangoDB's JSON output prints it (velocypack ``fpconv_dtoa``).

    Raises:
        ValueError: ``value`` is NaN or infinite (ArangoDB cannot store those).
        TypeError: ``value`` is a bool.
    """
    if isinstance(value, bool):
        raise TypeError("bool is not a number here")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value, isinstance(value, Timestamp))
    return _number_text_by_decimal(value)


_float_repr: Final = float.__repr__
_int_repr: Final = int.__repr__
_INFINITY: Final = math.inf


def _float_text(value: float, timestamp: bool = False) -> str:
    """fpconv's text for a finite double, from Python's shortest repr (the same digits).

    fpconv writes ``digits * 10**k`` plainly when ``k >= 0`` and fewer than 8 zeros end it,
    positionally when ``-7 < k < 0`` or the decimal exponent is below 4, else in exponent form
    (``_emit_digits``); the branches below are those rules applied to repr's shapes."""
    if value != value or value == _INFINITY or value == -_INFINITY:
        raise ValueError(f"{value!r} has no JSON form")
    if value == 0:  # fpconv_dtoa writes the sign bit before filter_special writes the 0
        return "0.0" if timestamp else "-0" if math.copysign(1.0, value) < 0 else "0"
    text = _float_repr(value)
    if "e" not in text:
        whole, _, fraction = text.partition(".")
        if fraction == "0":  # integral below 1e16: plain unless 8 or more zeros end it
            if len(whole) - len(whole.rstrip("0")) < 8:
                return whole + ".0" if timestamp else whole
        elif len(fraction) <= 6:  # -7 < k < 0: what repr writes
            return text
        elif whole != "0" and whole != "-0":  # |value| >= 1: positional up to 4 digits before the point
            digits_before = len(whole) - (whole[0] == "-")
            if digits_before <= 4:
                return text
            sign = "-" if whole[0] == "-" else ""
            unsigned = whole[len(sign):]
            return f"{sign}{unsigned[0]}.{unsigned[1:]}{fraction}e+{digits_before - 1}"
    return _general_float_text(text, timestamp)


def _general_float_text(text: str, timestamp: bool) -> str:
    """fpconv's notation for any repr, by way of its digits and decimal exponent."""
    negative = text[0] == "-"
    mantissa, _, exponent = (text[1:] if negative else text).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    significant = digits.rstrip("0")
    scale = (int(exponent) if exponent else 0) - len(fraction) + len(digits) - len(significant)
    result = _emit_digits(significant, scale)
    if timestamp and "." not in result and "e" not in result:
        result += ".0"
    return "-" + result if negative else result


def _number_text_by_decimal(value: Any) -> str:
    """The number text for anything else a caller passes (``Decimal``...): the general rule."""
    if not math.isfinite(value):
        raise ValueError(f"{value!r} has no JSON form")
    if value == 0:
        return "0"
    sign, digit_tuple, exponent = Decimal(repr(abs(value))).normalize().as_tuple()
    assert isinstance(exponent, int)
    text = _emit_digits("".join(map(str, digit_tuple)), exponent)
    return ("-" if value < 0 else "") + text


def _emit_digits(digits: str, k: int) -> str:
    """fpconv's ``emit_digits``: ``digits`` * 10**``k`` in fpconv's notation choice."""
    ndigits = len(digits)
    exp = abs(k + ndigits - 1)
    if k >= 0 and exp < ndigits + 7:  # plain integer
        return digits + "0" * k
    if k < 0 and (k > -7 or exp < 4):  # decimal without exponent
        offset = ndigits - abs(k)
        if offset <= 0:
            return "0." + "0" * -offset + digits
        return digits[:offset] + "." + digits[offset:]
    mantissa = digits[0] + ("." + digits[1:] if ndigits > 1 else "")
    return f"{mantissa}e{'-' if k + ndigits - 1 < 0 else '+'}{exp}"


# --------------------------------------------------------------------------------------------
# Strings
# --------------------------------------------------------------------------------------------

_UNICODE_ESCAPE: Final = re.compile(r"(\\+)u([0-9a-f]{4})")


def _upper_escape(match: re.Match[str]) -> str:
    slashes, digits = match.groups()
    return f"{slashes}u{digits.upper()}" if len(slashes) % 2 else match.group(0)


class _EscapeTable(dict[int, str]):
    """``str.translate`` table: each character as velocypack's Dumper with ``escapeUnicode``
    writes it (``json``'s ASCII escaping, upper-case hex). Filled on demand, for at most 65536
    distinct characters (further ones are computed each time)."""

    def __missing__(self, code: int) -> str:
        text = _UNICODE_ESCAPE.sub(_upper_escape, encode_basestring_ascii(chr(code))[1:-1])
        if len(self) < 65536:
            self[code] = text
        return text


_ESCAPES: Final = _EscapeTable()


def _string(text: str) -> str:
    """``text`` as a JSON string literal the way velocypack escapes it (``m\\u00F6ter``)."""
    if text.isascii():
        quoted = encode_basestring_ascii(text)
        return _UNICODE_ESCAPE.sub(_upper_escape, quoted) if "\\u" in quoted else quoted
    return '"' + text.translate(_ESCAPES) + '"'


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

def dumps(value: Any) -> str:
    """Serialise ``value`` (dicts, lists, str, int, float, bool, None) as ArangoDB would.

    Dict keys are written as ``str(key)``; tuples as arrays; :class:`Timestamp` as above.

    Raises:
        TypeError: an unsupported type.
        ValueError: a NaN or infinite float.
    """
    return _value(value)


def dumps_bytes(value: Any) -> bytes:
    """:func:`dumps` as the ASCII bytes of a response body (every non-ASCII character is escaped).

    Raises:
        TypeError: an unsupported type.
        ValueError: a NaN or infinite float.
    """
    return _value(value).encode("ascii")


def _value(value: Any) -> str:
    return _WRITERS.get(type(value), _other)(value)


def _object_text(members: dict[Any, Any]) -> str:
    key_text, writers, other = _KEY_TEXT.get, _WRITERS.get, _other
    return "{" + ",".join([((type(key) is str and key_text(key)) or _member_name(key))
                           + writers(type(item), other)(item) for key, item in members.items()]) + "}"


def _array_text(items: list[Any] | tuple[Any, ...]) -> str:
    writers, other = _WRITERS.get, _other
    return "[" + ",".join([writers(type(item), other)(item) for item in items]) + "]"


_KEY_TEXT: Final[dict[str, str]] = {}  # '"name":' for names seen, at most 4096 of them


def _member_name(key: Any) -> str:
    """``"key":``; exact ``str`` keys are remembered (a response repeats its names)."""
    if type(key) is not str:
        return _string(str(key)) + ":"
    text = _string(key) + ":"
    if len(_KEY_TEXT) < 4096:
        _KEY_TEXT[key] = text
    return text


def _timestamp(value: float) -> str:
    return _float_text(value, True)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _null(value: None) -> str:
    return "null"


#: the writer for each exact type; anything else goes to :func:`_other`
_WRITERS: Final[dict[type, Callable[[Any], str]]] = {
    str: _string, int: _int_repr, float: _float_text, Timestamp: _timestamp, dict: _object_text,
    list: _array_text, bool: _bool, type(None): _null,
}


def _other(value: Any) -> str:
    """Subclasses and tuples, checked in the order the original writer checked them."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, dict):
        return "{" + ",".join([_string(str(key)) + ":" + _value(item) for key, item in value.items()]) + "}"
    if isinstance(value, (list, tuple)):
        return _array_text(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


# --------------------------------------------------------------------------------------------
# Reading: the fast path
# --------------------------------------------------------------------------------------------

_BOM: Final = b"\xef\xbb\xbf"


def _number_shape_table() -> bytes:
    table = bytearray(b"x" * 256)
    for digit in b"0123456789":
        table[digit] = 0x30
    table[ord("e")] = table[ord("E")] = ord("e")
    table[ord("+")] = table[ord("-")] = ord("+")
    table[ord(".")] = ord(".")
    return bytes(table)


_NUMBER_SHAPES: Final = _number_shape_table()  # every digit a 0, e/E an e, +/- a +, "." itself, the rest x
_NINETEEN: Final = b"0" * 19


def _needs_number_rules(body: bytes) -> bool:
    """Whether a number in ``body`` may read differently in velocypack than in Python: 19 or more
    digits not after a "." (an integer past int64, or an integer part velocypack accumulates in a
    double), or an exponent of 3 or more digits (velocypack's range check). A match inside a
    string only costs speed."""
    shapes = body.translate(_NUMBER_SHAPES)
    return (b"x" + _NINETEEN in shapes or b"+" + _NINETEEN in shapes or b"e000" in shapes
            or b"e+000" in shapes)


_FALLBACK: Final = object()
_LEADING_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")


def loads_json(data: bytes | bytearray | memoryview) -> Any:
    """Parse a JSON request body as arangod does (velocypack ``Parser``, strict request options).

    Rules (each pinned by a data case in ``tests/wire`` that cites velocypack's ``Parser.cpp`` or
    ``tests/testsParser.cpp``): a leading UTF-8 BOM is skipped; whitespace is space, tab, CR and
    LF; integers that fit int64 (negative) or uint64 stay ``int``, larger ones become ``float``
    accumulated digit by digit as velocypack does; a number whose digits or exponent overflow a
    double is refused (``Number out of range``); ``NaN``/``Infinity`` are no JSON
    (``Expecting digit``); raw control characters in strings are refused; invalid UTF-8 is
    refused, but byte sequences velocypack's lenient check lets through (overlong forms,
    surrogates) and ``\\u`` escapes of lone surrogates are kept, as the characters arangod's
    Dumper later writes for them; duplicate names in one object are refused when the object
    closes; more than 200 nested arrays/objects are refused at the 201st.

    Args:
        data: the body. arangod never parses an empty body (``HttpRequest::payload`` answers "no
            body", a none slice): the caller checks for ``b""`` first. A body of whitespace only
            is parsed, and refused with ``Expecting item`` (as is ``b""`` here).

    Returns:
        The value: dict (keys in body order), list, str, int, float, bool or None.

    Raises:
        VPackError: the parser's message, e.g. ``Expecting ',' or '}'``, ``Duplicate attribute
            name``, ``Too deep nesting in Array/Object``, ``Invalid UTF-8 sequence``.
    """
    raw = bytes(data)
    value = _fast(raw[3:] if raw[:3] == _BOM else raw)
    if value is _FALLBACK:
        return _Parser(raw).parse()
    return value


def _fast(body: bytes) -> Any:
    """The value via the C ``json`` module, or :data:`_FALLBACK` when it cannot be sure."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _FALLBACK
    first = _LEADING_WHITESPACE.match(text).end()  # type: ignore[union-attr]
    if text[first:first + 1] not in ("{", "["):  # a bare scalar or nothing: small, and the parser's own
        return _FALLBACK
    decoder = _RULED if _needs_number_rules(body) else _PLAIN
    try:
        value = decoder.decode(text)
    except (ValueError, RecursionError):  # JSONDecodeError and VPackError are ValueErrors
        return _FALLBACK
    if text.count("[") + text.count("{") > NESTING_LIMIT and _deeper_than(value, NESTING_LIMIT):
        return _FALLBACK
    return value


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) != len(pairs):
        raise VPackError("DuplicateAttributeName")
    return members


def _no_constant(name: str) -> Any:
    raise VPackError("ParseError", "Expecting digit")


def _int_rule(text: str) -> int | float:
    """An integer literal as ``Parser::parseNumber`` builds it (int64/uint64, else a double)."""
    if len(text) <= 18:
        return int(text)
    negative = text[0] == "-"
    return _signed(_scan_integer(text[1:] if negative else text), negative)


def _float_rule(text: str) -> float:
    """A literal with a fraction or exponent as ``Parser::parseNumber`` checks it (inside an
    array or object, where the value is always ``atof`` of the text)."""
    negative = text[0] == "-"
    match = _NUMBER_PARTS.fullmatch(text, 1 if negative else 0)
    assert match is not None
    whole, fraction, sign, exponent = match.groups()
    _magnitude(_scan_integer(whole) if whole != "0" else 0, None if fraction is None else fraction.encode(),
               negative, None if exponent is None else exponent.encode(), sign == "-")
    return float(text)


_NUMBER_PARTS: Final = re.compile(r"([0-9]+)(?:\.([0-9]+))?(?:[eE]([-+]?)([0-9]+))?")
_PLAIN: Final = json.JSONDecoder(object_pairs_hook=_unique_members, parse_constant=_no_constant)
_RULED: Final = json.JSONDecoder(object_pairs_hook=_unique_members, parse_constant=_no_constant,
                                 parse_int=_int_rule, parse_float=_float_rule)


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays/objects nest more than ``limit`` deep in ``value`` (an empty one counts),
    level by level with C iterators doing the per-member work."""
    level, depth = [value], 1
    while level:
        if depth > limit:
            return True
        deeper: list[Any] = []
        add = deeper.extend
        for container in level:
            members = container.values() if type(container) is dict else container
            add(compress(members, map(_IS_CONTAINER, map(type, members))))
        level, depth = deeper, depth + 1
    return False


_IS_CONTAINER: Final = frozenset((dict, list)).__contains__


# --------------------------------------------------------------------------------------------
# Reading: velocypack's number rules
# --------------------------------------------------------------------------------------------

def _scan_integer(digits: bytes | str) -> int | float:
    """``ParsedNumber``: digits into a uint64 while they fit, then into a double, digit by digit
    (``Parser.h``, ``ParsedNumber::addDigit``).

    Raises:
        VPackError: the double overflows (``NumberOutOfRange``).
    """
    text = digits.decode() if isinstance(digits, bytes) else digits
    if len(text) < 20 or (len(text) == 20 and int(text) < 1 << 64):
        return int(text)
    # the first 19 digits always fit; the 20th does when the uint64 stays below 2**64
    # (never int() of the whole text: Python refuses more than 4300 digits)
    kept = 19 if int(text[:20]) >= 1 << 64 else 20
    number = float(int(text[:kept]))
    for digit in text[kept:]:
        number = number * 10.0 + (ord(digit) - 48)
        if number == _INFINITY:
            raise VPackError("NumberOutOfRange")
    return number


def _scan_fraction(digits: bytes) -> float:
    """``Parser::scanDigitsFractional``: sum of digit * 10**-n, each power divided down from 0.1."""
    power, total = 0.1, 0.0
    for digit in digits:
        total = total + power * (digit - 48)
        power /= 10.0
    return total


def _pow10(exponent: float) -> float:
    try:
        return math.pow(10.0, exponent)
    except OverflowError:
        return _INFINITY


def _magnitude(number: int | float, fraction: bytes | None, negative: bool, exponent: bytes | None,
               exponent_negative: bool) -> float:
    """The double ``Parser::parseNumber`` computes from the scanned integer part ``number`` and
    the digits after it before it asks ``atof``: the value it returns itself when the body ends
    right after the fraction, and the one whose overflow it refuses when there is an exponent.

    Raises:
        VPackError: ``Number out of range`` (the exponent's digits, or the value times
            10**exponent, overflow a double).
    """
    magnitude = float(number)
    if fraction is not None:
        part = _scan_fraction(fraction)
        value = -magnitude - part if negative else magnitude + part
    else:
        value = -magnitude if negative else magnitude
    if exponent is not None:
        power = float(_scan_integer(exponent))
        value *= _pow10(-power if exponent_negative else power)
        if value != value or value in (_INFINITY, -_INFINITY):
            raise VPackError("NumberOutOfRange")
    return value


# --------------------------------------------------------------------------------------------
# Reading: the exact parser
# --------------------------------------------------------------------------------------------

_WHITESPACE: Final = frozenset(b" \t\n\r")
_PLAIN_RUN: Final = re.compile(rb'[^"\\\x00-\x1f\x80-\xff]+')
_HEX: Final = {c: int(chr(c), 16) for c in b"0123456789abcdefABCDEF"}
_SIMPLE_ESCAPES: Final = {ord('"'): b'"', ord("/"): b"/", ord("\\"): b"\\", ord("b"): b"\b", ord("f"): b"\f",
                          ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t"}


def _parse_error(message: str) -> VPackError:
    return VPackError("ParseError", message)


class _Parser:
    """velocypack's ``Parser`` (``src/Parser.cpp``, ``include/velocypack/Parser.h``) for one body,
    with arangod's strict request options; every check in the order velocypack makes it."""

    __slots__ = ("data", "pos", "nesting")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.nesting = 0

    def parse(self) -> Any:
        """``Parser::parseInternal`` for one value: BOM, the value, whitespace, then the end."""
        data = self.data
        if data[:3] == _BOM:
            self.pos = 3
        value = self.value()
        while self.pos < len(data) and data[self.pos] in _WHITESPACE:
            self.pos += 1
        if self.pos != len(data):
            raise _parse_error("Expecting EOF")
        return value

    def skip_whitespace(self, message: str) -> int:
        """``Parser::skipWhiteSpace``: the next byte that is not whitespace, not consumed."""
        data, pos = self.data, self.pos
        while pos < len(data) and data[pos] in _WHITESPACE:
            pos += 1
        self.pos = pos
        if pos >= len(data):
            raise _parse_error(message)
        return data[pos]

    def value(self) -> Any:
        """``Parser::parseJson``."""
        byte = self.skip_whitespace("Expecting item")
        self.pos += 1
        if byte == 0x7B:  # {
            return self.object()
        if byte == 0x5B:  # [
            return self.array()
        if byte == 0x22:  # "
            return self.string()
        if byte in b"tfn":
            return self.literal(byte)
        self.pos -= 1
        return self.number()

    def literal(self, byte: int) -> Any:
        """``parseTrue``/``parseFalse``/``parseNull``: the rest of the word, or ``Expecting 'x'``."""
        word, value = {0x74: (b"true", True), 0x66: (b"false", False), 0x6E: (b"null", None)}[byte]
        if self.data[self.pos:self.pos + len(word) - 1] != word[1:]:
            raise _parse_error(f"Expecting '{word.decode()}'")
        self.pos += len(word) - 1
        return value

    def enter(self) -> None:
        """``Parser::increaseNesting``, called as an array or object opens (empty ones too)."""
        self.nesting += 1
        if self.nesting > NESTING_LIMIT:
            raise VPackError("TooDeepNesting")

    def array(self) -> list[Any]:
        """``Parser::parseArray``."""
        self.enter()
        items: list[Any] = []
        if self.skip_whitespace("Expecting item or ']'") == 0x5D:
            self.pos += 1
        else:
            while True:
                items.append(self.value())
                byte = self.skip_whitespace("Expecting ',' or ']'")
                self.pos += 1
                if byte == 0x5D:
                    break
                if byte != 0x2C:
                    self.pos -= 1
                    raise _parse_error("Expecting ',' or ']'")
        self.nesting -= 1
        return items

    def object(self) -> dict[str, Any]:
        """``Parser::parseObject``; names must be unique when it closes (``Builder::close``
        with ``checkAttributeUniqueness``)."""
        self.enter()
        members: dict[str, Any] = {}
        count = 0
        byte = self.skip_whitespace("Expecting item or '}'")
        if byte == 0x7D:
            self.pos += 1
            self.nesting -= 1
            return members
        while True:
            if byte != 0x22:
                raise _parse_error("Expecting '\"' or '}'")
            self.pos += 1
            name = self.string()
            if self.skip_whitespace("Expecting ':'") != 0x3A:
                raise _parse_error("Expecting ':'")
            self.pos += 1
            members.setdefault(name, self.value())
            count += 1
            byte = self.skip_whitespace("Expecting ',' or '}'")
            self.pos += 1
            if byte == 0x7D:
                break
            if byte != 0x2C:
                self.pos -= 1
                raise _parse_error("Expecting ',' or '}'")
            byte = self.skip_whitespace("Expecting '\"' or '}'")
        if len(members) != count:
            raise VPackError("DuplicateAttributeName")
        self.nesting -= 1
        return members

    def string(self) -> str:
        """``Parser::parseString`` after the opening quote, UTF-8 checked (``validateUtf8Strings``)."""
        data = self.data
        out = bytearray()
        high_surrogate = 0
        while True:
            run = _PLAIN_RUN.match(data, self.pos)
            if run is not None:
                out += run.group()
                self.pos = run.end()
                high_surrogate = 0
            byte = self.next_byte("Unfinished string")
            if byte == 0x22:
                return _builder_text(bytes(out))
            if byte == 0x5C:
                high_surrogate = self.escape(out, high_surrogate)
            elif byte < 0x20:
                self.pos -= 1
                raise VPackError("UnexpectedControlCharacter")
            else:
                self.utf8_sequence(out, byte)
                high_surrogate = 0

    def next_byte(self, message: str) -> int:
        """``Parser::getOneOrThrow``."""
        if self.pos >= len(self.data):
            raise _parse_error(message)
        self.pos += 1
        return self.data[self.pos - 1]

    def escape(self, out: bytearray, high_surrogate: int) -> int:
        """One escape sequence after the backslash; returns the pending high surrogate."""
        if self.pos >= len(self.data):
            raise _parse_error("Invalid escape sequence")
        byte = self.next_byte("Invalid escape sequence")
        simple = _SIMPLE_ESCAPES.get(byte)
        if simple is not None:
            out += simple
            return 0
        if byte != 0x75:  # u
            raise _parse_error("Invalid escape sequence")
        code = 0
        for _ in range(4):
            if self.pos >= len(self.data):
                raise _parse_error("Unfinished \\uXXXX escape sequence")
            digit = _HEX.get(self.next_byte(""))
            if digit is None:
                raise _parse_error("Illegal \\uXXXX escape sequence")
            code = (code << 4) + digit
        if 0xDC00 <= code < 0xE000 and high_surrogate:
            del out[-3:]  # the high surrogate's three bytes, replaced by the pair's four
            out += chr(0x10000 + ((high_surrogate - 0xD800) << 10) + code - 0xDC00).encode()
            return 0
        out += chr(code).encode("utf-8", "surrogatepass")
        return code if 0xD800 <= code < 0xDC00 else 0

    def utf8_sequence(self, out: bytearray, lead: int) -> None:
        """A byte with the high bit set: the lead of a 2-4 byte sequence whose continuation bytes
        must follow; nothing else is checked (velocypack lets overlong forms and surrogates by)."""
        if lead & 0xE0 == 0xC0:
            follow = 1
        elif lead & 0xF0 == 0xE0:
            follow = 2
        elif lead & 0xF8 == 0xF0:
            follow = 3
        else:
            self.pos -= 1
            raise VPackError("InvalidUtf8Sequence")
        out.append(lead)
        for _ in range(follow):
            byte = self.next_byte("scanString: truncated UTF-8 sequence")
            if byte & 0xC0 != 0x80:
                raise VPackError("InvalidUtf8Sequence")
            out.append(byte)

    def number(self) -> int | float:
        """``Parser::parseNumber``: the integer part is scanned (and may overflow) before anything
        after it is looked at."""
        data, start = self.data, self.pos
        negative = data[start:start + 1] == b"-"
        if negative:
            self.pos += 1
            if self.pos >= len(data):
                raise _parse_error("Incomplete number")
        if not 0x30 <= data[self.pos] <= 0x39:
            raise _parse_error("Expecting digit")
        whole_start = self.pos
        self.pos = whole_start + 1 if data[whole_start] == 0x30 else self.digits_end(whole_start)
        whole = data[whole_start:self.pos]
        number = _scan_integer(whole) if whole != b"0" else 0
        after = data[self.pos:self.pos + 1]
        if after not in (b".", b"e", b"E"):
            return _signed(number, negative)
        fraction = exponent = None
        exponent_negative = False
        if after == b".":
            self.pos += 1
            if self.pos >= len(data) or not 0x30 <= data[self.pos] <= 0x39:
                raise _parse_error("Incomplete number")
            fraction_start = self.pos
            self.pos = self.digits_end(fraction_start)
            fraction = data[fraction_start:self.pos]
            if self.pos >= len(data):  # the body ends here: velocypack keeps its own sum
                return _magnitude(number, fraction, negative, None, False)
        if data[self.pos:self.pos + 1] in (b"e", b"E"):
            self.pos += 1
            sign = self.next_byte("Incomplete number")
            if sign in b"+-":
                exponent_negative = sign == 0x2D
                sign = self.next_byte("Incomplete number")
            if not 0x30 <= sign <= 0x39:
                raise _parse_error("Incomplete number")
            exponent_start = self.pos - 1
            self.pos = self.digits_end(exponent_start)
            exponent = data[exponent_start:self.pos]
        _magnitude(number, fraction, negative, exponent, exponent_negative)
        return float(data[start:self.pos])

    def digits_end(self, pos: int) -> int:
        data = self.data
        while pos < len(data) and 0x30 <= data[pos] <= 0x39:
            pos += 1
        return pos


def _signed(number: int | float, negative: bool) -> int | float:
    """The integer branch of ``Parser::parseNumber``: uint64, int64 and INT64_MIN stay integers,
    a negative one below INT64_MIN becomes the negated double."""
    if not negative:
        return number
    if isinstance(number, float):
        return -number
    return -number if number <= 1 << 63 else -float(number)


def _builder_text(data: bytes) -> str:
    """The string velocypack built, as Python text: UTF-8, and what the Dumper writes for the
    sequences only velocypack's lenient check accepts (``Dumper::dumpString`` with
    ``escapeUnicode``: the bits of each sequence by its lead byte; 4-byte ones as a surrogate
    pair, computed modulo 2**20 as the Dumper does)."""
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        pass
    chars: list[str] = []
    pos = 0
    while pos < len(data):
        lead = data[pos]
        if lead < 0x80:
            chars.append(chr(lead))
            pos += 1
        elif lead & 0xE0 == 0xC0:
            chars.append(chr(((lead & 0x1F) << 6) | (data[pos + 1] & 0x3F)))
            pos += 2
        elif lead & 0xF0 == 0xE0:
            chars.append(chr(((lead & 0x0F) << 12) | ((data[pos + 1] & 0x3F) << 6) | (data[pos + 2] & 0x3F)))
            pos += 3
        else:
            code = (((lead & 0x0F) << 18) | ((data[pos + 1] & 0x3F) << 12) | ((data[pos + 2] & 0x3F) << 6)
                    | (data[pos + 3] & 0x3F))
            code = (code - 0x10000) & 0xFFFFFFFF
            chars.append(chr(((code & 0xFFC00) >> 10) + 0xD800) + chr((code & 0x3FF) + 0xDC00))
            pos += 4
    return "".join(chars)

