"""The scheduler: which task runs when, and the record of every run.

Timing follows ``arangod/VocBase/Methods/Tasks.cpp`` (docs/behaviour.md §4): the first run is at
creation time plus offset (an offset <= 0 is one microsecond: :func:`first_due`), a periodic
task's next run is ``period`` seconds after its previous run *ends* (:func:`next_due`; runs of one
task never overlap, and a run ends later than it started only when its command slept, in fake
time), a timed task leaves the table after its run, and a thrown error is recorded without
removing the task. A task deleted while it runs completes that run and is not queued again.
Runs of different tasks do not wait for each other (ArangoDB runs them on several threads): each
starts at its own due time.

The scheduler plans a batch of consecutive due runs from the :class:`~._duequeue.DueQueue`
assuming none changes the schedule, hands it to the executor (the V8 runtime), records the runs
made (a prefix of the batch, ending early where a run changed the schedule, see
``_runtime/js/driver.js``), settles each planned task's next due time, and plans again. With a
:class:`FakeClock` it runs synchronously inside ``clock.advance``; with a :class:`WallClock` a
background thread runs tasks as they fall due.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import traceback
from typing import Callable, Iterator, Protocol, Sequence

from ._clock import MICROSECONDS, FakeClock, WallClock
from ._duequeue import DueQueue
from ._errors import RunLimitExceeded
from ._journal import Journal, Run, RunFailure, RunOutcome
from ._runtime import BatchResult, Job, RunnableTask

__all__ = ["MAX_BATCH", "MIN_DELAY_US", "Schedulable", "Scheduler", "first_due", "next_due"]

#: A period below one millisecond is stored as 0 (§4); the fake re-runs such a task one
#: microsecond after the previous run ends instead of at the same instant, so time still moves.
MIN_DELAY_US = 1
#: The most runs planned into one batch.
MAX_BATCH = 1000
#: The fewest runs a batch plans while batches end early.
_MIN_BATCH = 4

_NOT_RUN = RunOutcome(failure=RunFailure("internal error of fake-arango-tasks: the run was not made"))


class Schedulable(RunnableTask, Protocol):
    """What the scheduler needs of a task (the task table's ``Task`` has it; hashed by identity)."""

    def __hash__(self) -> int: ...

    @property
    def name(self) -> str: ...
    @property
    def created_us(self) -> int: ...
    @property
    def offset_us(self) -> int: ...
    @property
    def period_us(self) -> int | None: ...


def first_due(task: Schedulable) -> int:
    """When ``task`` first runs (microseconds): created plus offset, an offset <= 0 raised to
    one microsecond (``Task::start``)."""
    return task.created_us + max(task.offset_us, MIN_DELAY_US)


def next_due(task: Schedulable, finished_us: int) -> int | None:
    """When ``task`` runs again after a run that ended at ``finished_us``: ``period`` later for
    a periodic task, never for a timed one."""
    if task.period_us is None:
        return None
    return finished_us + max(task.period_us, MIN_DELAY_US)


Executor = Callable[[Sequence[Job]], BatchResult]


class Scheduler:
    """Runs due tasks on ``clock`` through ``executor``, recording runs in ``journal``.

    The task table tells it of tasks added and removed (:meth:`add`, :meth:`remove`); ``discard``
    removes a timed task from the table after its run. For a :class:`FakeClock` it subscribes to
    the clock's advances. Call :meth:`start` to begin running on a :class:`WallClock`,
    :meth:`stop` to end.

    Args:
        max_batch: the most runs per batch; 1 runs one run per call into the executor.
        max_runs: the most runs one :meth:`run_until` may make before it raises
            :class:`RunLimitExceeded`.
    """

    def __init__(self, clock: FakeClock | WallClock, executor: Executor, journal: Journal,
                 is_current: Callable[[Schedulable], bool], discard: Callable[[Schedulable], None], *,
                 max_batch: int = MAX_BATCH, max_runs: int = 1_000_000) -> None:
        if max_batch < 1 or max_runs < 1:
            raise ValueError("max_batch and max_runs must be at least 1")
        self.max_batch = max_batch
        self.max_runs = max_runs
        self._batch_size = max_batch  # how many runs the next batch plans (see _adapt)
        self._executor = executor
        self._journal = journal
        self._is_current = is_current
        self._remove_timed = discard
        self._queue: DueQueue[Schedulable] = DueQueue()
        self._run_counts: dict[Schedulable, int] = {}
        self._run_lock = threading.RLock()  # held while runs execute: one batch at a time
        self._queue_lock = threading.Condition()  # guards the queue; never held while the executor runs
        self._collectors = threading.local()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._clock: FakeClock | WallClock
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

    # -- the table's changes ------------------------------------------------------------------------

    def add(self, task: Schedulable, *, from_run: bool = False) -> int:
        """Schedule a new ``task``'s first run; returns its due time (microseconds).

        A task added from outside while a batch is under way (another thread) may come due
        before runs that batch already made; it then runs at the batch's last planned time, so
        that runs are recorded in time order. A task added by a run of the batch (``from_run``)
        keeps its time: the batch stops before any later run (``driver.js``).
        """
        with self._queue_lock:
            due_us = first_due(task)
            if isinstance(self._clock, FakeClock):
                due_us = max(due_us, self._clock.now_us)
            due_us = self._queue.schedule(task, task.seq, due_us, clamp=not from_run)
            self._queue_lock.notify_all()
            return due_us

    def remove(self, task: Schedulable) -> None:
        """Cancel ``task``'s pending run (a run in progress completes and is not queued again)."""
        with self._queue_lock:
            self._queue.cancel(task)
            self._run_counts.pop(task, None)

    def clear(self) -> None:
        """Forget every scheduled run."""
        with self._queue_lock:
            self._queue.clear()
            self._run_counts.clear()

    def next_due_us(self, task: Schedulable | None = None) -> int | None:
        """When ``task`` (any task when ``None``) runs next, microseconds, or ``None``."""
        with self._queue_lock:
            if task is not None:
                return self._queue.due_of(task)
            top = self._queue.peek()
            return None if top is None else top[0]

    # -- running ------------------------------------------------------------------------------------

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

    def run_until(self, until_us: int) -> int:
        """Run, in order, every run due at or before ``until_us``; return how many were made
        (their records go to the journal and to the open :meth:`collect` lists only, so that a
        huge advance holds no list of its own).

        On a fake clock, the clock is stepped to each run's due time as the run is recorded.

        Raises:
            RunLimitExceeded: more than ``max_runs`` runs would be made.
        """
        count = 0
        last_due: float | None = None
        with self._run_lock:
            while not self._stopping:
                plan = self._plan(until_us, min(self._batch_size, self.max_runs - count + 1))
                if not plan:
                    break
                if count + 1 > self.max_runs:
                    self._settle(plan, BatchResult([], 0), {})
                    raise RunLimitExceeded(
                        f"this advance would make more than {self.max_runs} runs (max_runs_per_advance); "
                        f"stopped after {count} runs with the clock at {last_due if last_due is not None else self._clock.now}"
                    )
                plan = plan[: self.max_runs - count]
                jobs = [Job(task, due_us, self._run_counts.get(task, 0) + k)
                        for k, (task, due_us) in _numbered(plan)]
                result = self._execute(jobs)
                made, finished = self._record(jobs, result)
                count += len(made)
                if made:
                    last_due = made[-1].due
                self._settle(plan, result, finished)
                self._adapt(len(jobs), result.decided)
        return count

    def run_counts(self) -> dict[Schedulable, int]:
        """How many runs each scheduled task has made (a copy; for snapshots)."""
        with self._queue_lock:
            return dict(self._run_counts)

    def restore(self, due: dict[Schedulable, int], counts: dict[Schedulable, int]) -> None:
        """Replace the schedule: each task of ``due`` at its due time (microseconds), with its run
        count from ``counts`` (a snapshot being restored)."""
        with self._queue_lock:
            self._queue.clear()
            self._run_counts = dict(counts)
            for task, due_us in sorted(due.items(), key=lambda item: (item[1], item[0].seq)):
                self._queue.schedule(task, task.seq, due_us)
            self._queue_lock.notify_all()

    def _adapt(self, planned: int, decided: int) -> None:
        """Plan about as many runs as the last batch made: a batch that ends early (its runs sleep,
        await, register tasks) wastes the planning of the rest; a batch made in full may grow."""
        if decided < planned:
            self._batch_size = max(_MIN_BATCH, min(self.max_batch, 2 * decided))
        else:
            self._batch_size = min(self.max_batch, 2 * self._batch_size)

    def _plan(self, until_us: int, limit: int) -> list[tuple[Schedulable, int]]:
        with self._queue_lock:
            plan = self._queue.plan(until_us, limit, lambda task, due_us: next_due(task, due_us))
            if plan:
                self._queue.horizon = plan[-1][1]
            return plan

    def _execute(self, jobs: Sequence[Job]) -> BatchResult:
        try:
            return self._executor(jobs)
        finally:
            with self._queue_lock:
                self._queue.horizon = 0

    def _record(self, jobs: Sequence[Job], result: BatchResult) -> tuple[list[Run], dict[int, int]]:
        """The runs made, as records (in the journal and the collectors), and when each ended."""
        made: list[Run] = []
        finished: dict[int, int] = {}
        fake = isinstance(self._clock, FakeClock)
        collectors = getattr(self._collectors, "lists", ())
        for index, outcome in result.outcomes:
            job = jobs[index]
            task: Schedulable = job.task  # type: ignore[assignment]
            due_us = job.due_us
            if fake:
                self._clock._set(max(due_us, self._clock.now_us))  # type: ignore[union-attr]
                started_us = due_us
            else:  # a run on real time starts when it is made, maybe late
                started_us = max(due_us, self._clock.now_us - outcome.slept_us)
            finished_us = finished[index] = started_us + outcome.slept_us
            run = Run(task.id, task.name, task.database, due_us / MICROSECONDS, started_us / MICROSECONDS,
                      finished_us / MICROSECONDS, task.params_json, outcome.output, outcome.failure, outcome.requests)
            made.append(run)
        self._journal.extend(made)
        for collector in collectors:
            collector.extend(made)
        return made, finished

    def _settle(self, plan: Sequence[tuple[Schedulable, int]], result: BatchResult, finished: dict[int, int]) -> None:
        """Give every planned task its real next due time (see the module doc)."""
        last_run: dict[Schedulable, tuple[int, RunOutcome]] = {}
        ran: dict[Schedulable, int] = {}
        for index, outcome in result.outcomes:
            task = plan[index][0]
            last_run[task] = (index, outcome)
            ran[task] = ran.get(task, 0) + 1
        first_planned: dict[Schedulable, int] = {}
        for task, due_us in plan:
            first_planned.setdefault(task, due_us)
        timed_done: list[Schedulable] = []
        with self._queue_lock:
            for task, first_due_us in first_planned.items():
                if not self._is_current(task):
                    self._queue.cancel(task)
                    continue
                if task not in last_run:  # planned but not made: as it was
                    self._queue.schedule(task, task.seq, first_due_us)
                    continue
                self._run_counts[task] = self._run_counts.get(task, 0) + ran[task]
                index, outcome = last_run[task]
                if outcome.final:
                    self._queue.cancel(task)
                    continue
                following = next_due(task, finished[index])
                if following is None:
                    self._queue.cancel(task)
                    timed_done.append(task)
                elif self._queue.due_of(task) != following:  # planning already put it there, mostly
                    self._queue.schedule(task, task.seq, following)
            self._queue_lock.notify_all()
        for task in timed_done:
            self._remove_timed(task)

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
                top = self._queue.peek()
                now = self._clock.now_us
                if top is None or top[0] > now:
                    wait = 1.0 if top is None else (top[0] - now) / MICROSECONDS
                    self._queue_lock.wait(timeout=min(max(wait, 0.0), 1.0))


def _numbered(plan: Sequence[tuple[Schedulable, int]]) -> Iterator[tuple[int, tuple[Schedulable, int]]]:
    """Each planned run with how many runs of its task come before it in the plan."""
    seen: dict[Schedulable, int] = {}
    for entry in plan:
        k = seen.get(entry[0], 0)
        seen[entry[0]] = k + 1
        yield k, entry
