"""In-process clients: python-arango and python-arango-async talking to the fake's WSGI app
directly, no socket, no thread hop (``fake.client()``, ``fake.async_client()``).

Each request is built into a WSGI environ by :class:`werkzeug.test.EnvironBuilder` (the raw,
percent-encoded path is kept in ``REQUEST_URI``, as werkzeug's server gives it) and answered by
:func:`werkzeug.test.run_wsgi_app`; the answer is handed back as the client library's own
``Response``. The server need not be started. A ``drop`` fault raises the library's connection
error. python-arango and python-arango-async are imported only when these are used (they are
the ``test`` extra, not requirements).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping
from urllib.parse import urlencode, urlsplit

from werkzeug.test import EnvironBuilder, run_wsgi_app

__all__ = ["WsgiHttpClient", "AsyncWsgiHttpClient", "call_app"]

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def call_app(app: WsgiApp, method: str, url: str, headers: Mapping[str, str] | None = None,
             params: Mapping[str, Any] | None = None, data: str | bytes | None = None,
             auth: tuple[str, str] | None = None) -> tuple[int, str, list[tuple[str, str]], bytes]:
    """One request to ``app``: ``(status, reason, headers, body)``.

    Args:
        method: the HTTP method (any case).
        url: an absolute URL or a path, percent-encoded as it goes on the wire, maybe with a query.
        params: more query parameters (appended to the URL's own).
        data: the body.
        auth: ``(user, password)`` for Basic authentication.

    Raises:
        ConnectionError: a fault dropped the connection.
    """
    parts = urlsplit(url)
    query = parts.query
    if params:
        extra = urlencode([(k, v) for k, v in params.items() if v is not None], doseq=True)
        query = f"{query}&{extra}" if query else extra
    builder = EnvironBuilder(method=method.upper(), path=parts.path or "/", query_string=query,
                             headers=list((headers or {}).items()), data=data, auth=auth,
                             base_url=f"{parts.scheme or 'http'}://{parts.netloc or 'fake-arango-tasks'}")
    try:
        environ = builder.get_environ()
    finally:
        builder.close()
    iterable, status, response_headers = run_wsgi_app(app, environ, buffered=True)
    try:
        body = b"".join(iterable)
    finally:
        close = getattr(iterable, "close", None)
        if close is not None:
            close()
    code, _, reason = status.partition(" ")
    return int(code), reason, list(response_headers.items()), body


class _Session:
    """What python-arango keeps per host: nothing is needed but what it touches."""

    verify: Any = True

    def close(self) -> None:
        """Nothing to close."""


def _arango_base() -> type:
    from arango.http import HTTPClient

    return HTTPClient


class WsgiHttpClient(_arango_base()):  # type: ignore[misc]
    """A python-arango ``HTTPClient`` that calls the WSGI ``app`` directly.

    ``ArangoClient(hosts=..., http_client=WsgiHttpClient(fake.wsgi_app))``; ``fake.client()``
    does this for you.
    """

    def __init__(self, app: WsgiApp) -> None:
        self._app = app

    def create_session(self, host: str) -> Any:
        """A stand-in session (there is no connection)."""
        return _Session()

    def send_request(self, session: Any, method: str, url: str, headers: Mapping[str, str] | None = None,
                     params: Mapping[str, str] | None = None, data: Any = None,
                     auth: tuple[str, str] | None = None) -> Any:
        """Answer one request (python-arango's signature).

        Raises:
            requests.ConnectionError: a fault dropped the connection.
        """
        import requests
        from arango.response import Response
        from requests.structures import CaseInsensitiveDict

        if data is not None and not isinstance(data, (str, bytes)):
            data = data.to_string()  # requests_toolbelt's MultipartEncoder
        try:
            status, reason, response_headers, body = call_app(self._app, method, url, headers, params, data, auth)
        except ConnectionError as exc:
            raise requests.ConnectionError(str(exc)) from exc
        return Response(method=method, url=url, headers=CaseInsensitiveDict(response_headers), status_code=status,
                        status_text=reason, raw_body=body.decode("utf-8", "replace"))


def _async_base() -> type:
    from arangoasync.http import HTTPClient  # type: ignore[import-untyped,unused-ignore]

    base: type = HTTPClient
    return base


class AsyncWsgiHttpClient(_async_base()):  # type: ignore[misc]
    """A python-arango-async ``HTTPClient`` that calls the WSGI ``app`` directly (synchronously,
    inside the coroutine: the fake answers in microseconds, an ``advance`` as long as it runs).

    ``ArangoClient(hosts=..., http_client=AsyncWsgiHttpClient(fake.wsgi_app))``;
    ``fake.async_client()`` does this for you.
    """

    def __init__(self, app: WsgiApp) -> None:
        self._app = app

    def create_session(self, host: str) -> Any:
        """The host's base URL (all a request needs)."""
        return host.rstrip("/")

    async def close_session(self, session: Any) -> None:
        """Nothing to close."""

    async def send_request(self, session: Any, request: Any) -> Any:
        """Answer one request (python-arango-async's signature).

        Raises:
            arangoasync.exceptions.ClientConnectionError: a fault dropped the connection.
        """
        from arangoasync.exceptions import ClientConnectionError  # type: ignore[import-untyped,unused-ignore]
        from arangoasync.response import Response  # type: ignore[import-untyped,unused-ignore]
        from multidict import CIMultiDict, CIMultiDictProxy

        auth = None if request.auth is None else (request.auth.username, request.auth.password)
        data = request.data
        try:
            status, reason, headers, body = call_app(self._app, request.method.name, session + request.endpoint,
                                                     request.normalized_headers(), request.normalized_params(),
                                                     data, auth)
        except ConnectionError as exc:
            raise ClientConnectionError(str(exc)) from exc
        return Response(method=request.method, url=session + request.endpoint,
                        headers=CIMultiDictProxy(CIMultiDict(headers)), status_code=status, status_text=reason,
                        raw_body=body)
