"""Serving the WSGI app over HTTP/1.1 as arangod serves it: connections kept alive, one thread per
connection, and arangod's answer (or its silence) for every request it refuses before a handler
(:mod:`fake_arango_tasks._http_protocol`).

The pieces are libraries': :class:`socketserver.TCPServer` binds and accepts,
:class:`socketserver.StreamRequestHandler` gives each connection its socket and unbuffered
writer, and llhttp (through httptools, in :class:`~fake_arango_tasks._http_protocol.RequestReader`)
parses. What this module adds is the connection loop (a request, its answer, again while the
connection is kept alive), a WSGI gateway (PEP 3333 environ and ``start_response``) and a
lifecycle whose start and stop take about a millisecond: the accept loop waits on the listening
socket and a wake-up socket together (no polling interval), and stop closes the kept-alive
connections so that no thread outlives it.

werkzeug's development server, which this replaced, could not serve these: it closes every
connection (``Connection: close``, then drains the socket for 10 ms), its ``DechunkedInput`` loops
on a short chunk (one request grew the heap by 570 MB/s), and ``http.server`` answers what it
refuses without a status line (as if HTTP/0.9).
"""

from __future__ import annotations

import io
import selectors
import socket
import socketserver
import sys
import threading
from typing import Any, Callable, Final, Iterable
from urllib.parse import unquote_to_bytes, urlsplit

from ._app import RESPONSE_HEADERS
from ._http_protocol import (
    KEEP_ALIVE_TIMEOUT,
    Close,
    Head,
    Refusal,
    RequestReader,
    status_line,
)
from ._json import dumps_bytes
from ._media import JSON_TYPE

__all__ = ["HttpServer"]

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

#: How long :meth:`HttpServer.stop` waits for a connection's thread to finish its request, seconds.
STOP_GRACE: Final = 5.0

_CONTINUE: Final = b"HTTP/1.1 100 Continue\r\n\r\n"
_FIXED_HEADERS: Final = "".join(f"{name}: {value}\r\n" for name, value in RESPONSE_HEADERS)


