"""What the fake tells: the request journal (every request it received, bounded) and log lines
for requests and runs on the ``fake_arango_tasks`` loggers.

- ``fake_arango_tasks.requests``: one INFO line per request, ``GET /_api/tasks 200 0.4 ms``
  (control routes ``/_fake/*`` at DEBUG);
- ``fake_arango_tasks.runs``: one INFO line per run (task, due time, duration in fake seconds,
  its output), a WARNING with the JS error and stack for a run that failed.

The dev server prints these (``--log-level``, ``--quiet``); under pytest they land in the
report's captured log of a failing test.
"""

from __future__ import annotations

import collections
import io
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Final, Iterable, Sequence

from ._clock import iso
from ._journal import Run

__all__ = ["REQUESTS", "RUNS", "RecordedRequest", "RequestJournal", "RequestRecorder", "log_runs"]

REQUESTS: Final = logging.getLogger("fake_arango_tasks.requests")
RUNS: Final = logging.getLogger("fake_arango_tasks.runs")
# A library logs only where its user asked (pytest's capture, the CLI's handler): without this,
# Python's last-resort handler would print every failed run of every test on stderr.
logging.getLogger("fake_arango_tasks").addHandler(logging.NullHandler())
#: Lines of a run's output one log record shows (the journal keeps them all).
MAX_LOGGED_LINES: Final = 20
#: Characters of one output line a log record shows.
MAX_LOGGED_LINE: Final = 300
#: Characters of a request body the request journal keeps.
MAX_BODY: Final = 4096
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received.

    Attributes:
        method: ``GET``, ``POST``, ...
        path: the raw path as sent (percent-encoded, with ``/_db/NAME``).
        query: the query string (``""`` when none).
        status: the status answered (``0``: the connection was dropped by a fault).
        duration: real seconds the answer took.
        time: the server's clock (Unix seconds) when the request arrived.
        headers: the request headers (lower-case names; ``authorization`` shown as ``<redacted>``).
        body: the body as text (the first 4,096 characters; undecodable bytes replaced).
    """

    method: str
    path: str
    query: str
    status: int
    duration: float
    time: float
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""

    def to_json(self) -> dict[str, Any]:
        """The request as ``GET /_fake/requests`` lists it."""
        return {"method": self.method, "path": self.path, "query": self.query, "status": self.status,
                "duration": self.duration, "time": self.time, "headers": self.headers, "body": self.body}


class RequestJournal:
    """The last ``max_requests`` requests, oldest first (``dropped`` counts the older ones).

    Args:
        max_requests: how many to keep (0 keeps none, and records nothing).
    """

    def __init__(self, max_requests: int = 1000) -> None:
        self.max_requests = max_requests
        self._requests: collections.deque[RecordedRequest] = collections.deque()
        self.dropped = 0  #: requests dropped past the bound
        self._lock = threading.Lock()

    def add(self, request: RecordedRequest) -> None:
        """Record ``request``, dropping the oldest past the bound."""
        if self.max_requests == 0:
            self.dropped += 1
            return
        with self._lock:
            self._requests.append(request)
            while len(self._requests) > self.max_requests:
                self._requests.popleft()
                self.dropped += 1

    def list(self, method: str | None = None, path: str | None = None) -> list[RecordedRequest]:
        """The kept requests, oldest first; only those of ``method`` and starting with ``path``
        when given."""
        with self._lock:
            kept = list(self._requests)
        return [r for r in kept if (method is None or r.method == method.upper())
                and (path is None or r.path.startswith(path))]

    def __len__(self) -> int:
        return len(self._requests)

    def clear(self) -> None:
        """Forget every request and the dropped count."""
        with self._lock:
            self._requests.clear()
            self.dropped = 0


class RequestRecorder:
    """The WSGI middleware that records each request in ``journal`` and logs it.

    Args:
        app: the app to call.
        journal: where requests go.
        now: the server clock (Unix seconds).
    """

    def __init__(self, app: WsgiApp, journal: RequestJournal, now: Callable[[], float]) -> None:
        self.app = app
        self.journal = journal
        self._now = now

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        arrived = self._now()
        body = _peek_body(environ)
        statuses: list[int] = []

        def recording_start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            statuses.append(int(status.split(" ", 1)[0]))
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        try:
            answer = list(self.app(environ, recording_start_response))
        except ConnectionError:
            self._record(environ, 0, started, arrived, body)
            raise
        self._record(environ, statuses[-1] if statuses else 0, started, arrived, body)
        return answer

    def _record(self, environ: dict[str, Any], status: int, started: float, arrived: float, body: str) -> None:
        duration = time.perf_counter() - started
        method = str(environ.get("REQUEST_METHOD", "GET"))
        raw = str(environ.get("REQUEST_URI") or environ.get("RAW_URI") or environ.get("PATH_INFO") or "/")
        path = raw.split("?", 1)[0]
        query = str(environ.get("QUERY_STRING", ""))
        control = path.startswith("/_fake/")
        logger_level = logging.DEBUG if control else logging.INFO
        if REQUESTS.isEnabledFor(logger_level):
            target = path + ("?" + query if query else "")
            REQUESTS.log(logger_level, "%s %s %s %.1f ms", method, target, status or "dropped", duration * 1000)
        if self.journal.max_requests == 0:
            self.journal.add(RecordedRequest(method, path, query, status, duration, arrived))
            return
        headers = {key[5:].replace("_", "-").lower(): str(value) for key, value in environ.items()
                   if key.startswith("HTTP_")}
        for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            if environ.get(key):
                headers[key.replace("_", "-").lower()] = str(environ[key])
        if "authorization" in headers:
            headers["authorization"] = "<redacted>"
        self.journal.add(RecordedRequest(method, path, query, status, duration, arrived, headers, body))


def _peek_body(environ: dict[str, Any]) -> str:
    """The first :data:`MAX_BODY` bytes of a body with a ``Content-Length`` as text, put back in
    front of the rest of the stream so that the app reads the body as sent (and whatever bounds
    it applies still hold)."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return ""
    stream = environ.get("wsgi.input")
    if length <= 0 or stream is None:
        return ""
    head = stream.read(min(length, MAX_BODY))
    environ["wsgi.input"] = io.BufferedReader(_Replay(head, stream, length - len(head)))
    text: str = head.decode("utf-8", "replace")
    return text


