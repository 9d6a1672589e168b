"""The dev stub server: ``python -m fake_arango_tasks`` and the ``fake-arango-tasks`` console script."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Sequence

from ._runtime import DEFAULT_TIMEOUT
from ._server import FakeArangoTasks

__all__ = ["main"]


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


def parser() -> argparse.ArgumentParser:
    """The command line's parser."""
    p = argparse.ArgumentParser(
        prog="fake-arango-tasks",
        description="A fake ArangoDB 3.12 Tasks API server (/_api/tasks) with task commands run in V8.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8529, help="port to bind; 0 picks a free one (default: 8529)")
    p.add_argument(
        "--clock", choices=("wall", "fake"), default="wall",
        help="wall: tasks run on real time; fake: time moves only through POST /_fake/clock/advance (default: wall)",
    )
    p.add_argument(
        "--user", action="append", type=_user, metavar="NAME:PASSWORD",
        help="turn authentication on with this user (repeatable); default: authentication off",
    )
    p.add_argument("--jwt-secret", help="secret for JWTs, as arangod's --server.jwt-secret (default: random)")
    p.add_argument("--arangodb-version", default="3.12.4", help="version to claim; 4.0.0 or later has no Tasks API")
    p.add_argument(
        "--javascript-tasks", type=_bool, default=True, metavar="true|false",
        help="as arangod's --javascript.tasks: false refuses to create tasks (default: true)",
    )
    p.add_argument("--run-timeout", type=float, default=None,
                   help=f"time limit of one task run, seconds (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--seed", type=int, default=0, help="seed of Math.random in task commands (default: 0)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Start the server, print ``fake-arango-tasks listening on URL`` and serve until Ctrl-C or SIGTERM."""
    args = parser().parse_args(argv)
    options = {} if args.run_timeout is None else {"run_timeout": args.run_timeout}
    fake = FakeArangoTasks(
        args.host, args.port, args.clock,
        users=dict(args.user) if args.user else None,
        jwt_secret=args.jwt_secret,
        version=args.arangodb_version,
        javascript_tasks=args.javascript_tasks,
        seed=args.seed,
        **options,
    )
    try:
        fake.start()
    except OSError as exc:
        print(f"fake-arango-tasks: {exc}", file=sys.stderr)
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
    return 0
