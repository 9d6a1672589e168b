"""The scheduler: a queue of due runs ordered by (due time, registration order).

Timing follows ``arangod/VocBase/Methods/Tasks.cpp``: the first run is at creation time plus
offset (an offset <= 0 is one microsecond), a periodic task's next run is ``period`` seconds after
its previous run *ends* (runs of one task never overlap; a run ends later than it started only
when its command slept, in fake time), a timed task leaves the table after its run, and a thrown
error is recorded without removing the task. A task deleted while it runs completes that run and
is not queued again. Runs of different tasks do not wait for each other (ArangoDB runs them on
several threads): each starts at its own due time.

The scheduler knows only "run these due tasks up to this time". It plans a batch of consecutive
due runs assuming none changes the schedule, hands it to an :class:`Executor`, and records the
runs the executor made (a prefix of the batch, ending early at a run that slept or changed the
task table), then plans again. With a :class:`FakeClock` it runs synchronously inside
``clock.advance``; with a :class:`WallClock` a background thread runs tasks as they fall due.
"""

from __future__ import annotations

import contextlib
import heapq
import sys
import threading
import traceback
from typing import Iterator, Protocol, Sequence

from ._clock import MICROSECONDS, FakeClock, WallClock
from ._errors import ArangoError
from ._journal import Journal, Run, RunError, RunOutcome
from ._tasks import Task, TaskTable

__all__ = ["Executor", "RunLimitExceeded", "Scheduler", "MAX_BATCH"]

#: A period below one millisecond is stored as 0 (spec §4); the fake re-runs such a task one
#: microsecond after the previous run ends instead of at the same instant, so time still moves.
MIN_DELAY_US = 1
#: The most runs planned into one batch.
MAX_BATCH = 1000


#: Recorded when the executor reports a job as not run although its task is still registered:
#: the run is recorded as failed and the task keeps its schedule.
_NOT_RUN = RunOutcome(error=RunError("internal error of fake-arango-tasks: the run was not made"))


class RunLimitExceeded(RuntimeError):
    """An advance would make more runs than allowed at once (a task with a tiny period, or a very
    long advance): the runs up to the limit were made, the clock stopped at the last one."""


class Executor(Protocol):
    """Runs a batch of ``(task, due_us)`` in order; returns the outcomes of a non-empty prefix
    (``None`` for a job whose task was removed or replaced meanwhile: nothing ran)."""

    def __call__(self, jobs: Sequence[tuple[Task, int]]) -> list[RunOutcome | None]: ...


