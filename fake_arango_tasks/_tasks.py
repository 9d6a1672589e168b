"""The task table: ArangoDB's process-wide map of registered tasks, and the rules for creating one.

Follows ``arangod/VocBase/Methods/Tasks.cpp`` (the table, the JSON form, timing) and the create
checks of ``arangod/RestHandler/RestTasksHandler.cpp`` that concern the body (spec §3, checks 5 to
11; the HTTP layer does 1 to 4). The table is global across databases, as in ArangoDB, and
thread-safe. It knows nothing of HTTP or V8: it is given a ``compiles`` predicate for the compile
check and a :class:`TaskListener` (the scheduler) that learns of new and removed tasks.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import threading
from dataclasses import dataclass
from typing import Any, Callable, Final, Iterator, List, Protocol, TypeGuard

from . import _errors as E
from ._errors import ArangoError
from ._clock import MICROSECONDS
from ._json import Timestamp

__all__ = ["Task", "TaskListener", "TaskTable", "DEFAULT_NAME", "wrap_command"]

DEFAULT_NAME: Final = "user-defined task"
#: Where generated ids start; ArangoDB's come from its server tick (e.g. "69073"), increasing
#: but not consecutive.
FIRST_TICK: Final = 70_001
TICK_STEP: Final = 7


class Ticks:
    """The server tick: task ids and document keys are drawn from it (TRI_NewTickServer).

    Thread-safe. JavaScript draws ticks inside V8 from the position :meth:`reserved` yields and reports how
    many it used, which :meth:`consume` then skips.
    """

    def __init__(self, first: int = FIRST_TICK, step: int = TICK_STEP) -> None:
        self.step = step
        self._first = first
        self._next = first
        self._lock = threading.RLock()

    def reset(self) -> None:
        """Back to the first tick."""
        with self._lock:
            self._next = self._first

    @contextlib.contextmanager
    def reserved(self) -> Iterator[int]:
        """Hold the tick while V8 draws from it: yields the next tick; no one else takes ticks
        until the block ends (call :meth:`consume` inside it)."""
        with self._lock:
            yield self._next

    def take(self) -> int:
        """The next tick."""
        with self._lock:
            tick = self._next
            self._next += self.step
            return tick

    def consume(self, count: int) -> None:
        """Skip ``count`` ticks (used inside V8)."""
        with self._lock:
            self._next += count * self.step


def wrap_command(command: str) -> str:
    """The command as ArangoDB stores, returns and runs it (Tasks.cpp)."""
    return "(function (params) { " + command + " } )(params);"


@dataclass(eq=False)
class Task:
    """A registered task. Times are whole microseconds (``*_us``) or milliseconds (``*_ms``).

    ``offset_us`` is the requested offset (milliseconds resolution) until the task starts, then
    at least 1 (ArangoDB raises an offset <= 0 to one microsecond when it queues the task).
    """

    id: str
    name: str
    created: float
    period_ms: int | None
    offset_us: int
    command: str  # wrapped
    database: str
    params_json: str | None  # None: no params given (the command sees undefined)
    user: str
    seq: int  # registration order, the scheduler's tie-breaker
    next_due_us: int = 0
    run_count: int = 0  # runs made so far (seeds the run's Math.random)

    @property
    def type(self) -> str:
        """``"periodic"`` or ``"timed"``."""
        return "timed" if self.period_ms is None else "periodic"

    @property
    def params(self) -> Any:
        """The params as Python values (a fresh copy), ``None`` when absent."""
        return None if self.params_json is None else json.loads(self.params_json)

    def to_json(self) -> dict[str, Any]:
        """The task object as the API returns it: ArangoDB's keys in ArangoDB's order (spec §2).

        The ``created`` value is a :class:`~._json.Timestamp` (it always prints as a float)."""
        body: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "created": Timestamp(self.created),
            "type": self.type,
        }
        if self.period_ms is not None:
            body["period"] = self.period_ms / 1000
        body["offset"] = self.offset_us / MICROSECONDS
        body["command"] = self.command
        body["database"] = self.database
        return body


class TaskListener(Protocol):
    """Told when tasks enter or leave the table (the scheduler)."""

    def task_added(self, task: Task) -> None: ...

    def task_removed(self, task: Task) -> None: ...


#: Offsets and periods are held to this many milliseconds (about 3,000 years) so that huge or
#: out-of-range values cannot overflow; ArangoDB's own conversion of them is undefined.
MAX_MILLIS: Final = 10**14


def _millis(seconds: float) -> int:
    """Seconds truncated to whole milliseconds, as ArangoDB converts offset and period."""
    return max(-MAX_MILLIS, min(MAX_MILLIS, math.trunc(max(-1e15, min(1e15, seconds)) * 1000)))


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class TaskTable:
    """All registered tasks, in creation order.

    Args:
        compiles: ``compiles(command) -> bool``, the compile check of create (check 9): whether
            the *raw* command compiles as a function body (``Task::tryCompile`` in Tasks.cpp).
        ticks: the server tick generated ids are drawn from (a new one when ``None``).
        clock_us: returns the current time in microseconds (for ``created`` and the first run).
        listener: told of added and removed tasks.
    """

    def __init__(
        self,
        compiles: Callable[[str], bool],
        clock_us: Callable[[], int],
        listener: TaskListener | None = None,
        ticks: Ticks | None = None,
    ) -> None:
        self._compiles = compiles
        self._clock_us = clock_us
        self.listener = listener
        self.ticks = ticks if ticks is not None else Ticks()
        self._tasks: dict[str, Task] = {}
        self._lock = threading.RLock()
        self._seq = itertools.count()
        self.version = 0  # changes whenever a task is added or removed

    # -- creating ---------------------------------------------------------------------------------

    def register(
        self, body: Any, *, database: str, user: str = "", task_id: str | None = None, now_us: int | None = None
    ) -> dict[str, Any]:
        """Create a task from a parsed request ``body``, as ``POST``/``PUT /_api/tasks`` does.

        Runs checks 5 to 11 of spec §3 in ArangoDB's order; the first failure wins.

        Args:
            body: the parsed JSON body (any JSON value).
            database: the database of the request.
            user: the authenticated user (``""`` with authentication off).
            task_id: the id to use whatever the body says (``PUT /_api/tasks/{id}`` gives the id in
                the URL); when ``None``, the body's ``id`` if it is a string, else a generated one.
            now_us: the creation time (microseconds); the clock's time when ``None`` (a command
                registering a task passes its run's time, which includes what it slept).

        Returns:
            The task object as the create response shows it (the requested offset, before an
            offset <= 0 is raised to 0.000001).

        Raises:
            ArangoError: 400/10 bad period, 500/4 body not an object, 403/11 runAsUser,
                400/10 missing or uncompilable command, 400/1850 empty id, 409/1851 duplicate id.
        """
        if isinstance(body, dict) and _is_number(body.get("period")) and body["period"] <= 0:
            raise ArangoError(E.BAD_PARAMETER, "task period must be specified and positive")
        if not isinstance(body, dict):
            raise ArangoError(E.INTERNAL, "VPack error: Expecting Object")
        run_as = body.get("runAsUser")
        if isinstance(run_as, str) and run_as and run_as != user:
            raise ArangoError(E.FORBIDDEN, "cannot run task as a different user")
        command = body.get("command")
        if not isinstance(command, str):
            raise ArangoError(E.BAD_PARAMETER, "command must be specified")
        if not self._compiles(command):
            raise ArangoError(E.BAD_PARAMETER, "cannot compile command")

        given_id = task_id if task_id is not None else body.get("id")
        name = body.get("name")
        period = body.get("period")
        offset = body.get("offset")
        params_json = json.dumps(body["params"]) if "params" in body else None
        with self._lock:
            if isinstance(given_id, str):
                if given_id == "":
                    raise ArangoError(E.TASK_INVALID_ID)
                if given_id in self._tasks:
                    raise ArangoError(E.TASK_DUPLICATE_ID)
                new_id = given_id
            else:
                new_id = self._new_id()
            if now_us is None:
                now_us = self._clock_us()
            task = Task(
                id=new_id,
                name=name if isinstance(name, str) else DEFAULT_NAME,
                created=now_us / MICROSECONDS,
                period_ms=_millis(period) if _is_number(period) else None,
                offset_us=_millis(offset) * 1000 if _is_number(offset) else 0,
                command=wrap_command(command),
                database=database,
                params_json=params_json,
                user=user,
                seq=next(self._seq),
            )
            response = task.to_json()
            task.offset_us = max(task.offset_us, 1)
            task.next_due_us = now_us + task.offset_us
            self._tasks[new_id] = task
            self.version += 1
        if self.listener is not None:  # outside the lock: the scheduler takes its own
            self.listener.task_added(task)
        return response

    def _new_id(self) -> str:
        while True:
            candidate = str(self.ticks.take())
            if candidate not in self._tasks:
                return candidate

    # -- reading ----------------------------------------------------------------------------------

    @staticmethod
    def _visible(task: Task, user: str | None) -> bool:
        return user is None or task.user == user

    def get(self, task_id: str, user: str | None = None) -> Task:
        """The task ``task_id`` as ``user`` sees it (``None``: sees every task).

        Raises:
            ArangoError: 404/1852 no such task, or it belongs to another user.
        """
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None or not self._visible(task, user):
                raise ArangoError(E.TASK_NOT_FOUND)
            return task

    def list(self, user: str | None = None) -> list[Task]:
        """Every task ``user`` may see (``None``: all), in creation order."""
        with self._lock:
            return [t for t in self._tasks.values() if self._visible(t, user)]

    def versioned(self) -> tuple[int, List[Task]]:  # `list` is a method of this class
        """``(version, every task)``, read together."""
        with self._lock:
            return self.version, list(self._tasks.values())

    def is_current(self, task: Task) -> bool:
        """Whether ``task`` is still registered (not deleted, not replaced by a namesake)."""
        return self._tasks.get(task.id) is task  # one dict read: atomic, no lock (see Scheduler)

    # -- removing ---------------------------------------------------------------------------------

    def remove(self, task_id: str, user: str | None = None) -> Task:
        """Unregister ``task_id``; its pending run is cancelled (a run in progress completes).

        Raises:
            ArangoError: 404/1852 no such task, or it belongs to another user.
        """
        with self._lock:
            task = self.get(task_id, user)
            self._discard(task)
            return task

    def discard(self, task: Task) -> None:
        """Remove ``task`` if it is still registered (a timed task after its run)."""
        with self._lock:
            if self._tasks.get(task.id) is task:
                self._discard(task)

    def remove_database(self, database: str) -> None:
        """Remove every task of ``database`` (ArangoDB does so when the database is dropped)."""
        with self._lock:
            for task in [t for t in self._tasks.values() if t.database == database]:
                self._discard(task)

    def clear(self) -> None:
        """Remove every task and start registration numbers and ticks afresh."""
        with self._lock:
            for task in list(self._tasks.values()):
                self._discard(task)
            self._seq = itertools.count()
            self.ticks.reset()

    def _discard(self, task: Task) -> None:
        del self._tasks[task.id]
        self.version += 1
        if self.listener is not None:
            self.listener.task_removed(task)
