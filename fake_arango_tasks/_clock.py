"""Clocks: the deterministic :class:`FakeClock` that tests drive, and the :class:`WallClock` of the dev server.

All times are Unix seconds (floats), as ArangoDB reports them. The fake clock keeps whole
microseconds internally so that repeated ``advance`` calls never accumulate float error; ArangoDB's
own task times have millisecond (period, offset) and microsecond (the ``0.000001`` offset) resolution.
"""

from __future__ import annotations

import math
import threading
import time
import datetime as dt
from typing import Any, Callable, Final

from ._errors import ClockError, OptionTypeError

__all__ = ["FakeClock", "WallClock", "DEFAULT_START", "LATEST", "MICROSECONDS", "instant", "iso"]

MICROSECONDS: Final = 1_000_000
#: Where a :class:`FakeClock` starts unless told: 2024-01-01T00:00:00Z, in Unix seconds.
DEFAULT_START: Final = 1_704_067_200.0
#: The latest time a fake clock can reach: 9999-12-31T23:59:59Z (JavaScript dates and ArangoDB's
#: revisions need no more).
LATEST: Final = 253_402_300_799.0


def to_micros(seconds: float) -> int:
    """``seconds`` as a whole number of microseconds (rounded to nearest)."""
    return round(seconds * MICROSECONDS)


def iso(seconds: float) -> str:
    """Unix ``seconds`` as an ISO 8601 UTC text with milliseconds, ``2024-01-01T00:00:00.000Z``
    (as JavaScript's ``Date.prototype.toISOString`` and ArangoDB's logs write instants)."""
    moment = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def instant(name: str, when: Any) -> float:
    """Unix seconds from a timezone-aware :class:`~datetime.datetime` or a number of Unix seconds.

    Raises:
        OptionTypeError: neither (a naive datetime too: which zone it means is not known).
        ClockError: not finite, before 1970 or past year 9999.
    """
    if isinstance(when, dt.datetime):
        if when.tzinfo is None or when.utcoffset() is None:
            raise OptionTypeError(f"{name} must be a timezone-aware datetime (e.g. datetime(2024, 1, 2, "
                                  f"tzinfo=timezone.utc)) or Unix seconds, not the naive {when!r}")
        seconds = when.timestamp()
    elif isinstance(when, (int, float)) and not isinstance(when, bool):
        seconds = float(when)
    else:
        raise OptionTypeError(f"{name} must be a timezone-aware datetime or Unix seconds (an int or float), "
                              f"not {type(when).__name__} {when!r}")
    if not math.isfinite(seconds) or not 0 <= seconds <= LATEST:
        raise ClockError(f"{name} must lie between 1970 and the year 9999 (0 to {LATEST:.0f} Unix seconds), "
                         f"not {when!r}")
    return seconds


class FakeClock:
    """A clock that moves only when told to.

    ``now`` starts at ``start`` (Unix seconds; default :data:`DEFAULT_START`, 2024-01-01T00:00:00Z)
    and changes only through :meth:`advance`. Time never goes backwards. When a server uses this
    clock, :meth:`advance` runs every task that falls due in the advanced interval, in order, each
    with the clock reading its own due time while it runs (see ``FakeArangoTasks.advance``).

    Args:
        start: the initial time: Unix seconds, or a timezone-aware :class:`~datetime.datetime`.

    Raises:
        ClockError: (a ValueError) ``start`` is before 1970, past year 9999 or not finite.
        OptionTypeError: (a TypeError) ``start`` is neither a number nor an aware datetime.
    """

    def __init__(self, start: float | dt.datetime = DEFAULT_START) -> None:
        start = instant("start", start)
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

    @property
    def datetime(self) -> dt.datetime:
        """The current fake time as a timezone-aware UTC :class:`~datetime.datetime`."""
        return dt.datetime.fromtimestamp(self._now_us // MICROSECONDS, dt.timezone.utc).replace(
            microsecond=self._now_us % MICROSECONDS)

    def advance(self, seconds: float | dt.timedelta) -> None:
        """Move time forward by ``seconds`` (a number >= 0 or a :class:`~datetime.timedelta`),
        running every task due up to the new time.

        Raises:
            OptionTypeError: (a TypeError) ``seconds`` is neither a number nor a timedelta.
            ClockError: (a ValueError) ``seconds`` is negative or not finite, or the clock would
                pass year 9999.
            RunLimitExceeded: (a RuntimeError) the advance would make more runs than the server
                allows at once (``max_runs_per_advance``); the clock stops at the last run made.
        """
        if isinstance(seconds, dt.timedelta):
            seconds = seconds.total_seconds()
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
            raise OptionTypeError("can only advance by seconds (an int or float) or a datetime.timedelta, "
                                  f"not {type(seconds).__name__} {seconds!r}")
        if not math.isfinite(seconds) or seconds < 0:
            raise ClockError(f"can only advance by a finite, non-negative number of seconds, not {seconds!r}")
        with self._lock:
            if seconds > LATEST or self._now_us + to_micros(seconds) > to_micros(LATEST):
                raise ClockError(f"advancing {seconds!r} s from {iso(self.now)} would pass the year 9999 "
                                 f"(the latest time is {iso(LATEST)})")
            self._advance_to_us(self._now_us + to_micros(seconds))

    def advance_to(self, when: float | dt.datetime) -> None:
        """Move time forward to ``when`` (a timezone-aware datetime or Unix seconds), running every
        task due up to it. ``when`` equal to now runs what is due now.

        Raises:
            OptionTypeError: ``when`` is neither an aware datetime nor a number.
            ClockError: ``when`` is earlier than now (time never goes backwards), or out of range.
            RunLimitExceeded: as :meth:`advance`.
        """
        target = to_micros(instant("when", when))
        with self._lock:
            if target < self._now_us:
                raise ClockError(f"time never goes backwards: {iso(target / MICROSECONDS)} is before now "
                                 f"({iso(self.now)})")
            self._advance_to_us(target)

    def _advance_to_us(self, target: int) -> None:
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

    @property
    def datetime(self) -> dt.datetime:
        """The current wall-clock time as a timezone-aware UTC :class:`~datetime.datetime`."""
        return dt.datetime.now(dt.timezone.utc)
