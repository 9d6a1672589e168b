"""Date functions (docs-hugo ``aql/functions/date.md``; arangod ``Aql/Functions.cpp``
``parameterToTimePoint``, ``dateFromParameters``, ``timeAqlValue``, ``DateDayOfWeek`` ...
``DateRound``, ``addOrSubtract*``; ``lib/Basics/datetime.cpp`` ``parseDateTime``,
``formatDate``, ``parseIsoDuration``).

Time points are integer milliseconds since the Unix epoch (UTC), on the proleptic Gregorian
calendar of Howard Hinnant's ``date`` library which arangod uses (year 0 exists; Python's
``datetime`` cannot represent it, so the calendar arithmetic is done here). Valid values lie
between 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z; anything else is warning 1572
``in function 'NAME()': invalid date value`` and null. ``DATE_NOW()`` reads the query's clock.
"""

from __future__ import annotations

import math
import re
from typing import Any

from . import FunctionContext
from ._support import INVALID_DATE, define, is_number, to_int64, warn, warn_type

_MS_PER_DAY = 86_400_000
_MIN_MS, _MAX_MS = -62_167_219_200_000, 253_402_300_799_999


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's ``days_from_civil``; a
    day past the month's end runs on into the next month, as ``sys_days(y/m/d)`` does)."""
    year -= month <= 2
    era = year // 400  # floor division (Hinnant's C++ adjusts truncation to get this)
    yoe = year - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """``(year, month, day)`` of a day count since 1970-01-01 (Hinnant's ``civil_from_days``)."""
    days += 719468
    era = days // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    year = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return year + (month <= 2), month, day


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    return (31, 29 if _is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


class _Parts:
    """A time point split up: date, time of day, weekday (0 Sunday)."""

    __slots__ = ("ms", "days", "year", "month", "day", "hour", "minute", "second", "millisecond")

    def __init__(self, ms: int) -> None:
        self.ms = ms
        self.days, rest = divmod(ms, _MS_PER_DAY)
        self.year, self.month, self.day = civil_from_days(self.days)
        self.hour, rest = divmod(rest, 3_600_000)
        self.minute, rest = divmod(rest, 60_000)
        self.second, self.millisecond = divmod(rest, 1000)

    @property
    def weekday(self) -> int:
        return (self.days + 4) % 7

    @property
    def day_of_year(self) -> int:
        return self.days - days_from_civil(self.year, 1, 1) + 1

    def iso_week(self) -> tuple[int, int]:
        """``(iso year, iso week number)`` (``iso_week::year_weeknum_weekday``)."""
        iso_weekday = (self.weekday + 6) % 7  # Monday 0
        thursday = self.days - iso_weekday + 3
        year = civil_from_days(thursday)[0]
        week = (thursday - days_from_civil(year, 1, 1)) // 7 + 1
        return year, week


def _parse_number(text: str, pos: int) -> tuple[int, int]:
    """The decimal digits at ``pos``: ``(value, count)``."""
    end = pos
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    return (int(text[pos:end]) if end > pos else 0), end - pos


def parse_date_time(text: str) -> int | None:
    """Milliseconds of a date string as ``parseDateTime`` (``lib/Basics/datetime.cpp``) reads
    it: ``[+]YYYY[-MM[-DD]][(T| )HH:MM[:SS[.fff...]]][Z|z|(+|-)HH:MM]`` with surrounding
    blanks, at most four significant year digits (year <= 9999), days up to 31 in any month
    (running on into the next month); ``None`` for anything else."""
    s = text.strip(" \t\r\n")
    if s.startswith("+"):
        s = s[1:]
    elif s.startswith("-"):
        return None
    s = s.rstrip(" \t\r\n")
    year, n = _parse_number(s, 0)
    if n == 0 or year > 9999 or (n > 4 and n - (len(s[:n]) - len(s[:n].lstrip("0"))) > 4):
        return None
    pos, month, day = n, 1, 1
    hour = minute = second = millis = 0
    if s[pos:pos + 1] == "-":
        month, n = _parse_number(s, pos + 1)
        if n == 0 or n > 2 or not 1 <= month <= 12:
            return None
        pos += 1 + n
        if s[pos:pos + 1] == "-":
            day, n = _parse_number(s, pos + 1)
            if n == 0 or n > 2 or not 1 <= day <= 31:
                return None
            pos += 1 + n
    if s[pos:pos + 1] in (" ", "T"):
        hour, n = _parse_number(s, pos + 1)
        if n == 0 or n > 2 or hour > 23:
            return None
        pos += 1 + n
        if s[pos:pos + 1] != ":":
            return None
        minute, n = _parse_number(s, pos + 1)
        if n == 0 or n > 2 or minute > 59:
            return None
        pos += 1 + n
        if s[pos:pos + 1] == ":":
            second, n = _parse_number(s, pos + 1)
            if n == 0 or n > 2 or second > 59:
                return None
            pos += 1 + n
            if s[pos:pos + 1] == ".":
                _, n = _parse_number(s, pos + 1)
                if n == 0:
                    return None
                digits = s[pos + 1:pos + 1 + min(n, 3)]
                millis = int(digits.ljust(3, "0"))
                pos += 1 + n
    offset = 0
    if s[pos:pos + 1] in ("z", "Z"):
        pos += 1
    elif s[pos:pos + 1] in ("+", "-"):
        sign = 1 if s[pos] == "+" else -1
        tz_hour, n = _parse_number(s, pos + 1)
        if n == 0 or n > 2 or tz_hour > 23:
            return None
        pos += 1 + n
        if s[pos:pos + 1] != ":":
            return None
        tz_minute, n = _parse_number(s, pos + 1)
        if n == 0 or n > 2 or tz_minute > 59:
            return None
        pos += 1 + n
        offset = sign * tz_hour * 60 + tz_minute  # arangod negates the hours only: -05:30 is -4:30
    if pos != len(s):
        return None
    ms = (days_from_civil(year, month, day) * _MS_PER_DAY + hour * 3_600_000 + minute * 60_000
          + second * 1000 + millis)
    if offset:
        ms -= offset * 60_000
        if not 0 <= _Parts(ms).year <= 9999:
            return None
    return ms


def _time_point(ctx: FunctionContext, name: str, value: Any) -> int | None:
    """``parameterToTimePoint``: a number of milliseconds (truncated; outside year 0..9999:
    warning 1572) or a date string (unreadable: warning 1572); other types: warning 1542."""
    if is_number(value):
        ms = to_int64(value)
        if not _MIN_MS <= ms <= _MAX_MS:
            warn(ctx, name, INVALID_DATE)
            return None
        return ms
    if isinstance(value, str):
        ms_or_none = parse_date_time(value)
        if ms_or_none is None:
            warn(ctx, name, INVALID_DATE)
        return ms_or_none
    warn_type(ctx, name)
    return None


def format_iso(ctx: FunctionContext | None, name: str, ms: int, utc: bool = True) -> Any:
    """``timeAqlValue``: ``YYYY-MM-DDTHH:MM:SS.fffZ`` (without ``Z`` when not ``utc``); a year
    outside 0..9999: warning 1572 (when ``ctx`` is given) and null."""
    p = _Parts(ms)
    if not 0 <= p.year <= 9999:
        if ctx is not None:
            warn(ctx, name, INVALID_DATE)
        return None
    text = (f"{p.year:04d}-{p.month:02d}-{p.day:02d}T{p.hour:02d}:{p.minute:02d}:{p.second:02d}."
            f"{p.millisecond:03d}")
    return text + "Z" if utc else text


@define("DATE_NOW", "")
def date_now(ctx: FunctionContext, args: list[Any]) -> int:
    """``DATE_NOW()``: the query's clock in Unix milliseconds (the fake clock)."""
    return int(ctx.now_ms())


def _from_parameters(ctx: FunctionContext, name: str, args: list[Any], timestamp: bool) -> Any:
    """``dateFromParameters``: one date argument, or 3 to 7 numbers/strings (year, month, day,
    hour, minute, second, millisecond; negative parts: warning 1572; milliseconds capped at
    999)."""
    if len(args) == 1:
        ms = _time_point(ctx, name, args[0])
        if ms is None:
            return None
    else:
        if len(args) < 3 or any(not (is_number(a) or isinstance(a, str)) for a in args):
            warn_type(ctx, name)
            return None
        parts = [to_int64(a) for a in args]
        year, month, day = parts[:3]
        if not 0 <= year <= 9999 or month < 0 or day < 0:
            warn(ctx, name, INVALID_DATE)
            return None
        hour, minute, second, millis = (parts[3:] + [0, 0, 0, 0])[:4]
        millis = min(millis, 999)
        if hour < 0 or minute < 0 or second < 0 or millis < 0:
            warn(ctx, name, INVALID_DATE)
            return None
        ms = (days_from_civil(year, month, day) * _MS_PER_DAY + hour * 3_600_000 + minute * 60_000
              + second * 1000 + millis)
    if timestamp:
        return ms
    return format_iso(ctx, name, ms)


@define("DATE_ISO8601", ".|.,.,.,.,.,.")
def date_iso8601(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DATE_ISO8601(date)`` / ``DATE_ISO8601(year, month, day, hour, minute, second, ms)``:
    the ISO 8601 string in UTC."""
    return _from_parameters(ctx, "DATE_ISO8601", args, False)


@define("DATE_TIMESTAMP", ".|.,.,.,.,.,.")
def date_timestamp(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DATE_TIMESTAMP(date)`` / ``DATE_TIMESTAMP(year, month, ...)``: Unix milliseconds."""
    return _from_parameters(ctx, "DATE_TIMESTAMP", args, True)


@define("IS_DATESTRING", ".")
def is_datestring(ctx: FunctionContext, args: list[Any]) -> bool:
    """``IS_DATESTRING(value)``: whether ``value`` is a string the date functions accept."""
    return isinstance(args[0], str) and parse_date_time(args[0]) is not None


def _extractor(name: str, signature: str, pick: Any, doc: str) -> None:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        ms = _time_point(ctx, name, args[0])
        return None if ms is None else pick(_Parts(ms))

    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = f"``{name}(date)``: {doc}"
    define(name, signature)(impl)


_extractor("DATE_DAYOFWEEK", ".|.", lambda p: p.weekday, "the weekday, 0 (Sunday) to 6 (Saturday).")
_extractor("DATE_YEAR", ".|.", lambda p: p.year, "the year.")
_extractor("DATE_MONTH", ".|.", lambda p: p.month, "the month, 1 to 12.")
_extractor("DATE_DAY", ".|.", lambda p: p.day, "the day of the month.")
_extractor("DATE_HOUR", ".|.", lambda p: p.hour, "the hour, 0 to 23.")
_extractor("DATE_MINUTE", ".|.", lambda p: p.minute, "the minute.")
_extractor("DATE_SECOND", ".", lambda p: p.second, "the second.")
_extractor("DATE_MILLISECOND", ".", lambda p: p.millisecond, "the millisecond.")
_extractor("DATE_DAYOFYEAR", ".|.", lambda p: p.day_of_year, "the day of the year, 1 to 366.")
_extractor("DATE_ISOWEEK", ".|.", lambda p: p.iso_week()[1], "the ISO 8601 week number, 1 to 53.")
_extractor("DATE_ISOWEEKYEAR", ".|.", lambda p: {"week": p.iso_week()[1], "year": p.iso_week()[0]},
           "``{week, year}`` of the ISO 8601 week date (3.12).")
_extractor("DATE_LEAPYEAR", ".|.", lambda p: _is_leap(p.year), "whether the year is a leap year.")
_extractor("DATE_QUARTER", ".|.", lambda p: (p.month + 2) // 3, "the quarter, 1 to 4.")
_extractor("DATE_DAYS_IN_MONTH", ".|.", lambda p: _days_in_month(p.year, p.month),
           "the number of days in the month.")

_MILLI, _SECOND, _MINUTE, _HOUR, _DAY, _WEEK, _MONTH, _YEAR = range(1, 9)
_UNITS = {"y": _YEAR, "year": _YEAR, "years": _YEAR, "w": _WEEK, "week": _WEEK, "weeks": _WEEK,
          "m": _MONTH, "month": _MONTH, "months": _MONTH, "minute": _MINUTE, "minutes": _MINUTE, "i": _MINUTE,
          "millisecond": _MILLI, "milliseconds": _MILLI, "f": _MILLI, "d": _DAY, "day": _DAY, "days": _DAY,
          "h": _HOUR, "hour": _HOUR, "hours": _HOUR, "s": _SECOND, "second": _SECOND, "seconds": _SECOND}
_UNIT_MS = {_MILLI: 1, _SECOND: 1000, _MINUTE: 60_000, _HOUR: 3_600_000, _DAY: _MS_PER_DAY, _WEEK: 7 * _MS_PER_DAY}


def _unit(value: Any) -> int:
    """``parseDateModifierFlag``: the unit of a (case-insensitive) name, 0 when invalid."""
    return _UNITS.get(value.lower(), 0) if isinstance(value, str) else 0


def _add_months(ms: int, months: int) -> int:
    """``ymd += months{n}`` then ``sys_days(ymd) + time of day`` (a day past the new month's end
    runs on into the next month, as in the ``date`` library)."""
    p = _Parts(ms)
    total = p.year * 12 + (p.month - 1) + months
    year, month = divmod(total, 12)
    return days_from_civil(year, month + 1, p.day) * _MS_PER_DAY + (ms - p.days * _MS_PER_DAY)


def _add_units(ctx: FunctionContext, name: str, ms: int, amount: Any, unit_name: Any, subtract: bool) -> Any:
    """``addOrSubtractUnitFromTimestamp``: whole years and months by the calendar, a fraction
    of a year as months, a fraction of a month as 30 days; smaller units as milliseconds
    (truncated)."""
    units = float(amount)
    integral = isinstance(amount, int)
    if units < 0:
        subtract, units = not subtract, -units
    sign = -1 if subtract else 1
    unit = _unit(unit_name)
    if unit == 0:
        warn(ctx, name, INVALID_DATE)
        return None
    extra = 0.0
    if unit in (_YEAR, _MONTH):
        if unit == _YEAR:
            fraction, whole = math.modf(units)
            ms = _add_months(ms, sign * 12 * int(whole))
            units = fraction * 12
            if integral or units == 0:
                return format_iso(ctx, name, ms)
        fraction, whole = math.modf(units)
        ms = _add_months(ms, sign * int(whole))
        if integral or fraction == 0:
            return format_iso(ctx, name, ms)
        extra = fraction * 30 * _MS_PER_DAY
    else:
        extra = units * _UNIT_MS[unit]
    return format_iso(ctx, name, ms + sign * int(extra))


_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,3}))?S)?)?")


