"""The run journal: one :class:`Run` record for every task run, oldest first, bounded by count
and by the size of what the runs printed."""

from __future__ import annotations

import collections
import json
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

__all__ = ["EMPTY_LINE_CHARS", "Journal", "OutgoingRequest", "Run", "RunFailure", "RunOutcome", "RunError"]

#: What an empty printed line counts against the output bounds (a run's ``run_max_output`` in the
#: prelude, generated from here, and the journal's ``max_journal_output``): 3 million empty lines
#: were kept whole when they cost nothing.
EMPTY_LINE_CHARS = 1


@dataclass(frozen=True)
class RunFailure:
    """What a run threw, or why it was stopped (a record, not an exception).

    Attributes:
        message: the error's message (``"x is not a function"``); for a thrown non-error value,
            ``"Uncaught <value>"``; for a stopped run, why (time or memory limit).
        type: the JS error's name (``"TypeError"``, ``"ArangoError"``); ``""`` for a thrown
            non-error value or a stopped run.
        stack: the JS stack, its frames pointing at the task's own command as ``task:<id>:LINE:COLUMN``
            (line 1 is the command's first line); ``""`` when there is none.
        error_num: ArangoDB's errorNum for an ArangoError, else ``None``.
    """

    message: str
    type: str = ""
    stack: str = ""
    error_num: int | None = None

    def __str__(self) -> str:
        return f"{self.type}: {self.message}" if self.type else self.message

    def to_json(self) -> dict[str, Any]:
        """``{"type", "message", "stack", "errorNum"}``, as the ``/_fake/runs`` route returns it."""
        return {"type": self.type, "message": self.message, "stack": self.stack, "errorNum": self.error_num}


#: The name 0.1 gave :class:`RunFailure` (kept so that existing imports work).
RunError = RunFailure


@dataclass(frozen=True)
class OutgoingRequest:
    """A request a command made through ``@arangodb/request``: ``method``, ``url`` (with the query
    string), ``headers`` (lower-case names) and ``body`` (text, ``None`` when there was none)."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The request as the ``/_fake/runs`` route returns it."""
        return {"method": self.method, "url": self.url, "headers": self.headers, "body": self.body}


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """What executing one run produced, before the scheduler records it as a :class:`Run`:
    ``output`` pairs, ``failure``, the fake time it slept (``slept_us``), its outgoing
    ``requests``, and ``final`` when the task can never run again (its run never ends in
    ArangoDB, e.g. ``sleep(Infinity)``)."""

    output: tuple[tuple[str, str], ...] = ()
    failure: RunFailure | None = None
    slept_us: int = 0
    requests: tuple[OutgoingRequest, ...] = ()
    final: bool = False


class Run:
    """One execution of a task's command (read-only).

    Attributes:
        task_id: the task's ``id``.
        name: the task's ``name``.
        database: the task's ``database``.
        due: when the run was scheduled, Unix seconds (fake time with a :class:`FakeClock`).
        started: when it started, Unix seconds: ``due`` on a fake clock; on a wall clock the
            moment the run was made, which may be later than ``due``.
        finished: when it ended, Unix seconds: ``started`` plus the fake time the command slept
            (``internal.sleep``/``wait``). Sleeping is local to the run: other tasks' runs still
            start at their own due times, so ``finished`` may lie past the clock's ``now``.
        params: the task's ``params`` as the command received them (``None`` when absent; a new
            copy on every access).
        output: what the command printed, in order: a tuple (not a list) of ``(level, message)`` pairs, where
            level is the console method (``"log"``, ``"info"``, ``"warn"``, ``"error"``,
            ``"debug"``) or ``"print"`` for ``print``/``require('@arangodb').print``.
        error: ``None``, or the :class:`RunFailure`: what the command threw, or which limit
            stopped it. Reading it counts as looking at the failure (see strict mode).
        requests: the outgoing HTTP requests the command made, in order.
    """

    __slots__ = ("_task_id", "_name", "_database", "_due", "_started", "_finished", "_params_json", "_output",
                 "_error", "_requests", "seen")

    def __init__(self, task_id: str, name: str, database: str, due: float, started: float, finished: float,
                 params_json: str | None = None, output: tuple[tuple[str, str], ...] = (),
                 error: RunFailure | None = None, requests: tuple[OutgoingRequest, ...] = ()) -> None:
        self._task_id = task_id
        self._name = name
        self._database = database
        self._due = due
        self._started = started
        self._finished = finished
        self._params_json = params_json
        self._output = output
        self._error = error
        self._requests = requests
        self.seen = False  #: whether the test looked at the run's failure (strict mode)

    task_id = property(lambda self: self._task_id, doc="The task's id.")
    name = property(lambda self: self._name, doc="The task's name.")
    database = property(lambda self: self._database, doc="The task's database.")
    due = property(lambda self: self._due, doc="When the run was scheduled, Unix seconds.")
    started = property(lambda self: self._started, doc="When the run started, Unix seconds.")
    finished = property(lambda self: self._finished, doc="When the run ended, Unix seconds.")
    output = property(lambda self: self._output, doc="What the command printed: ``(level, message)`` pairs.")
    requests = property(lambda self: self._requests, doc="The outgoing HTTP requests, in order.")

    @property
    def params(self) -> Any:
        """The task's params as the command received them (a fresh copy), ``None`` when absent."""
        return None if self._params_json is None else json.loads(self._params_json)

    @property
    def error(self) -> RunFailure | None:
        """What the run threw or why it was stopped; ``None`` for a run that succeeded."""
        self.seen = True
        return self._error

    @property
    def failed(self) -> bool:
        """Whether the run threw or was stopped. A ``True`` answer counts as looking at the
        failure (strict mode), as reading :attr:`error` does."""
        if self._error is None:
            return False
        self.seen = True
        return True

    @property
    def threw(self) -> bool:
        """Whether the run threw or was stopped, without counting as looking at it (for reports)."""
        return self._error is not None

    def _key(self) -> tuple[Any, ...]:
        return (self._task_id, self._name, self._database, self._due, self._started, self._finished,
                self._params_json, self._output, self._error, self._requests)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Run) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key()[:6])

    def __repr__(self) -> str:
        error = "" if self._error is None else f", error={self._error!r}"
        return f"Run(task_id={self._task_id!r}, due={self._due!r}, output={self._output!r}{error})"

    def to_json(self) -> dict[str, Any]:
        """The run as the ``/_fake/runs`` control route returns it."""
        return {
            "task": self._task_id,
            "name": self._name,
            "database": self._database,
            "due": self._due,
            "started": self._started,
            "finished": self._finished,
            "params": self.params,
            "output": [{"level": level, "message": message} for level, message in self._output],
            "error": None if self._error is None else self._error.to_json(),
            "requests": [r.to_json() for r in self._requests],
        }

    def size(self) -> int:
        """The characters of output this run holds (what the journal's bound counts; an empty
        line counts :data:`EMPTY_LINE_CHARS`)."""
        return sum(len(message) or EMPTY_LINE_CHARS for _, message in self._output)

    def describe(self) -> str:
        """A readable account of the run for failure messages: task, due time (ISO and Unix
        seconds), what it printed and what it threw, with the JS stack."""
        from ._clock import iso

        lines = [f"task {self._task_id!r} ({self._name}, database {self._database}) due {iso(self._due)} "
                 f"({self._due!r})" + ("" if self._finished == self._started else
                                       f", finished {iso(self._finished)}")]
        for level, message in self._output:
            lines.append(f"  {level}: {message}")
        if self._error is not None:
            lines.append(f"  threw {self._error}")
            for frame in self._error.stack.splitlines()[1:] if self._error.stack else ():
                lines.append(f"    {frame.strip()}")
        return "\n".join(lines)


