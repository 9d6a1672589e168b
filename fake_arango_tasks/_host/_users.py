"""``@arangodb/users`` on the fake's users (``arangod/V8Server/v8-users.cpp`` over
``auth::UserManager``; the JavaScript module ``js/server/modules/@arangodb/users.js`` adds
``exists``, ``isValid`` and ``all``).

Permissions as ``v8-users.cpp`` checks them: managing grants, removing users and reloading need
an admin user (the superuser or rw on ``_system``: ``ExecContext::isAdminUser``); reading or
changing one's own user is allowed (``CanAccessUser``); anything else is 403/11. ``update``
answers ``true`` even for an unknown user (arangod ignores ``updateUser``'s result there).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .. import _errors as E
from .._auth import Access, User
from .._errors import ArangoError
from .._runtime import Job
from ._context import HostContext, Op, arg

__all__ = ["UserOps"]


def _level(value: Any) -> Access:
    """``auth::convertToAuthLevel``."""
    text = str(value)
    return "rw" if text == "rw" else "ro" if text == "ro" else "none"


def _usage(text: str) -> ArangoError:
    return ArangoError(E.BAD_PARAMETER, f"usage: {text}")


class UserOps:
    """The ``users.*`` host operations (see :attr:`ops`)."""

    def __init__(self, ctx: HostContext) -> None:
        self._ctx = ctx
        self._auth = ctx.auth
        self.ops: dict[str, Op] = {
            "users.save": self._save, "users.replace": self._replace, "users.update": self._update,
            "users.remove": self._remove, "users.document": self._document, "users.reload": self._reload,
            "users.grantDatabase": self._grant_database, "users.revokeDatabase": self._revoke_database,
            "users.grantCollection": self._grant_collection, "users.revokeCollection": self._revoke_collection,
            "users.updateConfigData": self._update_config, "users.configData": self._config,
            "users.permission": self._permission, "users.currentUser": self._current,
            "users.isAuthActive": self._auth_active, "users.all": self._all, "users.isValid": self._is_valid,
        }

    def _admin(self, job: Job) -> None:
        if not self._ctx.is_admin(job):
            raise ArangoError(E.FORBIDDEN)

    def _may_access(self, job: Job, name: str) -> None:
        if not (self._ctx.is_admin(job) or job.task.user == name):
            raise ArangoError(E.FORBIDDEN)

    def _store(self, job: Job, args: list[Any], replace_existing: bool) -> Any:
        if not args:
            raise _usage("save(username, password[, active, userData])")
        name = arg(args, 0)
        if not isinstance(name, str):
            raise ArangoError(E.USER_INVALID_NAME)
        self._may_access(job, name)
        password = arg(args, 1) if isinstance(arg(args, 1), str) else ""
        active = arg(args, 2) if isinstance(arg(args, 2), bool) else True
        extra = arg(args, 3)
        made = self._auth.store_user(name, password, active, extra if isinstance(extra, dict) else {},
                                     replace_existing=replace_existing)
        return made.to_json(name)

    def _save(self, job: Job, args: list[Any]) -> Any:
        return self._store(job, args, False)

    def _replace(self, job: Job, args: list[Any]) -> Any:
        return self._store(job, args, True)

    def _update(self, job: Job, args: list[Any]) -> Any:
        name = arg(args, 0)
        if not isinstance(name, str):
            raise _usage("update(username[, password, active, userData])")
        self._may_access(job, name)

        def change(user: User) -> User:
            if isinstance(arg(args, 1), str):
                user = replace(user, password=arg(args, 1))
            if isinstance(arg(args, 2), bool):
                user = replace(user, active=arg(args, 2))
            if len(args) >= 4 and isinstance(args[3], dict):
                user = replace(user, extra=dict(args[3]))
            return user

        try:
            self._auth.update_user(name, change)
        except ArangoError:
            pass
        return True

    def _remove(self, job: Job, args: list[Any]) -> Any:
        if not isinstance(arg(args, 0), str):
            raise _usage("remove(username)")
        self._admin(job)
        self._auth.remove_user(args[0])
        return True

    def _document(self, job: Job, args: list[Any]) -> Any:
        name = arg(args, 0)
        if not isinstance(name, str):
            raise _usage("document(username)")
        self._may_access(job, name)
        return self._auth.user(name).to_json(name)

    def _reload(self, job: Job, args: list[Any]) -> Any:
        if args:
            raise _usage("reload()")
        self._admin(job)
        return None

    def _grant_database(self, job: Job, args: list[Any]) -> Any:
        if not (isinstance(arg(args, 0), str) and isinstance(arg(args, 1), str)):
            raise _usage("grantDatabase(username, database, type)")
        self._admin(job)
        level = _level(args[2]) if len(args) >= 3 else "rw"
        self._auth.update_user(args[0], lambda u: replace(u, databases={**u.databases, args[1]: level}))
        return None

    def _revoke_database(self, job: Job, args: list[Any]) -> Any:
        if not (isinstance(arg(args, 0), str) and isinstance(arg(args, 1), str)):
            raise _usage("revokeDatabase(username,  database)")
        self._admin(job)
        self._auth.update_user(args[0], lambda u: replace(u, databases={k: v for k, v in u.databases.items()
                                                                         if k != args[1]}))
        return None

    def _check_collection(self, database: str, collection: str) -> None:
        """``existsCollection`` of ``v8-users.cpp``: wildcards always match."""
        if database == "*":
            return
        if not self._ctx.databases.exists(database):
            raise ArangoError(E.DATABASE_NOT_FOUND)
        if collection != "*" and not self._ctx.documents.has(database, collection):
            raise ArangoError(E.DATA_SOURCE_NOT_FOUND)

    def _grant_collection(self, job: Job, args: list[Any]) -> Any:
        if not all(isinstance(arg(args, i), str) for i in range(3)):
            raise _usage("grantCollection(username, db, coll[, type])")
        self._admin(job)
        name, database, collection = args[0], args[1], args[2]
        self._check_collection(database, collection)
        level = _level(args[3]) if len(args) >= 4 else "rw"

        def change(user: User) -> User:
            grants = {db: dict(c) for db, c in user.collections.items()}
            grants.setdefault(database, {})[collection] = level
            return replace(user, collections=grants)

        self._auth.update_user(name, change)
        return None

    def _revoke_collection(self, job: Job, args: list[Any]) -> Any:
        if not all(isinstance(arg(args, i), str) for i in range(3)):
            raise _usage("revokeCollection(username, db, coll)")
        self._admin(job)
        name, database, collection = args[0], args[1], args[2]
        self._check_collection(database, collection)

        def change(user: User) -> User:
            grants = {db: {c: lv for c, lv in cs.items() if not (db == database and c == collection)}
                      for db, cs in user.collections.items()}
            return replace(user, collections=grants)

        self._auth.update_user(name, change)
        return None

    def _update_config(self, job: Job, args: list[Any]) -> Any:
        if not (isinstance(arg(args, 0), str) and isinstance(arg(args, 1), str)):
            raise _usage("updateConfigData(username, key[, value])")
        self._may_access(job, args[0])
        key, value = args[1], arg(args, 2)

        def change(user: User) -> User:
            config = dict(user.config)
            if value is None:  # merge with nullMeansRemove
                config.pop(key, None)
            else:
                config[key] = value
            return replace(user, config=config)

        self._auth.update_user(args[0], change)
        return None

    def _config(self, job: Job, args: list[Any]) -> Any:
        if not isinstance(arg(args, 0), str) or (len(args) > 1 and not isinstance(args[1], str)):
            raise _usage("configData(username[, key])")
        self._may_access(job, args[0])
        return dict(self._auth.user(args[0]).config)

    def _permission(self, job: Job, args: list[Any]) -> Any:
        if not args or len(args) > 3 or not all(isinstance(a, str) for a in args):
            raise _usage("permission(username[, database, collection])")
        try:
            user: User | None = self._auth.user(args[0])
        except ArangoError:
            user = None
        if len(args) > 1:
            if user is None:
                return "none"
            return user.collection_access(args[1], args[2]) if len(args) == 3 else user.access(args[1])
        if user is None:
            return {}
        levels = {name: user.access(name) for name in self._ctx.databases.names()}
        return {name: level for name, level in levels.items() if level != "none"}

    def _current(self, job: Job, args: list[Any]) -> Any:
        if args:
            raise _usage("currentUser()")
        return job.task.user or None

    def _auth_active(self, job: Job, args: list[Any]) -> Any:
        return self._auth.enabled

    def _all(self, job: Job, args: list[Any]) -> Any:
        """``users.all()``: every user as ``{user, active, extra}`` (admin only)."""
        self._admin(job)
        return [self._auth.user(name).to_json(name) for name in self._auth.user_names()]

    def _is_valid(self, job: Job, args: list[Any]) -> Any:
        """``users.isValid(user, password)``: whether the password is the active user's."""
        name = arg(args, 0)
        if not isinstance(name, str) or not name:
            raise ArangoError(E.USER_INVALID_NAME)
        self._may_access(job, name)
        return self._auth.password_matches(name, str(arg(args, 1)))