class Scheduler:
    """Runs due tasks of ``table`` on ``clock`` through ``executor``, recording runs in ``journal``.

    It subscribes to the table (``table.listener``) and, for a :class:`FakeClock`, to the clock's
    advances. Call :meth:`start` to begin running on a :class:`WallClock`, :meth:`stop` to end.

    Args:
        max_batch: the most runs per batch; 1 runs one run per call into the executor.
        max_runs: the most runs one :meth:`run_until` may make before it raises
            :class:`RunLimitExceeded`.
    """

    def __init__(
        self,
        table: TaskTable,
        clock: FakeClock | WallClock,
        executor: Executor,
        journal: Journal,
        *,
        max_batch: int = MAX_BATCH,
        max_runs: int = 1_000_000,
    ) -> None:
        if max_batch < 1 or max_runs < 1:
            raise ValueError("max_batch and max_runs must be at least 1")
        self.max_runs = max_runs
        self._table = table
        self._executor = executor
        self._journal = journal
        self.max_batch = max_batch
        self._queue: list[tuple[int, int, Task]] = []
        self._clock: FakeClock | WallClock
        self._run_lock = threading.RLock()  # held while runs execute: one batch at a time
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
            self._horizon_us = 0  # the latest due time of the batch being run

    # TaskListener
    def task_added(self, task: Task) -> None:
        """Queue ``task``'s next run at ``task.next_due_us`` (called by the table).

        A task registered while an advance is running (from another thread) may come due before
        the time the advance has reached (or planned to reach in the batch it is running) by the
        moment it is queued; it then runs at that time, so that runs are recorded in time order.
        """
        with self._queue_lock:
            if isinstance(self._clock, FakeClock):
                task.next_due_us = max(task.next_due_us, self._clock.now_us, self._horizon_us)
            self._push(task)

    def _push(self, task: Task) -> None:
        with self._queue_lock:
            heapq.heappush(self._queue, (task.next_due_us, task.seq, task))
            self._queue_lock.notify_all()

    def task_removed(self, task: Task) -> None:
        """Nothing to do: a removed task's queue entry is skipped when it comes due."""

    def clear(self) -> None:
        """Forget every queued run."""
        with self._queue_lock:
            self._queue.clear()

    def _valid(self, entry: tuple[int, int, Task]) -> bool:
        due_us, _, task = entry
        return due_us == task.next_due_us and self._table.is_current(task)

    def next_due_us(self) -> int | None:
        """When the next queued run is due (microseconds), or ``None``."""
        with self._queue_lock:
            while self._queue and not self._valid(self._queue[0]):
                heapq.heappop(self._queue)
            return self._queue[0][0] if self._queue else None

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """No run is made while the block runs (waits for a batch in progress to be recorded)."""
        with self._run_lock:
            yield

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

    # -- running ------------------------------------------------------------------------------------

    def _plan(self, until_us: int, limit: int) -> list[tuple[Task, int]]:
        """The next runs due by ``until_us`` (at most ``limit``), in order, assuming none changes
        the schedule. Sets the horizon that tasks queued meanwhile are held to (:meth:`task_added`)."""
        plan: list[tuple[Task, int]] = []
        expected: dict[Task, int] = {}
        with self._queue_lock:
            queue = list(self._queue)  # a heap's copy is a heap
            while queue and queue[0][0] <= until_us and len(plan) < limit:
                due_us, seq, task = heapq.heappop(queue)
                if due_us != expected.get(task, task.next_due_us) or not self._table.is_current(task):
                    continue
                plan.append((task, due_us))
                if task.period_ms is None:
                    expected[task] = -1
                else:
                    expected[task] = due_us + max(task.period_ms * 1000, MIN_DELAY_US)
                    heapq.heappush(queue, (expected[task], seq, task))
            if plan:
                self._horizon_us = plan[-1][1]
        return plan

    def run_until(self, until_us: int) -> list[Run]:
        """Run, in order, every run due at or before ``until_us``; return their records.

        On a fake clock, the clock is stepped to each run's due time as the run is recorded.
        """
        runs: list[Run] = []
        with self._run_lock:
            while not self._stopping:
                plan = self._plan(until_us, min(self.max_batch, self.max_runs - len(runs) + 1))
                if not plan:
                    break
                if len(runs) >= self.max_runs:
                    raise RunLimitExceeded(
                        f"this advance would make more than {self.max_runs} runs (max_runs_per_advance); "
                        f"stopped after {len(runs)} runs with the clock at {runs[-1].due}"
                    )
                plan = plan[: self.max_runs - len(runs)]
                outcomes = self._executor(plan)
                with self._queue_lock:  # the batch may have ended early: hold new tasks only to what ran
                    self._horizon_us = plan[len(outcomes) - 1][1]
                for (task, due_us), outcome in zip(plan, outcomes):
                    if outcome is None and not self._table.is_current(task):
                        self._consume(task, due_us)  # removed or replaced meanwhile: nothing ran
                    else:
                        runs.append(self._record(task, due_us, outcome or _NOT_RUN))
        return runs

    def _consume(self, task: Task, due_us: int) -> None:
        """Take the run just made, and stale entries before it, off the queue."""
        with self._queue_lock:
            while self._queue:
                top_due, _, top_task = self._queue[0]
                if top_task is task and top_due == due_us:
                    heapq.heappop(self._queue)
                    return
                if self._valid(self._queue[0]):
                    return
                heapq.heappop(self._queue)

    def _record(self, task: Task, due_us: int, outcome: RunOutcome) -> Run:
        self._consume(task, due_us)
        if isinstance(self._clock, FakeClock):
            self._clock._set(max(due_us, self._clock.now_us))
        started_us = due_us
        if isinstance(self._clock, WallClock):  # a run on real time starts when it is made, maybe late
            started_us = max(due_us, self._clock.now_us - outcome.slept_us)
        finished_us = started_us + outcome.slept_us
        error = outcome.error
        for effect in outcome.effects:
            error = self._apply(task, effect) or error
        run = Run(
            task_id=task.id, name=task.name, database=task.database, due=due_us / MICROSECONDS,
            started=started_us / MICROSECONDS, finished=finished_us / MICROSECONDS, params=task.params,
            output=outcome.output, error=error, requests=outcome.requests,
        )
        task.run_count += 1
        self._journal.extend((run,))
        for collector in getattr(self._collectors, "lists", ()):
            collector.append(run)
        if task.period_ms is None:
            self._table.discard(task)
        elif self._table.is_current(task):
            task.next_due_us = finished_us + max(task.period_ms * 1000, MIN_DELAY_US)
            self._push(task)
        return run

    def _apply(self, task: Task, effect: dict[str, object]) -> RunError | None:
        """Apply a command's change to the task table; an error if the table refused it."""
        try:
            if effect["op"] == "register":
                now_us = effect.get("nowUs")
                self._table.register(effect["body"], database=task.database, user=task.user,
                                     now_us=now_us if isinstance(now_us, int) else None)
            elif effect["op"] == "unregister":  # as the task's owner (its creator) sees the table
                self._table.remove(str(effect["id"]), None if task.user == "" else task.user)
        except ArangoError as exc:
            return RunError(exc.message, "ArangoError", "", exc.error_num)
        return None

    # -- wall-clock mode --------------------------------------------------------------------------

    def start(self) -> None:
        """Allow runs again after :meth:`stop`; on a :class:`WallClock`, start the background
        thread that runs tasks when due."""
        self._stopping = False
        if not isinstance(self._clock, WallClock) or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="fake-arango-tasks-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop making runs (idempotent): an advance in progress ends after its current batch, the
        background thread of a wall clock ends; a run in progress completes first."""
        with self._queue_lock:
            self._stopping = True
            self._queue_lock.notify_all()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _loop(self) -> None:
        while True:
            try:
                self.run_until(self._clock.now_us)
            except RunLimitExceeded:
                pass  # on real time, runs go on at the next wake-up
            except Exception:  # a bug of ours must not end the dev server's runs for good
                traceback.print_exc(file=sys.stderr)
            with self._queue_lock:
                if self._stopping:
                    return
                due = self.next_due_us()
                if due is None or due > self._clock.now_us:
                    wait = 1.0 if due is None else (due - self._clock.now_us) / MICROSECONDS
                    self._queue_lock.wait(timeout=min(max(wait, 0.0), 1.0))
