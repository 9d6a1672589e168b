"""Snapshots of a server's state as JSON values: ``fake.snapshot()`` and ``fake.restore(state)``,
and ``GET``/``PUT /_fake/snapshot``.

A snapshot holds the tasks (with their schedule: each task's next due time and how many runs it
has made), the clock, the documents and collections, the databases, the users and the server
tick (so that ids and keys go on as they would have). It does not hold the run journal, the
request journal, canned responses or faults: those describe what happened, not the state. On a
fake clock, restoring gives the server a new :class:`~._clock.FakeClock` at the snapshot's time
(one clock never goes backwards, as after :meth:`FakeArangoTasks.reset`); the V8 context is
replaced (it holds nothing that matters).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final, Mapping

from ._errors import OptionError, OptionTypeError
from ._tasks import Task

__all__ = ["FORMAT", "task_from_json", "task_to_json", "check_snapshot"]

#: The ``format`` of snapshots this version writes and reads.
FORMAT: Final = "fake-arango-tasks/snapshot/1"
_TASK_FIELDS: Final = tuple(f.name for f in dataclasses.fields(Task))
_KEYS: Final = ("format", "clock", "ticks", "tasks", "documents", "databases", "users")


def task_to_json(task: Task, due_us: int | None, runs: int) -> dict[str, Any]:
    """One task of a snapshot: the table's fields (times in microseconds), ``due_us`` (its next
    run, ``None`` when none is scheduled) and ``runs`` (how many it made)."""
    return {**dataclasses.asdict(task), "due_us": due_us, "runs": runs}


def task_from_json(entry: Mapping[str, Any]) -> tuple[Task, int | None, int]:
    """``(task, due_us, runs)`` from :func:`task_to_json`'s form.

    Raises:
        OptionError: a field is missing.
    """
    missing = [name for name in (*_TASK_FIELDS, "due_us", "runs") if name not in entry]
    if missing:
        raise OptionError(f"a snapshot task lacks {', '.join(missing)}")
    task = Task(**{name: entry[name] for name in _TASK_FIELDS})
    return task, entry["due_us"], int(entry["runs"])


def check_snapshot(state: Any) -> Mapping[str, Any]:
    """``state`` when it looks like a snapshot this version wrote.

    Raises:
        OptionTypeError: not a mapping.
        OptionError: another format, or a part missing.
    """
    if not isinstance(state, Mapping):
        raise OptionTypeError(f"a snapshot is the dict fake.snapshot() returned, not {type(state).__name__}")
    if state.get("format") != FORMAT:
        raise OptionError(f"not a snapshot of this version: format must be {FORMAT!r}, not {state.get('format')!r}")
    missing = [key for key in _KEYS if key not in state]
    if missing:
        raise OptionError(f"the snapshot lacks {', '.join(missing)}")
    return state
