"""String digests, encodings and identifiers: MD5 ... FNV64, TO_BASE64, TO_HEX,
ENCODE_URI_COMPONENT, SOUNDEX, LEVENSHTEIN_*, UUID, RANDOM_TOKEN, IPV4_*, IS_IPV4, IS_KEY,
JSON_PARSE/JSON_STRINGIFY, STARTS_WITH, SUBSTRING_BYTES (docs-hugo ``aql/functions/string.md``;
arangod ``Aql/Functions.cpp``, ``lib/Basics/StringUtils.cpp``, ``lib/Basics/hashes.cpp``)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from .._values import json_text, number
from . import FunctionContext
from ._support import define, fail, is_number, stringify, to_int64, warn_type


def _utf8(value: Any) -> bytes:
    return stringify(value).encode("utf-8", errors="surrogatepass")


@define("MD5", ".")
def md5(ctx: FunctionContext, args: list[Any]) -> str:
    """``MD5(text)``: lower-case hex MD5 of the string form (``SslInterface::sslMD5``)."""
    return hashlib.md5(_utf8(args[0])).hexdigest()


@define("SHA1", ".")
def sha1(ctx: FunctionContext, args: list[Any]) -> str:
    """``SHA1(text)``: lower-case hex SHA-1 of the string form."""
    return hashlib.sha1(_utf8(args[0])).hexdigest()


@define("SHA256", ".")
def sha256(ctx: FunctionContext, args: list[Any]) -> str:
    """``SHA256(text)``: lower-case hex SHA-256 of the string form (3.12)."""
    return hashlib.sha256(_utf8(args[0])).hexdigest()


@define("SHA512", ".")
def sha512(ctx: FunctionContext, args: list[Any]) -> str:
    """``SHA512(text)``: lower-case hex SHA-512 of the string form."""
    return hashlib.sha512(_utf8(args[0])).hexdigest()


def _crc32c_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC32C = _crc32c_table()


@define("CRC32", ".")
def crc32(ctx: FunctionContext, args: list[Any]) -> str:
    """``CRC32(text)``: CRC-32C (Castagnoli, polynomial 0x1EDC6F41, init and final XOR
    0xFFFFFFFF: ``TRI_Crc32HashPointer``) as upper-case hex without leading zeros
    (``TRI_StringUInt32HexInPlace``)."""
    crc = 0xFFFFFFFF
    for byte in _utf8(args[0]):
        crc = _CRC32C[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return format(crc ^ 0xFFFFFFFF, "X")


@define("FNV64", ".")
def fnv64(ctx: FunctionContext, args: list[Any]) -> str:
    """``FNV64(text)``: the FNV-1a 64-bit hash (``TRI_FnvHashPointer``) as upper-case hex
    without leading zeros."""
    value = 0xCBF29CE484222325
    for byte in _utf8(args[0]):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return format(value, "X")


@define("TO_BASE64", ".")
def to_base64(ctx: FunctionContext, args: list[Any]) -> str:
    """``TO_BASE64(value)``: standard Base64 (with padding) of the UTF-8 string form."""
    return base64.b64encode(_utf8(args[0])).decode("ascii")


@define("TO_HEX", ".")
def to_hex(ctx: FunctionContext, args: list[Any]) -> str:
    """``TO_HEX(value)``: lower-case hex of the UTF-8 string form (``StringUtils::encodeHex``)."""
    return _utf8(args[0]).hex()


_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")


@define("ENCODE_URI_COMPONENT", ".")
def encode_uri_component(ctx: FunctionContext, args: list[Any]) -> str:
    """``ENCODE_URI_COMPONENT(value)`` (``StringUtils::encodeURIComponent``): every byte outside
    ``A-Z a-z 0-9 - _ . ! ~ * ' ( )`` as ``%XX`` (upper-case hex); ``"fünf %"`` is
    ``"f%C3%BCnf%20%25"``."""
    return "".join(chr(b) if b in _URI_SAFE else f"%{b:02X}" for b in _utf8(args[0]))


_SOUNDEX = {**dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"), **dict.fromkeys("dt", "3"),
            "l": "4", **dict.fromkeys("mn", "5"), "r": "6"}


@define("SOUNDEX", ".")
def soundex(ctx: FunctionContext, args: list[Any]) -> str:
    """``SOUNDEX(value)`` (``StringUtils::soundex`` of the trimmed, lower-cased string form):
    the first letter in upper case and three digits of the following consonant groups
    (vowels, ``h``, ``w`` and ``y`` separate groups), padded with zeros; "" without letters."""
    text = stringify(args[0]).lower().strip(" \t\r\n\f\v")
    letters = [c for c in text if "a" <= c <= "z"]
    if not letters:
        return ""
    result = letters[0].upper()
    previous = _SOUNDEX.get(letters[0], "")
    for char in letters[1:]:
        code = _SOUNDEX.get(char, "")
        if code and code != previous:
            result += code
            if len(result) == 4:
                break
        previous = code
    return result.ljust(4, "0")


def _edit_distance(a: str, b: str, transpositions: bool) -> int:
    """Levenshtein distance over code points; with ``transpositions`` the optimal string
    alignment (restricted Damerau-Levenshtein) distance."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if transpositions and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


