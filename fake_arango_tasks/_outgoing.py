"""The answers to task commands' outgoing HTTP requests (``@arangodb/request``).

Every request is recorded on its run. By default commands never reach the network: a request is
answered from the responses the test registered here, and a URL with no registered response
answers as a refused connection does in ArangoDB (status 500, ``Could not connect to ...``, no
body). A server can opt into real requests to loopback servers (``outgoing="loopback"``): then
a request to ``localhost``/``127.0.0.0/8``/``::1`` that no registration answers is sent for real
(urllib3), while the command waits synchronously (fake time does not move), within the run's
time limit; redirects are followed (at most 10, as ``@arangodb/request``'s ``maxRedirects``)
only while they stay on loopback.
"""

from __future__ import annotations

import ipaddress
import json
import re
import threading
from http import HTTPStatus
from dataclasses import dataclass, field
from typing import Any, Final, Literal
from urllib.parse import urljoin, urlsplit

import urllib3

from ._errors import OptionError, OptionTypeError
from ._options import check_int, check_str
from ._journal import OutgoingRequest

__all__ = ["CannedResponse", "Outgoing", "OutgoingHttp"]

#: Where unanswered requests go: nowhere (a refused connection) or, on loopback, for real.
Outgoing = Literal["canned", "loopback"]
_MAX_REDIRECTS: Final = 10
#: The wait for a real request when neither the command nor the runtime gives one (seconds;
#: ``@arangodb/request``'s default timeout).
DEFAULT_TIMEOUT: Final = 300.0

_MISSING = object()


@dataclass(frozen=True)
class CannedResponse:
    """One registered answer: for ``method`` (``"*"``: any) and ``url`` (exact, with the query
    string; a prefix when ``prefix``)."""

    method: str
    url: str
    status: int = 200
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    prefix: bool = False

    def to_json(self) -> dict[str, Any]:
        """The registration as ``GET /_fake/http/responses`` lists it."""
        return {"method": self.method, "url": self.url, "status": self.status,
                "message": _reason(self.status), "body": self.body, "headers": self.headers,
                "prefix": self.prefix}

    def matches(self, method: str, url: str) -> bool:
        """Whether this registration answers ``method url``."""
        return (self.method == "*" or self.method == method) and (self.url == url or (self.prefix and url.startswith(self.url)))


