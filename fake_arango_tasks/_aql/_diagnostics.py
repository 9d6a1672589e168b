"""AQL's error messages that carry a position: ``<message> near '<region>' at position L:C``
(``Parser::registerParseError`` in ``arangod/Aql/Parser.cpp``), with the region cut from the
query as ``QueryString::extractRegion`` (``arangod/Aql/QueryString.cpp``) does."""

from __future__ import annotations

from typing import Final

from .._errors import ArangoError

__all__ = ["parse_error", "extract_region", "positioned_message"]

_SNIPPET_LENGTH: Final = 32


def extract_region(query: str, line: int, column: int) -> str:
    """The query from (``line``, byte ``column``) on: at most 32 characters, ``...`` appended when
    cut. Lines end at ``\\n``, ``\\r`` or ``\\r\\n`` here (flex counts only ``\\n``; ArangoDB has
    the same mismatch)."""
    data = query.encode("utf-8")
    n = len(data)
    p, current_line, current_column = 0, 1, 0
    while p < n and data[p] != 0:
        if current_line > line or (current_line >= line and current_column >= column):
            break
        c = data[p]
        if c == 0x0A:
            p += 1
            current_line += 1
            current_column = 0
        elif c == 0x0D:
            p += 1
            current_line += 1
            current_column = 0
            if p < n and data[p] == 0x0A:
                p += 1
        else:
            current_column += 1
            p += 1
    end, chars = p, 0
    while end < n:
        byte = data[end]
        if byte & 0x80 == 0 or byte & 0xC0 == 0xC0:
            chars += 1
            if chars > _SNIPPET_LENGTH:
                break
        end += 1
    region = data[p:end].decode("utf-8", errors="replace")
    return region + "..." if end != n else region


def positioned_message(query: str, message: str, line: int, column: int) -> str:
    """``message near '<region>' at position line:column+1``."""
    return f"{message} near '{extract_region(query, line, column)}' at position {line}:{column + 1}"


def parse_error(query: str, message: str, line: int, column: int, error_num: int = 1501) -> ArangoError:
    """The error ``registerParseError`` throws: ``error_num`` (1501 unless given) with the message
    positioned at (``line``, byte ``column`` from 0)."""
    return ArangoError(error_num, positioned_message(query, message, line, column))