#: Characters of output the journal keeps across its runs unless told (64 Mi).
DEFAULT_MAX_OUTPUT: int = 64 * 1024 * 1024


class Journal:
    """Thread-safe, bounded record of runs: past ``max_runs`` runs, or past ``max_output``
    characters of output held, the oldest runs are dropped (and counted in :attr:`dropped`).

    Failed runs are also kept in order on their own (:meth:`failures`), so that strict mode finds
    them without a scan; a failed run dropped before anyone looked at it is counted in
    :attr:`dropped_failures`.

    Args:
        max_runs: how many runs to keep (>= 1).
        max_output: how many characters of output to keep across the kept runs (>= 1).

    Raises:
        ValueError: a bound < 1.
    """

    def __init__(self, max_runs: int = 100_000, max_output: int = DEFAULT_MAX_OUTPUT) -> None:
        if max_runs < 1 or max_output < 1:
            raise ValueError("max_runs and max_output must be at least 1")
        self.max_runs = max_runs
        self.max_output = max_output
        self._runs: collections.deque[Run] = collections.deque()
        self._failures: collections.deque[Run] = collections.deque()
        self._output = 0
        self.dropped = 0  #: runs dropped to keep within the bounds
        self.dropped_failures = 0  #: failed runs dropped before anyone read their ``error``
        self.recorded = 0  #: runs recorded since the last :meth:`clear` (kept or dropped)
        self.listeners: list[Callable[[Sequence[Run]], None]] = []  #: told of every batch of runs recorded
        self._lock = threading.Lock()

    def extend(self, runs: Sequence[Run]) -> None:
        """Append ``runs`` in order, dropping the oldest past the bounds, then tell the listeners."""
        with self._lock:
            for run in runs:
                self._runs.append(run)
                if run._output:
                    self._output += run.size()
                if run._error is not None:
                    self._failures.append(run)
            self.recorded += len(runs)
            while len(self._runs) > self.max_runs or (self._output > self.max_output and len(self._runs) > 1):
                old = self._runs.popleft()
                if old._output:
                    self._output -= old.size()
                if old._error is not None:
                    self._failures.popleft()
                    if not old.seen:
                        self.dropped_failures += 1
                self.dropped += 1
        for listener in list(self.listeners):
            listener(runs)

    def failures(self) -> list[Run]:
        """The kept runs that failed, oldest first (reading this does not count as looking)."""
        with self._lock:
            return list(self._failures)

    @property
    def output_size(self) -> int:
        """Characters of output the kept runs hold."""
        return self._output

    def __len__(self) -> int:
        return len(self._runs)

    def runs(self, task_id: str | None = None) -> list[Run]:
        """All kept runs, oldest first; only those of ``task_id`` when given."""
        with self._lock:
            if task_id is None:
                return list(self._runs)
            return [r for r in self._runs if r._task_id == task_id]

    def clear(self) -> None:
        """Forget every run (and the counts of dropped and recorded ones)."""
        with self._lock:
            self._runs.clear()
            self._failures.clear()
            self._output = 0
            self.dropped = 0
            self.dropped_failures = 0
            self.recorded = 0