@define("LEVENSHTEIN_DISTANCE", ".,.")
def levenshtein_distance(ctx: FunctionContext, args: list[Any]) -> int:
    """``LEVENSHTEIN_DISTANCE(value1, value2)``: the Damerau-Levenshtein distance (3.12
    ``string.md``: transpositions count 1) between the string forms, in code points."""
    return _edit_distance(stringify(args[0]), stringify(args[1]), True)


@define("LEVENSHTEIN_MATCH", ".,.,.|.,.,.")
def levenshtein_match(ctx: FunctionContext, args: list[Any]) -> Any:
    """``LEVENSHTEIN_MATCH(value1, value2, maxDistance, transpositions, maxTerms, prefix)``
    (``Functions::LevenshteinMatch``): whether the distance is at most ``maxDistance``
    (transpositions counted unless the 4th argument is false). ``maxDistance`` not a number or
    negative, above 4 without transpositions (``MAX_LEVENSHTEIN_DISTANCE``), or a non-bool 4th
    argument: warning 1542 and null. Non-string values count as ""."""
    limit = args[2]
    if not is_number(limit):
        warn_type(ctx, "LEVENSHTEIN_MATCH")
        return None
    transpositions = True
    if len(args) > 3:
        if not isinstance(args[3], bool):
            warn_type(ctx, "LEVENSHTEIN_MATCH")
            return None
        transpositions = args[3]
    distance = to_int64(limit)
    if distance < 0 or (not transpositions and distance > 4):
        warn_type(ctx, "LEVENSHTEIN_MATCH")
        return None
    a = args[0] if isinstance(args[0], str) else ""
    b = args[1] if isinstance(args[1], str) else ""
    if len(args) > 5 and isinstance(args[5], str):
        prefix = args[5]
        if not a.startswith(prefix):
            return False
        a, b = a[len(prefix):], b[len(prefix):] if b.startswith(prefix) else b
    return _edit_distance(a, b, transpositions) <= distance


_TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@define("RANDOM_TOKEN", ".", deterministic=False)
def random_token(ctx: FunctionContext, args: list[Any]) -> str:
    """``RANDOM_TOKEN(length)``: ``length`` characters of ``[a-zA-Z0-9]`` from the query's
    seeded random stream.

    Raises:
        ArangoError: 1542 when ``length`` is below 0 or above 65536 (``Functions::RandomToken``
            throws, it does not warn).
    """
    length = to_int64(args[0])
    if length < 0 or length > 65536:
        raise fail(1542, "RANDOM_TOKEN")
    return "".join(_TOKEN_ALPHABET[int(ctx.random() * 62) % 62] for _ in range(length))