def _add_duration(ctx: FunctionContext, name: str, ms: int, duration: str, subtract: bool) -> Any:
    """``addOrSubtractIsoDurationFromTimestamp``: an ISO 8601 duration ``PnYnMnWnDTnHnMn[.fff]S``
    (``parseIsoDuration``; a fraction only on seconds); invalid: warning 1572 and null."""
    match = _DURATION.fullmatch(duration) if len(duration) > 1 else None
    if match is None:
        warn(ctx, name, INVALID_DATE)
        return None
    years, months, weeks, days, hours, minutes, seconds, fraction = match.groups()
    sign = -1 if subtract else 1
    ms = _add_months(ms, sign * (int(years or 0) * 12 + int(months or 0)))
    delta = ((int(weeks or 0) * 7 + int(days or 0)) * _MS_PER_DAY + int(hours or 0) * 3_600_000
             + int(minutes or 0) * 60_000 + int(seconds or 0) * 1000 + int((fraction or "0").ljust(3, "0")))
    return format_iso(ctx, name, ms + sign * delta)


def _date_add(name: str, subtract: bool) -> None:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        ms = _time_point(ctx, name, args[0])
        if ms is None:
            return None
        if len(args) == 3:
            if not is_number(args[1]) or not isinstance(args[2], str):
                warn_type(ctx, name)
                return None
            return _add_units(ctx, name, ms, args[1], args[2], subtract)
        if not isinstance(args[1], str):
            warn_type(ctx, name)
            return None
        return _add_duration(ctx, name, ms, args[1], subtract)

    verb = "minus" if subtract else "plus"
    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = (f"``{name}(date, amount, unit)`` / ``{name}(date, isoDuration)``: the date {verb} the amount "
                    "as an ISO 8601 string; a bad unit or duration: warning 1572; bad types: warning 1542.")
    define(name, ".,.|.,.")(impl)


