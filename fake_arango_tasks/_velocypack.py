"""VelocyPack, as arangod reads request bodies and builds response bodies.

:func:`loads` checks a body the way ``HttpRequest::payload(strictValidation=true)``
(``lib/Rest/HttpRequest.cpp``) does for ``Content-Type: application/x-velocypack``: one
``VPackValidator`` pass with ``VelocyPackHelper::strictRequestValidationOptions``
(``lib/Basics/VelocyPackHelper.cpp``, ``VelocyPackHelper::initialize``), then decodes the value.
:func:`dumps` builds bytes the way ``VPackBuilder`` with arangod's default options does (padding
behaviour ``Flexible``, indexed arrays and objects). Both follow the format specification
``VelocyPack.md`` of arangodb/velocypack; where velocypack's code and that text disagree, the code
wins and the choice is pinned in ``tests/wire``.

Every failure is a :class:`VPackError` carrying velocypack's own exception text, so the HTTP layer
can answer what ``RestBaseHandler::parseVPackBody`` answers: 400 with errorNum 600 and
``"VPackError error: " + what()`` (:meth:`VPackError.to_arango_error`).

Python values. JSON types map to ``None``/``bool``/``int``/``float``/``str``/``list``/``dict``
(objects keep their members in the order they are stored, which is the order arangod's Dumper
writes them: it dumps with ``dumpAttributesInIndexOrder = false``). The rest:

========================  =========================================================================
VelocyPack                Python
========================  =========================================================================
0x00 none                 :data:`NONE` (a request body that is just ``0x00`` is "no body" to arangod)
0x17 illegal              :data:`ILLEGAL`
0x1e / 0x1f minKey/maxKey :data:`MIN_KEY` / :data:`MAX_KEY`
0x1c UTC date             :class:`UTCDate` (milliseconds since the epoch)
0xc0-0xc7 binary          ``bytes``
0xf0-0xff custom          :class:`Custom` (the value's bytes, head included)
========================  =========================================================================

JSON has none of these; :func:`to_json_compatible` renders them as arangod's Dumper does with the
``ConvertUnsupportedType`` behaviour ``VelocyPackHelper::initialize`` sets as the default:
``"(non-representable type utc-date)"`` and so on (velocypack ``Dumper::handleUnsupportedType``).

What strict request validation refuses (``Validator::validatePart``): tagged values (0xee/0xef,
``disallowTags``), BCD numbers (0xc8-0xd7, ``disallowBCD``), externals (0x1d,
``disallowExternals``), the reserved heads 0x15, 0x16, 0xd8-0xed, invalid UTF-8 in strings
(``validateUtf8Strings``, on unless ``--server.validate-utf8-strings false``) and more than 200
nested arrays/objects (``nestingLimit = 200 + 1``, exclusive). It does *not* refuse duplicate
attribute names (only the JSON parser checks those, ``checkAttributeUniqueness`` is a Builder
option) nor custom types (the Validator only checks their length); a decoded object keeps the
first of duplicate names, as velocypack's ``ParserTest.DuplicateAttributesAllowed`` reads them.
Integer attribute names are arangod's attribute translator's (``_key`` = 1, ``_rev`` = 2,
``_id`` = 3, ``_from`` = 4, ``_to`` = 5, ``VelocyPackHelper::initialize``); any other integer name
cannot be translated and is refused with velocypack's ``CannotTranslateKey`` text (arangod would
pass it and fail later, when it reads the name).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import accumulate
from typing import Any, Callable, Final, NoReturn

from ._errors import ArangoError, FakeArangoTasksError

__all__ = [
    "ATTRIBUTE_NAMES", "Custom", "ILLEGAL", "MAX_KEY", "MESSAGES", "MIN_KEY", "NESTING_LIMIT", "NONE",
    "Special", "UTCDate", "VPackError", "dumps", "loads", "to_json_compatible",
]

#: velocypack ``Exception::message(ExceptionType)`` (``src/Exception.cpp``): the text ``what()``
#: returns when a throw site gives no message of its own.
MESSAGES: Final[dict[str, str]] = {
    "InternalError": "Internal error",
    "NotImplemented": "Not implemented",
    "NoJsonEquivalent": "Type has no equivalent in JSON",
    "ParseError": "Parse error",
    "UnexpectedControlCharacter": "Unexpected control character",
    "DuplicateAttributeName": "Duplicate attribute name",
    "IndexOutOfBounds": "Index out of bounds",
    "NumberOutOfRange": "Number out of range",
    "InvalidUtf8Sequence": "Invalid UTF-8 sequence",
    "InvalidAttributePath": "Invalid attribute path",
    "InvalidValueType": "Invalid value type for operation",
    "NeedCustomTypeHandler": "Cannot execute operation without custom type handler",
    "NeedAttributeTranslator": "Cannot execute operation without attribute translator",
    "CannotTranslateKey": "Cannot translate key",
    "TooDeepNesting": "Too deep nesting in Array/Object",
    "BuilderExternalsDisallowed": "Externals are not allowed in this configuration",
    "BuilderCustomDisallowed": "Custom types are not allowed in this configuration",
    "BuilderTagsDisallowed": "Tagged types are not allowed in this configuration",
    "BuilderBCDDisallowed": "BCD types are not allowed in this configuration",
    "ValidatorInvalidType": "Invalid type found in binary data",
    "ValidatorInvalidLength": "Invalid length found in binary data",
}

#: Nested arrays/objects arangod accepts: ``VPackOptions::Defaults.nestingLimit = 200 + 1`` in
#: ``VelocyPackHelper::initialize`` ("the threshold value is exclusive"); the 201st level fails.
NESTING_LIMIT: Final = 200

#: arangod's attribute translator (``VelocyPackHelper::initialize``): integer names in objects.
ATTRIBUTE_NAMES: Final[dict[int, str]] = {1: "_key", 2: "_rev", 3: "_id", 4: "_from", 5: "_to"}


class VPackError(FakeArangoTasksError, ValueError):
    """velocypack refused the data: ``message`` is its ``Exception::what()`` text and ``kind`` its
    ``ExceptionType`` name (``ParseError``, ``ValidatorInvalidLength``, ...).

    Args:
        kind: a velocypack exception type name (a key of :data:`MESSAGES` or ``ParseError``).
        message: the throw site's own text; defaults to the type's message.
    """

    def __init__(self, kind: str, message: str | None = None) -> None:
        self.kind = kind
        self.message: str = message if message is not None else MESSAGES[kind]
        super().__init__(self.message)

    def to_arango_error(self) -> ArangoError:
        """The error arangod sends for this body: 400, errorNum 600 (``ERROR_HTTP_CORRUPTED_JSON``),
        ``"VPackError error: <message>"`` (``RestBaseHandler::parseVPackBody``)."""
        return ArangoError(600, f"VPackError error: {self.message}")


def _fail(kind: str, message: str | None = None) -> NoReturn:
    raise VPackError(kind, message)


def _length(message: str) -> NoReturn:
    raise VPackError("ValidatorInvalidLength", message)


class Special:
    """A VelocyPack value with no payload and no JSON form: :data:`NONE`, :data:`ILLEGAL`,
    :data:`MIN_KEY`, :data:`MAX_KEY`. Compare with ``is``."""

    __slots__ = ("type_name", "head")

    def __init__(self, type_name: str, head: int) -> None:
        self.type_name = type_name  #: velocypack ``valueTypeName``: ``none``, ``illegal``, ...
        self.head = head  #: its one byte

    def __repr__(self) -> str:
        return f"<VelocyPack {self.type_name}>"

    def __reduce__(self) -> str:
        return {0x00: "NONE", 0x17: "ILLEGAL", 0x1E: "MIN_KEY", 0x1F: "MAX_KEY"}[self.head]


NONE: Final = Special("none", 0x00)
ILLEGAL: Final = Special("illegal", 0x17)
MIN_KEY: Final = Special("minkey", 0x1E)
MAX_KEY: Final = Special("maxkey", 0x1F)
_SPECIALS: Final = {0x00: NONE, 0x17: ILLEGAL, 0x1E: MIN_KEY, 0x1F: MAX_KEY}


@dataclass(frozen=True)
class UTCDate:
    """VelocyPack's UTC date (0x1c): ``ms`` milliseconds since 1970-01-01T00:00:00Z, a signed
    64-bit integer (``VelocyPack.md``, "Dates")."""

    ms: int

    def to_datetime(self) -> datetime:
        """This instant as an aware :class:`~datetime.datetime` (UTC).

        Raises:
            OverflowError: outside the years 1-9999 that ``datetime`` can hold.
        """
        return datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(milliseconds=self.ms)


@dataclass(frozen=True)
class Custom:
    """A custom-type value (heads 0xf0-0xff, ``VelocyPack.md``, "Custom types"): ``data`` is the
    whole value, head byte and length bytes included. arangod's Validator checks only its length."""

    data: bytes


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

