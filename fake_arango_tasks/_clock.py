"""Clocks: the deterministic :class:`FakeClock` that tests drive, and the :class:`WallClock` of the dev server.

All times are Unix seconds (floats), as ArangoDB reports them. The fake clock keeps whole
microseconds internally so that repeated ``advance`` calls never accumulate float error; ArangoDB's
own task times have millisecond (period, offset) and microsecond (the ``0.000001`` offset) resolution.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Final

from ._errors import ClockError

__all__ = ["FakeClock", "WallClock", "DEFAULT_START", "LATEST", "MICROSECONDS"]

MICROSECONDS: Final = 1_000_000
#: Where a :class:`FakeClock` starts unless told: 2024-01-01T00:00:00Z, in Unix seconds.
DEFAULT_START: Final = 1_704_067_200.0
#: The latest time a fake clock can reach: 9999-12-31T23:59:59Z (JavaScript dates and ArangoDB's
#: revisions need no more).
LATEST: Final = 253_402_300_799.0


def to_micros(seconds: float) -> int:
    """``seconds`` as a whole number of microseconds (rounded to nearest)."""
    return round(seconds * MICROSECONDS)


class FakeClock:
    """A clock that moves only when told to.

    ``now`` starts at ``start`` (Unix seconds; default :data:`DEFAULT_START`, 2024-01-01T00:00:00Z)
    and changes only through :meth:`advance`. Time never goes backwards. When a server uses this
    clock, :meth:`advance` runs every task that falls due in the advanced interval, in order, each
    with the clock reading its own due time while it runs (see ``FakeArangoTasks.advance``).

    Args:
        start: the initial time, Unix seconds. Must be finite and non-negative.

    Raises:
        ClockError: (a ValueError) ``start`` is negative or not finite.
    """

    def __init__(self, start: float = DEFAULT_START) -> None:
        if not 0 <= start <= LATEST:
            raise ClockError(f"start must be between 0 and {LATEST:.0f} seconds (year 9999), not {start!r}")
        self.start = start
        self._now_us = to_micros(start)
        self._lock = threading.RLock()
        self._on_advance: Callable[[int], Any] | None = None

    def __repr__(self) -> str:
        return f"FakeClock(now={self.now!r})"

    @property
    def now(self) -> float:
        """The current fake time in Unix seconds."""
        return self._now_us / MICROSECONDS

    @property
    def now_us(self) -> int:
        """The current fake time in whole microseconds since the Unix epoch."""
        return self._now_us

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds`` (>= 0), running every task due up to the new time.

        Raises:
            ClockError: (a ValueError) ``seconds`` is negative or not finite, or the clock would
                pass year 9999.
            RunLimitExceeded: (a RuntimeError) the advance would make more runs than the server
                allows at once (``max_runs_per_advance``); the clock stops at the last run made.
        """
        if not 0 <= seconds <= LATEST:
            raise ClockError(f"can only advance by a finite, non-negative number of seconds, not {seconds!r}")
        with self._lock:
            target = self._now_us + to_micros(seconds)
            if target > to_micros(LATEST):
                raise ClockError(f"advancing {seconds!r} s would pass the year 9999")
            if self._on_advance is not None:
                self._on_advance(target)  # may raise (run limit): the clock stays at the last run
            self._set(target)

    # The scheduler steps the clock to each run's due time while it runs the runs.
    def _set(self, now_us: int) -> None:
        if now_us < self._now_us:
            raise ClockError("time never goes backwards")
        self._now_us = now_us

    def _attach(self, on_advance: Callable[[int], Any] | None) -> None:
        if on_advance is not None and self._on_advance is not None and self._on_advance != on_advance:
            raise RuntimeError("this FakeClock already drives a server; give each server its own clock")
        self._on_advance = on_advance


class WallClock:
    """Real time (``time.time()``), for the dev server: tasks run in a background thread when due."""

    def __repr__(self) -> str:
        return "WallClock()"

    @property
    def now(self) -> float:
        """The current wall-clock time in Unix seconds."""
        return time.time()

    @property
    def now_us(self) -> int:
        """The current wall-clock time in whole microseconds since the Unix epoch."""
        return time.time_ns() // 1000
