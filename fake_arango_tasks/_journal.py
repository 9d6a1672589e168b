"""The run journal: one :class:`Run` record for every task run, oldest first, bounded."""

from __future__ import annotations

import collections
import threading
from dataclasses import dataclass, field
from typing import Any, Iterable

__all__ = ["Journal", "OutgoingRequest", "Run", "RunError", "RunOutcome"]


@dataclass(frozen=True)
class RunError:
    """What a run threw, or why it was stopped.

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


@dataclass(frozen=True)
class RunOutcome:
    """What executing one run produced, before the scheduler records it as a :class:`Run`.

    ``effects`` are the command's changes to the task table (``{"op": "register", "body": ...}``
    or ``{"op": "unregister", "id": ...}``), which the scheduler applies after the run.
    """

    output: tuple[tuple[str, str], ...] = ()
    error: RunError | None = None
    slept_us: int = 0
    requests: tuple[OutgoingRequest, ...] = ()
    effects: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Run:
    """One execution of a task's command.

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
        params: the task's ``params`` as the command received them (``None`` when absent).
        output: what the command printed, in order: ``(level, message)`` pairs, where level is the
            console method (``"log"``, ``"info"``, ``"warn"``, ``"error"``, ``"debug"``) or
            ``"print"`` for ``print``/``require('@arangodb').print``.
        error: ``None``, or what the command threw (also a time or memory limit being hit).
        requests: the outgoing HTTP requests the command made, in order.
    """

    task_id: str
    name: str
    database: str
    due: float
    started: float
    finished: float
    params: Any = None
    output: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    error: RunError | None = None
    requests: tuple[OutgoingRequest, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """The run as the ``/_fake/runs`` control route returns it."""
        return {
            "task": self.task_id,
            "name": self.name,
            "database": self.database,
            "due": self.due,
            "started": self.started,
            "finished": self.finished,
            "params": self.params,
            "output": [{"level": level, "message": message} for level, message in self.output],
            "error": None if self.error is None else self.error.to_json(),
            "requests": [r.to_json() for r in self.requests],
        }


class Journal:
    """Thread-safe, bounded record of runs; the oldest are dropped past ``max_runs``.

    Args:
        max_runs: how many runs to keep (>= 1).

    Raises:
        ValueError: ``max_runs`` < 1.
    """

    def __init__(self, max_runs: int = 100_000) -> None:
        if max_runs < 1:
            raise ValueError("max_runs must be at least 1")
        self._runs: collections.deque[Run] = collections.deque(maxlen=max_runs)
        self._lock = threading.Lock()

    def extend(self, runs: Iterable[Run]) -> None:
        """Append ``runs`` in order."""
        with self._lock:
            self._runs.extend(runs)

    def runs(self, task_id: str | None = None) -> list[Run]:
        """All kept runs, oldest first; only those of ``task_id`` when given."""
        with self._lock:
            return [r for r in self._runs if task_id is None or r.task_id == task_id]

    def clear(self) -> None:
        """Forget every run."""
        with self._lock:
            self._runs.clear()
