"""The public handle: :class:`FakeArangoTasks`, one fake ArangoDB server with its own clock, task table,
V8 runtime and journal, serving over HTTP on a free loopback port."""

from __future__ import annotations

import json
import threading
from typing import Any, Literal, Mapping

from ._app import ArangoApp, Services
from ._auth import Auth, UserSpec
from ._clock import FakeClock, WallClock
from ._databases import Databases
from ._documents import DocumentStore
from ._errors import ServerStateError
from ._json import dumps
from ._host import Host
from ._journal import Journal, Run
from ._outgoing import Outgoing, OutgoingHttp
from ._runtime import DEFAULT_MAX_MEMORY, DEFAULT_MAX_OUTPUT, DEFAULT_TIMEOUT, JavaScriptRuntime
from ._scheduler import MAX_BATCH, Scheduler
from ._serving import HttpServer
from ._tasks import TaskTable
from ._ticks import Ticks

__all__ = ["FakeArangoTasks"]

class FakeArangoTasks:
    """A fake ArangoDB 3.12 Tasks API server.

    Use it as a context manager, or call :meth:`start` and :meth:`stop`::

        with FakeArangoTasks() as fake:
            ...  # point a client at fake.url
            runs = fake.advance(3600)

    Args:
        host: the address to bind; loopback unless told otherwise.
        port: the port; ``0`` picks a free one (read it back from :attr:`url`).
        clock: ``None`` for a new :class:`FakeClock` (time moves only through :meth:`advance`),
            ``"wall"`` or a :class:`WallClock` to run tasks on real time in a background thread,
            or a :class:`FakeClock` of your own (one server per clock).
        users: ``None`` turns authentication off (ArangoDB's ``--server.authentication false``);
            a mapping of user name to password (or :class:`~fake_arango_tasks.User`) turns it on.
        jwt_secret: the secret for JWTs (``--server.jwt-secret``); random when ``None``.
        version: the ArangoDB version the server claims; ``"4.0.0"`` or later has no Tasks API.
        javascript_tasks: ``False`` acts as ``--javascript.tasks false`` (creating tasks is refused).
        run_timeout: the time limit of one task run, seconds of real time.
        run_max_memory: the V8 heap limit, bytes.
        run_max_output: the most characters one run may print (the rest is cut).
        seed: seeds ``Math.random`` in task commands (per task and run, so runs are reproducible).
        max_runs: how many runs the journal keeps (the oldest are dropped).
        max_batch: the most due runs executed in one call into V8 (1: one call per run).
        max_runs_per_advance: the most runs one :meth:`advance` may make; past it the advance
            raises ``RuntimeError`` (a task with a sub-millisecond period, or a very long advance).
        outgoing: ``"canned"`` (default): commands' requests are answered from ``fake.http``
            registrations only; ``"loopback"``: requests to loopback servers that no registration
            answers are sent for real (a pytest-httpserver, say).
        allow_use_database: ``--server.allow-use-database`` (default false, as in arangod):
            whether task commands may call ``db._useDatabase``.

    Raises:
        ValueError: a bad option value.
        RuntimeError: ``clock`` already drives another server.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: FakeClock | WallClock | Literal["fake", "wall"] | None = None,
        *,
        users: Mapping[str, UserSpec] | None = None,
        jwt_secret: str | None = None,
        version: str = "3.12.4",
        javascript_tasks: bool = True,
        run_timeout: float = DEFAULT_TIMEOUT,
        run_max_memory: int = DEFAULT_MAX_MEMORY,
        run_max_output: int = DEFAULT_MAX_OUTPUT,
        seed: int = 0,
        max_runs: int = 100_000,
        max_batch: int = MAX_BATCH,
        max_runs_per_advance: int = 1_000_000,
        outgoing: Outgoing = "canned",
        allow_use_database: bool = False,
    ) -> None:
        if clock is None or clock == "fake":
            clock = FakeClock()
        elif clock == "wall":
            clock = WallClock()
        if not isinstance(clock, (FakeClock, WallClock)):
            raise ValueError(f"clock must be None, 'fake', 'wall', a FakeClock or a WallClock, not {clock!r}")
        self.host = host
        self.clock: FakeClock | WallClock = clock
        self._start = clock.start if isinstance(clock, FakeClock) else 0.0
        self._journal = Journal(max_runs)
        self._ticks = Ticks()
        self._documents = DocumentStore(self._ticks, lambda: self.clock.now_us // 1000)
        self.http = OutgoingHttp(outgoing)
        """Canned answers for task commands' outgoing requests: ``fake.http.respond(method, url, ...)``."""
        self._databases = Databases(on_drop=self._drop_database)
        self._auth = Auth(users, jwt_secret)
        self._table = TaskTable(lambda command: self._runtime.compiles(command), lambda: self.clock.now_us, self._ticks,
                                on_removed=lambda: self._runtime.notify_removed())
        self._runtime = JavaScriptRuntime(
            Host(self._table, self._documents, self._databases, self._auth, self.http,
                 allow_use_database=allow_use_database),
            timeout=run_timeout, max_memory=run_max_memory, max_output=run_max_output, seed=seed,
        )
        self._scheduler = Scheduler(clock, self._runtime.run_batch, self._journal, self._table.is_current,
                                    self._table.discard, max_batch=max_batch, max_runs=max_runs_per_advance)
        self._table.scheduler = self._scheduler
        self.wsgi_app = ArangoApp(Services(self._table, self._databases, self._auth, self, self._documents, self.http,
                                           version=version, javascript_tasks=javascript_tasks))
        self._stopped = False
        self._http = HttpServer(self.wsgi_app, host, port)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        state = self.url if self._http.running else "stopped"
        return f"<FakeArangoTasks {state} clock={self.clock!r}>"

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> FakeArangoTasks:
        """Bind and serve in a background thread; returns ``self``. Idempotent.

        Raises:
            OSError: the address cannot be bound (e.g. the port is taken).
        """
        with self._lock:
            if self._http.running:
                return self
            self._stopped = False
            self._http.start()
            self._scheduler.start()
            return self

    def stop(self) -> None:
        """Stop serving and release the port and the V8 context. Idempotent."""
        with self._lock:
            self._stopped = True
        self._scheduler.stop()
        self._http.stop()
        self._runtime.close()

    def __enter__(self) -> FakeArangoTasks:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` of the running server.

        Raises:
            RuntimeError: the server is not started.
        """
        if not self._http.running:
            raise ServerStateError("the server is not started")
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self._http.port}"

    @property
    def port(self) -> int:
        """The bound port (after :meth:`start`)."""
        if not self._http.running:
            raise ServerStateError("the server is not started")
        return self._http.port

    @property
    def jwt_secret(self) -> str:
        """The secret the server signs and checks JWTs with."""
        return self._auth.jwt_secret

    # -- time and runs ----------------------------------------------------------------------------

    @property
    def now(self) -> float:
        """The server's current time, Unix seconds (fake or wall)."""
        return self.clock.now

    def advance(self, seconds: float) -> list[Run]:
        """Move the fake clock ``seconds`` forward and run every task falling due, in order.

        Each run sees the clock at its own due time; a periodic task is re-queued ``period``
        seconds after its run ends. Returns the runs made, oldest first (also in :attr:`runs`).

        Raises:
            ValueError: ``seconds`` is negative or not finite, or the clock would pass year 9999.
            ServerStateError: (a RuntimeError) the server runs on a :class:`WallClock`, or was
                stopped.
            RunLimitExceeded: (a RuntimeError) the advance would make more than
                ``max_runs_per_advance`` runs (``RunLimitExceeded``: the runs up to the limit
                were made and recorded in :attr:`runs`, the clock stopped at the last one).
        """
        if not isinstance(self.clock, FakeClock):
            raise ServerStateError("this server runs on wall-clock time (tasks run when they fall due); to move time "
                                   "yourself, start it with a fake clock: FakeArangoTasks() or --clock fake")
        if self._stopped:
            raise ServerStateError("the server was stopped; start() it again to run tasks")
        with self._scheduler.collect() as runs:
            self.clock.advance(seconds)
        return runs

    @property
    def runs(self) -> list[Run]:
        """Every recorded run, oldest first (the journal keeps the last ``max_runs``)."""
        return self._journal.runs()

    def runs_of(self, task_id: str | None) -> list[Run]:
        """The recorded runs of ``task_id`` (all runs when ``None``), oldest first."""
        return self._journal.runs(task_id)

    @property
    def tasks(self) -> list[dict[str, Any]]:
        """Every registered task as ``GET /_api/tasks`` returns it (all users' tasks), parsed
        from the same JSON (``"period": 2`` is the int 2, as a client reads it)."""
        return [json.loads(dumps(t.to_json())) for t in self._table.list()]

    def reset(self) -> None:
        """Back to a fresh server: no tasks, no runs, only ``_system``, the starting users, and,
        on a fake clock, a new :class:`FakeClock` at the first clock's start time.

        One clock never goes backwards; after a reset :attr:`clock` is a new object, so read
        ``fake.clock`` again rather than keeping the old one.
        """
        with self._scheduler.paused():  # no run or advance in between
            if isinstance(self.clock, FakeClock):
                self.clock = FakeClock(self._start)
                self._scheduler.use_clock(self.clock)
            # the next run gets a fresh V8 context: nothing of earlier runs remains; no document
            # write gets between dropping the context and emptying Python's copy
            self._runtime.close(then=self._documents.clear)
            self._table.clear()
            self._ticks.reset()
            self._scheduler.clear()
            self._journal.clear()
            self._databases.reset()
            self._auth.reset()
            self.http.clear()

    def _drop_database(self, name: str) -> None:
        """ArangoDB drops a database's tasks and collections with it."""
        self._table.remove_database(name)
        self._documents.drop_database(name)
