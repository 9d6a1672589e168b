"""ArangoDB's error numbers, their HTTP status codes and default messages, in one place.

Every error the fake sends is an :class:`ArangoError`; the WSGI app turns it into ArangoDB's error
envelope ``{"code", "error", "errorMessage", "errorNum"}`` (that key order, as
``arangod/GeneralServer/RestHandler.cpp`` writes it). Numbers and texts follow
``lib/Basics/errors.dat``; the status for each number follows ``lib/Rest/GeneralResponse.cpp``.
"""

from __future__ import annotations

from typing import Final, Literal, TypeVar

T = TypeVar("T")

__all__ = ["ArangoError", "ERRORS"]

# errorNum -> (HTTP status, default errorMessage)
ERRORS: Final[dict[int, tuple[int, str]]] = {
    4: (500, "internal error"),
    9: (501, "not implemented"),
    10: (400, "bad parameter"),
    11: (403, "forbidden"),
    404: (404, "not found"),
    400: (400, "bad parameter"),
    401: (401, "unauthorized"),
    405: (405, "method not supported"),
    600: (400, "invalid JSON object"),
    601: (400, "superfluous URL suffices"),
    1200: (412, "conflict"),
    1202: (404, "document not found"),
    1203: (404, "collection or view not found"),
    1207: (409, "duplicate database name"),
    1208: (400, "illegal name"),
    1210: (409, "unique constraint violated"),
    1228: (404, "database not found"),
    1229: (400, "database name invalid"),
    1230: (403, "operation only allowed in system database"),
    1850: (400, "invalid task id"),
    1851: (409, "duplicate task id"),
    1852: (404, "task not found"),
}

# Named constants for call sites (ArangoDB's TRI_ERROR_* names, shortened).
INTERNAL: Final = 4
NOT_IMPLEMENTED: Final = 9
BAD_PARAMETER: Final = 10
FORBIDDEN: Final = 11
HTTP_BAD_PARAMETER: Final = 400
HTTP_UNAUTHORIZED: Final = 401
HTTP_NOT_FOUND: Final = 404
HTTP_METHOD_NOT_ALLOWED: Final = 405
CORRUPTED_JSON: Final = 600
SUPERFLUOUS_SUFFICES: Final = 601
CONFLICT: Final = 1200
DOCUMENT_NOT_FOUND: Final = 1202
DATA_SOURCE_NOT_FOUND: Final = 1203
DUPLICATE_NAME: Final = 1207
ILLEGAL_NAME: Final = 1208
UNIQUE_CONSTRAINT_VIOLATED: Final = 1210
DATABASE_NOT_FOUND: Final = 1228
DATABASE_NAME_INVALID: Final = 1229
USE_SYSTEM_DATABASE: Final = 1230
TASK_INVALID_ID: Final = 1850
TASK_DUPLICATE_ID: Final = 1851
TASK_NOT_FOUND: Final = 1852


class ArangoError(Exception):
    """An ArangoDB error: ``error_num`` with its HTTP ``status`` and ``message``.

    Args:
        error_num: ArangoDB's errorNum (a key of :data:`ERRORS`).
        message: the errorMessage; defaults to errors.dat's text for ``error_num``.
        status: the HTTP status; defaults to the one ``GeneralResponse.cpp`` maps ``error_num`` to.
            Only bad credentials need another (401 with errorNum 11).
        origin: who in arangod sends it, which decides the envelope's key order: ``"handler"``
            (``RestHandler::generateError``: code, error, errorMessage, errorNum), ``"connection"``
            (``CommTask::sendErrorResponse``, for bad credentials and unknown databases: error,
            errorNum, errorMessage, code) or ``"javascript"`` (the JS action router's
            ``unknown path``: error, code, errorNum, errorMessage).

    Raises:
        KeyError: ``error_num`` is unknown and ``status`` or ``message`` was not given.
    """

    def __init__(
        self,
        error_num: int,
        message: str | None = None,
        status: int | None = None,
        origin: Literal["handler", "connection", "javascript"] = "handler",
    ):
        default_status, default_message = ERRORS.get(error_num, (None, None))
        self.origin = origin
        self.error_num = error_num
        self.message: str = message if message is not None else _required(default_message, error_num)
        self.status: int = status if status is not None else _required(default_status, error_num)
        super().__init__(f"ArangoError {error_num}: {self.message}")

    def envelope(self) -> dict[str, object]:
        """The JSON body ArangoDB sends for this error, keys in the order its sender writes them."""
        if self.origin == "connection":
            return {"error": True, "errorNum": self.error_num, "errorMessage": self.message, "code": self.status}
        if self.origin == "javascript":
            return {"error": True, "code": self.status, "errorNum": self.error_num, "errorMessage": self.message}
        return {"code": self.status, "error": True, "errorMessage": self.message, "errorNum": self.error_num}


def _required(value: T | None, error_num: int) -> T:
    if value is None:
        raise KeyError(f"unknown errorNum {error_num}: give status and message")
    return value
