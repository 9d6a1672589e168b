"""Authentication and database permissions, as arangod applies them to the Tasks API.

Off by default (``users=None``): every request is accepted and acts as ArangoDB's superuser
context with user ``""``. On when users are given: Basic credentials or a bearer JWT are required,
bad ones get 401/11 ``not authorized to execute this request``. JWTs are HS256 tokens signed with
the server's ``jwt_secret``: session tokens from ``POST /_open/auth`` (claim
``preferred_username``), or superuser tokens made with that secret (``server_id``, no user), as
arangod accepts them (``arangod/Auth/TokenCache.cpp``).
"""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Final, Literal, Mapping, Union

import jwt

from . import _errors as E
from ._errors import ArangoError

__all__ = ["Access", "Auth", "Principal", "User", "UserSpec", "SESSION_SECONDS"]

#: Lifetime of a ``/_open/auth`` token, seconds: 30 days (``RestAuthHandler::_validFor``).
SESSION_SECONDS: Final = 60 * 60 * 24 * 30
Access = Literal["rw", "ro", "none"]


@dataclass(frozen=True)
class User:
    """A user of the fake: ``password`` and access per database (``"*"`` is the default entry).

    Attributes:
        active: an inactive user cannot log in (``authData.active``).
        extra: the user data ``@arangodb/users`` keeps (``userData``).
        collections: database -> collection (``"*"``: default) -> access level, as
            ``grantCollection`` records it (listed by ``permission``; requests are checked at the
            database level).
        config: the user's ``configData``.
    """

    password: str = ""
    databases: Mapping[str, Access] = field(default_factory=lambda: {"*": "rw"})
    active: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict)
    collections: Mapping[str, Mapping[str, Access]] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)

    def access(self, database: str) -> Access:
        """This user's access level to ``database``: ``"rw"``, ``"ro"`` or ``"none"``."""
        if not self.active:
            return "none"
        return self.databases.get(database, self.databases.get("*", "none"))

    def collection_access(self, database: str, collection: str) -> Access:
        """``UserManager::collectionAuthLevel``: the collection's grant, else the database's
        default collection grant, else the database level."""
        for db in (database, "*"):
            grants = self.collections.get(db, {})
            for name in (collection, "*"):
                if name in grants:
                    return grants[name]
        return self.access(database)

    def to_json(self, name: str) -> dict[str, Any]:
        """``UserManager::serializeUser``: ``{user, active, extra}``."""
        return {"user": name, "active": self.active, "extra": dict(self.extra)}


UserSpec = Union[str, User]


@dataclass(frozen=True)
class Principal:
    """Who a request acts as: ``user`` (``""`` with authentication off) and whether it is a
    superuser (sees every task, may do everything)."""

    user: str
    superuser: bool

    @property
    def task_owner(self) -> str | None:
        """The owner filter for the task table: ``None`` (all tasks) for a superuser."""
        return None if self.superuser else self.user


ANONYMOUS_SUPERUSER: Final = Principal("", True)


