"""Argument checks for the public API and the command line: every bad value is refused where it is
given (at construction, at the call), with an :class:`~._errors.OptionTypeError` (a TypeError) or
an :class:`~._errors.OptionError` (a ValueError) that names the argument and what is allowed."""

from __future__ import annotations

import math
import re
from datetime import timedelta
from typing import Any, Final, Mapping

from ._errors import OptionError, OptionTypeError

__all__ = ["check_bool", "check_choice", "check_int", "check_number", "check_port", "check_seconds", "check_str",
           "check_users", "check_version"]

#: A version ArangoDB could report in ``GET /_api/version``: ``MAJOR.MINOR.PATCH`` with an optional
#: suffix (``3.12.4``, ``3.12.0-devel``). The fake's own check of its option (not an emulated rule:
#: the source that builds arangod's version text was not looked up).
_VERSION: Final = re.compile(r"\d{1,4}\.\d{1,4}\.\d{1,4}(?:[-.+][0-9A-Za-z.\-+]{1,64})?")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_int(name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """``value`` when it is an int (not a bool) in ``[minimum, maximum]``.

    Raises:
        OptionTypeError: not an int.
        OptionError: out of range.
    """
    if not _is_int(value):
        raise OptionTypeError(f"{name} must be an int, not {type(value).__name__} {value!r}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        allowed = (f"between {minimum} and {maximum}" if minimum is not None and maximum is not None
                   else f"at least {minimum}" if minimum is not None else f"at most {maximum}")
        raise OptionError(f"{name} must be {allowed}, not {value!r}")
    return int(value)


def check_number(name: str, value: Any, *, positive: bool = False) -> float:
    """``value`` (seconds or another quantity) when it is a finite int or float (not a bool),
    ``> 0`` with ``positive``, else ``>= 0``.

    Raises:
        OptionTypeError: not a number.
        OptionError: negative (or zero with ``positive``), NaN or infinite.
    """
    if not _is_number(value):
        raise OptionTypeError(f"{name} must be a number, not {type(value).__name__} {value!r}")
    if not math.isfinite(value) or value < 0 or (positive and value == 0):
        raise OptionError(f"{name} must be a finite number {'> 0' if positive else '>= 0'}, not {value!r}")
    return float(value)


def check_seconds(name: str, value: Any) -> float:
    """A non-negative duration in seconds from a number or a :class:`~datetime.timedelta`.

    Raises:
        OptionTypeError: neither a number nor a timedelta.
        OptionError: negative, NaN or infinite.
    """
    return check_number(name, as_seconds(name, value))


def as_seconds(name: str, value: Any) -> int | float:
    """A duration in seconds, as given (a number) or from a :class:`~datetime.timedelta`, with no
    range check (what ArangoDB's own rules check, e.g. a task's ``period`` > 0, they check).

    Raises:
        OptionTypeError: neither a number nor a timedelta.
    """
    if isinstance(value, timedelta):
        return value.total_seconds()
    if not _is_number(value):
        raise OptionTypeError(f"{name} must be seconds (an int or float) or a datetime.timedelta, "
                              f"not {type(value).__name__} {value!r}")
    return value  # type: ignore[no-any-return]


def check_bool(name: str, value: Any) -> bool:
    """``value`` when it is a bool.

    Raises:
        OptionTypeError: not a bool.
    """
    if not isinstance(value, bool):
        raise OptionTypeError(f"{name} must be True or False, not {type(value).__name__} {value!r}")
    return value


def check_choice(name: str, value: Any, choices: tuple[str, ...]) -> str:
    """``value`` when it is one of ``choices``.

    Raises:
        OptionTypeError: not a str.
        OptionError: not one of ``choices``.
    """
    if not isinstance(value, str):
        raise OptionTypeError(f"{name} must be one of {', '.join(map(repr, choices))}, not {type(value).__name__} {value!r}")
    if value not in choices:
        raise OptionError(f"{name} must be one of {', '.join(map(repr, choices))}, not {value!r}")
    return value


def check_str(name: str, value: Any, *, optional: bool = False) -> str | None:
    """``value`` when it is a non-empty str (or ``None`` with ``optional``).

    Raises:
        OptionTypeError: not a str.
        OptionError: empty.
    """
    if value is None and optional:
        return None
    if not isinstance(value, str):
        allowed = "a non-empty str or None" if optional else "a non-empty str"
        raise OptionTypeError(f"{name} must be {allowed}, not {type(value).__name__} {value!r}")
    if not value:
        raise OptionError(f"{name} must not be empty")
    return value


def check_port(value: Any) -> int:
    """A TCP port: an int from 0 (a free one) to 65535.

    Raises:
        OptionTypeError: not an int (``8529.5``, ``"8529"``).
        OptionError: outside 0..65535.
    """
    return check_int("port", value, minimum=0, maximum=65535)


def check_version(value: Any) -> str:
    """An ArangoDB version string, ``MAJOR.MINOR.PATCH[-suffix]``.

    Raises:
        OptionTypeError: not a str.
        OptionError: not of that form (``"banana"``).
    """
    text = check_str("version", value)
    assert text is not None
    if not _VERSION.fullmatch(text):
        raise OptionError(f"version must look like MAJOR.MINOR.PATCH (e.g. '3.12.4'), not {text!r}")
    return text


def check_users(value: Any) -> Mapping[str, Any] | None:
    """``None`` or a mapping of non-empty user names to a password (str) or a ``User``.

    Raises:
        OptionTypeError: not a mapping, or a name or a spec of the wrong type.
        OptionError: an empty user name.
    """
    from ._auth import User

    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise OptionTypeError("users must be None or a mapping of user name to password (str) or User, "
                              f"like {{'root': 'pw'}}, not {type(value).__name__} {value!r}")
    for name, spec in value.items():
        check_str("a user name in users", name)
        if not isinstance(spec, (str, User)):
            raise OptionTypeError(f"users[{name!r}] must be a password (str) or a User, "
                                  f"not {type(spec).__name__} {spec!r}")
    return value
