"""One V8 isolate with one context, driven through mini-racer's C API, with a synchronous
JavaScript -> Python call.

mini-racer's Python API runs every evaluation through an asyncio loop of its own (about 300 us a
call here) and offers only asynchronous JS -> Python calls (the command would get a Promise). This
module talks to the same library (``libmini_racer``, its C functions as ``py_mini_racer._dll``
declares them; mini-racer is pinned to 0.14) without asyncio:

- an evaluation or function call is a cancelable task on the isolate's thread; the caller waits
  on an :class:`threading.Event` set by the completion callback, in slices, asking a *watchdog*
  between slices whether to cancel (which terminates the running JavaScript);
- a JS function made by ``mr_make_js_callback`` calls back into Python *on the isolate's thread,
  synchronously*: JavaScript is paused until the Python callback returns. Arguments and answers
  travel through a ``SharedArrayBuffer`` both sides can read and write (see ``_bridge``), so the
  Python callback never has to touch the isolate (it cannot: the isolate is busy running it).

Values come back as Python ``str``/``int``/``float``/``bool``/``None``, or as an opaque
:class:`Handle` for objects and functions (usable as the function or argument of :meth:`call`).
"""

from __future__ import annotations

import ctypes
import itertools
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Final

from py_mini_racer._dll import init_mini_racer, mr_callback_func

__all__ = ["Handle", "Isolate", "JSError", "Terminated", "OutOfMemory", "V8Error"]

# mini_racer.cc's value type tags (py_mini_racer/_objects.py mirrors them)
_NULL, _BOOL, _INTEGER, _DOUBLE, _STR_UTF8, _ARRAY = 1, 2, 3, 4, 5, 6
_OBJECT, _UNDEFINED, _FUNCTION, _SHARED_ARRAY_BUFFER, _ARRAY_BUFFER, _PROMISE = 10, 11, 100, 101, 102, 103
_EXECUTE_EXCEPTION, _PARSE_EXCEPTION, _OOM_EXCEPTION = 200, 201, 202
_TIMEOUT_EXCEPTION, _TERMINATED_EXCEPTION, _VALUE_EXCEPTION, _KEY_EXCEPTION = 203, 204, 205, 206
_HANDLE_TYPES: Final = frozenset({_ARRAY, _OBJECT, _FUNCTION, _PROMISE, 7, 8, 9})

#: The callback id reserved for the synchronous bridge; completions use ids from 1 up.
_BRIDGE_ID: Final = 2**62
#: How many watchdog slices after cancelling a call to wait for it to end before the isolate is
#: ended (with the runtime's slice of a fortieth of the time limit: a run stops within 10% past it).
_KILL_AFTER_SLICES: Final = 2
#: What a waiter gets when the isolate ends before its call does.
_KILLED: Final = object()


class V8Error(Exception):
    """V8 failed in a way the caller should treat as the context being unusable."""


class JSError(V8Error):
    """The evaluated code threw (or did not compile); ``str()`` is V8's message with location."""


class Terminated(V8Error):
    """The evaluation was terminated (the watchdog cancelled it)."""


class OutOfMemory(V8Error):
    """The evaluation hit the isolate's hard heap limit."""


@dataclass(frozen=True, eq=False)
class Handle:
    """A JavaScript object or function held for Python (freed with the isolate or :meth:`Isolate.free`)."""

    raw: Any
    type: int


class _RawUnion(ctypes.Union):
    _fields_ = [("value_ptr", ctypes.c_void_p), ("bytes_val", ctypes.POINTER(ctypes.c_char)),
                ("char_p_val", ctypes.c_char_p), ("int_val", ctypes.c_int64), ("double_val", ctypes.c_double)]


class _Raw(ctypes.Structure):
    _fields_ = [("value", _RawUnion), ("len", ctypes.c_size_t), ("type", ctypes.c_uint8)]
    _pack_ = 1


