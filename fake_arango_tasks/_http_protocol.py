"""arangod's HTTP/1.1 connection rules: what it answers, or whether it answers at all, before any
handler sees a request.

arangod 3.12 reads HTTP/1.x with llhttp (``arangod/GeneralServer/HttpCommTask.cpp``, read in the
3.8 copy of arangodb/arangodb and in SereneDB's fork of 3.12's file, ``http_comm_task.cpp``, which
keeps the same callbacks). So does the fake: llhttp parses (through httptools, the binding uvicorn
uses), and :class:`RequestReader` holds ``HttpCommTask``'s callbacks; what llhttp refuses, the fake
has no say in. Two kinds of outcome:

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
returns 1): what follows its head is the next request (not so in the fake: :class:`RequestReader`).

Bounds of the fake that arangod does not have (its buffers grow): a request target of at most
:data:`MAX_REQUEST_LINE` bytes and a head of at most :data:`MAX_HEAD` bytes in
:data:`MAX_HEADERS` lines; past them the answer is an empty 414 or 431 and the connection closes
(the answers arangod 3.3's ``HttpCommTask::processRead`` gave for its own limits).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from http import HTTPStatus
from typing import Callable, Final

import httptools

from . import _errors as E
from ._errors import ArangoError

__all__ = [
    "ARANGOD_METHODS",
    "CLOSE",
    "CORS_METHODS",
    "EXPOSED_CORS_HEADERS",
    "KEEP_ALIVE_TIMEOUT",
    "MAX_BODY_SIZE",
    "MAX_HEAD",
    "MAX_HEADERS",
    "MAX_REQUEST_LINE",
    "Close",
    "Head",
    "Refusal",
    "RequestReader",
    "check_head",
    "status_line",
]

#: ``--http.keep-alive-timeout`` default, seconds: an idle connection is closed after it.
KEEP_ALIVE_TIMEOUT: Final = 300.0

#: ``kMaximalBodySize`` of ``HttpCommTask.cpp``, bytes: a larger ``Content-Length`` gets 413.
MAX_BODY_SIZE: Final = 1024 * 1024 * 1024

#: The fake's own bounds (see the module docstring), bytes and lines.
MAX_REQUEST_LINE: Final = 1024 * 1024
MAX_HEAD: Final = 1024 * 1024
MAX_HEADERS: Final = 1000

#: The methods arangod serves (``llhttpToRequestType``); any other method llhttp knows (``PROPFIND``,
#: ``M-SEARCH``, the RTSP ones, whose URL completes before the protocol is checked) gets 405.
ARANGOD_METHODS: Final = frozenset({"DELETE", "GET", "HEAD", "POST", "PUT", "OPTIONS", "PATCH"})

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
    head_request: bool = False  #: the answer to a ``HEAD`` request, its head only


@dataclass(frozen=True)
class Head:
    """A request head arangod serves.

    Attributes:
        method, target: as sent (``target`` is the raw request target).
        version: ``"HTTP/1.0"`` or ``"HTTP/1.1"``.
        headers: ``(name, value)`` in order, values without surrounding blanks.
        keep_alive: whether the connection stays open after the answer.
        expect_continue: ``Expect: 100-continue`` was sent.
    """

    method: str
    target: str
    version: str
    headers: list[tuple[str, str]]
    keep_alive: bool
    expect_continue: bool


class _Refused(Exception):
    """Raised from a callback to stop llhttp (``HPE_USER``) with arangod's short answer."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.status)
        self.refusal = refusal


#: What :meth:`RequestReader.next` hands over: a request to serve, a short answer, or silence.
Request = tuple[Head, bytes]


