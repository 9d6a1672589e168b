"""The task table: ArangoDB's process-wide map of registered tasks, and the rules for creating one.

Follows ``arangod/VocBase/Methods/Tasks.cpp`` (the table, the JSON form, timing) and the two ways
ArangoDB creates a task, which check and convert their input differently:

- over HTTP, ``arangod/RestHandler/RestTasksHandler.cpp`` ``registerTask`` (docs/behaviour.md §3:
  the body's checks 5 to 11; the HTTP layer does 1 to 4): :meth:`TaskTable.create_from_rest`;
- from a command, ``arangod/V8Server/v8-dispatcher.cpp`` ``JS_RegisterTask`` (§3.12): the prelude
  converts the JavaScript values as arangod does and :meth:`TaskTable.create_from_js` decides.

Both end in :meth:`TaskTable._insert`, the table's own rules (§2, §3.10-11): ids (given, or drawn
from the server tick), 1850 for an empty id, 1851 for one already registered, the wrapped command,
millisecond truncation, the default name. The table is global across databases, as in ArangoDB,
and thread-safe. It knows nothing of HTTP or V8: it is given a ``compiles`` predicate for the
compile check, and tells the scheduler of every task added and removed.
"""

from __future__ import annotations

import itertools
import json
import math
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Final, Iterable, TypeGuard

from . import _errors as E
from ._clock import MICROSECONDS
from ._errors import ArangoError
from ._json import Timestamp
from ._runtime import may_await
from ._scheduler import Scheduler
from ._ticks import Ticks

__all__ = ["DEFAULT_NAME", "Task", "TaskTable", "wrap_command"]

DEFAULT_NAME: Final = "user-defined task"
#: Offsets and periods are held to this many milliseconds (about 3,000 years) so that huge or
#: out-of-range values cannot overflow; ArangoDB's own conversion of them is undefined.
MAX_MILLIS: Final = 10**14


def wrap_command(command: str) -> str:
    """The command as ArangoDB stores, returns and runs it (Tasks.cpp)."""
    return "(function (params) { " + command + " } )(params);"


def _millis_us(seconds: float) -> int:
    """Seconds truncated to whole milliseconds, in microseconds (``Task::setPeriod``/``setOffset``)."""
    bounded = max(-1e15, min(1e15, seconds))
    return max(-MAX_MILLIS, min(MAX_MILLIS, math.trunc(bounded * 1000))) * 1000


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True, eq=False)
class Task:
    """A registered task (immutable; identity is the registration, see ``seq``).

    Times are whole microseconds: ``created_us``; ``offset_us`` as requested (millisecond
    resolution; the first run is :func:`~._scheduler.first_due`); ``period_us`` (``None`` for a
    timed task). ``command`` is the wrapped command; ``params_json`` the params as JSON text
    (``None``: none given, the command sees ``undefined``).
    """

    id: str
    name: str
    created_us: int
    period_us: int | None
    offset_us: int
    command: str
    database: str
    params_json: str | None
    user: str
    seq: int  # registration order, the scheduler's tie-breaker
    may_await: bool = field(default=False)

    @property
    def type(self) -> str:
        """``"periodic"`` or ``"timed"``."""
        return "timed" if self.period_us is None else "periodic"

    @property
    def params(self) -> Any:
        """The params as Python values (a fresh copy), ``None`` when absent."""
        return None if self.params_json is None else json.loads(self.params_json)

    def to_json(self, *, started: bool = True) -> dict[str, Any]:
        """The task object as the API returns it: ArangoDB's keys in ArangoDB's order (§2).

        ``started=False`` gives the create answer, which shows the requested offset; once the
        task is started (any later read) an offset <= 0 reads 0.000001 (``Task::start``).
        ``created`` is a :class:`~._json.Timestamp` (it always prints as a float).
        """
        body: dict[str, Any] = {"id": self.id, "name": self.name, "created": Timestamp(self.created_us / MICROSECONDS),
                                "type": self.type}
        if self.period_us is not None:
            body["period"] = self.period_us / MICROSECONDS
        offset_us = self.offset_us if not started else max(self.offset_us, 1)
        body["offset"] = offset_us / MICROSECONDS
        body["command"] = self.command
        body["database"] = self.database
        return body


