"""Every bad argument of the Python API is refused where it is given, with a TypeError or a
ValueError that names the argument and what is allowed (issue 11, defect 8)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from fake_arango_tasks import ClockError, FakeArangoTasks, FakeClock, OptionError, OptionTypeError, User


@pytest.mark.parametrize(("options", "error", "message"), [
    ({"port": 70000}, OptionError, "port must be between 0 and 65535, not 70000"),
    ({"port": -1}, OptionError, "port must be between 0 and 65535, not -1"),
    ({"port": 8529.5}, OptionTypeError, "port must be an int, not float 8529.5"),
    ({"port": "x"}, OptionTypeError, "port must be an int, not str 'x'"),
    ({"port": True}, OptionTypeError, "port must be an int, not bool True"),
    ({"host": ""}, OptionError, "host must not be empty"),
    ({"host": 1}, OptionTypeError, "host must be a non-empty str"),
    ({"clock": "slow"}, OptionError, "clock must be 'fake' or 'wall'"),
    ({"clock": 3}, OptionTypeError, "clock must be None, 'fake', 'wall', a FakeClock or a WallClock, not int 3"),
    ({"run_timeout": "2"}, OptionTypeError, "run_timeout must be a number, not str '2'"),
    ({"run_timeout": 0}, OptionError, "run_timeout must be a finite number > 0, not 0"),
    ({"run_timeout": math.inf}, OptionError, "run_timeout must be a finite number > 0, not inf"),
    ({"users": ["root"]}, OptionTypeError, "users must be None or a mapping of user name to password"),
    ({"users": {"root": 1}}, OptionTypeError, "users['root'] must be a password (str) or a User, not int 1"),
    ({"users": {"": "pw"}}, OptionError, "a user name in users must not be empty"),
    ({"seed": "x"}, OptionTypeError, "seed must be an int, not str 'x'"),
    ({"seed": 1.5}, OptionTypeError, "seed must be an int"),
    ({"version": "banana"}, OptionError, "version must look like MAJOR.MINOR.PATCH (e.g. '3.12.4'), not 'banana'"),
    ({"version": 3.12}, OptionTypeError, "version must be a non-empty str"),
    ({"javascript_tasks": "false"}, OptionTypeError, "javascript_tasks must be True or False, not str 'false'"),
    ({"jwt_secret": ""}, OptionError, "jwt_secret must not be empty"),
    ({"control_token": 5}, OptionTypeError, "control_token must be a non-empty str or None"),
    ({"run_max_memory": 1024}, OptionError, "run_max_memory must be at least 16777216"),
    ({"run_max_output": 0}, OptionError, "run_max_output must be at least 1"),
    ({"max_runs": 0}, OptionError, "max_runs must be at least 1"),
    ({"max_journal_output": 0}, OptionError, "max_journal_output must be at least 1"),
    ({"max_requests": -1}, OptionError, "max_requests must be at least 0"),
    ({"max_batch": 0}, OptionError, "max_batch must be at least 1"),
    ({"max_runs_per_advance": 0.5}, OptionTypeError, "max_runs_per_advance must be an int"),
])
def test_bad_options_are_refused_at_construction(options: dict[str, object], error: type, message: str) -> None:
    with pytest.raises(error) as excinfo:
        FakeArangoTasks(**options)  # type: ignore[arg-type]
    assert str(excinfo.value).startswith(message)
    assert isinstance(excinfo.value, TypeError if error is OptionTypeError else ValueError)


def test_good_options_are_taken() -> None:
    fake = FakeArangoTasks(port=0, users={"root": "pw", "ro": User("x", {"*": "ro"})}, version="3.12.0-devel",
                           run_timeout=1, seed=-3, max_requests=0, control_token="t")
    assert fake.version == "3.12.0-devel" and fake.control_token == "t"


@pytest.mark.parametrize(("seconds", "error", "message"), [
    ("10", OptionTypeError, "can only advance by seconds (an int or float) or a datetime.timedelta, not str '10'"),
    (None, OptionTypeError, "can only advance by seconds (an int or float) or a datetime.timedelta, not NoneType"),
    (-1, ClockError, "can only advance by a finite, non-negative number of seconds, not -1"),
    (math.nan, ClockError, "can only advance by a finite, non-negative number of seconds, not nan"),
    (timedelta(seconds=-1), ClockError, "can only advance by a finite, non-negative number of seconds, not -1.0"),
    (10**12, ClockError, "advancing 1000000000000 s from 2024-01-01T00:00:00.000Z would pass the year 9999"),
    (1e308, ClockError, "advancing 1e+308 s from 2024-01-01T00:00:00.000Z would pass the year 9999"),
])
def test_bad_advances(seconds: object, error: type, message: str) -> None:
    fake = FakeArangoTasks()
    with pytest.raises(error) as excinfo:
        fake.advance(seconds)  # type: ignore[arg-type]
    assert str(excinfo.value).startswith(message)
    assert fake.now == 1704067200.0


@pytest.mark.parametrize(("when", "error", "message"), [
    (datetime(2024, 1, 2), OptionTypeError, "when must be a timezone-aware datetime"),
    ("2024-01-02", OptionTypeError, "when must be a timezone-aware datetime or Unix seconds"),
    (datetime(2023, 12, 31, tzinfo=timezone.utc), ClockError, "time never goes backwards: 2023-12-31T00:00:00.000Z"),
    (1e13, ClockError, "when must lie between 1970 and the year 9999"),
])
def test_bad_advance_to(when: object, error: type, message: str) -> None:
    fake = FakeArangoTasks()
    with pytest.raises(error) as excinfo:
        fake.advance_to(when)  # type: ignore[arg-type]
    assert str(excinfo.value).startswith(message)


def test_bad_arguments_of_the_other_calls() -> None:
    fake = FakeArangoTasks()
    with pytest.raises(OptionTypeError, match="limit must be seconds"):
        fake.run_until_idle("1")  # type: ignore[arg-type]
    with pytest.raises(OptionTypeError, match="collect must be True or False"):
        fake.advance(1, collect="no")  # type: ignore[arg-type]
    with pytest.raises(OptionTypeError, match="task_id must be a non-empty str"):
        fake.next_run(None)  # type: ignore[arg-type]
    with pytest.raises(OptionTypeError, match="start must be a timezone-aware datetime or Unix seconds"):
        FakeClock("now")  # type: ignore[arg-type]
    with pytest.raises(ClockError, match="start must lie between 1970 and the year 9999"):
        FakeClock(-1)


@pytest.mark.parametrize(("call", "error", "message"), [
    # over HTTP ArangoDB ignores a non-string id or name; a Python caller meant one (a new user's trial)
    (lambda f: f.create_task("1", id=5), OptionTypeError, "id must be a str or None, not int 5"),
    (lambda f: f.create_task("1", name=["n"]), OptionTypeError, r"name must be a str or None, not list \['n'\]"),
    (lambda f: f.create_task("1", params={"a": {1, 2}}), OptionTypeError,
     "params must be JSON data .*: .*set"),
    (lambda f: f.create_task("1", params=float("nan")), OptionTypeError, "params must be JSON data .*nan"),
    (lambda f: f.http.respond("POST", "http://x/y", status="200"), OptionTypeError, "status must be an int"),
    (lambda f: f.http.respond("POST", "http://x/y", status=99), OptionError, "status must be between 100 and 599"),
    (lambda f: f.http.respond("POST", "x/y"), OptionError, "url must start with http:// or https://"),
    (lambda f: f.http.respond("POST", "http://x/y", body=b"x"), OptionTypeError, "body must be a str or None"),
    (lambda f: f.http.respond(None, "http://x/y"), OptionTypeError, "method must be a non-empty str"),
    (lambda f: f.faults.add("GET", "_api/tasks"), OptionError, "path must start with /"),
])
def test_bad_arguments_name_themselves(call: Any, error: type, message: str) -> None:
    fake = FakeArangoTasks()
    with pytest.raises(error, match=message):
        call(fake)
    assert fake.tasks == [] and fake.http.snapshot() == [] and fake.faults.list() == []


def test_a_busy_port_is_an_oserror_with_errno_and_the_address() -> None:
    import errno

    with FakeArangoTasks() as first:
        second = FakeArangoTasks(port=first.port)
        with pytest.raises(OSError) as excinfo:
            second.start()
        assert excinfo.value.errno == errno.EADDRINUSE
        assert str(excinfo.value.strerror).startswith(f"cannot bind 127.0.0.1:{first.port}: Address already in use")
