"""The public handle: :class:`FakeArangoTasks`, one fake ArangoDB server with its own clock, task table,
V8 runtime and journal, serving over HTTP on a free loopback port, or in-process to clients given
its WSGI app (``fake.client()``)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from typing import TYPE_CHECKING, Any, Literal, Mapping

from ._app import RESPONSE_HEADERS, ArangoApp, Services
from ._app._control import ControlFormat
from ._aql._runtime import QUERY_ROW_BYTES
from ._auth import Auth, UserSpec, superuser_token
from ._clock import LATEST, MICROSECONDS, FakeClock, WallClock, instant, iso
from ._databases import Databases
from ._documents import DocumentStore
from ._errors import ClockError, OptionError, OptionTypeError, ServerStateError, UnexpectedRunErrors
from ._faults import FaultInjector, Faults
from ._host import Host
from ._journal import DEFAULT_MAX_OUTPUT, Journal, Run
from ._json import dumps
from ._logging import RecordedRequest, RequestJournal, RequestRecorder, log_runs
from ._options import (
    as_seconds, check_bool, check_choice, check_int, check_number, check_port, check_seconds, check_str, check_users,
    check_version,
)
from ._outgoing import Outgoing, OutgoingHttp
from ._runtime import DEFAULT_MAX_MEMORY, DEFAULT_MAX_OUTPUT as DEFAULT_RUN_OUTPUT, DEFAULT_TIMEOUT, JavaScriptRuntime
from ._scheduler import MAX_BATCH, Scheduler
from ._serving import HttpServer
from ._snapshot import FORMAT, check_snapshot, task_from_json, task_to_json
from ._tasks import TaskTable
from ._ticks import Ticks

if TYPE_CHECKING:
    from arango.client import ArangoClient
    from arango.database import StandardDatabase
    from arangoasync import ArangoClient as AsyncArangoClient  # type: ignore[import-untyped,unused-ignore]

    from ._app._control import ControlApi

__all__ = ["FakeArangoTasks", "OPTIONS"]

#: Every keyword option of :class:`FakeArangoTasks` (the pytest marker and fixture check theirs
#: against it).
OPTIONS = ("host", "port", "clock", "users", "jwt_secret", "control_token", "version", "javascript_tasks",
           "run_timeout", "run_max_memory", "run_max_output", "seed", "max_runs", "max_journal_output",
           "max_requests", "max_batch", "max_runs_per_advance", "outgoing", "allow_use_database")
_MISSING: Any = object()
#: Where in-process clients say they connect when the server is not started.
IN_PROCESS_URL = "http://fake-arango-tasks.invalid"

#: Distinct failures (task and error) strict mode's report describes; repeats of one are counted.
MAX_REPORTED_FAILURES = 20

class FakeArangoTasks:
    """A fake ArangoDB 3.12 Tasks API server.

    Use it as a context manager, or call :meth:`start` and :meth:`stop`::

        with FakeArangoTasks() as fake:
            ...  # point a client at fake.url, or use fake.client() (no socket)
            runs = fake.advance(3600)

    Every argument is checked here: a wrong type raises :class:`~._errors.OptionTypeError` (a
    TypeError), a wrong value :class:`~._errors.OptionError` (a ValueError), both naming the
    argument and what is allowed.

    Args:
        host: the address to bind; loopback unless told otherwise.
        port: the port, 0..65535; ``0`` picks a free one (read it back from :attr:`url`).
        clock: ``None`` or ``"fake"`` for a new :class:`FakeClock` (time moves only through
            :meth:`advance`), ``"wall"`` or a :class:`WallClock` to run tasks on real time in a
            background thread, or a :class:`FakeClock` of your own (one server per clock).
        users: ``None`` turns authentication off (ArangoDB's ``--server.authentication false``);
            a mapping of user name to password (or :class:`~fake_arango_tasks.User`) turns it on.
        jwt_secret: the secret for JWTs (``--server.jwt-secret``); random when ``None``.
        control_token: a bearer token the ``/_fake/*`` control routes accept (besides a superuser
            or an administrator's credentials when ``users`` are given); with it set, the control
            routes require credentials even when authentication is off.
        version: the ArangoDB version the server claims (``MAJOR.MINOR.PATCH``); ``"4.0.0"`` or
            later has no Tasks API.
        javascript_tasks: ``False`` acts as ``--javascript.tasks false`` (creating tasks is refused).
        run_timeout: the time limit of one task run, seconds of real time (> 0).
        run_max_memory: the V8 heap limit, bytes (at least 16 MiB).
        run_max_output: the most characters one run may print (the rest is cut).
        seed: seeds ``Math.random`` in task commands (per task and run, so runs are reproducible).
        max_runs: how many runs the journal keeps (the oldest are dropped; see :attr:`dropped_runs`).
        max_journal_output: how many characters of output the journal keeps across its runs
            (64 Mi by default; the oldest runs are dropped past it).
        max_requests: how many requests the request journal keeps (:attr:`requests`; 0: none).
        max_batch: the most due runs executed in one call into V8 (1: one call per run).
        max_runs_per_advance: the most runs one :meth:`advance` may make; past it the advance
            raises ``RunLimitExceeded`` (a task with a sub-millisecond period, or a very long advance).
        outgoing: ``"canned"`` (default): commands' requests are answered from ``fake.http``
            registrations only; ``"loopback"``: requests to loopback servers that no registration
            answers are sent for real (a pytest-httpserver, say).
        allow_use_database: ``--server.allow-use-database`` (default false, as in arangod):
            whether task commands may call ``db._useDatabase``.

    Raises:
        OptionTypeError: (a TypeError) an option of the wrong type.
        OptionError: (a ValueError) an option with a value that is not allowed.
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
        control_token: str | None = None,
        version: str = "3.12.4",
        javascript_tasks: bool = True,
        run_timeout: float = DEFAULT_TIMEOUT,
        run_max_memory: int = DEFAULT_MAX_MEMORY,
        run_max_output: int = DEFAULT_RUN_OUTPUT,
        seed: int = 0,
        max_runs: int = 100_000,
        max_journal_output: int = DEFAULT_MAX_OUTPUT,
        max_requests: int = 1000,
        max_batch: int = MAX_BATCH,
        max_runs_per_advance: int = 100_000,
        outgoing: Outgoing = "canned",
        allow_use_database: bool = False,
    ) -> None:
        check_str("host", host)
        check_port(port)
        clock = _check_clock(clock)
        check_users(users)
        check_str("jwt_secret", jwt_secret, optional=True)
        self.control_token = check_str("control_token", control_token, optional=True)
        check_version(version)
        check_bool("javascript_tasks", javascript_tasks)
        check_number("run_timeout", run_timeout, positive=True)
        check_int("run_max_memory", run_max_memory, minimum=16 * 1024 * 1024)
        check_int("run_max_output", run_max_output, minimum=1)
        check_int("seed", seed, minimum=-(2**53), maximum=2**53)
        check_int("max_runs", max_runs, minimum=1)
        check_int("max_journal_output", max_journal_output, minimum=1)
        check_int("max_requests", max_requests, minimum=0)
        check_int("max_batch", max_batch, minimum=1)
        check_int("max_runs_per_advance", max_runs_per_advance, minimum=1)
        check_choice("outgoing", outgoing, ("canned", "loopback"))
        check_bool("allow_use_database", allow_use_database)
        self.host = host
        self.version = version
        self.clock: FakeClock | WallClock = clock
        self._start = clock.start if isinstance(clock, FakeClock) else 0.0
        self._journal = Journal(max_runs, max_journal_output)
        self._journal.listeners.append(log_runs)
        self._ticks = Ticks()
        self._documents = DocumentStore(self._ticks, lambda: self.clock.now_us // 1000)
        self.http = OutgoingHttp(outgoing)
        """Canned answers for task commands' outgoing requests: ``fake.http.respond(method, url, ...)``."""
        self.faults = Faults()
        """Faults for the next requests: ``fake.faults.add("GET", "/_api/tasks", status=503)``."""
        self._requests = RequestJournal(max_requests)
        self._databases = Databases(on_drop=self._drop_database)
        self._auth = Auth(users, jwt_secret)
        self._table = TaskTable(lambda command: self._runtime.compiles(command), lambda: self.clock.now_us, self._ticks,
                                on_removed=lambda: self._runtime.notify_removed())
        commands = Host(self._table, self._documents, self._databases, self._auth, self.http,
                        allow_use_database=allow_use_database)
        self._runtime = JavaScriptRuntime(commands, timeout=run_timeout, max_memory=run_max_memory,
                                          max_output=run_max_output, seed=seed,
                                          version=version)
        commands.queries.check_run_time = self._runtime.check_run_time
        commands.crypto.bounded = self._runtime.within_run_time
        commands.queries.max_rows = run_max_memory // QUERY_ROW_BYTES
        self._scheduler = Scheduler(clock, self._runtime.run_batch, self._journal, self._table.is_current,
                                    self._table.discard, max_batch=max_batch, max_runs=max_runs_per_advance)
        self._table.scheduler = self._scheduler
        self.arango_app = ArangoApp(Services(self._table, self._databases, self._auth, self, self._documents,
                                             self.http, version=version, javascript_tasks=javascript_tasks,
                                             query_max_rows=run_max_memory // QUERY_ROW_BYTES))
        """The ArangoDB app alone (no faults, no request journal)."""
        self.wsgi_app = RequestRecorder(FaultInjector(ControlFormat(self.arango_app), self.faults, RESPONSE_HEADERS),
                                        self._requests, lambda: self.clock.now)
        """The WSGI app the HTTP server serves and in-process clients call: the ArangoDB app behind
        the request journal and fault injection."""
        self._expected: set[str | None] = set()
        self._stopped = False
        self._http = HttpServer(self.wsgi_app, self.host, port)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        state = self.url if self._http.running else "stopped"
        return f"<FakeArangoTasks {state} clock={self.clock!r}>"

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> FakeArangoTasks:
        """Bind and serve in a background thread; returns ``self``. Idempotent; starts a stopped
        server again.

        Raises:
            OSError: the address cannot be bound; ``errno`` is set (``EADDRINUSE``: the port is
                taken) and the message names the address.
        """
        with self._lock:
            if self._http.running:
                return self
            self._stopped = False
            self._http.start()  # OSError(errno, "cannot bind host:port: reason")
            self._scheduler.start()
            return self

    def stop(self) -> None:
        """Stop serving and release the port and the V8 context. Idempotent; :meth:`start`
        serves again."""
        with self._lock:
            self._stopped = True
        self._scheduler.stop()
        self._http.stop()
        self._runtime.close()

    @property
    def running(self) -> bool:
        """Whether the server serves over HTTP (between :meth:`start` and :meth:`stop`)."""
        return self._http.running

    def __enter__(self) -> FakeArangoTasks:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` of the running server.

        Raises:
            ServerStateError: (a RuntimeError) the server is not started.
        """
        if not self._http.running:
            raise ServerStateError("the server is not started (start() it, or use it as a context manager); "
                                   "fake.client() needs no started server")
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self._http.port}"

    @property
    def port(self) -> int:
        """The bound port (after :meth:`start`).

        Raises:
            ServerStateError: the server is not started.
        """
        if not self._http.running:
            raise ServerStateError("the server is not started")
        return self._http.port

    @property
    def jwt_secret(self) -> str:
        """The secret the server signs and checks JWTs with."""
        return self._auth.jwt_secret

    @property
    def superuser_token(self) -> str:
        """A superuser JWT this server accepts (signed with :attr:`jwt_secret`)."""
        return superuser_token(self._auth.jwt_secret)

    # -- in-process clients -----------------------------------------------------------------------

    def client(self, **options: Any) -> ArangoClient:
        """A python-arango ``ArangoClient`` whose requests call :attr:`wsgi_app` directly (no
        socket; the server need not be started). ``options`` go to ``ArangoClient``.

        Raises:
            ImportError: python-arango is not installed.
        """
        from arango.client import ArangoClient

        from ._clients import WsgiHttpClient

        return ArangoClient(hosts=self._client_url(), http_client=WsgiHttpClient(self.wsgi_app), **options)

    def db(self, name: str = "_system", **options: Any) -> StandardDatabase:
        """Database ``name`` through :meth:`client`: as ``root`` with an empty password when
        authentication is off, with a superuser JWT when it is on (unless ``options`` give
        ``username``/``password`` or a token)."""
        if not options and self._auth.enabled:
            options = {"superuser_token": self.superuser_token}
        elif not options:
            options = {"username": "root", "password": ""}
        return self.client().db(name, **options)

    def async_client(self, **options: Any) -> AsyncArangoClient:
        """A python-arango-async ``ArangoClient`` whose requests call :attr:`wsgi_app` directly.

        Raises:
            ImportError: python-arango-async is not installed.
        """
        from arangoasync import ArangoClient as AsyncClient  # type: ignore[import-untyped,unused-ignore]

        from ._clients import AsyncWsgiHttpClient

        return AsyncClient(hosts=self._client_url(), http_client=AsyncWsgiHttpClient(self.wsgi_app), **options)

    def _client_url(self) -> str:
        return self.url if self._http.running else IN_PROCESS_URL

    # -- time -------------------------------------------------------------------------------------

    @property
    def now(self) -> float:
        """The server's current time, Unix seconds (fake or wall)."""
        return self.clock.now

    @property
    def datetime(self) -> dt.datetime:
        """The server's current time as an aware UTC datetime."""
        return self.clock.datetime

    def _fake_clock(self, action: str) -> FakeClock:
        if not isinstance(self.clock, FakeClock):
            raise ServerStateError(f"cannot {action}: this server runs on wall-clock time (tasks run when they fall "
                                   "due); to move time yourself, start it with a fake clock: FakeArangoTasks() "
                                   "or clock='fake' in Python, --clock fake on the command line")
        if self._stopped:
            raise ServerStateError("the server was stopped; start() it again to run tasks")
        return self.clock

    def advance(self, seconds: float | dt.timedelta, *, collect: bool = True) -> list[Run]:
        """Move the fake clock ``seconds`` forward and run every task falling due, in order.

        Each run sees the clock at its own due time; a periodic task is re-queued ``period``
        seconds after its run ends. Returns the runs made, oldest first (also in :attr:`runs`).

        Args:
            seconds: how far, a number of seconds (>= 0) or a :class:`~datetime.timedelta`.
            collect: ``False`` returns ``[]`` instead of the runs (for a huge advance: the
                journal keeps its bounded share, nothing else is held).

        Raises:
            OptionTypeError: (a TypeError) ``seconds`` is neither a number nor a timedelta.
            ClockError: (a ValueError) ``seconds`` is negative or not finite, or the clock would
                pass year 9999.
            ServerStateError: (a RuntimeError) the server runs on a :class:`WallClock`, or was
                stopped.
            RunLimitExceeded: (a RuntimeError) the advance would make more than
                ``max_runs_per_advance`` runs: the runs up to the limit were made and recorded
                in :attr:`runs`, the clock stopped at the last one.
        """
        clock = self._fake_clock("advance()")
        return self._collecting(lambda: clock.advance(seconds), collect)

    def advance_to(self, when: float | dt.datetime, *, collect: bool = True) -> list[Run]:
        """Move the fake clock to ``when`` (Unix seconds or a timezone-aware datetime) and run
        every task falling due, in order; returns the runs made.

        Raises:
            OptionTypeError: ``when`` is neither a number nor an aware datetime.
            ClockError: ``when`` is before now, or out of range.
            ServerStateError, RunLimitExceeded: as :meth:`advance`.
        """
        clock = self._fake_clock("advance_to()")
        target = instant("when", when)
        return self._collecting(lambda: clock.advance_to(target), collect)

    def run_until_idle(self, limit: float | dt.timedelta = 3600.0, *, collect: bool = True) -> list[Run]:
        """Jump from one due run to the next until no task is scheduled, or until ``limit``
        seconds of fake time have passed; returns the runs made.

        Timed tasks (and the tasks their runs register) run out; periodic tasks never go idle,
        so with one registered this runs until the limit, with the clock at now + ``limit``. When
        nothing is scheduled the clock stays where the last run left it.

        Args:
            limit: the most fake time to pass, seconds (>= 0) or a timedelta (default one hour).

        Raises:
            OptionTypeError, ClockError: a bad ``limit``.
            ServerStateError, RunLimitExceeded: as :meth:`advance`.
        """
        seconds = check_seconds("limit", limit)
        clock = self._fake_clock("run_until_idle()")
        end_us = clock.now_us + round(seconds * MICROSECONDS)
        if end_us > round(LATEST * MICROSECONDS):
            raise ClockError(f"run_until_idle(limit={limit!r}) would pass the year 9999")

        def steps() -> None:
            while True:
                due_us = self._scheduler.next_due_us()
                if due_us is None:
                    return
                if due_us > end_us:
                    clock.advance_to(end_us / MICROSECONDS)
                    return
                clock.advance_to(max(due_us, clock.now_us) / MICROSECONDS)

        return self._collecting(steps, collect)

    def _collecting(self, action: Any, collect: bool) -> list[Run]:
        check_bool("collect", collect)
        if not collect:
            action()
            return []
        with self._scheduler.collect() as runs:
            action()
        return runs

    def next_run(self, task_id: str) -> float | None:
        """When task ``task_id`` runs next, Unix seconds; ``None`` when no run is scheduled (a
        run that never ends).

        Raises:
            ArangoError: 404/1852 no such task.
        """
        task = self._table.get(check_str("task_id", task_id) or "")
        due_us = self._scheduler.next_due_us(task)
        return None if due_us is None else due_us / MICROSECONDS

    # -- runs and assertions ----------------------------------------------------------------------

    @property
    def runs(self) -> list[Run]:
        """Every recorded run, oldest first (the journal keeps the last ``max_runs``, and at most
        ``max_journal_output`` characters of output). Reading this does not count as looking at
        failures (strict mode): read a run's ``error``, or use :meth:`runs_of`."""
        return self._journal.runs()

    def runs_of(self, task_id: str | None) -> list[Run]:
        """The recorded runs of ``task_id`` (all runs when ``None``), oldest first. The failures
        among them count as looked at (strict mode)."""
        runs = self._journal.runs(task_id)
        for run in runs:
            run.seen = True
        return runs

    def output_of(self, task_id: str) -> list[str]:
        """Every message the kept runs of ``task_id`` printed, in order (levels left out)."""
        return [message for run in self._journal.runs(task_id) for _, message in run.output]

    def assert_ran(self, task_id: str, times: int | None = None, *, failed: bool | None = None) -> list[Run]:
        """Assert that ``task_id`` ran (exactly ``times`` times when given); returns its runs.

        Args:
            failed: ``False`` also asserts none failed (``True``: that all did).

        Raises:
            AssertionError: it did not; the message lists every kept run, when, what it printed
                and threw, and the tasks that did run.
        """
        runs = self._journal.runs(task_id)
        problems = []
        if times is None and not runs:
            problems.append(f"task {task_id!r} never ran")
        elif times is not None and len(runs) != times:
            problems.append(f"task {task_id!r} ran {len(runs)} times, expected {times}")
        if failed is not None and any(r.threw != failed for r in runs):
            problems.append(f"task {task_id!r} had runs that {'succeeded' if failed else 'failed'}")
        if problems:
            raise AssertionError(self._ran_report(problems, runs))
        if failed is not None:
            for run in runs:
                run.seen = True
        return runs

    def _ran_report(self, problems: list[str], runs: list[Run]) -> str:
        lines = [*problems, f"clock now {iso(self.now)} ({self.now!r})"]
        lines.extend(run.describe() for run in runs[-20:])
        if len(runs) > 20:
            lines.insert(2, f"(the last 20 of {len(runs)} runs)")
        if not runs:
            ran = sorted({run.task_id for run in self._journal.runs()})
            lines.append(f"tasks that ran: {', '.join(map(repr, ran)) or 'none'}; registered: "
                         f"{', '.join(repr(t.id) for t in self._table.list()) or 'none'}")
        if self._journal.dropped:
            lines.append(f"({self._journal.dropped} older runs were dropped from the journal)")
        return "\n".join(lines)

    def expect_errors(self, task_id: str | None = None) -> None:
        """Tell strict mode that failed runs of ``task_id`` (of every task when ``None``) are
        expected, until :meth:`reset`."""
        self._expected.add(task_id if task_id is None else check_str("task_id", task_id))

    def unexpected_errors(self) -> list[Run]:
        """The failed runs nobody looked at, oldest first (strict mode's findings): not expected
        (:meth:`expect_errors`), not returned by :meth:`runs_of`, and neither their ``error`` nor
        that of another run of the same task with the same error (type and message) was read."""
        if None in self._expected:
            return []
        failures = self._journal.failures()
        looked = {(run.task_id, run._error) for run in failures if run.seen}
        return [run for run in failures if not run.seen and run.task_id not in self._expected
                and (run.task_id, run._error) not in looked]

    def check_errors(self) -> None:
        """Strict mode's check: raise if a run failed and nobody looked.

        Raises:
            UnexpectedRunErrors: (an AssertionError) listing each such run: task, due time, what
                it printed, the JS error and its stack.
        """
        unexpected = self.unexpected_errors()
        dropped = 0 if None in self._expected else self._journal.dropped_failures
        if not unexpected and not dropped:
            return
        lines = [f"{len(unexpected) + dropped} task run(s) failed and the test did not look at them (read "
                 "run.error, use fake.runs_of(task) or fake.expect_errors(task), or turn strict mode off):"]
        groups = _same_failures(unexpected)
        for runs in groups[:MAX_REPORTED_FAILURES]:
            lines.append(runs[0].describe())
            if len(runs) > 1:
                lines.append(f"  ... and {len(runs) - 1} more run(s) of {runs[0].task_id!r} with the same error, "
                             f"the last due {iso(runs[-1].due)}")
        if len(groups) > MAX_REPORTED_FAILURES:
            rest = sum(len(runs) for runs in groups[MAX_REPORTED_FAILURES:])
            lines.append(f"... and {rest} more failed run(s) with other errors")
        if dropped:
            lines.append(f"... and {dropped} failed run(s) dropped from the journal before anyone looked")
        raise UnexpectedRunErrors("\n".join(lines))

    @property
    def dropped_failures(self) -> int:
        """How many failed runs the journal dropped before anyone read their ``error``."""
        return self._journal.dropped_failures

    @property
    def runs_recorded(self) -> int:
        """How many runs were recorded since the last reset (kept in the journal or dropped from it)."""
        return self._journal.recorded

    @property
    def dropped_runs(self) -> int:
        """How many runs the journal dropped to stay within ``max_runs`` and
        ``max_journal_output`` (since the last reset)."""
        return self._journal.dropped

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests the fake received, oldest first (the last ``max_requests``)."""
        return self._requests.list()

    def requests_to(self, path: str, method: str | None = None) -> list[RecordedRequest]:
        """The kept requests whose path starts with ``path`` (and of ``method`` when given)."""
        return self._requests.list(method, path)

    # -- state ------------------------------------------------------------------------------------

    @property
    def tasks(self) -> list[dict[str, Any]]:
        """Every registered task as ``GET /_api/tasks`` returns it (all users' tasks), parsed
        from the same JSON (``"period": 2`` is the int 2, as a client reads it)."""
        return [json.loads(dumps(t.to_json())) for t in self._table.list()]

    def create_task(self, command: str, *, name: str | None = None, period: float | dt.timedelta | None = None,
                    offset: float | dt.timedelta | None = None, params: Any = _MISSING, id: str | None = None,
                    database: str = "_system", user: str = "") -> dict[str, Any]:
        """Register a task without HTTP, by the same rules as ``POST /_api/tasks``; returns the
        task object as the create answer shows it. ``period`` and ``offset`` are seconds or
        :class:`~datetime.timedelta`.

        Raises:
            OptionTypeError: ``period`` or ``offset`` is neither a number nor a timedelta, ``id``
                or ``name`` is not a str (over HTTP ArangoDB ignores such a value: the task would
                be timed, or get a generated id or the default name), ``params`` is not JSON data.
            ArangoError: what ArangoDB answers (400/10 a bad period or command, 409/1851 a
                duplicate id, 404/1228 an unknown database).
        """
        if not self._databases.exists(database):
            raise self._databases.not_found()
        for key, given in (("id", id), ("name", name)):
            if given is not None and not isinstance(given, str):
                raise OptionTypeError(f"{key} must be a str or None, not {type(given).__name__} {given!r}")
        if params is not _MISSING:
            try:
                dumps(params)
            except (TypeError, ValueError) as exc:
                raise OptionTypeError(f"params must be JSON data (dict, list, str, int, float, bool or None): {exc}") from None
        body: dict[str, Any] = {"command": command}
        seconds = {key: as_seconds(key, value)
                   for key, value in (("period", period), ("offset", offset)) if value is not None}
        for key, value in (("name", name), *seconds.items(), ("id", id)):
            if value is not None:
                body[key] = value
        if params is not _MISSING:
            body["params"] = params
        created = self._table.create_from_rest(body, database=database, user=user)
        parsed: dict[str, Any] = json.loads(dumps(created))
        return parsed

    def insert(self, collection: str, documents: Any, *, database: str = "_system") -> list[dict[str, Any]]:
        """Seed ``collection`` (created when missing) with ``documents`` (one dict or a list),
        by ArangoDB's rules; returns the stored documents (with ``_key``, ``_id``, ``_rev``).

        Raises:
            ArangoError: 1208 an illegal collection name, 1221 a bad key, 1210 a duplicate key,
                404/1228 an unknown database.
        """
        if not self._databases.exists(database):
            raise self._databases.not_found()
        if not self._documents.has(database, collection):
            self._documents.create_collection(database, collection)
        items = [documents] if isinstance(documents, dict) else list(documents)
        return [dict(self._documents.insert(database, collection, item)[1]) for item in items]

    def documents(self, collection: str, *, database: str = "_system") -> list[dict[str, Any]]:
        """Every document of ``collection`` (copies), in ArangoDB's scan order.

        Raises:
            ArangoError: 404/1203 no such collection.
        """
        return [dict(d) for d in self._documents.collection(database, collection).docs.values()]

    def reset(self) -> None:
        """Back to a fresh server: no tasks, no runs, no recorded requests, no faults, no canned
        responses, only ``_system``, the starting users, and, on a fake clock, a new
        :class:`FakeClock` at the first clock's start time; strict mode's expectations cleared.

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
            self.arango_app.services.cursors.clear()
            self.faults.clear()
            self._requests.clear()
            self._expected.clear()

    def snapshot(self) -> dict[str, Any]:
        """The server's state as JSON values: tasks (with each one's next due time and run
        count), the clock, documents and collections, databases, users and the server tick.
        Restore it with :meth:`restore` (also on another server built with the same options).
        Runs, requests, canned responses and faults are not part of it."""
        with self._scheduler.paused():
            counts = self._scheduler.run_counts()
            tasks = [task_to_json(t, self._scheduler.next_due_us(t), counts.get(t, 0)) for t in self._table.list()]
            return {"format": FORMAT, "clock": {"mode": _mode(self.clock), "now": self.clock.now,
                                                "now_us": self.clock.now_us},
                    "ticks": self._ticks.next, "tasks": tasks, "documents": self._documents.snapshot(),
                    "databases": self._databases.snapshot(), "users": self._auth.snapshot()}

    def restore(self, state: Mapping[str, Any]) -> None:
        """Back to a :meth:`snapshot`'s state. On a fake clock the server gets a new
        :class:`FakeClock` at the snapshot's time (read ``fake.clock`` again); on a wall clock
        the time is not restored. The run journal is kept; the V8 context is replaced.

        Raises:
            OptionTypeError, OptionError: not a snapshot of this version.
        """
        state = check_snapshot(state)
        entries = [task_from_json(entry) for entry in state["tasks"]]
        with self._scheduler.paused():
            if isinstance(self.clock, FakeClock):
                self.clock = FakeClock(state["clock"]["now_us"] / MICROSECONDS)
                self.clock._now_us = int(state["clock"]["now_us"])
                self._scheduler.use_clock(self.clock)
            self._runtime.close(then=lambda: self._documents.restore(state["documents"]))
            self._table.restore([task for task, _, _ in entries])
            self._scheduler.restore({task: due for task, due, _ in entries if due is not None},
                                    {task: runs for task, _, runs in entries})
            self._ticks.restore(int(state["ticks"]))
            self._databases.restore(state["databases"])
            self._auth.restore(state["users"])

    def info(self) -> dict[str, Any]:
        """What the server is: its version, the ArangoDB version it claims, the clock, the counts
        of tasks, runs, requests, collections and documents, and the journals' bounds (what
        ``GET /_fake/info`` answers)."""
        from ._version import __version__

        collections = [c for database in self._databases.names() for c in self._documents.collections(database)]
        return {
            "version": __version__, "arangodb": self.version,
            "clock": self.clock_json(),
            "authentication": self._auth.enabled, "controlToken": self.control_token is not None,
            "counts": {"tasks": len(self._table.list()), "runs": len(self._journal),
                       "runsRecorded": self._journal.recorded, "runsDropped": self._journal.dropped,
                       "failuresDropped": self._journal.dropped_failures,
                       "unexpectedErrors": len(self.unexpected_errors()),
                       "requests": len(self._requests), "requestsDropped": self._requests.dropped,
                       "databases": len(self._databases.names()), "collections": len(collections),
                       "documents": sum(len(c.docs) for c in collections), "faults": len(self.faults.list())},
            "limits": {"maxRuns": self._journal.max_runs, "maxJournalOutput": self._journal.max_output,
                       "maxRequests": self._requests.max_requests, "maxRunsPerAdvance": self._scheduler.max_runs},
        }

    def clock_json(self) -> dict[str, Any]:
        """``{"mode": "fake" | "wall", "now": Unix seconds, "iso": "...Z"}``."""
        now = self.clock.now
        return {"mode": _mode(self.clock), "now": now, "iso": iso(now)}

    def _drop_database(self, name: str) -> None:
        """ArangoDB drops a database's tasks and collections with it."""
        self._table.remove_database(name)
        self._documents.drop_database(name)


def _same_failures(runs: list[Run]) -> list[list[Run]]:
    """``runs`` grouped by task and error (type, message and stack), groups in order of their first run."""
    groups: dict[tuple[str, Any], list[Run]] = {}
    for run in runs:
        groups.setdefault((run.task_id, run._error), []).append(run)
    return list(groups.values())


def _mode(clock: FakeClock | WallClock) -> str:
    return "fake" if isinstance(clock, FakeClock) else "wall"


def _check_clock(clock: Any) -> FakeClock | WallClock:
    if clock is None or clock == "fake":
        return FakeClock()
    if clock == "wall":
        return WallClock()
    if isinstance(clock, (FakeClock, WallClock)):
        return clock
    if isinstance(clock, str):
        raise OptionError(f"clock must be 'fake' or 'wall' (or a FakeClock or WallClock), not {clock!r}")
    raise OptionTypeError(f"clock must be None, 'fake', 'wall', a FakeClock or a WallClock, "
                          f"not {type(clock).__name__} {clock!r}")


if TYPE_CHECKING:
    def _conforms(server: FakeArangoTasks) -> ControlApi:
        return server  # the control routes' view of the server