class TaskTable:
    """All registered tasks, in creation order.

    Args:
        compiles: ``compiles(command) -> bool``, the compile check (``Task::tryCompile``):
            whether the *raw* command compiles as a function body.
        clock_us: returns the current time in microseconds (for ``created``).
        ticks: the server tick generated ids are drawn from.
        scheduler: told of added and removed tasks (set after construction: it needs the
            table's :meth:`is_current` and :meth:`discard`).
        on_removed: called after any task leaves the table (the runtime skips its planned runs).
    """

    def __init__(self, compiles: Callable[[str], bool], clock_us: Callable[[], int], ticks: Ticks,
                 scheduler: Scheduler | None = None, on_removed: Callable[[], None] | None = None) -> None:
        self._compiles = compiles
        self._clock_us = clock_us
        self.ticks = ticks
        self.scheduler = scheduler
        self._on_removed = on_removed
        self._tasks: dict[str, Task] = {}
        self._lock = threading.RLock()
        self._seq = itertools.count()

    # -- creating -----------------------------------------------------------------------------------

    def create_from_rest(self, body: Any, *, database: str, user: str, url_id: str | None = None) -> dict[str, Any]:
        """Create a task from a parsed ``POST``/``PUT /_api/tasks`` body (checks 5 to 11 of §3, in
        ArangoDB's order; the first failure wins).

        Args:
            body: the parsed JSON body (any JSON value).
            database: the database of the request.
            user: the authenticated user (``""`` with authentication off).
            url_id: the id from ``PUT /_api/tasks/{id}``, which wins over the body's.

        Returns:
            The task object as the create response shows it.

        Raises:
            ArangoError: 400/10 bad period, 500/4 body not an object, 403/11 runAsUser,
                400/10 missing or uncompilable command, 400/1850 empty id, 409/1851 duplicate id.
        """
        generated = str(self.ticks.take()) if url_id is None else None  # drawn whatever the body says (H)
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
        given = body.get("id")
        task_id = url_id if url_id is not None else (given if isinstance(given, str) else generated)
        name = body.get("name")
        period, offset = body.get("period"), body.get("offset")
        task = self._insert(
            task_id=str(task_id), name=name if isinstance(name, str) else DEFAULT_NAME, command=command,
            period=period if _is_number(period) else None, offset=offset if _is_number(offset) else 0.0,
            params_json=json.dumps(body["params"]) if "params" in body else None,
            database=database, user=user, now_us=self._clock_us(),
        )
        return task.to_json(started=False)

    def create_from_js(self, spec: dict[str, Any], *, database: str, user: str, now_us: int, writable: bool
                       ) -> tuple[dict[str, Any], int]:
        """Create a task from ``require('@arangodb/tasks').register(options)`` (§3.12), its
        options already converted by the prelude as arangod converts JavaScript values: a key is
        present only if the options object had it; ``id``, ``name``, ``runAsUser`` and
        ``command`` are strings, ``offset`` and ``period`` numbers, ``isSystem`` a boolean,
        ``params`` a JSON value (with ``hasParams``).

        Args:
            now_us: the run's time (its due time plus what it slept): the task's ``created``.
            writable: whether the run's user may write to the database.

        Returns:
            ``(task object, due time of its first run in microseconds)``.

        Raises:
            ArangoError: in JS_RegisterTask's order: 403/11 no RW access, 403/11 a system task,
                400/10 period <= 0, 403/11 runAsUser, 400/10 no command, 400/10 it does not
                compile, 400/1850, 409/1851.
        """
        if not writable:
            raise ArangoError(E.FORBIDDEN, "registerTask() needs db RW permissions")
        task_id = spec["id"] if "id" in spec else str(self.ticks.take())
        if spec.get("isSystem") is True:
            raise ArangoError(E.FORBIDDEN, "Only internal context may create system tasks")
        period = spec.get("period")
        if "period" in spec and not (_is_number(period) and period > 0):
            raise ArangoError(E.BAD_PARAMETER, "task period must be specified and positive")
        run_as = spec.get("runAsUser", "")
        if run_as and run_as != user:
            raise ArangoError(E.FORBIDDEN)
        if "command" not in spec:
            raise ArangoError(E.BAD_PARAMETER, "command must be specified")
        command = str(spec["command"])
        if not self._compiles(command):
            raise ArangoError(E.BAD_PARAMETER, "cannot compile command")
        offset = spec.get("offset", 0.0)
        task = self._insert(
            task_id=str(task_id), name=str(spec.get("name", DEFAULT_NAME)), command=command,
            period=period if "period" in spec else None, offset=offset if _is_number(offset) else 0.0,
            params_json=json.dumps(spec.get("params")) if spec.get("hasParams") else None,
            database=database, user=user, now_us=now_us, from_run=True,
        )
        assert self.scheduler is not None
        due = self.scheduler.next_due_us(task)
        return task.to_json(started=False), now_us if due is None else due

    def _insert(self, *, task_id: str, name: str, command: str, period: float | None, offset: float,
                params_json: str | None, database: str, user: str, now_us: int, from_run: bool = False) -> Task:
        """The table's own rules (``Task::createTask`` and ``setPeriod``/``setOffset``)."""
        wrapped = wrap_command(command)
        with self._lock:
            if task_id == "":
                raise ArangoError(E.TASK_INVALID_ID)
            if task_id in self._tasks:
                raise ArangoError(E.TASK_DUPLICATE_ID)
            task = Task(
                id=task_id, name=name, created_us=now_us, period_us=None if period is None else _millis_us(period),
                offset_us=_millis_us(offset), command=wrapped, database=database, params_json=params_json, user=user,
                seq=next(self._seq), may_await=may_await(wrapped),
            )
            self._tasks[task_id] = task
        if self.scheduler is not None:  # outside the lock: the scheduler takes its own
            self.scheduler.add(task, from_run=from_run)
        return task

    # -- reading ------------------------------------------------------------------------------------

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

    def is_current(self, task: Any) -> bool:
        """Whether ``task`` is still registered (not deleted, not replaced by a namesake)."""
        return self._tasks.get(task.id) is task  # one dict read: atomic, no lock

    # -- removing -----------------------------------------------------------------------------------

    def remove(self, task_id: str, user: str | None = None) -> Task:
        """Unregister ``task_id``; its pending run is cancelled (a run in progress completes).

        Raises:
            ArangoError: 400/1850 an empty id, 404/1852 no such task, or it belongs to another user.
        """
        if task_id == "":
            raise ArangoError(E.TASK_INVALID_ID)
        with self._lock:
            task = self.get(task_id, user)
            self._drop(task)
        self._removed(task)
        return task

    def discard(self, task: Any) -> None:
        """Remove ``task`` if it is still registered (a timed task after its run)."""
        with self._lock:
            current = self._tasks.get(task.id)
            if current is None or current is not task:
                return
            self._drop(current)
        self._removed(current)

    def remove_database(self, database: str) -> None:
        """Remove every task of ``database`` (ArangoDB does so when the database is dropped)."""
        with self._lock:
            gone = [t for t in self._tasks.values() if t.database == database]
            for task in gone:
                self._drop(task)
        for task in gone:
            self._removed(task)

    def restore(self, tasks: Iterable[Task]) -> None:
        """Replace every task with ``tasks`` (a snapshot being restored; the scheduler is told
        separately), registration numbers going on after theirs."""
        with self._lock:
            ordered = sorted(tasks, key=lambda t: t.seq)
            self._tasks = {task.id: task for task in ordered}
            self._seq = itertools.count(ordered[-1].seq + 1 if ordered else 0)

    def clear(self) -> None:
        """Remove every task and start registration numbers and ticks afresh."""
        with self._lock:
            self._tasks.clear()
            self._seq = itertools.count()
            self.ticks.reset()

    def _drop(self, task: Task) -> None:
        del self._tasks[task.id]

    def _removed(self, task: Task) -> None:
        if self.scheduler is not None:
            self.scheduler.remove(task)
        if self._on_removed is not None:
            self._on_removed()