class OutgoingHttp:
    """The answers to task commands' outgoing requests (``fake.http``).

    Args:
        outgoing: ``"canned"`` (default) or ``"loopback"`` (real requests to loopback servers
            that no registration answers); :attr:`outgoing` changes it until :meth:`clear`.

    Raises:
        OptionError: (a ValueError) another ``outgoing``.
    """

    def __init__(self, outgoing: Outgoing = "canned") -> None:
        self._responses: list[CannedResponse] = []
        self._lock = threading.Lock()
        self.version = 0  # changes with every registration and clear
        self._default: Outgoing = _mode(outgoing)
        self._outgoing: Outgoing = self._default
        self._pool = urllib3.PoolManager(retries=False, maxsize=4)

    @property
    def outgoing(self) -> Outgoing:
        """``"canned"`` or ``"loopback"``: whether unanswered requests to loopback go out for real."""
        return self._outgoing

    @outgoing.setter
    def outgoing(self, value: Outgoing) -> None:
        self._outgoing = _mode(value)

    def respond(
        self,
        method: str,
        url: str,
        *,
        status: int = 200,
        json: Any = _MISSING,
        body: str | None = None,
        headers: dict[str, str] | None = None,
        prefix: bool = False,
    ) -> CannedResponse:
        """Answer ``method url`` (``"*"`` for any method) with ``status`` and ``json`` (serialised,
        with ``content-type: application/json``) or a text ``body``. The newest matching
        registration wins.

        Raises:
            OptionTypeError: (a TypeError) ``method``, ``url`` or ``body`` not a str, ``status``
                not an int.
            OptionError: (a ValueError) both ``json`` and ``body`` given, ``status`` outside
                100..599, ``url`` not an ``http://`` or ``https://`` URL (no request could match it).
        """
        check_str("method", method)
        check_str("url", url)
        check_int("status", status, minimum=100, maximum=599)
        if json is not _MISSING and body is not None:
            raise OptionError("give json or body, not both")
        if body is not None and not isinstance(body, str):
            raise OptionTypeError(f"body must be a str or None, not {type(body).__name__}")
        if not url.lower().startswith(("http://", "https://")):
            raise OptionError(f"url must start with http:// or https:// (a command requests absolute URLs), not {url!r}")
        all_headers = {k.lower(): v for k, v in (headers or {}).items()}
        if json is not _MISSING:
            body = _dumps(json)
            all_headers.setdefault("content-type", "application/json")
        response = CannedResponse(method.upper(), url, status, body, all_headers, prefix)
        with self._lock:
            self._responses.append(response)
            self.version += 1
        return response

    def clear(self) -> None:
        """Forget every registered response, and go back to the server's ``outgoing`` mode."""
        with self._lock:
            self._responses.clear()
            self.version += 1
            self._outgoing = self._default

    def snapshot(self) -> list[dict[str, Any]]:
        """The registered responses, oldest first."""
        with self._lock:
            return [r.to_json() for r in self._responses]

    def answer(self, request: OutgoingRequest, timeout: float | None = None) -> dict[str, Any]:
        """The response a command's request gets, as ``internal.download`` hands it to
        ``@arangodb/request`` (``{code, message, headers, body}``): the newest matching
        registration; else, in ``loopback`` mode for a loopback URL, the real server's answer
        (``timeout`` seconds at most); else what ArangoDB answers for a refused connection
        (status 500 and SimpleHttpClient's message, no body)."""
        with self._lock:
            for response in reversed(self._responses):
                if response.matches(request.method, request.url):
                    answer: dict[str, Any] = {"code": response.status, "message": _reason(response.status),
                                              "headers": response.headers}
                    if response.body is not None:
                        answer["body"] = response.body
                    return answer
            real = self._outgoing == "loopback" and is_loopback(request.url)
        if real:
            return self._send(request, DEFAULT_TIMEOUT if timeout is None else max(timeout, 0.001))
        return _refused(request.url)

    def _send(self, request: OutgoingRequest, timeout: float) -> dict[str, Any]:
        """The real request (``JS_Download``'s answer shape), following loopback redirects."""
        method, url, body = request.method, request.url, request.body
        try:
            for _ in range(_MAX_REDIRECTS + 1):
                reply = self._pool.request(method, url, body=None if body is None else body.encode("utf-8"),
                                           headers=request.headers, timeout=urllib3.Timeout(total=timeout),
                                           redirect=False, preload_content=True)
                location = reply.headers.get("location")
                if reply.status in (301, 302, 303, 307, 308) and location:
                    target = urljoin(url, location)
                    if is_loopback(target):
                        if reply.status == 303 or (reply.status in (301, 302) and method == "POST"):
                            method, body = "GET", None
                        url = target
                        continue
                break
        except urllib3.exceptions.TimeoutError:
            return {"code": 500, "message": "Request timeout reached"}
        except urllib3.exceptions.HTTPError:
            return _refused(url)
        headers = {name.lower(): value for name, value in reply.headers.items()}
        answer: dict[str, Any] = {"code": reply.status, "message": reply.reason or _reason(reply.status),
                                  "headers": headers}
        data = reply.data
        if data:
            answer["body"] = data.decode("utf-8", "replace")
        return answer


_URL: Final = re.compile(r"^(https?)://([^/?#]*)")


def _mode(value: Any) -> Outgoing:
    if value not in ("canned", "loopback"):
        raise OptionError(f"outgoing must be 'canned' or 'loopback', not {value!r}")
    return "loopback" if value == "loopback" else "canned"


def is_loopback(url: str) -> bool:
    """Whether ``url``'s host is ``localhost`` or a loopback address (``127.0.0.0/8``, ``::1``)."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return False
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refused(url: str) -> dict[str, Any]:
    return {"code": 500, "message": f"Could not connect to '{_endpoint(url)}' "
                                    "'connect() failed with #111 - Connection refused'"}


def _endpoint(url: str) -> str:
    """The endpoint SimpleHttpClient names in its messages: ``http+tcp://host:port``."""
    match = _URL.match(url)
    if match is None:
        return url
    scheme, host_port = match.groups()
    port = "" if re.search(r":\d+$", host_port) else (":443" if scheme == "https" else ":80")
    return ("http+ssl://" if scheme == "https" else "http+tcp://") + host_port + port


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))
