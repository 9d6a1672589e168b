"""The V8 runtime that runs task commands: one mini-racer context per server, created lazily.

Python and V8 exchange only JSON text (``__fakeArango.batch(json) -> json``): no JS object handle
ever reaches Python, because reading one has no time limit (a hostile getter would hang the
server). Every call into V8 has a time limit and a memory limit.

Runs are executed in batches: consecutive due runs go to V8 in one call, which stops early after
a run that changes the schedule (it slept, registered or unregistered a task) or when it has used
a quarter of the time limit; the scheduler plans the next batch from there. A call that hits the
time or memory limit throws the context away, and with it everything that call did (V8's state is
only what Python last loaded or took back: documents are reloaded from Python's copy), then the
first run of the batch is retried alone; a run that hits a limit alone is recorded as stopped.
"""

from __future__ import annotations

import json
import threading
from importlib import resources
from typing import Any, Callable, Final, Sequence

from py_mini_racer import JSOOMException, JSTimeoutException, MiniRacer
from py_mini_racer._exc import MiniRacerBaseException

from ._errors import ArangoError
from ._journal import OutgoingRequest, RunError, RunOutcome
from ._tasks import Task, Ticks

__all__ = ["JavaScriptRuntime", "DEFAULT_TIMEOUT", "DEFAULT_MAX_MEMORY", "DEFAULT_MAX_OUTPUT"]

#: Default time limit of one run, seconds of real (wall) time.
DEFAULT_TIMEOUT: Final = 2.0
#: Default V8 heap limit, bytes.
DEFAULT_MAX_MEMORY: Final = 256 * 1024 * 1024
#: Default limit of what one run may print, characters; past it the output is cut.
DEFAULT_MAX_OUTPUT: Final = 65_536
_COMPILE_TIMEOUT: Final = 2.0


def _prelude() -> str:
    files = resources.files(__package__)
    prelude = files.joinpath("_prelude.js").read_text(encoding="utf-8")
    documents = files.joinpath("_documents.js").read_text(encoding="utf-8")
    return prelude.replace("/*DOCUMENTS*/", documents.strip())


_PRELUDE: Final = _prelude()


