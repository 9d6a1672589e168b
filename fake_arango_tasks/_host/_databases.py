"""Databases from task commands (``v8-vocbase.cpp``: ``JS_UseDatabase``, ``JS_CreateDatabase``,
``JS_DropDatabase``, ``JS_Databases``, ``JS_NameDatabase``, ``JS_IdDatabase``,
``JS_IsSystemDatabase``, ``JS_PathDatabase``; ``VocBase/Methods/Databases.cpp``).

- ``_useDatabase(name)``: 403/11 unless the security context may switch databases, which a task
  has only with ``--server.allow-use-database`` (``Task::work``: the internal context; the task
  context otherwise); 404/1228 for an unknown database. The switch lasts for the rest of the run.
- ``_createDatabase(name, options, users)``, ``_dropDatabase(name)``, ``_databases()``: only in
  ``_system`` (400/1230) and, for creating and dropping, only for an admin user (403/11). The
  creating user (unless the superuser) is granted rw on the new database (``grantCurrentUser``);
  ``users`` entries are created with rw access to it (``Upgrade::createDB``).
"""

from __future__ import annotations

from typing import Any

from .. import _errors as E
from .._databases import SYSTEM
from .._errors import ArangoError
from .._runtime import Job
from ._context import HostContext, Op, arg, principal

__all__ = ["DatabaseOps"]


class DatabaseOps:
    """The ``db.*`` host operations (see :attr:`ops`); the first argument is the run's database."""

    def __init__(self, ctx: HostContext) -> None:
        self._ctx = ctx
        self.ops: dict[str, Op] = {"db.use": self._use, "db.create": self._create, "db.drop": self._drop,
                                   "db.list": self._list, "db.info": self._info}

    def _use(self, job: Job, args: list[Any]) -> Any:
        if not self._ctx.allow_use_database:
            raise ArangoError(E.FORBIDDEN)
        name = str(arg(args, 1))
        if not self._ctx.databases.exists(name):
            raise ArangoError(E.DATABASE_NOT_FOUND)
        if self._ctx.level(job, name) == "none":
            raise ArangoError(E.FORBIDDEN)
        return name

    def _in_system(self, args: list[Any]) -> None:
        if arg(args, 0) != SYSTEM:
            raise ArangoError(E.USE_SYSTEM_DATABASE)

    def _create(self, job: Job, args: list[Any]) -> Any:
        self._in_system(args)
        name, users = arg(args, 1), arg(args, 3)
        if not self._ctx.is_admin(job):
            raise ArangoError(E.FORBIDDEN)
        for user in users if isinstance(users, list) else []:
            if not isinstance(user, dict):
                raise ArangoError(E.BAD_PARAMETER, "user is not an object")
        self._ctx.databases.create(name)
        creator = job.task.user
        if creator:
            self._ctx.auth.add_user(creator, "", {str(name): "rw"})
        for user in users if isinstance(users, list) else []:
            username = user.get("username", user.get("user"))
            if isinstance(username, str) and username:
                password = user.get("passwd", "")
                self._ctx.auth.add_user(username, password if isinstance(password, str) else "", {str(name): "rw"})
        return True

    def _drop(self, job: Job, args: list[Any]) -> Any:
        self._in_system(args)
        if not self._ctx.is_admin(job):
            raise ArangoError(E.FORBIDDEN)
        self._ctx.databases.drop(str(arg(args, 1)))
        return True

    def _list(self, job: Job, args: list[Any]) -> Any:
        """``db._databases([user])``: every database the run's user (or ``user``) can use; without
        a user only in ``_system`` (``Databases::list``)."""
        user = arg(args, 1)
        if user is None:
            self._in_system(args)
            return [name for name in self._ctx.databases.names() if self._ctx.level(job, name) != "none"]
        who = principal(str(user))
        return [name for name in self._ctx.databases.names() if self._ctx.auth.access(who, name) != "none"]

    def _info(self, job: Job, args: list[Any]) -> Any:
        """``{name, id, path, isSystem}`` of the run's database."""
        return self._ctx.databases.info(str(arg(args, 0)))
