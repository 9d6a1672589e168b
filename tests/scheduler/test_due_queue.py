"""The due queue and the scheduler's rules, without V8: a stub executor stands in for the runtime,
so each rule (order, the one due time per task, planning, settling, the horizon) is pinned
deterministically."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import pytest

from fake_arango_tasks._clock import FakeClock
from fake_arango_tasks._duequeue import DueQueue
from fake_arango_tasks._journal import Journal, Run, RunOutcome
from fake_arango_tasks._runtime import BatchResult, Job
from fake_arango_tasks._scheduler import Scheduler, first_due, next_due

S = 1_000_000  # microseconds in a second


@dataclass(eq=False)
class T:
    """A task as the scheduler sees it."""

    id: str
    seq: int
    period_us: int | None = None
    created_us: int = 0
    offset_us: int = 0
    name: str = "t"
    command: str = "1"
    params_json: str | None = None
    database: str = "_system"
    user: str = ""
    may_await: bool = False


# -- the queue --------------------------------------------------------------------------------------


def test_items_come_out_by_due_time_then_seq() -> None:
    queue: DueQueue[str] = DueQueue()
    queue.schedule("late", 0, 20)
    queue.schedule("b", 2, 10)
    queue.schedule("a", 1, 10)
    assert queue.plan(100, 10, lambda item, due: None) == [("a", 10), ("b", 10), ("late", 20)]
    assert len(queue) == 0


def test_an_item_has_one_due_time_rescheduling_replaces_it() -> None:
    queue: DueQueue[str] = DueQueue()
    queue.schedule("x", 0, 10)
    queue.schedule("x", 0, 30)
    assert queue.due_of("x") == 30 and len(queue) == 1
    assert queue.plan(100, 10, lambda item, due: None) == [("x", 30)]


def test_a_cancelled_item_does_not_come_out() -> None:
    queue: DueQueue[str] = DueQueue()
    queue.schedule("x", 0, 10)
    queue.schedule("y", 1, 20)
    queue.cancel("x")
    queue.cancel("missing")
    assert queue.peek() == (20, "y") and "x" not in queue


def test_an_item_not_in_the_queue_has_no_due_time() -> None:
    queue: DueQueue[str] = DueQueue()
    assert queue.due_of("never") is None
    queue.schedule("x", 0, 10)
    queue.cancel("x")
    assert queue.due_of("x") is None


def test_clamping_starts_at_time_zero_and_again_after_clear() -> None:
    queue: DueQueue[str] = DueQueue()
    assert queue.schedule("x", 0, 0, clamp=True) == 0
    queue.horizon = 50
    queue.clear()
    assert queue.schedule("y", 1, 0, clamp=True) == 0

def test_planning_reschedules_each_item_at_its_successor_and_stops_at_until_and_limit() -> None:
    queue: DueQueue[str] = DueQueue()
    queue.schedule("p", 0, 0)
    planned = queue.plan(25, 100, lambda item, due: due + 10)
    assert planned == [("p", 0), ("p", 10), ("p", 20)] and queue.due_of("p") == 30
    queue.schedule("q", 1, 0)
    assert queue.plan(1000, 2, lambda item, due: due + 10) == [("q", 0), ("q", 10)]


def test_the_horizon_holds_items_scheduled_with_clamp() -> None:
    queue: DueQueue[str] = DueQueue()
    queue.horizon = 50
    assert queue.schedule("outside", 0, 10, clamp=True) == 50
    assert queue.schedule("inside", 1, 10) == 10
    assert queue.plan(100, 10, lambda item, due: None) == [("inside", 10), ("outside", 50)]


# -- the timing rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(("offset_us", "due"), [(0, 1), (-5 * S, 1), (3 * S, 3 * S)])
def test_the_first_run_is_created_plus_offset_at_least_one_microsecond(offset_us: int, due: int) -> None:
    assert first_due(T("t", 0, created_us=0, offset_us=offset_us)) == due


@pytest.mark.parametrize(("period_us", "after"), [(10 * S, 10 * S), (0, 1), (None, None)])
def test_the_next_run_is_a_period_after_the_run_ends(period_us: int | None, after: int | None) -> None:
    assert next_due(T("t", 0, period_us=period_us), 5) == (None if after is None else 5 + after)


# -- the scheduler with a stub executor -------------------------------------------------------


@dataclass
class Stub:
    """Makes every planned run (or as many as ``make``), each with ``outcome(job)``."""

    outcome: Callable[[Job], RunOutcome] = lambda job: RunOutcome()
    make: int | None = None
    batches: list[list[tuple[str, int]]] = field(default_factory=list)
    during: Callable[[], None] | None = None  # called while the first batch is under way

    def __call__(self, jobs: Sequence[Job]) -> BatchResult:
        self.batches.append([(j.task.id, j.due_us) for j in jobs])
        if self.during is not None:
            during, self.during = self.during, None
            during()
        count = len(jobs) if self.make is None else min(self.make, len(jobs))
        return BatchResult([(i, self.outcome(jobs[i])) for i in range(count)], count)


def _scheduler(stub: Stub, tasks: list[T], **kwargs: int) -> tuple[Scheduler, FakeClock, list[T]]:
    registered = list(tasks)
    clock = FakeClock(0)
    scheduler = Scheduler(clock, stub, Journal(), lambda t: t in registered, registered.remove, **kwargs)
    for task in tasks:
        scheduler.add(task)
    return scheduler, clock, registered


def _run_until(scheduler: Scheduler, until_us: int) -> list[Run]:
    """The runs ``run_until`` made, in order (it returns only their count)."""
    with scheduler.collect() as runs:
        assert scheduler.run_until(until_us) == len(runs)
    return runs


def test_a_batch_is_planned_in_order_and_the_clock_steps_to_each_run() -> None:
    stub = Stub()
    scheduler, clock, _ = _scheduler(stub, [T("a", 0, period_us=2 * S), T("b", 1, period_us=3 * S, offset_us=S)])
    runs = _run_until(scheduler, 6 * S)
    assert [(r.task_id, r.due) for r in runs] == [("a", 0.000001), ("b", 1.0), ("a", 2.000001), ("b", 4.0),
                                                 ("a", 4.000001)]
    assert clock.now_us == 4 * S + 1  # the clock stands at the last run; the advance moves it on


def test_a_run_that_sleeps_moves_its_tasks_next_run_and_only_its() -> None:
    # one run per batch: ending a batch after a sleeping run is the runtime's part (driver.js)
    stub = Stub(outcome=lambda job: RunOutcome(slept_us=S) if job.task.id == "sleeper" else RunOutcome())
    scheduler, _, _ = _scheduler(stub, [T("sleeper", 0, period_us=10 * S), T("other", 1, period_us=10 * S)],
                                 max_batch=1)
    runs = _run_until(scheduler, 25 * S)
    assert [(r.task_id, r.due) for r in runs if r.task_id == "sleeper"] == [("sleeper", 0.000001), ("sleeper", 11.000001),
                                                                            ("sleeper", 22.000001)]
    assert [r.due for r in runs if r.task_id == "other"] == [0.000001, 10.000001, 20.000001]
    assert runs[0].finished == 1.000001 and runs[1].finished == runs[1].due


def test_runs_a_batch_did_not_reach_are_planned_again_at_their_time() -> None:
    stub = Stub(make=1)
    scheduler, _, _ = _scheduler(stub, [T("a", 0, period_us=S), T("b", 1, period_us=S)])
    runs = _run_until(scheduler, 2 * S)
    assert [(r.task_id, r.due) for r in runs] == [("a", 0.000001), ("b", 0.000001), ("a", 1.000001), ("b", 1.000001)]


def test_a_timed_task_leaves_the_table_after_its_run() -> None:
    scheduler, _, registered = _scheduler(Stub(), [T("once", 0)])
    assert [r.task_id for r in _run_until(scheduler, 10 * S)] == ["once"]
    assert registered == [] and scheduler.next_due_us() is None


def test_a_run_that_never_ends_leaves_its_task_registered_and_unscheduled() -> None:
    scheduler, _, registered = _scheduler(Stub(outcome=lambda job: RunOutcome(final=True)), [T("stuck", 0, period_us=S)],
                                          max_batch=1)
    assert len(_run_until(scheduler, 10 * S)) == 1
    assert [t.id for t in registered] == ["stuck"] and scheduler.next_due_us() is None


def test_a_task_added_from_outside_during_a_batch_waits_for_the_batchs_horizon() -> None:
    """A task created (over HTTP, from another thread) while a batch runs would otherwise come
    due before runs the batch already made, and runs would be recorded out of time order."""
    late = T("late", 5)
    stub = Stub()
    scheduler, _, registered = _scheduler(stub, [T("p", 0, period_us=S)])

    def add_from_outside() -> None:
        registered.append(late)
        scheduler.add(late)  # created at the clock's time, 0: due at 0.000001 without the horizon

    stub.during = add_from_outside
    runs = _run_until(scheduler, 5 * S)
    dues = [r.due for r in runs]
    assert dues == sorted(dues)
    assert [(r.task_id, r.due) for r in runs if r.task_id == "late"] == [("late", 4.000001)]


def test_a_task_added_by_a_run_of_the_batch_keeps_its_time() -> None:
    child = T("child", 5)
    stub = Stub()
    scheduler, _, registered = _scheduler(stub, [T("p", 0, period_us=S)])

    def add_from_a_run() -> None:
        registered.append(child)
        scheduler.add(child, from_run=True)

    stub.during = add_from_a_run
    runs = _run_until(scheduler, 5 * S)
    assert [(r.task_id, r.due) for r in runs if r.task_id == "child"] == [("child", 0.000001)]


def test_a_task_removed_during_a_batch_is_not_run_afterwards() -> None:
    stub = Stub()
    victim = T("victim", 1, period_us=S)
    scheduler, _, registered = _scheduler(stub, [T("p", 0, period_us=S), victim])

    def remove() -> None:
        registered.remove(victim)
        scheduler.remove(victim)

    stub.during = remove
    _run_until(scheduler, 10 * S)
    assert all(task_id != "victim" for batch in stub.batches[1:] for task_id, _ in batch)


def test_batches_plan_about_as_many_runs_as_the_last_one_made() -> None:
    stub = Stub(make=3)
    scheduler, _, _ = _scheduler(stub, [T(f"t{i}", i, period_us=S) for i in range(10)], max_batch=100)
    _run_until(scheduler, 20 * S)
    assert len(stub.batches[0]) == 100 and all(len(b) <= 6 for b in stub.batches[1:])


def test_rescheduling_at_the_same_due_time_leaves_one_entry() -> None:
    """A task given the due time it already has (a reschedule at the same instant) is planned
    once: a heap entry is current only while its (due time, version) is the item's."""
    queue: DueQueue[str] = DueQueue()
    queue.schedule("a", 1, 5 * S)
    queue.schedule("a", 1, 5 * S)
    assert queue.plan(10 * S, 10, lambda item, due: 7 * S if due < 7 * S else None) == [("a", 5 * S), ("a", 7 * S)]
    assert len(queue) == 0