@define("UUID", "", deterministic=False)
def uuid(ctx: FunctionContext, args: list[Any]) -> str:
    """``UUID()``: a version 4 UUID in lower-case hex (boost ``random_generator``), its 122
    random bits from the query's seeded random stream."""
    raw = bytearray(int(ctx.random() * 256) & 0xFF for _ in range(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


_OCTET = re.compile(r"(?:0|[1-9][0-9]{0,2})")


def _ipv4(text: Any) -> int | None:
    """The address ``inet_pton(AF_INET)`` (glibc) reads from the whole string: four dotted
    decimal octets 0..255 without leading zeros, 7 to 15 characters; else ``None``."""
    if not isinstance(text, str) or not 7 <= len(text) <= 15:
        return None
    parts = text.split(".")
    if len(parts) != 4 or not all(_OCTET.fullmatch(p) and int(p) <= 255 for p in parts):
        return None
    value = 0
    for part in parts:
        value = value * 256 + int(part)
    return value


@define("IPV4_TO_NUMBER", ".")
def ipv4_to_number(ctx: FunctionContext, args: list[Any]) -> Any:
    """``IPV4_TO_NUMBER(stringAddress)``: the address as an unsigned 32-bit number; not an
    IPv4 string: warning 1542 and null."""
    value = _ipv4(args[0])
    if value is None:
        warn_type(ctx, "IPV4_TO_NUMBER")
    return value


@define("IPV4_FROM_NUMBER", ".")
def ipv4_from_number(ctx: FunctionContext, args: list[Any]) -> Any:
    """``IPV4_FROM_NUMBER(numericAddress)``: the dotted form of 0..4294967295; anything else:
    warning 1542 and null."""
    if not is_number(args[0]):
        warn_type(ctx, "IPV4_FROM_NUMBER")
        return None
    value = to_int64(args[0])
    if not 0 <= value <= 0xFFFFFFFF:
        warn_type(ctx, "IPV4_FROM_NUMBER")
        return None
    return ".".join(str((value >> shift) & 0xFF) for shift in (24, 16, 8, 0))


@define("IS_IPV4", ".")
def is_ipv4(ctx: FunctionContext, args: list[Any]) -> bool:
    """``IS_IPV4(value)``: whether ``value`` is a string IPV4_TO_NUMBER accepts."""
    return _ipv4(args[0]) is not None


_KEY = re.compile(r"[a-zA-Z0-9_\-:.@()+,=;$!*'%]{1,254}")


@define("IS_KEY", ".")
def is_key(ctx: FunctionContext, args: list[Any]) -> bool:
    """``IS_KEY(value)`` (``KeyGenerator::validateKey``): a string of 1 to 254 characters out of
    ``a-z A-Z 0-9 _ - : . @ ( ) + , = ; $ ! * ' %``."""
    value = args[0]
    return isinstance(value, str) and _KEY.fullmatch(value) is not None


@define("JSON_STRINGIFY", ".")
def json_stringify(ctx: FunctionContext, args: list[Any]) -> str:
    """``JSON_STRINGIFY(value)``: compact JSON as velocypack's ``Dumper`` writes it (non-ASCII
    characters unescaped)."""
    return json_text(args[0])


def _json_number(text: str) -> Any:
    value = float(text)
    return number(value) if value == value and abs(value) != float("inf") else None


@define("JSON_PARSE", ".")
def json_parse(ctx: FunctionContext, args: list[Any]) -> Any:
    """``JSON_PARSE(text)`` (``VPackParser::fromJson``): the value of a JSON text; a non-string
    or invalid JSON: warning 1542 and null."""
    text = args[0]
    if not isinstance(text, str):
        warn_type(ctx, "JSON_PARSE")
        return None
    try:
        return json.loads(text, parse_float=_json_number, parse_constant=_reject)
    except ValueError:
        warn_type(ctx, "JSON_PARSE")
        return None


def _reject(name: str) -> Any:
    raise ValueError(name)


@define("STARTS_WITH", ".,.|.")
def starts_with(ctx: FunctionContext, args: list[Any]) -> Any:
    """``STARTS_WITH(text, prefix)`` / ``STARTS_WITH(text, prefixes, minMatchCount)``
    (``IResearch/IResearchFilterFactory`` function outside SEARCH): whether the text starts
    with the prefix, or with at least ``minMatchCount`` (default 1) of the prefixes. A
    non-string text or prefix: warning 1542 and null."""
    text, prefixes = args[0], args[1]
    if not isinstance(text, str):
        warn_type(ctx, "STARTS_WITH")
        return None
    if isinstance(prefixes, str):
        return text.startswith(prefixes)
    if not isinstance(prefixes, list) or not all(isinstance(p, str) for p in prefixes):
        warn_type(ctx, "STARTS_WITH")
        return None
    needed = to_int64(args[2]) if len(args) > 2 else 1
    matches = sum(1 for p in prefixes if text.startswith(p))
    return matches >= needed if prefixes else False


@define("SUBSTRING_BYTES", ".,.|.,.,.")
def substring_bytes(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SUBSTRING_BYTES(value, offset, length, left, right)`` (3.12 ``string.md``): the
    substring of UTF-8 bytes from ``offset`` (negative: from the end), ``length`` bytes
    (default: to the end), widened by ``left``/``right`` characters of context. A start or end
    inside a character's byte sequence: warning 1542 and null."""
    raw = _utf8(args[0])
    offset = to_int64(args[1])
    if offset < 0:
        offset = max(0, len(raw) + offset)
    offset = min(offset, len(raw))
    length = to_int64(args[2]) if len(args) > 2 and args[2] is not None else len(raw) - offset
    end = min(len(raw), offset + max(0, length))
    if not _boundary(raw, offset) or not _boundary(raw, end):
        warn_type(ctx, "SUBSTRING_BYTES")
        return None
    text = raw[offset:end].decode("utf-8", errors="surrogatepass")
    left = to_int64(args[3]) if len(args) > 3 else 0
    right = to_int64(args[4]) if len(args) > 4 else 0
    if left > 0 or right > 0:
        before = raw[:offset].decode("utf-8", errors="surrogatepass")
        after = raw[end:].decode("utf-8", errors="surrogatepass")
        text = (before[max(0, len(before) - left):] if left > 0 else "") + text + after[:max(0, right)]
    return text


def _boundary(raw: bytes, index: int) -> bool:
    return index >= len(raw) or (raw[index] & 0xC0) != 0x80