# what each head byte is (velocypack SliceStaticData TypeMap, VelocyPack.md "Value types")
(_T_NONE, _T_RESERVED, _T_EMPTY_ARRAY, _T_ARRAY_FLAT, _T_ARRAY_INDEXED, _T_ARRAY_COMPACT, _T_EMPTY_OBJECT,
 _T_OBJECT, _T_OBJECT_COMPACT, _T_SPECIAL, _T_NULL, _T_FALSE, _T_TRUE, _T_DOUBLE, _T_DATE, _T_EXTERNAL,
 _T_INT, _T_UINT, _T_SMALLINT, _T_STRING, _T_LONG_STRING, _T_BINARY, _T_BCD, _T_TAGGED, _T_CUSTOM) = range(25)


def _type_table() -> list[int]:
    table = [_T_RESERVED] * 256
    table[0x00] = _T_NONE
    table[0x01] = _T_EMPTY_ARRAY
    table[0x02:0x06] = [_T_ARRAY_FLAT] * 4
    table[0x06:0x0A] = [_T_ARRAY_INDEXED] * 4
    table[0x0A] = _T_EMPTY_OBJECT
    table[0x0B:0x13] = [_T_OBJECT] * 8
    table[0x13] = _T_ARRAY_COMPACT
    table[0x14] = _T_OBJECT_COMPACT
    for head in (0x17, 0x1E, 0x1F):
        table[head] = _T_SPECIAL
    table[0x18], table[0x19], table[0x1A] = _T_NULL, _T_FALSE, _T_TRUE
    table[0x1B], table[0x1C], table[0x1D] = _T_DOUBLE, _T_DATE, _T_EXTERNAL
    table[0x20:0x28] = [_T_INT] * 8
    table[0x28:0x30] = [_T_UINT] * 8
    table[0x30:0x40] = [_T_SMALLINT] * 16
    table[0x40:0xBF] = [_T_STRING] * 0x7F
    table[0xBF] = _T_LONG_STRING
    table[0xC0:0xC8] = [_T_BINARY] * 8
    table[0xC8:0xD8] = [_T_BCD] * 16
    table[0xEE], table[0xEF] = _T_TAGGED, _T_TAGGED
    table[0xF0:0x100] = [_T_CUSTOM] * 16
    return table