_date_add("DATE_ADD", False)
_date_add("DATE_SUBTRACT", True)


@define("DATE_DIFF", ".,.,.|.")
def date_diff(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DATE_DIFF(date1, date2, unit, asFloat)``: ``date2 - date1`` in the unit (a year is
    365.2425 days, a month a twelfth of it), rounded half away from zero unless ``asFloat``."""
    first = _time_point(ctx, "DATE_DIFF", args[0])
    if first is None:
        return None
    second = _time_point(ctx, "DATE_DIFF", args[1])
    if second is None:
        return None
    if not isinstance(args[2], str):
        warn_type(ctx, "DATE_DIFF")
        return None
    unit = _unit(args[2])
    as_float = False
    if len(args) == 4:
        if not isinstance(args[3], bool):
            warn_type(ctx, "DATE_DIFF")
            return None
        as_float = args[3]
    if unit == 0:
        warn(ctx, "DATE_DIFF", INVALID_DATE)
        return None
    year_ms = 146097 / 400 * _MS_PER_DAY
    per = {_YEAR: year_ms, _MONTH: year_ms / 12}.get(unit) or float(_UNIT_MS[unit])
    diff = (second - first) / per
    if as_float:
        from .._values import number

        return number(diff)
    return int(math.floor(abs(diff) + 0.5)) * (1 if diff >= 0 else -1)


@define("DATE_COMPARE", ".,.,.|.,.,.")
def date_compare(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DATE_COMPARE(date1, date2, unitRangeStart, unitRangeEnd)``: whether the dates agree on
    every unit from the start unit down to the end unit (default: the start unit). An invalid
    unit: warning 1542 and null. (As in arangod, a start unit of weeks compares nothing and
    gives true.)"""
    first = _time_point(ctx, "DATE_COMPARE", args[0])
    if first is None:
        return None
    second = _time_point(ctx, "DATE_COMPARE", args[1])
    if second is None:
        return None
    start = _unit(args[2])
    if start == 0:
        warn_type(ctx, "DATE_COMPARE")
        return None
    end = start
    if len(args) >= 4:
        end = _unit(args[3])
        if end == 0:
            warn_type(ctx, "DATE_COMPARE")
            return None
    if start == _WEEK:
        return True
    a, b = _Parts(first), _Parts(second)
    fields = ((_YEAR, "year"), (_MONTH, "month"), (_DAY, "day"), (_HOUR, "hour"), (_MINUTE, "minute"),
              (_SECOND, "second"), (_MILLI, "millisecond"))
    for unit, attribute in fields:
        if unit > start:
            continue
        if unit != _YEAR and end > unit:
            break
        if getattr(a, attribute) != getattr(b, attribute):
            return False
    return True


@define("DATE_TRUNC", ".,.|.")
def date_trunc(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DATE_TRUNC(date, unit)``: the date cut down to the unit (years, months, days, hours,
    minutes, seconds, milliseconds); another unit: warning 1572 and null."""
    ms = _time_point(ctx, "DATE_TRUNC", args[0])
    if ms is None:
        return None
    if not isinstance(args[1], str):
        warn_type(ctx, "DATE_TRUNC")
        return None
    unit = _unit(args[1])
    p = _Parts(ms)
    if unit == _YEAR:
        ms = days_from_civil(p.year, 1, 1) * _MS_PER_DAY
    elif unit == _MONTH:
        ms = days_from_civil(p.year, p.month, 1) * _MS_PER_DAY
    elif unit in (_DAY, _HOUR, _MINUTE, _SECOND, _MILLI):
        ms -= ms % _UNIT_MS[unit]
    else:
        warn(ctx, "DATE_TRUNC", INVALID_DATE)
        return None
    return format_iso(ctx, "DATE_TRUNC", ms)


_ROUND_UNITS = {"milliseconds": 1, "millisecond": 1, "f": 1, "seconds": 1000, "second": 1000, "s": 1000,
                "minutes": 60_000, "minute": 60_000, "i": 60_000, "hours": 3_600_000, "hour": 3_600_000,
                "h": 3_600_000, "days": _MS_PER_DAY, "day": _MS_PER_DAY, "d": _MS_PER_DAY}


@define("DATE_ROUND", ".,.,.|.")
def date_round(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DATE_ROUND(date, amount, unit)``: the date rounded down to a multiple of ``amount``
    units since the epoch (units are case-sensitive here, as in arangod; integer division
    truncates toward zero); a non-positive amount or another unit: warning 1542 and null."""
    ms = _time_point(ctx, "DATE_ROUND", args[0])
    if ms is None:
        return None
    if not is_number(args[1]) or not isinstance(args[2], str):
        warn_type(ctx, "DATE_ROUND")
        return None
    amount = to_int64(args[1])
    factor = _ROUND_UNITS.get(args[2])
    if amount <= 0 or factor is None:
        warn_type(ctx, "DATE_ROUND")
        return None
    step = amount * factor
    quotient = abs(ms) // step * (1 if ms >= 0 else -1)
    return format_iso(ctx, "DATE_ROUND", quotient * step)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_PLACEHOLDER = re.compile(r"%&|%yyyyyy|%mmmm|%yyyy|%wwww|%mmm|%www|%fff|%xxx|%yy|%mm|%dd|%hh|%ii|%ss|%kk|%t|%z|%w"
                          r"|%y|%m|%d|%h|%i|%s|%f|%x|%k|%l|%q|%a|%%|%")


def _year6(year: int) -> str:
    return f"-{abs(year):06d}" if year < 0 else (f"+{year:06d}" if year <= 99999 else str(year))


def _year4(year: int) -> str:
    """``%yyyy`` as arangod writes it: years 9, 99 and 999 get one digit too few (its checks are
    ``< 9``, ``< 99``, ``< 999``)."""
    if year < 0:
        return f"-{abs(year):03d}" if year > -1000 else str(year)
    if year < 9:
        return f"000{year}"
    if year < 99:
        return f"00{year}"
    if year < 999:
        return f"0{year}"
    return str(year)[-4:]


def _placeholder(token: str, p: _Parts) -> str:
    values = {
        "%&": "", "%yyyyyy": _year6(p.year), "%mmmm": _MONTHS[p.month - 1], "%yyyy": _year4(p.year),
        "%wwww": _WEEKDAYS[p.weekday], "%mmm": _MONTHS[p.month - 1][:3], "%www": _WEEKDAYS[p.weekday][:3],
        "%fff": f"{p.millisecond:03d}", "%xxx": f"{p.day_of_year:03d}",
        "%yy": f"0{abs(p.year)}" if -10 < p.year < 10 else str(abs(p.year))[-2:],
        "%mm": f"{p.month:02d}", "%dd": f"{p.day:02d}", "%hh": f"{p.hour:02d}", "%ii": f"{p.minute:02d}",
        "%ss": f"{p.second:02d}", "%kk": f"{p.iso_week()[1]:02d}", "%t": str(p.ms),
        "%z": format_iso(None, "", p.ms) or "", "%w": str(p.weekday), "%y": str(p.year), "%m": str(p.month),
        "%d": str(p.day), "%h": str(p.hour), "%i": str(p.minute), "%s": str(p.second), "%f": str(p.millisecond),
        "%x": str(p.day_of_year), "%k": str(p.iso_week()[1]), "%l": "1" if _is_leap(p.year) else "0",
        "%q": str((p.month + 2) // 3), "%a": str(_days_in_month(p.year, p.month)), "%%": "%", "%": "",
    }
    return values[token]


@define("DATE_FORMAT", ".,.|.")
def date_format(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DATE_FORMAT(date, format)`` (``basics::formatDate``): the format with its
    placeholders (``%y``, ``%yyyy``, ``%mm``, ``%dd``, ``%hh``, ``%ii``, ``%ss``, ``%fff``,
    ``%t``, ``%z``, ``%w``, ``%www``, ``%wwww``, ``%mmm``, ``%mmmm``, ``%x``, ``%xxx``, ``%k``,
    ``%kk``, ``%l``, ``%q``, ``%a``, ``%yy``, ``%yyyyyy``, ``%%``, ``%&``; the first listed
    alternative wins) replaced; a non-string format: warning 1542 and null."""
    ms = _time_point(ctx, "DATE_FORMAT", args[0])
    if ms is None:
        return None
    if not isinstance(args[1], str):
        warn_type(ctx, "DATE_FORMAT")
        return None
    parts = _Parts(ms)
    return _PLACEHOLDER.sub(lambda m: _placeholder(m.group(0), parts), args[1])


def _zone(name: str) -> Any:
    """The ``zoneinfo`` zone ``name``.

    Raises:
        ArangoError: 4 ``<name> not found in timezone database`` (the ``date`` library throws
            a ``std::runtime_error`` there, which fails the query).
    """
    import zoneinfo

    from ..._errors import ArangoError

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ArangoError(4, f"{name} not found in timezone database", 500) from None


def _tzdb_version() -> str:
    """The tz database version (first line of the system's ``tzdata.zi``), or ``"unknown"``."""
    try:
        with open("/usr/share/zoneinfo/tzdata.zi", encoding="ascii") as handle:
            first = handle.readline()
        return first.split()[-1] if first.startswith("# version") else "unknown"
    except OSError:
        return "unknown"


def _offset_at(zone: Any, ms: int) -> tuple[int, bool, str]:
    """``(offset seconds, dst, abbreviation)`` of ``zone`` at UTC ``ms``."""
    import datetime as dt

    moment = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(milliseconds=ms)
    local = moment.astimezone(zone)
    offset = local.utcoffset() or dt.timedelta(0)
    dst = local.dst() or dt.timedelta(0)
    return int(offset.total_seconds()), dst.total_seconds() != 0, local.tzname() or ""


def _period(zone: Any, ms: int) -> tuple[int, int]:
    """The UTC bounds ``[begin, end)`` (ms) of the zone rule in force at ``ms``, found by a
    day-step scan (at most two years each way) and bisection."""
    here = _offset_at(zone, ms)

    def edge(direction: int) -> int:
        inside = ms
        step = direction * _MS_PER_DAY
        for _ in range(731):
            probe = inside + step
            if not _MIN_MS <= probe <= _MAX_MS:
                return _MIN_MS if direction < 0 else _MAX_MS + 1
            if _offset_at(zone, probe) != here:
                outside = probe
                while abs(outside - inside) > 1:
                    middle = (inside + outside) // 2
                    if _offset_at(zone, middle) == here:
                        inside = middle
                    else:
                        outside = middle
                return inside if direction < 0 else outside
            inside = probe
        return _MIN_MS if direction < 0 else _MAX_MS + 1

    return edge(-1), edge(1)


def _zone_info(zone: Any, ms: int) -> dict[str, Any]:
    offset, dst, abbreviation = _offset_at(zone, ms)
    begin, end = _period(zone, ms)
    return {"name": abbreviation, "begin": format_iso(None, "", begin), "end": format_iso(None, "", end),
            "dst": dst, "offset": offset}


def _detail_flag(ctx: FunctionContext, name: str, args: list[Any]) -> bool | None:
    if len(args) == 3:
        if not isinstance(args[2], bool):
            warn_type(ctx, name)
            return None
        return args[2]
    return False


@define("DATE_UTCTOLOCAL", ".,.|.")
def date_utc_to_local(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DATE_UTCTOLOCAL(date, timezone, zoneinfo)``: the local time in the IANA zone (no ``Z``
    unless the zone is at UTC+0 without DST); with ``zoneinfo`` an object ``{local, tzdb,
    zoneInfo: {name, begin, end, dst, offset}}``."""
    ms = _time_point(ctx, "DATE_UTCTOLOCAL", args[0])
    if ms is None:
        return None
    if not isinstance(args[1], str):
        warn_type(ctx, "DATE_UTCTOLOCAL")
        return None
    detail = _detail_flag(ctx, "DATE_UTCTOLOCAL", args)
    if detail is None:
        return None
    zone = _zone(args[1])
    offset, dst, _ = _offset_at(zone, ms)
    local = format_iso(ctx, "DATE_UTCTOLOCAL", ms + offset * 1000, utc=offset == 0 and not dst)
    if not detail:
        return local
    return {"local": local, "tzdb": _tzdb_version(), "zoneInfo": _zone_info(zone, ms)}


@define("DATE_LOCALTOUTC", ".,.|.")
def date_local_to_utc(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DATE_LOCALTOUTC(date, timezone, zoneinfo)``: the UTC time of a local time in the IANA
    zone (the earlier reading of an ambiguous one); with ``zoneinfo`` an object ``{utc, tzdb,
    zoneInfo}``."""
    ms = _time_point(ctx, "DATE_LOCALTOUTC", args[0])
    if ms is None:
        return None
    if not isinstance(args[1], str):
        warn_type(ctx, "DATE_LOCALTOUTC")
        return None
    detail = _detail_flag(ctx, "DATE_LOCALTOUTC", args)
    if detail is None:
        return None
    import datetime as dt

    zone = _zone(args[1])
    p = _Parts(ms)
    if not 1 <= p.year <= 9999:
        guess = ms
    else:
        naive = dt.datetime(p.year, p.month, p.day, p.hour, p.minute, p.second, p.millisecond * 1000)
        offset = naive.replace(tzinfo=zone, fold=0).utcoffset() or dt.timedelta(0)
        guess = ms - int(offset.total_seconds() * 1000)
    utc = format_iso(ctx, "DATE_LOCALTOUTC", guess)
    if not detail:
        return utc
    return {"utc": utc, "tzdb": _tzdb_version(), "zoneInfo": _zone_info(zone, guess)}


@define("DATE_TIMEZONE", "")
def date_timezone(ctx: FunctionContext, args: list[Any]) -> str:
    """``DATE_TIMEZONE()``: the server's time zone; the fake runs as ArangoDB's Docker image
    does, in ``Etc/UTC``."""
    return "Etc/UTC"


@define("DATE_TIMEZONES", "")
def date_timezones(ctx: FunctionContext, args: list[Any]) -> list[str]:
    """``DATE_TIMEZONES()``: the names of the tz database's zones and links (``zoneinfo``),
    sorted."""
    import zoneinfo

    return sorted(zoneinfo.available_timezones())