class _Server(socketserver.TCPServer):
    """The listening socket and the connections it accepted (socket -> its thread)."""

    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: WsgiApp) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Connection, bind_and_activate=False)
        try:
            self.server_bind()
            self.server_activate()
        except BaseException:
            self.server_close()
            raise
        self.socket.setblocking(False)
        self.app = app
        self.host, self.port = str(self.server_address[0]), int(self.server_address[1])
        self.connections: dict[socket.socket, threading.Thread] = {}
        self.lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(target=self._serve_connection, args=(request, client_address), daemon=True,
                                  name=f"fake-arango-tasks:{self.port}:connection")
        with self.lock:
            self.connections[request] = thread
        thread.start()

    def _serve_connection(self, request: socket.socket, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:  # a bug of the serving layer: its traceback on stderr, the connection closed
            self.handle_error(request, client_address)
        finally:
            with self.lock:
                self.connections.pop(request, None)
            self.shutdown_request(request)

    def close_connections(self, grace: float) -> None:
        """End every connection (a request being answered is answered first, within ``grace`` seconds)."""
        with self.lock:
            connections = list(self.connections.items())
        for sock, _ in connections:
            try:
                sock.shutdown(socket.SHUT_RD)  # a thread waiting for the next request sees EOF
            except OSError:
                pass
        for _, thread in connections:
            thread.join(grace)


class _Connection(socketserver.StreamRequestHandler):
    """One client connection: requests one after another while arangod would keep it alive."""

    timeout = KEEP_ALIVE_TIMEOUT  # idle (or stalled) this long, the connection is closed
    disable_nagle_algorithm = True
    server: _Server

    def handle(self) -> None:
        reader = RequestReader(self.connection.recv, lambda: self.wfile.write(_CONTINUE))
        try:
            while self._serve_one(reader):
                pass
        except (OSError, ValueError):  # reset, timed out, or shut down by stop()
            pass

    def _serve_one(self, reader: RequestReader) -> bool:
        """Read and answer one request; whether the connection stays open."""
        request = reader.next()
        if isinstance(request, Close):
            return False
        if isinstance(request, Refusal):
            self._refuse(request)
            return False
        head, body = request
        self._answer(head, body)
        return head.keep_alive

    def _answer(self, head: Head, body: bytes) -> None:
        """Run the app and write its answer in one piece, with arangod's ``Connection`` header."""
        answer: list[Any] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[..., Any]:
            answer[:] = (status, headers)
            return _no_write

        result = self.server.app(self._environ(head, body), start_response)
        try:
            payload = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status, headers = answer
        parts = [f"HTTP/1.1 {status}\r\n"]
        length = None
        for name, value in headers:
            key = name.lower()
            if key == "content-length":
                length = value
            elif key not in ("connection", "transfer-encoding"):  # arangod writes its own
                parts.append(f"{name}: {value}\r\n")
        if length is None or head.method != "HEAD":
            length = str(len(payload))
        parts.append("Connection: Keep-Alive\r\n" if head.keep_alive else "Connection: Close\r\n")
        parts.append(f"Content-Length: {length}\r\n\r\n")
        data = "".join(parts).encode("latin-1")
        self.wfile.write(data if head.method == "HEAD" else data + payload)

    def _refuse(self, refusal: Refusal) -> None:
        """arangod's short answer before a handler (``SendSimpleResponse``, ``SendErrorResponse``)."""
        body = b"" if refusal.error is None else dumps_bytes(refusal.error.envelope())
        data = (f"HTTP/1.1 {status_line(refusal.status)}\r\n{_FIXED_HEADERS}Connection: Close\r\n"
                f"Content-Type: {JSON_TYPE}\r\nContent-Length: {len(body)}\r\n\r\n").encode("latin-1")
        self.wfile.write(data if refusal.head_request else data + body)

    def _environ(self, head: Head, body: bytes) -> dict[str, Any]:
        """The PEP 3333 environ of a request; a repeated header keeps its last value, as arangod's
        ``HttpRequest::setHeaderV2`` does."""
        target = head.target
        if target.startswith("/"):
            path, _, query = target.partition("?")
        else:  # absolute form (http://host/path) or "*"
            parts = urlsplit(target)
            path, query = parts.path or "/", parts.query
        address = self.client_address
        environ: dict[str, Any] = {
            "REQUEST_METHOD": head.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
            "QUERY_STRING": query,
            "REQUEST_URI": target,
            "RAW_URI": target,
            "SERVER_NAME": self.server.host,
            "SERVER_PORT": str(self.server.port),
            "SERVER_PROTOCOL": head.version,
            "REMOTE_ADDR": str(address[0]),
            "REMOTE_PORT": int(address[1]),
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        for name, value in head.headers:
            if "_" in name:  # HTTP_X_A would not tell X-A from X_A (werkzeug drops them too)
                continue
            key = name.upper().replace("-", "_")
            if key == "CONTENT_TYPE":
                environ[key] = value
            elif key != "CONTENT_LENGTH":
                environ["HTTP_" + key] = value
        return environ


def _no_write(data: bytes) -> None:
    raise NotImplementedError("the fake's app returns its body; write() is not supported")


class HttpServer:
    """``app`` served on ``host:port`` (``0``: a free port) from a background thread.

    Raises:
        OSError: at :meth:`start`, the address cannot be bound (e.g. the port is taken); its
            ``errno`` is the system's (``EADDRINUSE``).
    """

    def __init__(self, app: WsgiApp, host: str, port: int) -> None:
        self._app = app
        self.host = host
        self._requested_port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._wake: tuple[socket.socket, socket.socket] | None = None

    @property
    def running(self) -> bool:
        """Whether it serves."""
        return self._server is not None

    @property
    def port(self) -> int:
        """The bound port (while running)."""
        assert self._server is not None
        return self._server.port

    def start(self) -> None:
        """Bind and serve (idempotent).

        Raises:
            OSError: the address cannot be bound.
        """
        if self._server is not None:
            return
        try:
            server = _Server((self.host, self._requested_port), self._app)
        except OSError as exc:
            raise OSError(exc.errno, f"cannot bind {self.host}:{self._requested_port}: {exc.strerror}") from exc
        wake = socket.socketpair()
        self._server, self._wake = server, wake
        self._thread = threading.Thread(target=_accept_loop, args=(server, wake[0]), daemon=True,
                                        name=f"fake-arango-tasks:{server.port}")
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, release the port and end every connection (idempotent)."""
        server, thread, wake = self._server, self._thread, self._wake
        self._server = self._thread = self._wake = None
        if server is None:
            return
        assert thread is not None and wake is not None
        wake[1].send(b"x")
        thread.join()
        server.server_close()
        for sock in wake:
            sock.close()
        server.close_connections(STOP_GRACE)


def _accept_loop(server: _Server, wake: socket.socket) -> None:
    """Accept connections until ``wake`` is readable."""
    with selectors.DefaultSelector() as selector:
        selector.register(server.socket, selectors.EVENT_READ)
        selector.register(wake, selectors.EVENT_READ)
        while True:
            events = selector.select()
            if any(key.fileobj is wake for key, _ in events):
                return
            try:
                request, client_address = server.get_request()
            except OSError:  # gone before accept (reset), or nothing after all
                continue
            server.process_request(request, client_address)
