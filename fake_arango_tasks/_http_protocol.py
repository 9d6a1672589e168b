"""arangod's HTTP/1.1 connection rules: what it answers, or whether it answers at all, before any
handler sees a request.

arangod 3.12 reads HTTP/1.x with llhttp (``arangod/GeneralServer/HttpCommTask.cpp``, read in the
3.8 copy of arangodb/arangodb and in SereneDB's fork of 3.12's file, ``http_comm_task.cpp``, which
keeps the same callbacks). Two kinds of outcome:

- **No answer, the connection is closed**: whatever llhttp itself refuses. ``ReadCallback`` closes
  the connection on every parser error but ``HPE_USER`` (and on EOF in the middle of a message,
  ``HPE_INVALID_EOF_STATE``): a method llhttp does not know (``FOO /x HTTP/1.1``, TLS bytes), a
  protocol other than ``HTTP/`` (``FOO/1.1``), a version other than 0.9, 1.0, 1.1 or 2.0
  (``HTTP/9.9``; llhttp's ``checkVersion`` in ``src/llhttp/http.ts``), a malformed header line,
  an invalid, negative, duplicate or overflowing ``Content-Length`` (``-1``, ``abc``), a
  ``Transfer-Encoding`` together with a ``Content-Length`` or without ``chunked``, a body shorter
  than its ``Content-Length`` when the client half-closes, and bytes after a request that do not
  start a request.
- **A short answer, then the connection is closed** (the callbacks return ``HPE_USER`` before
  ``_should_keep_alive`` is set, so the answer says ``Connection: Close``):

  ===================================  =======================================================
  ``on_url``: a method llhttp knows     405, empty body (``PROPFIND``, ``TRACE``, ``CONNECT``...)
  but arangod does not
  ``on_header_complete``:               501 ``{"error":true,"errorNum":9,"errorMessage":"Parsing
  ``Transfer-Encoding`` has             for transfer-encoding of type chunked not
  ``chunked``                           implemented.","code":501}`` (arangodb PR #16831, 3.10;
                                        the text as 3.11 answers it, arangodb issue #19520)
  ``on_header_complete``: a version     505, empty body (``HTTP/2.0``, ``HTTP/0.9``)
  other than 1.0 and 1.1
  ``on_header_complete``:               413, empty body (``kMaximalBodySize``, 1024 MB)
  ``Content-Length`` over 1 GiB
  ===================================  =======================================================

Everything else is served, and the connection kept alive as ``llhttp_should_keep_alive`` decides
(HTTP/1.1 unless ``Connection: close``; HTTP/1.0 only with ``Connection: keep-alive``), idle for
at most ``--http.keep-alive-timeout`` (300 s). ``Expect: 100-continue`` gets ``HTTP/1.1 100
Continue`` before the body is read. A ``HEAD`` request has no body (``on_header_complete``
returns 1): what follows its head is the next request.

Bounds of the fake that arangod does not have (its buffers grow): a request line of at most
:data:`MAX_REQUEST_LINE` bytes and a head of at most :data:`MAX_HEAD` bytes in
:data:`MAX_HEADERS` lines; past them the answer is an empty 414 or 431 and the connection closes
(the answers arangod 3.3's ``HttpCommTask::processRead`` gave for its own limits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Final

from . import _errors as E
from ._errors import ArangoError

__all__ = [
    "ARANGOD_METHODS", "CLOSE", "CORS_METHODS", "Close", "EXPOSED_CORS_HEADERS", "Head", "KEEP_ALIVE_TIMEOUT",
    "LLHTTP_METHODS", "MAX_BODY_SIZE", "MAX_HEAD", "MAX_HEADERS", "MAX_REQUEST_LINE", "Refusal", "check_head",
    "parse_header_line", "parse_request_line", "status_line",
]

#: ``--http.keep-alive-timeout`` default, seconds: an idle connection is closed after it.
KEEP_ALIVE_TIMEOUT: Final = 300.0

#: ``kMaximalBodySize`` of ``HttpCommTask.cpp``, bytes: a larger ``Content-Length`` gets 413.
MAX_BODY_SIZE: Final = 1024 * 1024 * 1024

#: The fake's own bounds (see the module docstring), bytes and lines.
MAX_REQUEST_LINE: Final = 1024 * 1024
MAX_HEAD: Final = 1024 * 1024
MAX_HEADERS: Final = 1000

#: The methods arangod serves (``llhttpToRequestType``); any other method llhttp knows gets 405.
ARANGOD_METHODS: Final = frozenset({"DELETE", "GET", "HEAD", "POST", "PUT", "OPTIONS", "PATCH"})

#: The methods llhttp parses with ``HTTP/`` (``METHODS_HTTP`` of ``src/llhttp/constants.ts``, with
#: ``QUERY`` from llhttp 9.2); the RTSP ones (``DESCRIBE``, ``SETUP``...) it knows too, and their
#: URL completes before the protocol is checked, so arangod answers them 405 as well.
LLHTTP_METHODS: Final = frozenset({
    "DELETE", "GET", "HEAD", "POST", "PUT", "CONNECT", "OPTIONS", "TRACE", "COPY", "LOCK", "MKCOL", "MOVE",
    "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "BIND", "REBIND", "UNBIND", "ACL", "REPORT", "MKACTIVITY",
    "CHECKOUT", "MERGE", "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "PATCH", "PURGE", "MKCALENDAR",
    "LINK", "UNLINK", "SOURCE", "PRI", "QUERY", "DESCRIBE", "ANNOUNCE", "SETUP", "PLAY", "PAUSE", "TEARDOWN",
    "GET_PARAMETER", "SET_PARAMETER", "REDIRECT", "RECORD", "FLUSH",
})

#: ``StaticStrings::CorsMethods``: the ``Allow`` header of every OPTIONS answer.
CORS_METHODS: Final = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"

#: ``StaticStrings::ExposedCorsHeaders``: ``Access-Control-Expose-Headers`` when a request has an ``Origin``.
EXPOSED_CORS_HEADERS: Final = "etag, content-encoding, content-length, location, server, x-arango-errors, x-arango-async-id"

_CHUNKED_MESSAGE: Final = "Parsing for transfer-encoding of type chunked not implemented."


class Close:
    """The verdict "close the connection without answering" (use :data:`CLOSE`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "CLOSE"


CLOSE: Final = Close()


@dataclass(frozen=True)
class Refusal:
    """A short answer after which the connection is closed: ``status`` and, for 501, the JSON
    ``error`` (``CommTask::sendErrorResponse``); the others have an empty body."""

    status: int
    error: ArangoError | None = None


@dataclass(frozen=True)
class Head:
    """A request head arangod serves.

    Attributes:
        method, target: as sent (``target`` is the raw request target).
        version: ``"HTTP/1.0"`` or ``"HTTP/1.1"``.
        headers: ``(name, value)`` in order, values without surrounding blanks.
        body_length: how many body bytes follow (0 for ``HEAD``).
        keep_alive: whether the connection stays open after the answer.
        expect_continue: ``Expect: 100-continue`` was sent.
    """

    method: str
    target: str
    version: str
    headers: list[tuple[str, str]]
    body_length: int
    keep_alive: bool
    expect_continue: bool


@dataclass(frozen=True)
class RequestLine:
    """A request line llhttp accepts: ``method``, raw ``target``, ``(major, minor)`` version."""

    method: str
    target: str
    version: tuple[int, int]


# llhttp: the method, one or more spaces, the URL (no space, no control character but HT and FF),
# then either the end of the line (HTTP/0.9) or spaces and "HTTP/d.d".
_REQUEST_LINE: Final = re.compile(
    rb"([!-~]+) +([^\x00-\x08\x0a-\x0b\x0d-\x20\x7f]+)(?: +([A-Z]+)/([0-9])\.([0-9]))?\r?\n")
_METHOD: Final = re.compile(rb"([A-Z_-]+) ")
_VERSIONS: Final = frozenset({(0, 9), (1, 0), (1, 1), (2, 0)})  # llhttp's checkVersion


def parse_request_line(line: bytes) -> RequestLine | Refusal | Close:
    """Judge a request line (with its line end) as llhttp and ``HttpCommTask::on_url`` do.

    Returns:
        the :class:`RequestLine`, a 405 :class:`Refusal` for a method llhttp knows and arangod does
        not (decided when the URL completes, whatever follows), or :data:`CLOSE`.
    """
    method = _METHOD.match(line)
    if method is None or method.group(1).decode("ascii") not in LLHTTP_METHODS:
        return CLOSE
    match = _REQUEST_LINE.fullmatch(line)
    if match is None:
        return CLOSE
    name = match.group(1).decode("ascii")
    if name not in ARANGOD_METHODS:
        return Refusal(405)
    protocol = match.group(3)
    if protocol is None:
        return RequestLine(name, match.group(2).decode("latin-1"), (0, 9))
    version = (int(match.group(4)), int(match.group(5)))
    if protocol != b"HTTP" or version not in _VERSIONS:
        return CLOSE
    return RequestLine(name, match.group(2).decode("latin-1"), version)


# llhttp: a token, a colon, then visible characters, blanks and obs-text (HEADER_CHARS).
_HEADER_LINE: Final = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([\t\x20-\x7e\x80-\xff]*?)[ \t]*\r?\n")


def parse_header_line(line: bytes) -> tuple[str, str] | Close:
    """``(name, value)`` of one header line (with its line end), or :data:`CLOSE` where llhttp
    refuses it (no colon, a blank before the colon, a control character, a folded line)."""
    match = _HEADER_LINE.fullmatch(line)
    if match is None:
        return CLOSE
    return match.group(1).decode("ascii"), match.group(2).decode("latin-1")


_DIGITS: Final = re.compile(r"[0-9]+")


def check_head(line: RequestLine, headers: list[tuple[str, str]]) -> Head | Refusal | Close:
    """Apply llhttp's framing checks and ``HttpCommTask::on_header_complete`` to a parsed head.

    Returns:
        the :class:`Head` to serve, a :class:`Refusal` (501 chunked, 505 version, 413 size), or
        :data:`CLOSE` (a ``Content-Length`` llhttp refuses, a ``Transfer-Encoding`` with a
        ``Content-Length`` or without ``chunked``).
    """
    lengths: list[str] = []
    encodings: list[str] = []
    connection: list[str] = []
    expect = ""
    for name, value in headers:
        key = name.lower()
        if key == "content-length":
            lengths.append(value)
        elif key == "transfer-encoding":
            encodings.append(value)
        elif key in ("connection", "proxy-connection"):
            connection.append(value.lower())
        elif key == "expect":
            expect = value
    if len(lengths) > 1 or (lengths and (not _DIGITS.fullmatch(lengths[0]) or int(lengths[0]) >= 2**64)):
        return CLOSE  # "Duplicate Content-Length", "Invalid character in Content-Length", overflow
    if encodings and lengths:
        return CLOSE  # "Content-Length can't be present with Transfer-Encoding"
    if encodings and "chunked" in encodings[-1].lower():
        return Refusal(501, ArangoError(E.NOT_IMPLEMENTED, _CHUNKED_MESSAGE, 501, origin="connection"))
    if line.version not in ((1, 0), (1, 1)):
        return Refusal(505)
    if encodings:
        return CLOSE  # llhttp: a request's Transfer-Encoding must end in chunked
    length = int(lengths[0]) if lengths else 0
    if length > MAX_BODY_SIZE:
        return Refusal(413)
    return Head(
        method=line.method, target=line.target, version=f"HTTP/{line.version[0]}.{line.version[1]}", headers=headers,
        body_length=0 if line.method == "HEAD" else length, keep_alive=_keep_alive(line.version, connection),
        expect_continue=expect == "100-continue",
    )


def _keep_alive(version: tuple[int, int], connection: list[str]) -> bool:
    """``llhttp_should_keep_alive``: HTTP/1.1 unless a ``close`` token, HTTP/1.0 only with ``keep-alive``."""
    tokens = {token.strip() for value in connection for token in value.split(",")}
    if version == (1, 1):
        return "close" not in tokens
    return "keep-alive" in tokens


def _phrase_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


_STATUS_LINES: Final = {status.value: _phrase_line(status.value) for status in HTTPStatus}


def status_line(status: int) -> str:
    """``"404 Not Found"``: the status and reason phrase arangod writes
    (``GeneralResponse::responseString``), not werkzeug's upper-case ``"404 NOT FOUND"``."""
    return _STATUS_LINES.get(status) or _phrase_line(status)