class Auth:
    """Checks credentials and permissions.

    Args:
        users: ``None`` (authentication off), or user name -> password or :class:`User`.
        jwt_secret: the secret JWTs are signed with; a random one when ``None``.
    """

    def __init__(self, users: Mapping[str, UserSpec] | None = None, jwt_secret: str | None = None) -> None:
        self.jwt_secret = jwt_secret if jwt_secret is not None else secrets.token_hex(32)
        self._lock = threading.Lock()
        self._enabled = users is not None
        # with authentication off, ArangoDB still has its users collection: root, no password
        self._initial = {"root": User("")} if users is None else {n: _user(s) for n, s in users.items()}
        self._users: dict[str, User] = {}
        self.reset()

    @property
    def enabled(self) -> bool:
        """Whether credentials are required."""
        return self._enabled

    def reset(self) -> None:
        """Back to the users the server was started with."""
        with self._lock:
            self._users = dict(self._initial)

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """The current users as ``{name: {"password", "databases", "active", "extra",
        "collections", "config"}}`` (``fake.snapshot()``)."""
        with self._lock:
            return {name: {"password": u.password, "databases": dict(u.databases), "active": u.active,
                           "extra": dict(u.extra), "collections": {d: dict(g) for d, g in u.collections.items()},
                           "config": dict(u.config)}
                    for name, u in self._users.items()}

    def restore(self, users: Mapping[str, Mapping[str, Any]] | None) -> None:
        """Back to the users of a :meth:`snapshot` (authentication stays as configured)."""
        if users is None:
            return
        with self._lock:
            self._users = {name: User(str(u["password"]), dict(u["databases"]), bool(u.get("active", True)),
                                      dict(u.get("extra", {})),
                                      {d: dict(g) for d, g in u.get("collections", {}).items()},
                                      dict(u.get("config", {})))
                           for name, u in users.items()}

    def add_user(self, name: str, password: str, databases: Mapping[str, Access]) -> None:
        """Create user ``name`` or grant it ``databases`` (``POST /_api/database`` with ``users``,
        the creator of a database); an existing user keeps its password."""
        with self._lock:
            old = self._users.get(name)
            merged = dict(old.databases) if old else {}
            merged.update(databases)
            self._users[name] = replace(old, databases=merged) if old is not None else User(password, merged)

    # -- the users module (``v8-users.cpp`` over ``auth::UserManager``) ----------------------------------

    def user(self, name: str) -> User:
        """User ``name``.

        Raises:
            ArangoError: 404/1703 no such user.
        """
        with self._lock:
            found = self._users.get(name)
        if found is None:
            raise ArangoError(E.USER_NOT_FOUND)
        return found

    def user_names(self) -> list[str]:
        """Every user's name, sorted."""
        with self._lock:
            return sorted(self._users)

    def store_user(self, name: str, password: str, active: bool, extra: Mapping[str, Any] | None, *,
                   replace_existing: bool) -> User:
        """``UserManager::storeUser``: create user ``name`` (409/1702 if it exists) or, with
        ``replace_existing``, replace its password, active flag and data (404/1703 if it does
        not exist). A new user has no database access.

        Raises:
            ArangoError: 400/1700 an empty name, 409/1702, 404/1703.
        """
        if not name:
            raise ArangoError(E.USER_INVALID_NAME)
        with self._lock:
            old = self._users.get(name)
            if old is None and replace_existing:
                raise ArangoError(E.USER_NOT_FOUND)
            if old is not None and not replace_existing:
                raise ArangoError(E.USER_DUPLICATE)
            base = old if old is not None else User("", {})
            made = replace(base, password=password, active=active, extra=dict(extra or {}))
            self._users[name] = made
            return made

    def update_user(self, name: str, change: Callable[[User], User]) -> User:
        """Apply ``change`` to user ``name`` (``UserManager::updateUser``).

        Raises:
            ArangoError: 404/1703 no such user.
        """
        with self._lock:
            old = self._users.get(name)
            if old is None:
                raise ArangoError(E.USER_NOT_FOUND)
            made = change(old)
            self._users[name] = made
            return made

    def remove_user(self, name: str) -> None:
        """Remove user ``name``.

        Raises:
            ArangoError: 404/1703 no such user.
        """
        with self._lock:
            if self._users.pop(name, None) is None:
                raise ArangoError(E.USER_NOT_FOUND)

    def password_matches(self, name: str, password: str) -> bool:
        """Whether ``name`` is an active user with ``password`` (``users.isValid``)."""
        with self._lock:
            user = self._users.get(name)
        return user is not None and user.active and secrets.compare_digest(user.password.encode(), password.encode())

    def authenticate(self, authorization: str | None) -> Principal:
        """The principal for an ``Authorization`` header value.

        Raises:
            ArangoError: 401/11 missing or bad credentials (authentication on).
        """
        if not self._enabled:
            return ANONYMOUS_SUPERUSER
        scheme, _, value = (authorization or "").strip().partition(" ")
        scheme = scheme.lower()
        if scheme == "basic":
            try:
                name, _, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
            except (binascii.Error, UnicodeDecodeError, ValueError):
                raise _unauthorized() from None
            self.check_password(name, password)
            return Principal(name, False)
        if scheme == "bearer":
            return self._from_token(value.strip())
        raise _unauthorized()

    def check_password(self, name: str, password: str) -> None:
        """Raise 401/11 unless ``name`` exists with ``password``."""
        user = self._users.get(name)
        if user is None or not user.active or not secrets.compare_digest(user.password.encode(), password.encode()):
            raise _unauthorized()

    def _from_token(self, token: str) -> Principal:
        try:
            if jwt.get_unverified_header(token).get("typ") != "JWT":
                raise _unauthorized()
            claims = jwt.decode(
                token, self.jwt_secret, algorithms=["HS256"], issuer="arangodb",
                options={"require": ["iss"], "verify_iat": False},
            )
        except jwt.PyJWTError:
            raise _unauthorized() from None
        name = claims.get("preferred_username")
        if name is not None:
            if not isinstance(name, str) or not name:
                raise _unauthorized()
            if name not in self._users:
                raise _unauthorized()
            return Principal(name, False)
        if "server_id" in claims:
            return Principal("", True)
        raise _unauthorized()

    def issue_token(self, name: str) -> str:
        """A session JWT for ``name`` as ``POST /_open/auth`` returns it (claims iat, exp, iss,
        preferred_username; HS256 with the server secret). Times are wall-clock seconds."""
        now = int(time.time())
        claims = {"preferred_username": name, "iss": "arangodb", "iat": now, "exp": now + SESSION_SECONDS}
        return jwt.encode(claims, self.jwt_secret, algorithm="HS256")

    def unauthorized(self) -> ArangoError:
        """The 401/11 error for missing or bad credentials (or no access to a database)."""
        return _unauthorized()

    def access(self, principal: Principal, database: str) -> Access:
        """``principal``'s access level to ``database``."""
        if principal.superuser or not self._enabled:
            return "rw"
        user = self._users.get(principal.user)
        return "none" if user is None else user.access(database)


def superuser_token(secret: str, *, server_id: str = "fake-arango-tasks") -> str:
    """A superuser JWT as arangod accepts one made with its ``--server.jwt-secret``."""
    return jwt.encode({"iss": "arangodb", "server_id": server_id}, secret, algorithm="HS256")


def _user(spec: UserSpec) -> User:
    return spec if isinstance(spec, User) else User(password=spec)


def _unauthorized() -> ArangoError:
    """Bad or missing credentials, as ``CommTask::prepareExecution`` answers them."""
    return ArangoError(E.FORBIDDEN, "not authorized to execute this request", status=401, origin="connection")
