"""Fault injection: a WSGI middleware around the fake's app that, for the next N requests
matching a method and a path, waits, answers an error in ArangoDB's envelope, or drops the
connection (WireMock's faults, moto's failure injection).

Faults never apply to the ``/_fake/*`` control routes (so a test can always clear them).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Final, Iterable

from werkzeug.wrappers import Response

from ._errors import ERRORS, ArangoError, OptionError
from ._json import dumps
from ._options import check_bool, check_int, check_number, check_str

__all__ = ["Fault", "Faults", "FaultInjector", "ConnectionDropped"]

_CONTROL_PREFIX: Final = "/_fake/"
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class ConnectionDropped(ConnectionResetError):
    """Raised by the middleware for a ``drop`` fault after it closed the connection: werkzeug's
    server treats it as a dropped connection (no answer, no traceback); the in-process clients
    turn it into their library's connection error."""


@dataclass
class Fault:
    """One registered fault.

    Attributes:
        method: the request method it matches (``"*"``: any).
        path: the request path it matches (without the query string; ``/_db/NAME/...`` as sent),
            exactly, or as a prefix with ``prefix``.
        times: how many more requests it applies to (``None``: every one).
        delay: real seconds to wait before answering (or passing the request on).
        status: answer this HTTP status with ArangoDB's error envelope instead of the real answer.
        error_num: the envelope's ``errorNum`` (see :meth:`Faults.add` for the default).
        message: the envelope's ``errorMessage``.
        drop: close the connection without answering.
        hits: how many requests it applied to.
    """

    method: str
    path: str
    times: int | None = 1
    delay: float = 0.0
    status: int | None = None
    error_num: int | None = None
    message: str | None = None
    drop: bool = False
    prefix: bool = False
    hits: int = field(default=0)

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to ``method path``."""
        return ((self.method == "*" or self.method == method)
                and (path == self.path or (self.prefix and path.startswith(self.path))))

    def to_json(self) -> dict[str, Any]:
        """The fault as ``GET /_fake/faults`` lists it."""
        return {"method": self.method, "path": self.path, "prefix": self.prefix, "times": self.times,
                "delay": self.delay, "status": self.status, "errorNum": self.error_num, "message": self.message,
                "drop": self.drop, "hits": self.hits}


class Faults:
    """The registered faults of one server (``fake.faults``), thread-safe."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, method: str = "*", path: str = "/", *, times: int | None = 1, delay: float = 0.0,
            status: int | None = None, error_num: int | None = None, message: str | None = None,
            drop: bool = False, prefix: bool = False) -> Fault:
        """Make the next ``times`` requests matching ``method`` and ``path`` fail.

        Args:
            method: ``"GET"``, ``"POST"``, ... or ``"*"`` for any.
            path: the path as the client sends it (``/_api/tasks/x``, ``/_db/app/_api/tasks``),
                matched exactly, or as a prefix with ``prefix=True``.
            times: how many requests (>= 1), or ``None`` for every one until :meth:`clear`.
            delay: wait this many real seconds first (the request is then served, unless
                ``status`` or ``drop`` says otherwise).
            status: answer this status (400..599) with ArangoDB's envelope ``{"code", "error",
                "errorMessage", "errorNum"}``; ``error_num`` defaults to ``status`` when
                errors.dat has it (503: ``service unavailable``), else 500's errorNum 4, and
                ``message`` to errors.dat's text of ``error_num``.
            drop: close the connection without an answer (clients see a connection reset).

        Raises:
            OptionTypeError, OptionError: a bad argument (a ``path`` not starting with ``/``);
                ``status`` and ``drop`` together.
        """
        method = check_str("method", method) or "*"
        path = check_str("path", path) or "/"
        if not path.startswith("/"):
            raise OptionError(f"path must start with / (the path as the client sends it), not {path!r}")
        if times is not None:
            check_int("times", times, minimum=1)
        delay = check_number("delay", delay)
        check_bool("drop", drop)
        check_bool("prefix", prefix)
        if status is not None:
            check_int("status", status, minimum=400, maximum=599)
        if error_num is not None:
            check_int("error_num", error_num, minimum=1)
        check_str("message", message, optional=True)
        if drop and (status is not None or error_num is not None or message is not None):
            raise OptionError("a fault either drops the connection or answers a status, not both")
        if status is None and (error_num is not None or message is not None):
            status = 500
        if status is not None and error_num is None:
            error_num = status if status in ERRORS else 4
        fault = Fault(method.upper(), path, times, delay, status, error_num, message, drop, prefix)
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        """Forget every fault."""
        with self._lock:
            self._faults.clear()

    def list(self) -> list[Fault]:
        """The registered faults still in force, oldest first."""
        with self._lock:
            return list(self._faults)

    def take(self, method: str, path: str) -> Fault | None:
        """The oldest fault matching ``method path``, counted as used (``None``: none)."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.hits += 1
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times == 0:
                            self._faults.remove(fault)
                    return fault
        return None


class FaultInjector:
    """The WSGI middleware: ``app`` with ``faults`` applied to every request but ``/_fake/*``.

    Args:
        app: the WSGI app faults are injected in front of.
        faults: the registered faults.
        headers: the headers every error answer carries (ArangoDB's).
    """

    def __init__(self, app: WsgiApp, faults: Faults, headers: Iterable[tuple[str, str]]) -> None:
        self.app = app
        self.faults = faults
        self._headers = tuple(headers)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = _raw_path(environ)
        if path.startswith(_CONTROL_PREFIX):
            return self.app(environ, start_response)
        fault = self.faults.take(str(environ.get("REQUEST_METHOD", "GET")), path)
        if fault is None:
            return self.app(environ, start_response)
        if fault.delay:
            time.sleep(fault.delay)
        if fault.drop:
            _drop(environ)
        if fault.status is None:
            return self.app(environ, start_response)
        error = ArangoError(fault.error_num or 4, fault.message or ERRORS.get(fault.error_num or 4, ERRORS[4]).message,
                            fault.status)
        response = Response(dumps(error.envelope()), status=fault.status, headers=self._headers,
                            content_type="application/json")
        return response(environ, start_response)


def _raw_path(environ: dict[str, Any]) -> str:
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI") or environ.get("PATH_INFO") or "/"
    return str(raw).split("?", 1)[0]


def _drop(environ: dict[str, Any]) -> None:
    """Close the request's connection (werkzeug puts its socket in the environ) and raise."""
    sock = environ.get("werkzeug.socket")
    if isinstance(sock, socket.socket):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    raise ConnectionDropped("connection dropped by a fault of fake-arango-tasks")