_TYPES: Final = _type_table()
_UNEQUAL: Final = "given buffer length is unequal to actual length of Slice in buffer"


def loads(data: bytes | bytearray | memoryview) -> Any:
    """Validate one VelocyPack value as arangod validates a request body, then decode it.

    Args:
        data: the whole body; it must be exactly one value (``Validator::validate`` with
            ``isSubPart = false``: trailing bytes are an error).

    Returns:
        The value (see the module docstring for the Python types).

    Raises:
        VPackError: velocypack's ``Validator`` refuses the data (truncated, garbage, trailing
            bytes, too deep, a refused type, invalid UTF-8), or an integer attribute name has
            no translation. Lengths are checked against the buffer before anything is read or
            allocated, so a length field claiming 2**60 bytes fails at once.
    """
    buf = bytes(data)
    return _Reader(buf).part(0, len(buf), sub=False)[0]


def _uint(buf: bytes, pos: int, width: int) -> int:
    return int.from_bytes(buf[pos:pos + width], "little")


_unpack_double: Final = struct.Struct("<d").unpack_from


class _Reader:
    """One validation and decoding pass, in ``Validator::validatePart``'s order of checks. Every
    step returns the value and its byte size (``Slice::byteSize``), which the caller compares with
    the bytes it had (``validateSliceLength``)."""

    __slots__ = ("buf", "nesting")

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.nesting = 0

    def part(self, pos: int, length: int, sub: bool = True) -> tuple[Any, int]:
        """Validate and decode the value at ``pos``, of which ``length`` bytes are available; a
        whole body (``sub`` false) must be exactly ``length`` bytes."""
        if length <= 0:
            _length("length 0 is invalid for any VelocyPack value")
        buf = self.buf
        head = buf[pos]
        value: Any
        if 0x40 <= head <= 0xBE:  # short string, the commonest
            size = head - 0x3F
            if size > length:
                _length(_UNEQUAL)
            try:
                value = buf[pos + 1:pos + size].decode("utf-8")
            except UnicodeDecodeError:
                _fail("InvalidUtf8Sequence")
        elif 0x30 <= head <= 0x3F:
            value, size = (head - 0x30 if head < 0x3A else head - 0x40), 1
        else:
            value, size = self.other(pos, length, head)
        if size > length or (size != length and not sub):
            _length(_UNEQUAL)
        return value, size

    def other(self, pos: int, length: int, head: int) -> tuple[Any, int]:
        buf = self.buf
        kind = _TYPES[head]
        if kind == _T_UINT or kind == _T_INT:
            width = head - (0x27 if kind == _T_UINT else 0x1F)
            return int.from_bytes(buf[pos + 1:pos + 1 + width], "little", signed=kind == _T_INT), 1 + width
        if kind == _T_DOUBLE:
            if length < 9:
                _length(_UNEQUAL)
            return _unpack_double(buf, pos + 1)[0], 9
        if kind == _T_NULL:
            return None, 1
        if kind == _T_TRUE or kind == _T_FALSE:
            return kind == _T_TRUE, 1
        if kind == _T_LONG_STRING:
            _check_buffer(9, length)
            size = 9 + _uint(buf, pos + 1, 8)
            _check_buffer(size, length)
            try:
                return buf[pos + 9:pos + size].decode("utf-8"), size
            except UnicodeDecodeError:
                _fail("InvalidUtf8Sequence")
        if kind <= _T_OBJECT_COMPACT:  # none, reserved, arrays, objects
            return self.compound(pos, length, kind)
        return self.rare(pos, length, kind)

    def compound(self, pos: int, length: int, kind: int) -> tuple[Any, int]:
        if kind == _T_NONE:
            return NONE, 1
        if kind == _T_RESERVED:
            _fail("ValidatorInvalidType")
        self.nesting += 1
        if self.nesting > NESTING_LIMIT:
            _fail("TooDeepNesting")
        result: tuple[Any, int]
        if kind == _T_EMPTY_ARRAY:
            result = [], 1
        elif kind == _T_EMPTY_OBJECT:
            result = {}, 1
        elif kind == _T_OBJECT:
            result = self.indexed_object(pos, length)
        elif kind == _T_ARRAY_FLAT:
            result = self.flat_array(pos, length)
        elif kind == _T_ARRAY_INDEXED:
            result = self.indexed_array(pos, length)
        else:
            result = self.compact(pos, length, is_array=kind == _T_ARRAY_COMPACT)
        self.nesting -= 1
        return result

    def rare(self, pos: int, length: int, kind: int) -> tuple[Any, int]:
        buf = self.buf
        head = buf[pos]
        if kind == _T_SPECIAL:
            return _SPECIALS[head], 1
        if kind == _T_DATE:
            return UTCDate(int.from_bytes(buf[pos + 1:pos + 9], "little", signed=True)), 9
        if kind == _T_BINARY:
            width = head - 0xBF
            _check_buffer(1 + width, length)
            size = 1 + width + _uint(buf, pos + 1, width)
            _check_buffer(size, length)
            return buf[pos + 1 + width:pos + size], size
        if kind == _T_BCD:
            _fail("BuilderBCDDisallowed")
        if kind == _T_TAGGED:
            _fail("BuilderTagsDisallowed")
        if kind == _T_EXTERNAL:
            _fail("BuilderExternalsDisallowed")
        return self.custom(pos, length)

    def custom(self, pos: int, length: int) -> tuple[Custom, int]:
        """``Validator::validatePart``, case Custom: fixed sizes for 0xf0-0xf3, a length of 1, 2,
        4 or 8 bytes (never 0) for the others."""
        head = self.buf[pos]
        if head < 0xF4:
            size = (2, 3, 5, 9)[head - 0xF0]
        else:
            width = (1, 2, 4, 8)[(head - 0xF4) // 3]
            _check_buffer(1 + width, length)
            payload = _uint(self.buf, pos + 1, width)
            if payload == 0:
                _length("Invalid size for Custom type")
            size = 1 + width + payload
        _check_buffer(size, length)
        return Custom(self.buf[pos:pos + size]), size

    # arrays ------------------------------------------------------------------------------

    def flat_array(self, pos: int, length: int) -> tuple[list[Any], int]:
        """``Validator::validateUnindexedArray`` (0x02-0x05): equal-size members, no index."""
        buf = self.buf
        width = 1 << (buf[pos] - 0x02)
        _check_buffer(1 + width + 1, length)
        byte_size = _uint(buf, pos + 1, width)
        if byte_size > length:
            _length("Array length is out of bounds")
        first = self.skip_padding(pos, 1 + width, byte_size)
        if first >= byte_size:
            _length("Array structure is invalid")
        if first not in (1 + width, 9):
            _length("Array padding is invalid")
        value, item_size = self.part(pos + first, length - first)
        items = [value]
        count = (byte_size - first) // item_size
        if count == 0:
            _length("Array nrItems value is invalid")
        at = first + item_size
        for _ in range(count - 1):
            if at >= length:
                _length("Array value is out of bounds")
            value, size = self.part(pos + at, length - at)
            if size != item_size:
                _length("Unexpected Array value length")
            items.append(value)
            at += item_size
        return items, byte_size

    def indexed_array(self, pos: int, length: int) -> tuple[list[Any], int]:
        """``Validator::validateIndexedArray`` (0x06-0x09): members followed by their offsets."""
        width = 1 << (self.buf[pos] - 0x06)
        byte_size, count, table, first = self.index_header(pos, length, width, "Array")
        items = []
        member = first
        while member < table:
            value, size = self.part(pos + member, table - member)
            items.append(value)
            if len(items) > count or self.offset(pos, table, len(items) - 1, width) != member:
                _length("Array index table is wrong")
            member += size
        if len(items) != count:
            _length("Array has more items than in index")
        return items, byte_size

    def index_header(self, pos: int, length: int, width: int, what: str) -> tuple[int, int, int, int]:
        """The shared head of indexed arrays and objects: (byte size, number of members, offset
        of the index table, offset of the first member), offsets relative to ``pos``."""
        buf = self.buf
        _check_buffer(1 + 2 * width + 1, length)
        byte_size = _uint(buf, pos + 1, width)
        if byte_size > length:
            _length(f"{what} length is out of bounds")
        if width == 8:
            if byte_size < 8:  # the count would be read from before the value
                _length(f"{what} index table is out of bounds")
            count = _uint(buf, pos + byte_size - 8, 8)
            if count == 0:
                _length(f"{what} nrItems value is invalid")
            table = byte_size - 8 - count * 8
            if table < 8:
                _length(f"{what} index table is out of bounds")
            return byte_size, count, table, 9
        count = _uint(buf, pos + 1 + width, width)
        if count == 0:
            _length(f"{what} nrItems value is invalid")
        first = self.skip_padding(pos, 1 + 2 * width, byte_size)
        if first not in (1 + 2 * width, 9):
            _length(f"{what} padding is invalid")
        table = byte_size - count * width
        if table < 2 * width or table < first:
            _length(f"{what} index table is out of bounds")
        return byte_size, count, table, first

    def skip_padding(self, pos: int, start: int, byte_size: int) -> int:
        """The first non-zero byte at or after ``start``, looking no further than offset 9 (the
        padding fills the head up to 8 bytes, ``VelocyPack.md``) nor than ``byte_size``."""
        buf = self.buf
        at, end = start, min(9, byte_size)
        while at < end and buf[pos + at] == 0:
            at += 1
        return at

    def offset(self, pos: int, table: int, index: int, width: int) -> int:
        return _uint(self.buf, pos + table + index * width, width)

    def compact(self, pos: int, length: int, is_array: bool) -> tuple[Any, int]:
        """``Validator::validateCompactArray`` / ``validateCompactObject`` (0x13 / 0x14): a
        variable-length byte size, the members, then the count written backwards."""
        what, minimum = ("Array", 4) if is_array else ("Object", 5)
        _check_buffer(minimum, length)
        buf = self.buf
        byte_size, data = _varlen_forward(buf, pos + 1, pos + length)
        if byte_size > length or byte_size < minimum:
            _length(f"{what} length value is out of bounds")
        count, end = _varlen_backward(buf, pos + byte_size - 1, data)
        if count == 0:
            _length(f"{what} length value is out of bounds")
        at = data
        if is_array:
            items = []
            for _ in range(count):
                value, size = self.part(at, end - at)
                items.append(value)
                at += size
            return items, byte_size
        members: dict[str, Any] = {}
        for _ in range(count):
            name, size = self.key(at, end - at)
            at += size
            value, size = self.part(at, end - at)
            members.setdefault(name, value)
            at += size
        if at != end:
            _length("Object has more members than specified")
        return members, byte_size

    # objects ------------------------------------------------------------------------------

    def indexed_object(self, pos: int, length: int) -> tuple[dict[str, Any], int]:
        """``Validator::validateIndexedObject`` (0x0b-0x12, sorted or not): members in memory
        order, then every index entry must name one of them."""
        width = 1 << ((self.buf[pos] - 0x0B) & 3)
        byte_size, count, table, first = self.index_header(pos, length, width, "Object")
        if width == 8:
            # velocypack 3.12 starts looking for the members of 8-byte objects at their end
            # ("firstMember = ptr + byteSize"), so it never finds one
            _length("Object has fewer items than in index")
        members: dict[str, Any] = {}
        offsets: list[int] = []
        member = first
        while member < table:
            name, size = self.key(pos + member, table - member)
            value_at = member + size
            if value_at >= table:
                _length("Object value leaking into index table")
            value, size = self.part(pos + value_at, table - value_at)
            members.setdefault(name, value)
            offsets.append(member)
            member = value_at + size
            if len(offsets) > count:
                _length("Object value has more key/value pairs than announced")
        if len(offsets) < count:
            _length("Object has fewer items than in index")
        self.check_index(pos, table, width, count, offsets)
        return members, byte_size

    def check_index(self, pos: int, table: int, width: int, count: int, offsets: list[int]) -> None:
        """Every index entry must be a member's offset; above 128 members velocypack keeps them in
        a set it removes each found one from, so an offset listed twice fails there."""
        known = set(offsets)
        for index in range(count):
            offset = self.offset(pos, table, index, width)
            if offset not in known:
                _length("Object has invalid index offset")
            if count > 128:
                known.discard(offset)

    def key(self, pos: int, length: int) -> tuple[str, int]:
        """An attribute name and its size: a string, or a positive integer the attribute
        translator knows."""
        name, size = self.part(pos, length)
        if isinstance(name, str):
            return name, size
        head = self.buf[pos]
        if not (0x31 <= head <= 0x39 or 0x28 <= head <= 0x2F):
            _length("Invalid object key type")
        translated = ATTRIBUTE_NAMES.get(name)
        if translated is None:
            _fail("CannotTranslateKey")
        return translated, size


def _check_buffer(expected: int, actual: int, sub: bool = True) -> None:
    """``Validator::validateBufferLength``: the value needs ``expected`` bytes, ``actual`` are
    there; a whole body (``sub`` false) must be exactly that long."""
    if expected > actual or (expected != actual and not sub):
        _length(_UNEQUAL)


def _varlen_forward(buf: bytes, at: int, end: int) -> tuple[int, int]:
    """A compact value's byte size (7 bits a byte, low bits first, high bit = more follows) and
    the offset after it; running into ``end`` is velocypack's error."""
    value = shift = 0
    while True:
        if at >= end:
            _length("Compound value length value is out of bounds")
        byte = buf[at]
        value |= (byte & 0x7F) << shift
        shift += 7
        at += 1
        if not byte & 0x80:
            return value, at


def _varlen_backward(buf: bytes, at: int, floor: int) -> tuple[int, int]:
    """A compact value's member count, written backwards from its last byte at ``at``; returns
    the count and the offset where it starts (the end of the members). Reading below ``floor``
    (into the byte size) is refused with the forward reader's text: velocypack does not guard it."""
    value = shift = 0
    while True:
        if at < floor:
            _length("Compound value length value is out of bounds")
        byte = buf[at]
        value |= (byte & 0x7F) << shift
        shift += 7
        at -= 1
        if not byte & 0x80:
            return value, at + 1


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

_DOUBLE: Final = struct.Struct("<Bd").pack
_WIDTH_STEP: Final = {1: 0, 2: 1, 4: 2, 8: 3}  # head byte offset for 1, 2, 4, 8-byte sizes
_OFFSET_CODES: Final = {1: "B", 2: "H", 4: "I", 8: "Q"}
_SHORT_STRING_HEADS: Final = [bytes((0x40 + size,)) for size in range(127)]


def dumps(value: Any) -> bytes:
    """``value`` as arangod's ``VPackBuilder`` (default options, padding ``Flexible``) builds it.

    Integers: -6..9 as small ints, other negative ones as signed ints and other non-negative ones
    as unsigned ints, each in as few bytes as they need (``Builder::addInt``/``addUInt``,
    ``intLength``; the unsigned form is what velocypack's Parser builds for JSON numbers). Floats
    (also :class:`~fake_arango_tasks._json.Timestamp`) as doubles, strings short up to 126 bytes,
    ``bytes`` as binary, :class:`UTCDate`, :class:`Custom` and the :class:`Special` values as
    themselves. Lists and tuples become arrays without an index table when all members have the
    same size, objects with one member compact objects (0x14), larger ones objects with an index
    table sorted by name (``Builder::close``, ``closeArray``); see ``tests/wire`` for the layouts.

    Args:
        value: the value to encode; dict keys must be ``str``.

    Returns:
        The bytes of one VelocyPack value.

    Raises:
        TypeError: an unsupported type, or a dict key that is not a ``str``.
        VPackError: an integer outside -2**63 .. 2**64-1 (``NumberOutOfRange``).
    """
    return _encode(value)


def _encode(value: Any) -> bytes:
    return _ENCODERS.get(type(value), _encode_other)(value)


def _encode_other(value: Any) -> bytes:
    """Subclasses and the VelocyPack-only types."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):  # bool is handled by its exact type
        return _integer(value)
    if isinstance(value, float):
        return _DOUBLE(0x1B, value)
    if isinstance(value, dict):
        return _object(value)
    if isinstance(value, (list, tuple)):
        return _array(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        size = len(data).to_bytes(max(1, (len(data).bit_length() + 7) // 8), "little")
        return bytes((0xBF + len(size),)) + size + data
    if isinstance(value, Special):
        return bytes((value.head,))
    if isinstance(value, UTCDate):
        return b"\x1c" + value.ms.to_bytes(8, "little", signed=True)
    if isinstance(value, Custom):
        return value.data
    raise TypeError(f"cannot encode {type(value).__name__} as VelocyPack")


def _string(text: str) -> bytes:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (JSON "\ud800"): kept as velocypack's Parser keeps it
        data = text.encode("utf-8", "surrogatepass")
    if len(data) <= 126:
        return _SHORT_STRING_HEADS[len(data)] + data
    return b"\xbf" + len(data).to_bytes(8, "little") + data


def _integer(value: int) -> bytes:
    if 0 <= value <= 9:
        return _SMALL_INTS[value]
    if -6 <= value < 0:
        return _SMALL_INTS[value]
    if 0 < value < 1 << 64:
        width = (value.bit_length() + 7) // 8
        return bytes((0x27 + width,)) + value.to_bytes(width, "little")
    if -(1 << 63) <= value < 0:
        width = ((-value - 1).bit_length() + 8) // 8  # velocypack intLength: room for the sign bit
        return bytes((0x1F + width,)) + value.to_bytes(width, "little", signed=True)
    raise VPackError("NumberOutOfRange")


_SMALL_INTS: Final = {value: bytes((0x30 + value if value >= 0 else 0x40 + value,)) for value in range(-6, 10)}


def _table(offsets: list[int], width: int) -> bytes:
    return struct.pack(f"<{len(offsets)}{_OFFSET_CODES[width]}", *offsets)


def _array(values: list[Any] | tuple[Any, ...]) -> bytes:
    """``Builder::closeArray`` for a builder that reserved 9 head bytes (``Builder::addArray``)."""
    if not values:
        return b"\x01"
    encoders = _ENCODERS.get
    items = [encoders(type(value), _encode_other)(value) for value in values]
    count = len(items)
    sizes = list(map(len, items))
    total = sum(sizes)
    indexed = count > 1 and min(sizes) != max(sizes)
    # Flexible padding may drop the 8-byte head reservation only for 1-byte sizes, and only when
    # none of the first 6 members is a none (0x00), which would read as padding
    can_shrink = all(item[0] for item in items[:6])
    if 9 + total + (count if indexed else 0) - ((6 if indexed else 7) if can_shrink else 0) <= 0xFF:
        width = 1
        data_at = (3 if indexed else 2) if can_shrink else 9
    else:
        width = 2 if 9 + total + (2 * count if indexed else 0) <= 0xFFFF else (
            4 if 9 + total + (4 * count if indexed else 0) <= 0xFFFFFFFF else 8)
        data_at = 9
    table = b""
    if indexed:
        table = _table(list(accumulate(sizes[:-1], initial=data_at)), width)
        if width == 8:
            table += count.to_bytes(8, "little")
    head = bytearray(((0x06 if indexed else 0x02) + _WIDTH_STEP[width],))
    head += (data_at + total + len(table)).to_bytes(width, "little")
    if indexed and width < 8:
        head += count.to_bytes(width, "little")
    head += bytes(data_at - len(head))
    items.append(table)
    return bytes(head) + b"".join(items)


_KEYS: Final[dict[str, bytes]] = {}  # encoded names seen, at most 4096 of them


def _key(name: Any) -> bytes:
    if type(name) is not str:
        if isinstance(name, str):
            return _string(name)
        raise TypeError(f"object keys must be str, not {type(name).__name__}")
    key = _string(name)
    if len(_KEYS) < 4096:
        _KEYS[name] = key
    return key


def _object(members: dict[Any, Any]) -> bytes:
    """``Builder::close`` for objects: {} is 0x0a, one member a compact object, more members an
    object whose index table is sorted by the names' bytes (``sortObjectIndex``; Python's order
    of ``str`` is the order of their UTF-8 bytes)."""
    if not members:
        return b"\x0a"
    known, encoders = _KEYS.get, _ENCODERS.get
    parts = [((type(name) is str and known(name)) or _key(name)) + encoders(type(value), _encode_other)(value)
             for name, value in members.items()]
    if len(parts) == 1:
        return _compact_object(parts)
    count = len(parts)
    sizes = list(map(len, parts))
    total = sum(sizes)
    if 9 + total + count - 6 <= 0xFF:
        width, data_at = 1, 3
    else:
        width = 2 if 9 + total + 2 * count <= 0xFFFF else (4 if 9 + total + 4 * count <= 0xFFFFFFFF else 8)
        data_at = 9
    offsets = list(accumulate(sizes[:-1], initial=data_at))
    names = list(members)
    table = _table([offsets[i] for i in sorted(range(count), key=names.__getitem__)], width)
    if width == 8:
        table += count.to_bytes(8, "little")
    head = bytearray((0x0B + _WIDTH_STEP[width],))
    head += (data_at + total + len(table)).to_bytes(width, "little")
    if width < 8:
        head += count.to_bytes(width, "little")
    head += bytes(data_at - len(head))
    parts.append(table)
    return bytes(head) + b"".join(parts)


def _compact_object(parts: list[bytes]) -> bytes:
    """``Builder::closeCompactArrayOrObject``: byte size forwards, count backwards, 7 bits a byte."""
    body = b"".join(parts)
    count = _varlen(len(parts), reverse=True)
    byte_size = 1 + len(body) + len(count)
    size_len = len(_varlen(byte_size, reverse=False))
    byte_size += size_len
    if len(_varlen(byte_size, reverse=False)) != size_len:
        byte_size += 1
    return b"\x14" + _varlen(byte_size, reverse=False) + body + count


def _varlen(value: int, reverse: bool) -> bytes:
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        out.append(low | (0x80 if value else 0))
        if not value:
            break
    return bytes(reversed(out)) if reverse else bytes(out)


def _double(value: float) -> bytes:
    return _DOUBLE(0x1B, value)


#: the encoder for each exact type; anything else goes to :func:`_encode_other`
_ENCODERS: Final[dict[type, Callable[[Any], bytes]]] = {
    str: _string, int: _integer, float: _double, dict: _object, list: _array, tuple: _array,
    bool: lambda value: b"\x1a" if value else b"\x19", type(None): lambda value: b"\x18",
}


# --------------------------------------------------------------------------------------------
# JSON rendering of the values JSON has no form for
# --------------------------------------------------------------------------------------------

def to_json_compatible(value: Any) -> Any:
    """``value`` with every non-JSON VelocyPack value replaced by what arangod's Dumper writes for
    it under ``ConvertUnsupportedType`` (the default ``VelocyPackHelper::initialize`` sets):
    the string ``"(non-representable type <name>)"`` with velocypack's type name (``utc-date``,
    ``binary``, ``none``, ``illegal``, ``minkey``, ``maxkey``). Custom values are rendered by
    arangod's custom type handler, which the fake does not have: they become
    ``"(non-representable type custom)"``.

    Args:
        value: a value as :func:`loads` returns it.

    Returns:
        A value :func:`fake_arango_tasks._json.dumps` can write (containers are copied only when
        something in them changes).
    """
    if isinstance(value, dict):
        converted = {name: to_json_compatible(item) for name, item in value.items()}
        return value if all(converted[n] is value[n] for n in value) else converted
    if isinstance(value, list):
        items = [to_json_compatible(item) for item in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    name = _json_less_name(value)
    return value if name is None else f"(non-representable type {name})"


def _json_less_name(value: Any) -> str | None:
    if isinstance(value, Special):
        return value.type_name
    if isinstance(value, UTCDate):
        return "utc-date"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "binary"
    if isinstance(value, Custom):
        return "custom"
    return None
