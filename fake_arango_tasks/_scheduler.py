"""The scheduler: a queue of due runs ordered by (due time, registration order).

Timing follows ``arangod/VocBase/Methods/Tasks.cpp``: the first run is at creation time plus
offset (an offset <= 0 is one microsecond), a periodic task's next run is ``period`` seconds after
its previous run *ends* (runs of one task never overlap), a timed task leaves the table after its
run, and a thrown error is recorded without removing the task. A task deleted while it runs
completes that run and is not queued again.

The scheduler knows only "run these due tasks up to this time". With a :class:`FakeClock` it runs
them synchronously inside ``clock.advance``; with a :class:`WallClock` a background thread runs them
as they fall due.
"""

from __future__ import annotations

import contextlib
import heapq
import threading
from typing import Iterator, Protocol

from ._clock import MICROSECONDS, FakeClock, WallClock
from ._journal import Journal, Run
from ._tasks import Task, TaskTable

__all__ = ["Scheduler", "Runner"]

#: A period below one millisecond is stored as 0 (spec §4); the fake re-runs such a task one
#: microsecond after the previous run instead of at the same instant, so time still moves.
MIN_DELAY_US = 1


class Runner(Protocol):
    """Runs one task at ``now_us`` and returns the run's record (the V8 side)."""

    def __call__(self, task: Task, due_us: int, now_us: int) -> Run: ...


class Scheduler:
    """Runs due tasks of ``table`` on ``clock`` through ``runner``, recording runs in ``journal``.

    It subscribes to the table (``table.listener``) and, for a :class:`FakeClock`, to the clock's
    advances. Call :meth:`start` to begin running on a :class:`WallClock`, :meth:`stop` to end.
    """

    def __init__(self, table: TaskTable, clock: FakeClock | WallClock, runner: Runner, journal: Journal) -> None:
        self._table = table
        self._runner = runner
        self._journal = journal
        self._queue: list[tuple[int, int, Task]] = []
        self._clock: FakeClock | WallClock
        self._run_lock = threading.RLock()  # held while runs execute: one run at a time
        self._queue_lock = threading.Condition()  # guards _queue; never held while taking the table's lock
        self._collectors = threading.local()
        self._thread: threading.Thread | None = None
        self._stopping = False
        table.listener = self
        self.use_clock(clock)

    def use_clock(self, clock: FakeClock | WallClock) -> None:
        """Run on ``clock`` from now on (a fresh clock after a reset); detaches the previous one."""
        with self._run_lock:
            previous = getattr(self, "_clock", None)
            if isinstance(previous, FakeClock):
                previous._attach(None)
            if isinstance(clock, FakeClock):
                clock._attach(self.run_until)
            self._clock = clock

    # TaskListener
    def task_added(self, task: Task) -> None:
        """Queue ``task``'s first run (called by the table)."""
        with self._queue_lock:
            heapq.heappush(self._queue, (task.next_due_us, task.seq, task))
            self._queue_lock.notify_all()

    def task_removed(self, task: Task) -> None:
        """Nothing to do: a removed task's queue entry is skipped when it comes due."""

    def clear(self) -> None:
        """Forget every queued run."""
        with self._queue_lock:
            self._queue.clear()

    def next_due_us(self) -> int | None:
        """When the next queued run is due (microseconds), or ``None``."""
        with self._queue_lock:
            while self._queue and not self._table.is_current(self._queue[0][2]):
                heapq.heappop(self._queue)
            return self._queue[0][0] if self._queue else None

    def run_until(self, until_us: int) -> list[Run]:
        """Run, in order, every run due at or before ``until_us``; return their records.

        On a fake clock, the clock is stepped to each run's due time before it runs, and to the
        end of the run when the command consumed (fake) time.
        """
        runs: list[Run] = []
        with self._run_lock:
            while (entry := self._pop_due(until_us)) is not None:
                due_us, task = entry
                if isinstance(self._clock, FakeClock):
                    self._clock._set(max(due_us, self._clock.now_us))
                run = self._runner(task, due_us, self._clock.now_us)
                runs.append(run)
                self._journal.extend((run,))
                for collector in getattr(self._collectors, "lists", ()):
                    collector.append(run)
                finished_us = round(run.finished * MICROSECONDS)
                if isinstance(self._clock, FakeClock):
                    self._clock._set(max(finished_us, self._clock.now_us))
                if task.period_ms is None:
                    self._table.discard(task)
                elif self._table.is_current(task):
                    task.next_due_us = finished_us + max(task.period_ms * 1000, MIN_DELAY_US)
                    self.task_added(task)
        return runs

    @contextlib.contextmanager
    def collect(self) -> Iterator[list[Run]]:
        """Collect, into the yielded list, every run this thread makes inside the ``with`` block."""
        collected: list[Run] = []
        lists = self._collectors.__dict__.setdefault("lists", [])
        lists.append(collected)
        try:
            yield collected
        finally:
            lists.remove(collected)

    def _pop_due(self, until_us: int) -> tuple[int, Task] | None:
        with self._queue_lock:
            while self._queue and self._queue[0][0] <= until_us:
                due_us, _, task = heapq.heappop(self._queue)
                if self._table.is_current(task):
                    return due_us, task
            return None

    # -- wall-clock mode --------------------------------------------------------------------------

    def start(self) -> None:
        """On a :class:`WallClock`, start the background thread that runs tasks when due."""
        if not isinstance(self._clock, WallClock) or self._thread is not None:
            return
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name="fake-arango-tasks-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the background thread (idempotent); a run in progress completes first."""
        with self._queue_lock:
            self._stopping = True
            self._queue_lock.notify_all()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _loop(self) -> None:
        while True:
            self.run_until(self._clock.now_us)
            with self._queue_lock:
                if self._stopping:
                    return
                due = self.next_due_us()
                if due is None or due > self._clock.now_us:
                    wait = 1.0 if due is None else (due - self._clock.now_us) / MICROSECONDS
                    self._queue_lock.wait(timeout=min(max(wait, 0.0), 1.0))