class Isolate:
    """One V8 isolate and context on a thread of its own (mini-racer's message pump).

    Args:
        on_bridge: called, on the isolate's thread, each time JavaScript calls the bridge function
            (see :meth:`bridge_function`); JavaScript waits until it returns. It must not raise
            (an exception is printed by ctypes and lost) and must not call back into the isolate.

    Not thread-safe: one evaluation or call at a time (the runtime holds a lock).
    """

    def __init__(self, on_bridge: Callable[[], None]) -> None:
        self._dll = init_mini_racer(ignore_duplicate_init=True)
        self._on_bridge = on_bridge
        self._ids = itertools.count(1)
        self._done: dict[int, tuple[threading.Event, list[Any]]] = {}
        self._lock = threading.Lock()  # guards _done (completions arrive on the isolate's thread)
        self._callback = mr_callback_func(self._dispatch)  # type: ignore[arg-type]  # kept alive with the context
        self._ctx = self._dll.mr_init_context(self._callback)
        self._closed = False
        self._undefined = self._dll.mr_alloc_int_val(self._ctx, 0, _UNDEFINED)
        self._no_arguments: Handle | None = None
        self._task: int | None = None  # the evaluation or call under way
        self._current: int | None = None  # its callback id
        self._close_hooks: list[Callable[[], None]] = []
        self._no_arguments = self._empty_arguments()  # made now: chain() cannot evaluate

    # -- callbacks from the isolate's thread -------------------------------------------------------

    def _dispatch(self, callback_id: int, raw: Any) -> None:
        if callback_id == _BRIDGE_ID:
            self._dll.mr_free_value(self._ctx, raw)  # the JS arguments array: unused
            self._on_bridge()
            return
        with self._lock:
            waiter = self._done.pop(callback_id, None)
        if waiter is None:  # a call we gave up on: free what it produced
            self._dll.mr_free_value(self._ctx, raw)
            return
        waiter[1].append(raw)
        waiter[0].set()

    # -- running code --------------------------------------------------------------------------------

    def eval(self, code: str, *, watchdog: Callable[[], bool] | None = None, slice_seconds: float = 0.05) -> Any:
        """Evaluate ``code`` as a script; its completion value.

        Args:
            watchdog: asked every ``slice_seconds`` while the code runs; ``True`` cancels it
                (``Terminated`` is raised). ``None`` waits as long as it takes.

        Raises:
            JSError: the code threw or does not compile.
            Terminated: the watchdog cancelled it.
            OutOfMemory: it hit the hard memory limit.
        """
        code_handle = self._string(code)
        try:
            return self._run(lambda cid: self._dll.mr_eval(self._ctx, code_handle, cid), watchdog, slice_seconds)
        finally:
            self._dll.mr_free_value(self._ctx, code_handle)

    def call(self, function: Handle, *, watchdog: Callable[[], bool] | None = None, slice_seconds: float = 0.05,
             arguments: Handle | None = None) -> Any:
        """Call ``function`` with ``this`` undefined and the elements of ``arguments`` (a JS array
        handle; none when omitted). Raises as :meth:`eval`."""
        argv = arguments if arguments is not None else self._empty_arguments()
        return self._run(
            lambda cid: self._dll.mr_call_function(self._ctx, function.raw, self._undefined, argv.raw, cid),
            watchdog, slice_seconds,
        )

    def _empty_arguments(self) -> Handle:
        if self._no_arguments is None:
            made = self.eval("[]")
            assert isinstance(made, Handle)
            self._no_arguments = made
        return self._no_arguments

    def _run(self, start: Callable[[int], int], watchdog: Callable[[], bool] | None, slice_seconds: float) -> Any:
        if self._closed:
            raise V8Error("the V8 context is closed")
        callback_id = next(self._ids)
        event = threading.Event()
        box: list[Any] = []
        with self._lock:
            self._done[callback_id] = (event, box)
            self._current = callback_id
        self._task = start(callback_id)
        cancelled_at: float | None = None
        try:
            while not event.wait(slice_seconds):
                if cancelled_at is None:
                    if watchdog is not None and watchdog():
                        cancelled_at = time.monotonic()
                        self._dll.mr_cancel_task(self._ctx, self._task)
                elif time.monotonic() - cancelled_at > _KILL_AFTER_SLICES * slice_seconds:
                    # not even termination reached it: JavaScript that runs outside any task (promise
                    # continuations between two chained calls) ends only with the isolate
                    self.close()
        finally:
            self._task = None
            self._current = None
        if self._closed or box[0] is _KILLED:  # what the isolate delivered died with it
            raise Terminated("the V8 context was ended")
        value = self._convert(box[0])
        if isinstance(value, JSError) and self.memory_limit_reached():
            value = OutOfMemory("JavaScript memory limit reached")  # a call (not an eval) reports it so
        if cancelled_at is not None and not isinstance(value, BaseException):
            value = Terminated("cancelled")
        if isinstance(value, BaseException):
            raise value
        return value

    def chain(self, function: Handle) -> None:
        """From the bridge callback: when the call under way returns (and V8 has run the promise
        continuations it left), call ``function``; its result becomes the result the caller of
        :meth:`call` waits for, and the first call's result is dropped. The caller's thread sleeps
        throughout; the isolate's thread goes from one to the next."""
        with self._lock:
            current = self._current
            waiter = None if current is None else self._done.pop(current, None)
            if waiter is None:
                raise V8Error("chain() outside a call")
            callback_id = next(self._ids)
            self._done[callback_id] = waiter
            self._current = callback_id
        self._task = self._dll.mr_call_function(self._ctx, function.raw, self._undefined,
                                                self._empty_arguments().raw, callback_id)

    def _convert(self, raw: Any) -> Any:
        """A result value as Python (or the exception to raise); frees it unless it is a handle."""
        contents = ctypes.cast(raw, ctypes.POINTER(_Raw)).contents
        kind = contents.type
        if kind in _HANDLE_TYPES:
            return Handle(raw, kind)
        try:
            if kind == _STR_UTF8:
                return contents.value.bytes_val[0:contents.len].decode("utf-8")
            if kind == _INTEGER:
                return int(contents.value.int_val)
            if kind == _DOUBLE:
                return float(contents.value.double_val)
            if kind == _BOOL:
                return contents.value.int_val == 1
            if kind in (_NULL, _UNDEFINED):
                return None
            if kind in (_SHARED_ARRAY_BUFFER, _ARRAY_BUFFER):
                return (contents.value.value_ptr, contents.len)
            message = contents.value.bytes_val[0:contents.len].decode("utf-8", "replace") if contents.len else ""
            if kind == _OOM_EXCEPTION:
                return OutOfMemory(message or "JavaScript memory limit reached")
            if kind in (_TERMINATED_EXCEPTION, _TIMEOUT_EXCEPTION):
                return Terminated(message or "terminated")
            if kind in (_EXECUTE_EXCEPTION, _PARSE_EXCEPTION):
                return JSError(message)
            return V8Error(f"unexpected value type {kind}: {message}")
        finally:
            if kind not in (_SHARED_ARRAY_BUFFER, _ARRAY_BUFFER):
                self._dll.mr_free_value(self._ctx, raw)

    def _string(self, text: str) -> Any:
        data = text.encode("utf-8")
        return self._dll.mr_alloc_string_val(self._ctx, data, len(data), _STR_UTF8)

    def cancel_current(self) -> None:
        """Terminate the evaluation or call under way (callable from the bridge callback: the
        JavaScript that called the bridge is terminated when the callback returns)."""
        task = self._task
        if task is not None and not self._closed:
            self._dll.mr_cancel_task(self._ctx, task)

    # -- objects for the bridge --------------------------------------------------------------------

    def bridge_function(self) -> Handle:
        """A new JS function that calls ``on_bridge`` synchronously when called."""
        raw = self._dll.mr_make_js_callback(self._ctx, _BRIDGE_ID)
        return Handle(raw, _FUNCTION)

    def array_of(self, *items: Handle) -> Handle:
        """A JS array holding ``items`` (for :meth:`call`'s ``arguments``)."""
        array = self.eval("[]")
        assert isinstance(array, Handle)
        for item in items:
            self._dll.mr_free_value(self._ctx, self._dll.mr_array_push(self._ctx, array.raw, item.raw))
        return array

    def item(self, array: Handle, index: int) -> Any:
        """``array[index]`` (converted as :meth:`eval` converts results)."""
        if self._closed:
            raise V8Error("the V8 context is closed")
        key = self._dll.mr_alloc_int_val(self._ctx, index, _INTEGER)
        try:
            value = self._convert(self._dll.mr_get_object_item(self._ctx, array.raw, key))
        finally:
            self._dll.mr_free_value(self._ctx, key)
        if isinstance(value, BaseException):
            raise value
        return value

    def free(self, handle: Handle) -> None:
        """Release ``handle`` (the JS object may then be garbage collected)."""
        if not self._closed:
            self._dll.mr_free_value(self._ctx, handle.raw)

    @staticmethod
    def buffer(address_and_length: tuple[int, int], length: int | None = None) -> memoryview:
        """A writable view of a (Shared)ArrayBuffer's memory, from what :meth:`eval` returned for it;
        ``length`` may exceed the returned length for a growable buffer up to its maximum."""
        address, size = address_and_length
        array = (ctypes.c_uint8 * (size if length is None else length)).from_address(address)
        return memoryview(array).cast("B")

    # -- limits and lifetime -----------------------------------------------------------------------

    def set_memory_limit(self, limit: int) -> None:
        """The hard heap limit in bytes (0: none); V8 terminates the running code past it."""
        if not self._closed:
            self._dll.mr_set_hard_memory_limit(self._ctx, limit)

    def set_soft_memory_limit(self, limit: int) -> None:
        """The soft heap limit in bytes: :meth:`soft_memory_limit_reached` tells whether the heap
        was past it at the last garbage collection (nothing is stopped)."""
        if not self._closed:
            self._dll.mr_set_soft_memory_limit(self._ctx, limit)

    def soft_memory_limit_reached(self) -> bool:
        """Whether the heap was past the soft limit at the last garbage collection (a flag: cheap)."""
        return not self._closed and bool(self._dll.mr_soft_memory_limit_reached(self._ctx))

    def collect_garbage(self) -> None:
        """A full garbage collection (V8's low-memory notification), done before the next task
        on the isolate's thread."""
        if not self._closed:
            self._dll.mr_low_memory_notification(self._ctx)

    def memory_limit_reached(self) -> bool:
        """Whether the hard limit was hit since it was last set (``False`` once closed)."""
        return not self._closed and bool(self._dll.mr_hard_memory_limit_reached(self._ctx))

    @property
    def closed(self) -> bool:
        """Whether the isolate was destroyed."""
        return self._closed

    def on_close(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` when the isolate is about to be destroyed (before its memory is freed)."""
        self._close_hooks.append(hook)

    def close(self) -> None:
        """Destroy the isolate; whatever JavaScript still runs (a promise continuation that never
        ends, say) is terminated first. Idempotent."""
        if self._closed:
            return
        self._closed = True
        for hook in self._close_hooks:
            hook()
        self._dll.mr_free_context(self._ctx)
        with self._lock:
            waiters, self._done = list(self._done.values()), {}
        for event, box in waiters:
            box.append(_KILLED)
            event.set()