class RequestReader:
    """The requests of one connection, read as arangod reads them: by llhttp (the parser arangod
    3.12 reads HTTP/1.x with; here through httptools, MagicStack's binding) with
    ``HttpCommTask``'s callbacks (the methods ``on_*`` below; httptools calls them).

    Args:
        recv: reads at most the given number of bytes; ``b""`` at the end of the stream.
        send_continue: writes ``HTTP/1.1 100 Continue`` (``Expect: 100-continue``, when the head
            is complete and before the body is read).

    One deviation, httptools' and not llhttp's: a ``HEAD`` request's ``Content-Length`` is read
    as its body (arangod's ``on_header_complete`` returns 1, and llhttp parses those bytes as the
    next request).
    """

    def __init__(self, recv: Callable[[int], bytes], send_continue: Callable[[], object]) -> None:
        self._recv = recv
        self._send_continue = send_continue
        self._parser = httptools.HttpRequestParser(self)
        self._ready: deque[Request | Refusal | Close] = deque()
        self._ended = False
        self._continue_owed = False
        self.on_message_begin()

    def next(self) -> Request | Refusal | Close:
        """The next request with its body, arangod's short answer, or :data:`CLOSE` (llhttp
        refused the bytes, or the stream ended, between requests or in the middle of one)."""
        while not self._ready:
            if self._ended:
                return CLOSE
            if self._continue_owed:  # the requests pipelined before it are answered now
                self._continue_owed = False
                self._send_continue()
            data = self._recv(_READ_SIZE)
            if not data:
                return CLOSE
            try:
                self._parser.feed_data(data)
            except httptools.HttpParserCallbackError as error:  # HPE_USER: a callback refused
                refused = error.__context__
                if not isinstance(refused, _Refused):
                    raise  # a bug of ours, not the client's
                self._end(refused.refusal)
            except httptools.HttpParserError:
                self._end(CLOSE)  # ReadCallback closes on every parser error but HPE_USER
        return self._ready.popleft()

    def _end(self, verdict: Refusal | Close) -> None:
        self._ready.append(verdict)  # after the requests completed before it
        self._ended = True

    # -- HttpCommTask's callbacks -------------------------------------------------------------

    def on_message_begin(self) -> None:
        self._target = bytearray()
        self._headers: list[tuple[str, str]] = []
        self._head_size = 0
        self._head: Head | None = None
        self._body: list[bytes] = []

    def on_url(self, data: bytes) -> None:
        if not self._target:
            method = self._parser.get_method().decode("ascii")
            if method not in ARANGOD_METHODS:  # llhttpToRequestType: ILLEGAL
                raise _Refused(Refusal(405))
        self._target += data
        if len(self._target) > MAX_REQUEST_LINE:
            raise _Refused(Refusal(414))

    def on_header(self, name: bytes, value: bytes) -> None:
        self._head_size += len(name) + len(value)
        if self._head_size > MAX_HEAD or len(self._headers) >= MAX_HEADERS:
            raise _Refused(Refusal(431))
        self._headers.append((name.decode("latin-1"), value.decode("latin-1").strip(" \t")))

    def on_headers_complete(self) -> None:
        method = self._parser.get_method().decode("ascii")
        major, _, minor = self._parser.get_http_version().partition(".")
        head = check_head(method, self._target.decode("latin-1"), (int(major), int(minor)), self._headers,
                          self._parser.should_keep_alive())
        if isinstance(head, Refusal):
            raise _Refused(Refusal(head.status, head.error, head_request=method == "HEAD"))
        self._head = head
        if head.expect_continue:
            if self._ready:
                self._continue_owed = True  # not before the answers to the requests ahead of it
            else:
                self._send_continue()

    def on_body(self, data: bytes) -> None:
        self._body.append(data)

    def on_message_complete(self) -> None:
        assert self._head is not None
        self._continue_owed = False  # its body came without waiting for the 100
        self._ready.append((self._head, b"".join(self._body)))


#: Bytes read from the socket at a time.
_READ_SIZE: Final = 1 << 16


def check_head(method: str, target: str, version: tuple[int, int], headers: list[tuple[str, str]],
               keep_alive: bool) -> Head | Refusal:
    """``HttpCommTask::on_header_complete`` on a head llhttp framed (llhttp itself refused a bad,
    duplicate or overflowing ``Content-Length`` and a ``Transfer-Encoding`` with a
    ``Content-Length``; one not ending in ``chunked`` it refuses right after this callback).

    Returns:
        the :class:`Head` to serve, or a :class:`Refusal`: 501 for ``chunked``, 505 for a version
        other than 1.0 and 1.1, 413 for a body over :data:`MAX_BODY_SIZE`.
    """
    expect = ""
    encoding = ""
    content_length = 0
    for name, value in headers:
        key = name.lower()
        if key == "transfer-encoding":
            encoding = value
        elif key == "expect":
            expect = value
        elif key == "content-length":
            content_length = int(value)  # llhttp let through digits, once
    if encoding.rpartition(",")[2].strip().lower() == "chunked":  # llhttp's F_CHUNKED: it ends in chunked
        return Refusal(501, ArangoError(E.NOT_IMPLEMENTED, _CHUNKED_MESSAGE, 501, origin="connection"))
    if version not in ((1, 0), (1, 1)):
        return Refusal(505)
    if content_length > MAX_BODY_SIZE:
        return Refusal(413)
    return Head(method=method, target=target, version=f"HTTP/{version[0]}.{version[1]}", headers=headers,
                keep_alive=keep_alive, expect_continue=expect == "100-continue")


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