class JavaScriptRuntime:
    """Runs task commands in one V8 context, one call at a time (thread-safe).

    Args:
        ticks: the server tick (task ids and document keys drawn inside V8 come from it).
        documents_snapshot: returns Python's copy of the documents, loaded into a new context.
        apply_documents: receives the document changes drained from V8 after each call.
        timeout: the time limit of one run, in seconds of real time (> 0).
        max_memory: the V8 heap limit, in bytes.
        max_output: the most characters one run may print.
        seed: seeds ``Math.random``; each run draws from a stream determined by (seed, task id,
            the task's run number), so runs are reproducible and independent of each other.

    Raises:
        ValueError: a limit is not positive.
    """

    def __init__(
        self,
        *,
        ticks: Ticks,
        documents_snapshot: Callable[[], dict[str, Any]] = lambda: {"databases": {}},
        apply_documents: Callable[[list[list[Any]]], None] = lambda ops: None,
        timeout: float = DEFAULT_TIMEOUT,
        max_memory: int = DEFAULT_MAX_MEMORY,
        max_output: int = DEFAULT_MAX_OUTPUT,
        seed: int = 0,
    ) -> None:
        if not timeout > 0 or max_memory <= 0 or max_output <= 0:
            raise ValueError("timeout, max_memory and max_output must be positive")
        self.timeout = timeout
        self.max_memory = max_memory
        self.max_output = max_output
        self.seed = seed
        self._ticks = ticks
        self._documents_snapshot = documents_snapshot
        self._apply_documents = apply_documents
        self._context: MiniRacer | None = None
        self._sent: dict[str, int] = {}  # what the current context holds: name -> version
        self._sent_tasks: dict[str, int] = {}  # the tasks the current context holds: id -> seq
        self._solo = 0  # after a batch hit a limit: how many runs to make one per call
        self._lock = threading.Lock()
        self._compiler: MiniRacer | None = None  # the compile check's own context
        self._compile_lock = threading.Lock()

    # -- the context --------------------------------------------------------------------------------

    def _ctx(self) -> MiniRacer:
        if self._context is None:
            context = _new_context()
            context.eval(_PRELUDE)
            snapshot = self._documents_snapshot()
            if snapshot.get("databases"):
                context.eval(f"__fakeArango.load({json.dumps(json.dumps(snapshot))})", timeout_sec=60)
            self._context = context
        return self._context

    def _discard(self) -> None:
        if self._context is not None:
            _retire(self._context)
            self._context = None
        self._sent.clear()
        self._sent_tasks = {}

    def close(self, then: Callable[[], None] | None = None) -> None:
        """Release the V8 contexts (a later call makes new ones, reloading the documents).

        Args:
            then: called before any other call can use V8 again (``reset`` empties the documents
                there, so no write can slip in between and reach the old context).
        """
        with self._lock:
            self._discard()
            if then is not None:
                then()
        with self._compile_lock:
            if self._compiler is not None:
                self._compiler.close()
                self._compiler = None

    def _eval(self, code: str, timeout: float) -> Any:
        """Evaluate ``code``; on the time or memory limit the context is discarded and the
        exception re-raised."""
        try:
            return self._ctx().eval(code, timeout_sec=timeout, max_memory=self.max_memory)
        except (JSTimeoutException, JSOOMException):
            self._discard()
            raise
        except MiniRacerBaseException:  # e.g. a terminated isolate: never reuse it
            self._discard()
            raise

    # -- compile check --------------------------------------------------------------------------------

    def compiles(self, command: str) -> bool:
        """Whether ``command`` compiles as ``new Function("params", command)`` (``Task::tryCompile``).

        Checked in a small context of its own, so that creating a task never waits for runs in
        progress. A command whose compilation exceeds the limits counts as not compiling.
        """
        code = ("(function (source) { try { new Function('params', source); return true; } catch (e) { return false; } })"
                f"({json.dumps(command)})")
        with self._compile_lock:
            if self._compiler is None:
                self._compiler = _new_context()
            try:
                return self._compiler.eval(code, timeout_sec=_COMPILE_TIMEOUT, max_memory=self.max_memory) is True
            except MiniRacerBaseException:
                _retire(self._compiler)
                self._compiler = None
                return False

    # -- runs -----------------------------------------------------------------------------------------

    def run_batch(
        self,
        jobs: Sequence[tuple[Task, int]],
        tasks: Callable[[], tuple[int, list[Task]]],
        responses: Callable[[], tuple[int, list[dict[str, Any]]]],
    ) -> list[RunOutcome | None]:
        """Run ``jobs`` (``(task, due_us)`` in order) and return the outcomes of the runs made: at
        least the first, possibly fewer than all (see the module doc). ``None`` stands for a job
        whose task was removed or replaced since it was planned (nothing ran).

        Args:
            jobs: the runs to make, in order; each run's clock reads its ``due_us``.
            tasks: returns ``(version, every registered task)``; V8 gets what changed since the
                last call.
            responses: returns ``(version, canned responses)`` for ``@arangodb/request``.
        """
        if not jobs:
            return []
        with self._lock:
            batch = jobs[:1] if self._solo else jobs
            while True:
                try:
                    self._sync_tasks(tasks)
                    self._sync("responses", "setResponses", responses)
                    outcomes = self._batch(batch)
                    self._solo = max(0, self._solo - len(outcomes))
                    return outcomes
                except (JSTimeoutException, JSOOMException) as exc:
                    if len(batch) > 1:
                        # Make the runs of the failed batch one per call: the others may be
                        # innocent, and each costs the limit only if it is itself the culprit.
                        self._solo = len(batch)
                        batch = batch[:1]
                        continue
                    self._solo = max(0, self._solo - 1)
                    limit = (f"the time limit of {self.timeout:g} s" if isinstance(exc, JSTimeoutException)
                             else f"the memory limit of {self.max_memory} bytes")
                    return [RunOutcome(error=RunError(f"run exceeded {limit} and was stopped"))]
                except MiniRacerBaseException as exc:  # V8 in a state we cannot trust: start afresh
                    self._discard()
                    return [RunOutcome(error=RunError(f"internal error of fake-arango-tasks: {exc}"))]

    def _sync(self, name: str, setter: str, source: Callable[[], tuple[int, list[dict[str, Any]]]]) -> None:
        """Send ``source``'s data to the context unless it already has that version."""
        version, data = source()
        if self._sent.get(name) != version or self._context is None:
            self._eval(f"__fakeArango.{setter}({json.dumps(json.dumps(data))})", 60)
            self._sent[name] = version

    def _sync_tasks(self, tasks: Callable[[], tuple[int, list[Task]]]) -> None:
        """Bring the context's task table up to date by sending only what changed since the last
        call (the whole table every time made V8's heap grow with every change)."""
        version, current = tasks()
        if self._sent.get("tasks") == version and self._context is not None:
            return
        known = self._sent_tasks  # empty for a new context (_discard clears it)
        changed = [_task_json(t) for t in current if known.get(t.id) != t.seq]
        ids = {t.id for t in current}
        removed = [task_id for task_id in known if task_id not in ids]
        if changed or removed:
            update = json.dumps({"set": changed, "remove": removed})
            self._eval(f"__fakeArango.updateTasks({json.dumps(update)})", 60)
        self._sent_tasks = {t.id: t.seq for t in current}
        self._sent["tasks"] = version

    def _batch(self, jobs: Sequence[tuple[Task, int]]) -> list[RunOutcome | None]:
        earlier: dict[Task, int] = {}  # runs of the same task earlier in this batch
        pieces = []
        for task, due_us in jobs:
            n = task.run_count + earlier.get(task, 0)
            earlier[task] = earlier.get(task, 0) + 1
            pieces.append(f"[{json.dumps(task.id)},{task.seq},{due_us},{n}]")
        with self._ticks.reserved() as tick:
            batch = (f'{{"seed":{json.dumps(self.seed)},"budgetMs":{self.timeout * 250},"maxOutput":{self.max_output},'
                     f'"tickNext":{tick},"tickStep":{self._ticks.step},"jobs":[{",".join(pieces)}]}}')
            raw = self._eval(f"__fakeArango.batch({json.dumps(batch)})", self.timeout)
            answer = json.loads(raw)
            self._ticks.consume(answer["ticksUsed"])
            self._apply_documents(answer["ops"])
            results = answer["results"]
            if answer["async"]:  # the last run's promise continuations ran after that call
                late = json.loads(self._eval("__fakeArango.finishAsync()", self.timeout))
                self._ticks.consume(late["ticksUsed"])
                self._apply_documents(late["ops"])
                if late["result"] is not None and results and results[-1] is not None:
                    results[-1] = {**results[-1], **late["result"]}
                answer["poisoned"] = answer["poisoned"] or late["poisoned"]
        if answer["poisoned"]:  # a run changed a built-in beyond repair: the next call gets a new context
            self._discard()
        return [None if result is None else _outcome(result) for result in results]

    # -- documents for the HTTP API -------------------------------------------------------------------

    def documents(self, op: str, args: list[Any], now_us: int) -> Any:
        """Perform a document write for the HTTP API inside V8 (``_documents.js``'s semantics).

        Raises:
            ArangoError: what ArangoDB raises for the operation.
        """
        with self._lock, self._ticks.reserved() as tick:
            request = json.dumps({"op": op, "args": args, "nowUs": now_us, "tickNext": tick, "tickStep": self._ticks.step})
            raw = self._eval(f"__fakeArango.documents({json.dumps(request)})", 60)
            answer = json.loads(raw)
            self._ticks.consume(answer["ticksUsed"])
            self._apply_documents(answer["ops"])
        error = answer["error"]
        if error is not None:
            raise ArangoError(error["errorNum"], error["errorMessage"], error["code"])
        return answer["result"]


