"""The run journal: one :class:`Run` record for every task run, oldest first, bounded."""

from __future__ import annotations

import collections
import threading
from dataclasses import dataclass, field
from typing import Any, Iterable

__all__ = ["Journal", "Run", "RunError"]


@dataclass(frozen=True)
class RunError:
    """What a run threw: ``message`` (e.g. ``"TypeError: x is not a function"``) and the JS ``stack``
    (``""`` when the thrown value had none, e.g. ``throw 1``)."""

    message: str
    stack: str = ""

    def to_json(self) -> dict[str, str]:
        """``{"message", "stack"}``, as the ``/_fake/runs`` route returns it."""
        return {"message": self.message, "stack": self.stack}


@dataclass(frozen=True)
class Run:
    """One execution of a task's command.

    Attributes:
        task_id: the task's ``id``.
        name: the task's ``name``.
        database: the task's ``database``.
        due: when the run was scheduled, Unix seconds (fake time with a :class:`FakeClock`).
        started: when it started, Unix seconds (equal to ``due`` on a fake clock).
        finished: when it ended, Unix seconds (equal to ``started`` unless the command slept).
        params: the task's ``params`` as the command received them (``None`` when absent).
        output: what the command printed, in order: ``(level, message)`` pairs, where level is the
            console method (``"log"``, ``"info"``, ``"warn"``, ``"error"``, ``"debug"``) or
            ``"print"`` for ``print``/``require('@arangodb').print``.
        error: ``None``, or what the command threw (also a time or memory limit being hit).
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
