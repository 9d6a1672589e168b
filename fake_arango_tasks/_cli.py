"""The dev stub server: ``python -m fake_arango_tasks`` and the ``fake-arango-tasks`` console script.

It prints ``fake-arango-tasks listening on URL`` first, then (at the default level ``info``) a
line per request (method, path, status, milliseconds) and per task run (task, due time,
duration, output; a failed run at ``warning`` with its JS error and stack), all on stdout.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import Any, Sequence

from ._errors import FakeArangoTasksError
from ._runtime import DEFAULT_TIMEOUT
from ._server import FakeArangoTasks

__all__ = ["main", "parser"]

LEVELS = ("debug", "info", "warning", "error")


def _user(text: str) -> tuple[str, str]:
    name, sep, password = text.partition(":")
    if not name or not sep:
        raise argparse.ArgumentTypeError(f"expected NAME:PASSWORD, not {text!r}")
    return name, password


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")


def _version() -> str:
    from ._version import __version__

    return f"fake-arango-tasks {__version__} (claims ArangoDB 3.12.4 unless --arangodb-version)"


def parser() -> argparse.ArgumentParser:
    """The command line's parser."""
    p = argparse.ArgumentParser(
        prog="fake-arango-tasks",
        description="A fake ArangoDB 3.12 Tasks API server (/_api/tasks) with task commands run in V8.",
    )
    p.add_argument("--version", action="version", version=_version())
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8529, help="port to bind, 0..65535; 0 picks a free one (default: 8529)")
    p.add_argument(
        "--clock", choices=("wall", "fake"), default="wall",
        help="wall: tasks run on real time; fake: time moves only through POST /_fake/clock/advance (default: wall)",
    )
    p.add_argument(
        "--user", action="append", type=_user, metavar="NAME:PASSWORD",
        help="turn authentication on with this user (repeatable); default: authentication off",
    )
    p.add_argument("--jwt-secret", help="secret for JWTs, as arangod's --server.jwt-secret (default: random)")
    p.add_argument("--control-token", help="bearer token the /_fake/* control routes accept (and then require)")
    p.add_argument("--arangodb-version", default="3.12.4", help="version to claim; 4.0.0 or later has no Tasks API")
    p.add_argument(
        "--javascript-tasks", type=_bool, default=True, metavar="true|false",
        help="as arangod's --javascript.tasks: false refuses to create tasks (default: true)",
    )
    p.add_argument("--run-timeout", type=float, default=None,
                   help=f"time limit of one task run, seconds > 0 (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--seed", type=int, default=0, help="seed of Math.random in task commands (default: 0)")
    p.add_argument("--max-runs", type=int, default=None, help="runs the journal keeps (default: 100000)")
    p.add_argument("--max-requests", type=int, default=None, help="requests the request journal keeps (default: 1000)")
    p.add_argument("--outgoing", choices=("canned", "loopback"), default="canned",
                   help="canned: commands' outgoing requests are answered from /_fake/http/responses; "
                        "loopback: real requests to 127.0.0.1, ::1 and localhost (default: canned)")
    p.add_argument("--allow-use-database", type=_bool, default=False, metavar="true|false",
                   help="as arangod's --server.allow-use-database: db._useDatabase in commands (default: false)")
    p.add_argument("--log-level", choices=LEVELS, default="info", type=str.lower,
                   help="info: a line per request and per run; warning: failed runs only (default: info)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the listening line and errors "
                   "(as --log-level error)")
    return p


def _options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {
        "users": dict(args.user) if args.user else None, "jwt_secret": args.jwt_secret,
        "control_token": args.control_token, "version": args.arangodb_version,
        "javascript_tasks": args.javascript_tasks, "seed": args.seed, "outgoing": args.outgoing,
        "allow_use_database": args.allow_use_database,
    }
    for name in ("run_timeout", "max_runs", "max_requests"):
        if getattr(args, name) is not None:
            options[name] = getattr(args, name)
    return options


def _configure_logging(level: str) -> logging.Handler:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s.%(msecs)03d %(levelname)-7s %(message)s", "%H:%M:%S"))
    logger = logging.getLogger("fake_arango_tasks")
    logger.addHandler(handler)
    logger.setLevel(getattr(logging, level.upper()))
    logger.propagate = False
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    """Start the server, print ``fake-arango-tasks listening on URL`` and serve until Ctrl-C or
    SIGTERM. Exit status 0 after a clean stop, 1 when the address cannot be bound, 2 for a bad
    option (argparse's convention)."""
    p = parser()
    args = p.parse_args(argv)
    try:
        fake = FakeArangoTasks(args.host, args.port, args.clock, **_options(args))
    except (FakeArangoTasksError, TypeError, ValueError) as exc:
        p.error(str(exc).replace("run_timeout", "--run-timeout").replace("max_runs", "--max-runs")
                .replace("max_requests", "--max-requests").replace("port must", "--port must")
                .replace("version must", "--arangodb-version must"))
    handler = _configure_logging("error" if args.quiet else args.log_level)
    try:
        fake.start()
    except OSError as exc:
        print(f"fake-arango-tasks: {exc.strerror or exc}", file=sys.stderr)
        return 1
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(f"fake-arango-tasks listening on {fake.url}", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
        logging.getLogger("fake_arango_tasks").removeHandler(handler)
    return 0
