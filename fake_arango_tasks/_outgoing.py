"""Canned answers for the outgoing HTTP requests of task commands (``@arangodb/request``).

Commands never reach the network: a request is recorded on its run and answered from the
responses the test registered here. A URL with no registered response answers as a refused
connection does in ArangoDB (status 500, ``Could not connect to ...``, no body).
"""

from __future__ import annotations

import json
import re
import threading
from http import HTTPStatus
from dataclasses import dataclass, field
from typing import Any, Final

from ._journal import OutgoingRequest

__all__ = ["CannedResponse", "OutgoingHttp"]

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
    """The responses registered for task commands' outgoing requests (``fake.http``)."""

    def __init__(self) -> None:
        self._responses: list[CannedResponse] = []
        self._lock = threading.Lock()
        self.version = 0  # changes with every registration and clear

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
            ValueError: both ``json`` and ``body`` given, or ``status`` outside 100..599.
        """
        if json is not _MISSING and body is not None:
            raise ValueError("give json or body, not both")
        if not 100 <= status <= 599:
            raise ValueError(f"status must be an HTTP status, not {status!r}")
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
        """Forget every registered response."""
        with self._lock:
            self._responses.clear()
            self.version += 1

    def snapshot(self) -> list[dict[str, Any]]:
        """The registered responses, oldest first."""
        with self._lock:
            return [r.to_json() for r in self._responses]

    def answer(self, request: OutgoingRequest) -> dict[str, Any]:
        """The response a command's request gets, as ``internal.download`` hands it to
        ``@arangodb/request`` (``{code, message, headers, body}``): the newest matching
        registration, or what ArangoDB answers for a refused connection (status 500 and
        SimpleHttpClient's message, no body)."""
        with self._lock:
            for response in reversed(self._responses):
                if response.matches(request.method, request.url):
                    answer: dict[str, Any] = {"code": response.status, "message": _reason(response.status),
                                              "headers": response.headers}
                    if response.body is not None:
                        answer["body"] = response.body
                    return answer
        return {"code": 500, "message": f"Could not connect to '{_endpoint(request.url)}' "
                                        "'connect() failed with #111 - Connection refused'"}


_URL: Final = re.compile(r"^(https?)://([^/?#]*)")


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