class _Replay(io.RawIOBase):
    """``head`` then the ``rest`` bytes left of ``stream`` (never more: a read past the body
    would wait for bytes the client never sends)."""

    def __init__(self, head: bytes, stream: Any, rest: int) -> None:
        self._head = memoryview(head)
        self._stream = stream
        self._rest = max(rest, 0)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._rest == 0:
            return 0
        data = self._stream.read(min(len(buffer), self._rest))
        self._rest -= len(data)
        buffer[:len(data)] = data
        return len(data)


def _cut(message: str) -> str:
    return message if len(message) <= MAX_LOGGED_LINE else message[:MAX_LOGGED_LINE] + f"... ({len(message)} characters)"


def log_runs(runs: Sequence[Run]) -> None:
    """Log each run (a journal listener): INFO for a run that succeeded, WARNING with the JS
    error and stack for one that failed."""
    if not RUNS.isEnabledFor(logging.INFO):
        if not any(run.threw for run in runs) or not RUNS.isEnabledFor(logging.WARNING):
            return
    for run in runs:
        failure = run._error
        level = logging.INFO if failure is None else logging.WARNING
        if not RUNS.isEnabledFor(level):
            continue
        took = run.finished - run.started
        lines = [f"run {run.task_id} ({run.name}) due {iso(run.due)} took {took:.3f} s (fake)"
                 + (": ok" if failure is None else f": {failure}")]
        if failure is not None and failure.stack:  # the stack right under the error it belongs to
            lines.extend("    " + frame.strip() for frame in failure.stack.splitlines()[1:])
        lines.extend(f"  {level_name}: {_cut(message)}" for level_name, message in run.output[:MAX_LOGGED_LINES])
        if len(run.output) > MAX_LOGGED_LINES:
            lines.append(f"  ... {len(run.output) - MAX_LOGGED_LINES} more lines of output (see the run's output)")
        RUNS.log(level, "\n".join(lines))
