"""Serving the WSGI app over HTTP: werkzeug's server in a background thread, on loopback unless
told otherwise, answering what http.server refuses itself with ArangoDB's JSON envelope."""

from __future__ import annotations

import threading
from http import HTTPStatus
from typing import Any, Callable, Final

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from ._app import RESPONSE_HEADERS
from ._errors import ArangoError
from ._json import dumps

__all__ = ["HttpServer"]

#: How often the serving thread checks for shutdown, seconds (werkzeug's default 0.5 s makes
#: every stop cost half a second).
POLL_INTERVAL: Final = 0.02


class _RequestHandler(WSGIRequestHandler):
    """werkzeug's handler, quiet, leaving the ``Server`` header to the app (``ArangoDB``), and
    answering what http.server refuses itself (a garbled request line, a URL or header too long)
    with ArangoDB's JSON error envelope instead of an HTML page."""

    def send_response(self, code: int, message: str | None = None) -> None:
        self.send_response_only(code, message)
        self.send_header("Date", self.date_time_string())

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        error = ArangoError(code, (message or HTTPStatus(code).phrase).lower(), code)
        body = dumps(error.envelope()).encode("utf-8")
        self.send_response(code, HTTPStatus(code).phrase)
        for name, value in RESPONSE_HEADERS:
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if getattr(self, "command", None) != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class HttpServer:
    """``app`` served on ``host:port`` (``0``: a free port) from a background thread.

    Raises:
        OSError: at :meth:`start`, the address cannot be bound (e.g. the port is taken).
    """

    def __init__(self, app: Callable[..., Any], host: str, port: int) -> None:
        self._app = app
        self.host = host
        self._requested_port = port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """Whether it serves."""
        return self._server is not None

    @property
    def port(self) -> int:
        """The bound port (while running)."""
        assert self._server is not None
        return int(self._server.server_port)

    def start(self) -> None:
        """Bind and serve (idempotent)."""
        if self._server is not None:
            return
        try:
            server = make_server(self.host, self._requested_port, self._app, threaded=True,
                                 request_handler=_RequestHandler)
        except SystemExit as exc:  # werkzeug exits on a busy port instead of raising
            raise OSError(f"cannot bind {self.host}:{self._requested_port}") from exc
        server.daemon_threads = True  # type: ignore[attr-defined]  # ThreadedWSGIServer
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": POLL_INTERVAL},
                                        name=f"fake-arango-tasks:{server.server_port}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release the port (idempotent)."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join()
