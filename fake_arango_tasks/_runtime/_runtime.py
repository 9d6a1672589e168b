"""The V8 runtime that runs task commands: batches of due runs in one V8 context, with limits.

One context per server, made lazily and replaced when it cannot be trusted any more (a run hit
the memory limit, poisoned the built-ins, or left promise continuations that never end). The
context holds no state of its own that matters: documents, tasks and everything else live in
Python and are reached through the bridge (``_bridge``), so replacing a context loses nothing.

A batch is one call into V8 (see ``js/driver.js`` for when it ends early). Limits:

- time: a watchdog checks, every fortieth of ``timeout``, whether the run under way started
  more than ``timeout`` seconds ago (the bridge buffer counts run starts), and terminates it;
  promise continuations that run past the limit after the call returned end the context;
- memory: V8's heap limit for the context (``max_memory``), and ArrayBuffer memory counted per
  run by the prelude;
- output: at most ``max_output`` characters per run (the rest is cut).

A run stopped by a limit is recorded with a :class:`~fake_arango_tasks.RunFailure` saying which;
the runs of the batch before it keep their outcomes, the runs after it are planned again.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Final, Protocol, Sequence, TypeVar

from .._errors import ArangoError
from .._journal import OutgoingRequest, RunFailure, RunOutcome
from ._bridge import Channel, loads
from ._prelude import prelude_source
from ._v8 import Handle, Isolate, JSError, OutOfMemory, Terminated, V8Error

__all__ = ["BatchResult", "Host", "JavaScriptRuntime", "Job", "RunnableTask", "DEFAULT_TIMEOUT",
           "DEFAULT_MAX_MEMORY", "DEFAULT_MAX_OUTPUT"]

#: Default time limit of one run, seconds of real (wall) time.
DEFAULT_TIMEOUT: Final = 2.0
#: Default memory limit (V8 heap, and ArrayBuffer memory per run), bytes.
DEFAULT_MAX_MEMORY: Final = 256 * 1024 * 1024
#: Default limit of what one run may print, characters; past it the output is cut.
DEFAULT_MAX_OUTPUT: Final = 65_536
_COMPILE_TIMEOUT: Final = 2.0
#: The watchdog looks this many times per time limit; a run's stop comes at most one slice after
#: its limit, or three when the isolate has to be ended (_v8's kill after two): within 10% past it.
_SLICES_PER_LIMIT: Final = 40
#: And per character of the command, seconds: compiling is linear in its length (a 24 MB command
#: takes about 3 s), arangod has no limit, and a command within the request size must compile.
_COMPILE_TIME_PER_CHAR: Final = 1e-6
_COMPILE_CACHE: Final = 10_000


class RunnableTask(Protocol):
    """What the runtime needs of a task (the task table's ``Task`` has it)."""

    @property
    def id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def command(self) -> str: ...
    @property
    def params_json(self) -> str | None: ...
    @property
    def database(self) -> str: ...
    @property
    def user(self) -> str: ...
    @property
    def may_await(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Job:
    """One run to make: ``task`` at ``due_us`` (its clock reads that), its ``number``-th run
    (which seeds its ``Math.random``)."""

    task: RunnableTask
    due_us: int
    number: int


@dataclass(slots=True)
class BatchResult:
    """What a batch made: ``outcomes`` of the runs made, as ``(job index, outcome)`` in order;
    jobs ``[0, decided)`` not among them were skipped (their task changed), jobs from
    ``decided`` on were not reached."""

    outcomes: list[tuple[int, RunOutcome]]
    decided: int


class Host(Protocol):
    """What commands reach through the bridge: the server's services, acting as the run's owner.

    Each method raises :class:`ArangoError` for what ArangoDB would throw in the command.
    """

    def register(self, job: Job, now_us: int, spec: dict[str, Any]) -> dict[str, Any]:
        """``tasks.register``: ``{"task": <the task object>, "dueUs": <its first run>}``."""
        ...

    def unregister(self, job: Job, task_id: str) -> None: ...

    def get_tasks(self, job: Job, task_id: str | None) -> Any: ...

    def documents(self, job: Job, database: str, op: str, args: list[Any]) -> Any: ...

    def aql(self, job: Job, database: str, request: dict[str, Any]) -> dict[str, Any]:
        """An AQL query of ``db._query`` and the simple queries: ``{"result", "extra", "sleptUs"}``."""
        ...

    def request(self, job: Job, request: OutgoingRequest, timeout: float | None) -> dict[str, Any]:
        """An outgoing HTTP request: ``{"code", "message", "headers", "body"}``."""
        ...

    def is_current(self, task: RunnableTask) -> bool:
        """Whether ``task`` is still registered (not removed, not replaced)."""
        ...

    def call(self, job: Job, op: str, args: list[Any]) -> Any:
        """Any other operation of the prelude (``trx.*``, ``db.*``, ``users.*``, ``crypto.*``)."""
        ...

    def batch_over(self) -> None:
        """A batch has ended (its runs, and the continuations of its last run, are over)."""
        ...


class _Context:
    """One isolate with the prelude installed."""

    def __init__(self, on_bridge: Callable[[], None], max_memory: int) -> None:
        self.isolate = Isolate(on_bridge)
        try:
            install = self.isolate.eval(prelude_source())
            assert isinstance(install, Handle)
            made = self.isolate.call(install, arguments=self.isolate.array_of(self.isolate.bridge_function()))
            assert isinstance(made, Handle)
            self.channel = Channel(self.isolate.item(made, 0))
            self.isolate.on_close(self.channel.close)
            entry, resume = self.isolate.item(made, 1), self.isolate.item(made, 2)
            assert isinstance(entry, Handle) and isinstance(resume, Handle)
            self.entry, self.resume = entry, resume
            self.isolate.set_memory_limit(max_memory)
            self.isolate.set_soft_memory_limit(max_memory // 2)
        except BaseException:
            self.isolate.close()
            raise

    def close(self) -> None:
        self.isolate.close()

    def retains_too_much(self) -> bool:
        """Whether, with the batch over and its garbage collected, the heap still holds more than
        half the memory limit. Runs leave nothing behind that JavaScript can see (isolation), so
        that is what no check can undo: a private field stamped onto a built-in, the symbol
        registry. The next run of whichever task would hit the memory limit for it."""
        if not self.isolate.soft_memory_limit_reached():
            return False
        self.isolate.collect_garbage()
        self.isolate.eval("0")  # after the collection: its flag is the one read
        return self.isolate.soft_memory_limit_reached()


class JavaScriptRuntime:
    """Runs task commands in one V8 context, one batch at a time (thread-safe).

    Args:
        host: the services commands reach (see :class:`Host`).
        timeout: the time limit of one run, seconds of real time (> 0).
        max_memory: the memory limit, bytes: the context's V8 heap, and a run's ArrayBuffers.
        max_output: the most characters one run may print.
        seed: seeds ``Math.random``; each run draws from a stream determined by (seed, task id,
            the task's run number), so runs are reproducible and independent of each other.
        version: the ArangoDB version commands see (``require('internal').version``,
            ``db._version()``), as the server claims it in ``GET /_api/version``.

    Raises:
        ValueError: a limit is not positive.
    """

    def __init__(self, host: Host, *, timeout: float = DEFAULT_TIMEOUT, max_memory: int = DEFAULT_MAX_MEMORY,
                 max_output: int = DEFAULT_MAX_OUTPUT, seed: int = 0, version: str = "3.12.4") -> None:
        if not timeout > 0 or max_memory <= 0 or max_output <= 0:
            raise ValueError("timeout, max_memory and max_output must be positive")
        self.timeout = timeout
        self.max_memory = max_memory
        self.max_output = max_output
        self.seed = seed
        self.version = version
        self._host = host
        self._context: _Context | None = None
        self._lock = threading.Lock()
        self._batch_ids = itertools.count(1)
        self._batches: dict[int, Sequence[Job]] = {}  # the current batch (and the one before)
        self._requests: dict[tuple[int, int], list[OutgoingRequest]] = {}
        self._stops: dict[tuple[int, int], str] = {}  # runs the prelude asked to stop, and why
        # the watchdog's: the run counter it last saw, and when that run's time limit ends
        self._deadline: list[Any] = [-1, 0.0]
        self._yielded: tuple[int, int, Any, Any, Any] | None = None  # the last run that yielded, with the batch's reports
        self._generation = 0
        self._compiler: Isolate | None = None
        self._compile_lock = threading.Lock()
        self._compiled: OrderedDict[str, bool] = OrderedDict()

    # -- the context --------------------------------------------------------------------------------

    def _ctx(self) -> _Context:
        if self._context is None:
            self._context = _Context(self._on_bridge, self.max_memory)
            self._context.channel.generation = self._generation
        return self._context

    def _drop_context(self) -> None:
        if self._context is not None:
            self._context.close()
            self._context = None

    def close(self, then: Callable[[], None] | None = None) -> None:
        """Release the V8 contexts (a later batch makes a new one).

        Args:
            then: called before any batch can use V8 again (``reset`` empties the server there).
        """
        with self._lock:
            self._drop_context()
            self._batches.clear()
            if then is not None:
                then()
        with self._compile_lock:
            if self._compiler is not None:
                self._compiler.close()
                self._compiler = None

    def notify_removed(self) -> None:
        """A task was removed: runs of it planned in a batch under way are skipped (the prelude
        compares this generation before each run)."""
        self._generation += 1
        context = self._context
        if context is not None:
            context.channel.generation = self._generation

    # -- compile check ------------------------------------------------------------------------------

    def compiles(self, command: str) -> bool:
        """Whether ``command`` compiles as ``new Function("params", command)`` (``Task::tryCompile``).

        Checked in a small context of its own, so that creating a task never waits for runs in
        progress; answers are cached per command text. A command whose compilation exceeds the
        limits (memory; 2 s plus 1 s per million characters) counts as not compiling.
        """
        with self._compile_lock:
            known = self._compiled.get(command)
            if known is not None:
                self._compiled.move_to_end(command)
                return known
            if self._compiler is None:
                self._compiler = Isolate(lambda: None)
                self._compiler.set_memory_limit(self.max_memory)
            code = ("(function (source) { try { new Function('params', source); return true; } "
                    f"catch (e) {{ return false; }} }})({json.dumps(command)})")
            deadline = time.monotonic() + _COMPILE_TIMEOUT + len(command) * _COMPILE_TIME_PER_CHAR
            try:
                answer = self._compiler.eval(code, watchdog=lambda: time.monotonic() > deadline) is True
            except V8Error:
                self._compiler.close()
                self._compiler = None
                answer = False
            self._compiled[command] = answer
            if len(self._compiled) > _COMPILE_CACHE:
                self._compiled.popitem(last=False)
            return answer

    # -- batches ------------------------------------------------------------------------------------

    def run_batch(self, jobs: Sequence[Job]) -> BatchResult:
        """Run ``jobs`` in order (each run's clock reads its ``due_us``) and return what was made:
        at least the first job is decided (made or skipped) unless ``jobs`` is empty."""
        if not jobs:
            return BatchResult([], 0)
        with self._lock:
            for _ in range(2):  # a fresh context makes progress unless something is wrong with us
                try:
                    result = self._run_batch(jobs)
                finally:
                    self._host.batch_over()
                if result.decided > 0:
                    return result
            failure = RunFailure("internal error of fake-arango-tasks: the run could not be made")
            return BatchResult([(0, RunOutcome(failure=failure))], 1)

    def _run_batch(self, jobs: Sequence[Job]) -> BatchResult:
        context = self._ctx()
        batch_id = next(self._batch_ids)
        self._batches = {k: v for k, v in self._batches.items() if k == batch_id - 1}
        self._requests.clear()
        self._stops.clear()
        self._yielded = None
        jobs = self._fit(context, batch_id, jobs)
        self._batches[batch_id] = jobs
        runs_before = context.channel.run_seq
        try:
            raw = context.isolate.call(context.entry, watchdog=self._watchdog(context), slice_seconds=self._slice)
            answer = loads(raw)
        except (Terminated, OutOfMemory) as stop:
            if self._stray(context, runs_before):
                self._drop_context()
                return BatchResult([], 0)  # no run of this batch began: made afresh in a new context
            return self._after_stop(context, batch_id, jobs, stop)
        except (JSError, V8Error, ValueError) as exc:  # the prelude failed: start afresh
            self._drop_context()
            return BatchResult([(0, RunOutcome(failure=RunFailure(f"internal error of fake-arango-tasks: {exc}")))], 1)
        except BaseException:  # the caller gave up (KeyboardInterrupt, a test's timeout): end the run with it
            self._drop_context()
            raise
        result = self._decode(batch_id, jobs, answer)
        if answer["poisoned"] or context.retains_too_much():
            self._drop_context()
        return result

    @property
    def _slice(self) -> float:
        return max(self.timeout / _SLICES_PER_LIMIT, 0.001)

    def _fit(self, context: _Context, batch_id: int, jobs: Sequence[Job]) -> Sequence[Job]:
        """Write the batch request, with as many jobs as fit into the bridge buffer.

        A task removed after the batch was planned but before this generation is read would go
        unnoticed by the prelude, which only compares generations: read it first, then check the
        tasks, and where one is gone already send -1 so that the prelude asks before its first run.
        """
        generation = context.channel.generation
        if not all(self._host.is_current(job.task) for job in jobs):
            generation = -1
        while True:
            request = {
                "op": "batch", "batch": batch_id, "seed": self.seed, "version": self.version, "maxOutput": self.max_output,
                "maxMemory": self.max_memory, "generation": generation,
                "jobs": [[j.task.id, j.task.seq, j.due_us, j.number] for j in jobs],
            }
            if context.channel.write_request(request) or len(jobs) == 1:
                return jobs
            jobs = jobs[: len(jobs) // 2]

    def _watchdog(self, context: _Context) -> Callable[[], bool]:
        """True once the run under way has run longer than the time limit (the buffer's run
        counter tells when a run started; the watchdog sees it at most a slice late)."""
        channel = context.channel
        self._deadline = [channel.run_seq, time.monotonic() + self.timeout]

        def expired() -> bool:
            return self._expired(channel)

        return expired

    def _time_left(self, channel: Channel) -> float:
        """Seconds the run under way has left of its time limit (the buffer's run counter tells
        when a run began: the first look after that starts its limit)."""
        state = self._deadline
        seq: int = channel.run_seq
        now = time.monotonic()
        if seq != state[0]:
            state[0], state[1] = seq, now + self.timeout
        return float(state[1]) - now

    def _expired(self, channel: Channel) -> bool:
        return self._time_left(channel) < 0

    def check_run_time(self) -> None:
        """For long work Python does inside a run (an AQL query): past the run's time limit, or
        once its context is being closed (the caller gave up: an interrupt, the server stopping),
        stop the run (it is recorded as over its time limit).

        Raises:
            ArangoError: 1500 ``query killed``, to unwind Python; the run is terminated.
        """
        context = self._context
        if context is None:
            return
        if context.isolate.closed:
            raise ArangoError(1500)
        if self._expired(context.channel):
            context.isolate.cancel_current()
            raise ArangoError(1500)

    def within_run_time(self, work: Callable[[], _T]) -> _T:
        """``work()`` for the run under way, when it may take long and cannot check the time
        itself (``crypto.pbkdf2``): done in a worker thread and waited for at most what is left
        of the run's time limit. Past it the run is stopped, as over its time limit (the work
        finishes unobserved).

        Raises:
            ArangoError: 1500 ``query killed``, to unwind Python; the run is terminated.
            BaseException: what ``work`` raised.
        """
        context = self._context
        if context is None:
            return work()
        outcome: list[tuple[bool, Any]] = []
        done = threading.Event()

        def target() -> None:
            try:
                outcome.append((True, work()))
            except BaseException as exc:  # handed to the caller
                outcome.append((False, exc))
            finally:
                done.set()

        threading.Thread(target=target, name="fake-arango-tasks-run-work", daemon=True).start()
        if not done.wait(max(self._time_left(context.channel), 0.0)):
            context.isolate.cancel_current()
            raise ArangoError(1500)
        ok, value = outcome[0]
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def _decode(self, batch_id: int, jobs: Sequence[Job], answer: dict[str, Any]) -> BatchResult:
        """The outcomes of the runs an answer reports as made."""
        reports = {index: report for index, report in answer["reports"]}
        skipped = set(answer["skipped"])
        done = answer["done"]
        outcomes = [(i, self._outcome(batch_id, i, reports.get(i))) for i in range(done) if i not in skipped]
        return BatchResult(outcomes, done)

    def _outcome(self, batch_id: int, index: int, report: dict[str, Any] | None, limit: str | None = None) -> RunOutcome:
        requests = tuple(self._requests.get((batch_id, index), ()))
        if report is None:
            return RunOutcome(requests=requests) if requests else _NOTHING
        try:
            return self._checked_outcome(_check_report(report), requests, limit)
        except (TypeError, ValueError, KeyError):
            # a run's own report is made while its changes are in force (a toJSON of its own can
            # shape it): the run failed, nothing else is blamed
            return RunOutcome(failure=RunFailure(_MALFORMED), requests=requests)

    @staticmethod
    def _checked_outcome(report: dict[str, Any], requests: tuple[OutgoingRequest, ...], limit: str | None) -> RunOutcome:
        failure = None
        error = report.get("error")
        if error is not None:
            failure = RunFailure(error["message"], error["type"], error["stack"], error.get("errorNum"))
        stop = report.get("limit")
        final = False
        if stop is not None:
            failure = RunFailure(stop["message"])
            final = stop["reason"] == "forever"
        elif limit is not None:
            failure = RunFailure(limit)
        return RunOutcome(
            output=tuple((level, text) for level, text in report.get("output", ())), failure=failure,
            slept_us=report.get("sleptUs", 0), requests=requests, final=final,
        )

    @staticmethod
    def _stray(context: _Context, runs_before: int) -> bool:
        """Whether a terminated call was stopped before its entry point ran: V8 ran promise
        continuations an earlier call left (a command hid them from the text rules), so no run of
        this batch is to blame."""
        channel = context.channel
        return channel.phase == 0 and channel.run_index == -1 and channel.run_seq == runs_before

    def _after_stop(self, context: _Context, batch_id: int, jobs: Sequence[Job], stop: V8Error) -> BatchResult:
        """A call was terminated: the runs before the stopped one keep their outcomes."""
        running = context.channel.run_index
        out_of_memory = isinstance(stop, OutOfMemory) or context.isolate.memory_limit_reached()
        limit = (f"run exceeded the memory limit of {self.max_memory} bytes and was stopped" if out_of_memory
                 else f"run exceeded the time limit of {self.timeout:g} s and was stopped")
        answer = None
        try:
            if not context.isolate.closed:
                context.isolate.set_memory_limit(self.max_memory * 2)  # room to collect
                context.channel.write_request({"op": "collect"})
                answer = loads(context.isolate.call(context.entry, watchdog=self._watchdog(context)))
        except V8Error:
            answer = None
        finally:
            self._drop_context()  # after a limit the context is not trusted any more
        if answer is None:  # the context had to be ended (promise continuations that never end, ...)
            return self._after_kill(batch_id, jobs, running, limit)
        result = self._decode(batch_id, jobs, answer)
        if answer["stopped"] is not None:
            index, report = answer["stopped"]
            reason = self._stops.get((batch_id, index))
            result.outcomes.append((index, self._outcome(batch_id, index, report, None if reason else limit)))
            result.decided = index + 1
        elif result.decided < len(jobs):  # stopped before the next run began: compiling its command
            result.outcomes.append((result.decided, RunOutcome(failure=RunFailure(limit))))
            result.decided += 1
        return result

    def _after_kill(self, batch_id: int, jobs: Sequence[Job], running: int, limit: str) -> BatchResult:
        """The context was ended with the batch under way. If a run had yielded (its promise
        continuations would not end), it is the one stopped, and the batch's runs before it keep
        what they reported; otherwise what the batch printed is lost, and the run that ran last
        is the one stopped."""
        pending = self._yielded
        if pending is not None and pending[0] == batch_id:
            _, index, report, reports, skipped = pending
            where = limit.replace(" and was stopped", " in its promise continuations and was stopped")
            result = self._decode(batch_id, jobs, {"reports": reports, "skipped": skipped, "done": index})
            result.outcomes.append((index, self._outcome(batch_id, index, report, where)))
            result.decided = index + 1
            return result
        index = max(running, 0)
        whose = "this run" if index == 0 else f"this run and the {index} before it in its batch"
        lost = RunFailure(f"{limit}; V8 had to be ended, so what {whose} printed is lost")
        return BatchResult([(i, _NOTHING) for i in range(index)] + [(index, RunOutcome(failure=lost))], index + 1)

    # -- the bridge ---------------------------------------------------------------------------------

    def _on_bridge(self) -> None:
        """A request from the prelude (on the isolate's thread, JavaScript waiting)."""
        context = self._context
        if context is None:
            return
        channel = context.channel
        try:
            text = channel.read()
            if text is None:
                channel.resend()
                return
            try:
                request = loads(text)
            except RecursionError:  # TRI_V8ToVPack's maxRecursion (80) would have refused it long before
                raise ArangoError(10, "input value is nested too deep") from None
            channel.answer(self._serve(context, request))
        except ArangoError as exc:
            channel.answer_error(exc.error_num, exc.message, exc.status)
        except Exception as exc:  # a bug of ours: the command sees an internal error, never a hang
            channel.answer_error(4, f"internal error of fake-arango-tasks: {type(exc).__name__}: {exc}", 500)

    def _serve(self, context: _Context, request: list[Any]) -> Any:
        """Answer one bridge request. Which run asks is the buffer header's (the prelude writes it;
        no command reaches it), never the request's word: the driver's own requests ("task",
        "removed") come between runs, every other one from the run under way."""
        op, batch_id, index = request[0], request[1], request[2]
        jobs = self._batches.get(batch_id)
        if jobs is None:
            raise ArangoError(4, "internal error of fake-arango-tasks: a request from a batch that is over")
        running = context.channel.run_index
        if op in ("task", "removed"):
            if running != -1:
                raise ArangoError(4, f"internal error of fake-arango-tasks: {op!r} asked while a run is under way")
            if op == "task":
                return self._definition(jobs, request[3], request[4])
            return [j.task.id for j in jobs if not self._host.is_current(j.task)]
        if index != running or not 0 <= running < len(jobs):
            raise ArangoError(4, "internal error of fake-arango-tasks: a request for another run than the one under way")
        job = jobs[index]
        if op == "doc":
            return self._host.documents(job, request[3], request[4], request[5:])
        if op == "register":
            return self._host.register(job, int(request[3]), request[4])
        if op == "unregister":
            self._host.unregister(job, str(request[3]))
            return True
        if op == "getTask":
            return self._host.get_tasks(job, request[3])
        if op == "aql":
            return self._host.aql(job, request[3], request[4])
        if op == "host":
            return self._host.call(job, request[3], request[4:])
        if op == "request":
            outgoing = OutgoingRequest(request[3], request[4], request[5], request[6])
            self._requests.setdefault((batch_id, index), []).append(outgoing)
            answer = self._host.request(job, outgoing, self._wait_limit(context, request[7]))
            if self._wait_limit(context, None) <= 0:  # the wait used up the run's time: stop it now
                context.isolate.cancel_current()
            return answer
        if op == "stop":
            self._stops[(batch_id, index)] = request[3]
            context.isolate.cancel_current()
            return True
        if op == "yield":  # the run may leave promise continuations: go on in a chained call
            self._yielded = (batch_id, index, request[3], request[4], request[5])
            context.isolate.chain(context.resume)
            return True
        raise ArangoError(4, f"internal error of fake-arango-tasks: unknown bridge request {op!r}")

    def _wait_limit(self, context: _Context, asked: float | None) -> float:
        """How long the run under way may wait for an outgoing request (seconds): what it asked
        for, within what is left of its time limit."""
        left = self._time_left(context.channel)
        return max(min(left, asked) if isinstance(asked, (int, float)) and asked > 0 else left, 0.0)

    @staticmethod
    def _definition(jobs: Sequence[Job], task_id: str, seq: int) -> dict[str, Any] | None:
        for job in jobs:
            task = job.task
            if task.id == task_id and task.seq == seq:
                return {"command": task.command, "params": task.params_json, "database": task.database,
                        "user": task.user, "mayAwait": task.may_await}
        return None


_T = TypeVar("_T")
_NOTHING: Final = RunOutcome()
_MALFORMED: Final = ("internal error of fake-arango-tasks: the run's report was malformed "
                     "(its command changed how the fake's values turn into JSON, toJSON say)")


def _check_report(report: Any) -> dict[str, Any]:
    """``report`` when it has the shape the driver makes (``output``: ``[[level, text]...]``,
    ``sleptUs``: whole microseconds >= 0, ``error``: strings and an errorNum, ``limit``: reason
    and message).

    Raises:
        TypeError, ValueError: any other shape.
    """
    if type(report) is not dict:
        raise TypeError("report")
    for entry in report.get("output", ()):
        if type(entry) is not list or len(entry) != 2 or type(entry[0]) is not str or type(entry[1]) is not str:
            raise TypeError("output")
    slept = report.get("sleptUs", 0)
    if type(slept) is not int or slept < 0:
        raise ValueError("sleptUs")
    error = report.get("error")
    if error is not None and (type(error) is not dict or not all(type(error.get(k)) is str for k in ("message", "type", "stack"))
                              or type(error.get("errorNum", 0)) not in (int, float, type(None))):
        raise TypeError("error")
    stop = report.get("limit")
    if stop is not None and (type(stop) is not dict or type(stop.get("message")) is not str):
        raise TypeError("limit")
    return report