def _task_json(task: Task) -> dict[str, Any]:
    """A task as V8 holds it: its API object plus owner, registration number and params."""
    return {**task.to_json(), "user": task.user, "seq": task.seq, "params": task.params_json}


def _new_context() -> MiniRacer:
    """A MiniRacer context with an event loop of its own. mini-racer adopts the calling thread's
    running asyncio loop if there is one (a test using python-arango-async calls ``advance`` from
    inside its loop); a context bound to a test's loop breaks when that loop closes. So the context
    is made in a thread that runs no loop."""
    made: list[MiniRacer] = []
    maker = threading.Thread(target=lambda: made.append(MiniRacer()), name="fake-arango-tasks-v8-init")
    maker.start()
    maker.join()
    if not made:
        raise RuntimeError("could not create a V8 context")
    return made[0]


def _retire(context: MiniRacer) -> None:
    """Close a context that a limit stopped. mini-racer delivers the stopped evaluation's callback
    late; closing at once makes it arrive on a closed event loop (an "Exception ignored" on
    stderr). One more evaluation lets it arrive first."""
    try:
        context.eval("0", timeout_sec=1)
    except Exception:  # the context may be beyond use: closing is all that is left
        pass
    finally:
        context.close()


def _outcome(result: dict[str, Any]) -> RunOutcome:
    error = result["error"]
    return RunOutcome(
        output=tuple((level, message) for level, message in result["output"]),
        error=None if error is None else RunError(error["message"], error["type"], error["stack"], error.get("errorNum")),
        slept_us=result["sleptUs"],
        requests=tuple(OutgoingRequest(r["method"], r["url"], r["headers"], r["body"]) for r in result["requests"]),
        effects=tuple(result["effects"]),
    )
