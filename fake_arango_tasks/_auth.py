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
from dataclasses import dataclass, field
from typing import Any, Final, Literal, Mapping, Union

import jwt

from . import _errors as E
from ._errors import ArangoError

__all__ = ["Auth", "Principal", "User", "UserSpec", "SESSION_SECONDS"]

#: Lifetime of a ``/_open/auth`` token, seconds: 30 days (``RestAuthHandler::_validFor``).
SESSION_SECONDS: Final = 60 * 60 * 24 * 30
Access = Literal["rw", "ro", "none"]


@dataclass(frozen=True)
class User:
    """A user of the fake: ``password`` and access per database (``"*"`` is the default entry)."""

    password: str = ""
    databases: Mapping[str, Access] = field(default_factory=lambda: {"*": "rw"})

    def access(self, database: str) -> Access:
        """This user's access level to ``database``: ``"rw"``, ``"ro"`` or ``"none"``."""
        return self.databases.get(database, self.databases.get("*", "none"))


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
        self._initial = None if users is None else {n: _user(s) for n, s in users.items()}
        self._users: dict[str, User] | None = None
        self.reset()

    @property
    def enabled(self) -> bool:
        """Whether credentials are required."""
        return self._users is not None

    def reset(self) -> None:
        """Back to the users the server was started with."""
        with self._lock:
            self._users = None if self._initial is None else dict(self._initial)

    def snapshot(self) -> dict[str, dict[str, object]] | None:
        """The current users as ``{name: {"password", "databases"}}``, ``None`` with
        authentication off (``fake.snapshot()``)."""
        with self._lock:
            if self._users is None:
                return None
            return {name: {"password": u.password, "databases": dict(u.databases)} for name, u in self._users.items()}

    def restore(self, users: Mapping[str, Mapping[str, Any]] | None) -> None:
        """Back to the users of a :meth:`snapshot` (authentication stays as configured)."""
        with self._lock:
            if self._users is not None and users is not None:
                self._users = {name: User(str(u["password"]), dict(u["databases"])) for name, u in users.items()}

    def add_user(self, name: str, password: str, databases: Mapping[str, Access]) -> None:
        """Create or update user ``name`` (``POST /_api/database`` with ``users``)."""
        with self._lock:
            if self._users is not None:
                old = self._users.get(name)
                merged = dict(old.databases) if old else {}
                merged.update(databases)
                self._users[name] = User(password if old is None else old.password, merged)

    def authenticate(self, authorization: str | None) -> Principal:
        """The principal for an ``Authorization`` header value.

        Raises:
            ArangoError: 401/11 missing or bad credentials (authentication on).
        """
        if self._users is None:
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
        users = self._users or {}
        user = users.get(name)
        if user is None or not secrets.compare_digest(user.password.encode(), password.encode()):
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
            if name not in (self._users or {}):
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
        if principal.superuser or self._users is None:
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
