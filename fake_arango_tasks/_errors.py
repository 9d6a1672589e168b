"""ArangoDB's error numbers, their HTTP status codes and default messages, and the exceptions of
fake-arango-tasks, in one place.

The exception tree (every exception the package raises derives from :class:`FakeArangoTasksError`
and from the builtin it means, so ``except ValueError`` keeps working)::

    FakeArangoTasksError
    ├── ArangoError            an ArangoDB error (errorNum, HTTP status, errorMessage): what the
    │                          HTTP API answers and what a task command's JS sees as ArangoError
    ├── OptionError            (ValueError) a bad constructor option or argument value
    ├── OptionTypeError        (TypeError)  an option or argument of the wrong type
    ├── ClockError             (ValueError) time cannot move that way (backwards, past year 9999)
    ├── ServerStateError       (RuntimeError) the server is not started, or was stopped
    ├── RunLimitExceeded       (RuntimeError) one advance would make too many runs
    └── UnexpectedRunErrors    (AssertionError) strict mode: runs threw and the test did not look

A failed run is not an exception: it is recorded as a :class:`~fake_arango_tasks.RunFailure` on
its :class:`~fake_arango_tasks.Run`.

Numbers, names and texts follow ``lib/Basics/errors.dat``; the status for each number follows
``GeneralResponse::responseCode(ErrorCode)`` in ``lib/Rest/GeneralResponse.cpp``. The JavaScript
``errors`` module task commands see is generated from this table.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

__all__ = [
    "ArangoError", "ClockError", "ERRORS", "ErrorInfo", "FakeArangoTasksError", "OptionError",
    "OptionTypeError", "RunLimitExceeded", "ServerStateError", "UnexpectedRunErrors", "status_of",
]


class ErrorInfo(NamedTuple):
    """One entry of errors.dat: ``name`` (``ERROR_TASK_NOT_FOUND``), default ``message``, HTTP ``status``."""

    name: str
    message: str
    status: int


# errorNum, name without the ERROR_ prefix, default message (errors.dat; "%s" where arangod fills in)
_TABLE: Final = """
1 FAILED failed
2 SYS_ERROR system error
3 OUT_OF_MEMORY out of memory
4 INTERNAL internal error
5 ILLEGAL_NUMBER illegal number
6 NUMERIC_OVERFLOW numeric overflow
7 ILLEGAL_OPTION illegal option
9 NOT_IMPLEMENTED not implemented
10 BAD_PARAMETER bad parameter
11 FORBIDDEN forbidden
17 TYPE_ERROR type error
18 LOCK_TIMEOUT lock timeout
21 REQUEST_CANCELED canceled request
27 FILE_EXISTS file exists
28 LOCKED locked
29 DEADLOCK deadlock detected
30 SHUTTING_DOWN shutdown in progress
31 ONLY_ENTERPRISE only enterprise version
32 RESOURCE_LIMIT resource limit exceeded
36 DISABLED disabled
37 MALFORMED_JSON malformed json
400 HTTP_BAD_PARAMETER bad parameter
401 HTTP_UNAUTHORIZED unauthorized
403 HTTP_FORBIDDEN forbidden
404 HTTP_NOT_FOUND not found
405 HTTP_METHOD_NOT_ALLOWED method not supported
406 HTTP_NOT_ACCEPTABLE request not acceptable
408 HTTP_REQUEST_TIMEOUT request timeout
409 HTTP_CONFLICT conflict
410 HTTP_GONE content permanently deleted
412 HTTP_PRECONDITION_FAILED precondition failed
500 HTTP_SERVER_ERROR internal server error
501 HTTP_NOT_IMPLEMENTED not implemented
503 HTTP_SERVICE_UNAVAILABLE service unavailable
504 HTTP_GATEWAY_TIMEOUT gateway timeout
600 HTTP_CORRUPTED_JSON invalid JSON object
601 HTTP_SUPERFLUOUS_SUFFICES superfluous URL suffices
1000 ARANGO_ILLEGAL_STATE illegal state
1004 ARANGO_READ_ONLY read only
1200 ARANGO_CONFLICT conflict
1202 ARANGO_DOCUMENT_NOT_FOUND document not found
1203 ARANGO_DATA_SOURCE_NOT_FOUND collection or view not found
1204 ARANGO_COLLECTION_PARAMETER_MISSING parameter 'collection' not found
1205 ARANGO_DOCUMENT_HANDLE_BAD illegal document identifier
1207 ARANGO_DUPLICATE_NAME duplicate name
1208 ARANGO_ILLEGAL_NAME illegal name
1209 ARANGO_NO_INDEX no suitable index known
1210 ARANGO_UNIQUE_CONSTRAINT_VIOLATED unique constraint violated
1212 ARANGO_INDEX_NOT_FOUND index not found
1213 ARANGO_CROSS_COLLECTION_REQUEST cross collection request not allowed
1214 ARANGO_INDEX_HANDLE_BAD illegal index identifier
1216 ARANGO_DOCUMENT_TOO_LARGE document too large
1218 ARANGO_COLLECTION_TYPE_INVALID collection type invalid
1220 ARANGO_ATTRIBUTE_PARSER_FAILED parsing attribute name definition failed
1221 ARANGO_DOCUMENT_KEY_BAD illegal document key
1222 ARANGO_DOCUMENT_KEY_UNEXPECTED unexpected document key
1225 ARANGO_OUT_OF_KEYS out of keys
1226 ARANGO_DOCUMENT_KEY_MISSING missing document key
1227 ARANGO_DOCUMENT_TYPE_INVALID invalid document type
1228 ARANGO_DATABASE_NOT_FOUND database not found
1229 ARANGO_DATABASE_NAME_INVALID database name invalid
1230 ARANGO_USE_SYSTEM_DATABASE operation only allowed in system database
1232 ARANGO_INVALID_KEY_GENERATOR invalid key generator
1233 ARANGO_INVALID_EDGE_ATTRIBUTE edge attribute missing or invalid
1235 ARANGO_INDEX_CREATION_FAILED index creation failed
1237 ARANGO_COLLECTION_TYPE_MISMATCH collection type mismatch
1238 ARANGO_COLLECTION_NOT_LOADED collection not loaded
1239 ARANGO_DOCUMENT_REV_BAD illegal document revision
1500 QUERY_KILLED query killed
1501 QUERY_PARSE %s
1502 QUERY_EMPTY query is empty
1503 QUERY_SCRIPT runtime error '%s'
1504 QUERY_NUMBER_OUT_OF_RANGE number out of range
1505 QUERY_INVALID_GEO_VALUE invalid geo coordinate value
1510 QUERY_VARIABLE_NAME_INVALID variable name '%s' has an invalid format
1511 QUERY_VARIABLE_REDECLARED variable '%s' is assigned multiple times
1512 QUERY_VARIABLE_NAME_UNKNOWN unknown variable '%s'
1521 QUERY_COLLECTION_LOCK_FAILED unable to read-lock collection %s
1522 QUERY_TOO_MANY_COLLECTIONS too many collections/shards
1524 QUERY_TOO_MUCH_NESTING too much nesting or too many objects
1539 QUERY_INVALID_OPTIONS_ATTRIBUTE unknown OPTIONS attribute used
1540 QUERY_FUNCTION_NAME_UNKNOWN usage of unknown function '%s()'
1541 QUERY_FUNCTION_ARGUMENT_NUMBER_MISMATCH invalid number of arguments for function '%s()', expected number of arguments: minimum: %d, maximum: %d
1542 QUERY_FUNCTION_ARGUMENT_TYPE_MISMATCH invalid argument type in call to function '%s()'
1543 QUERY_INVALID_REGEX invalid regex value
1550 QUERY_BIND_PARAMETERS_INVALID invalid structure of bind parameters
1551 QUERY_BIND_PARAMETER_MISSING no value specified for declared bind parameter '%s'
1552 QUERY_BIND_PARAMETER_UNDECLARED bind parameter '%s' was not declared in the query
1553 QUERY_BIND_PARAMETER_TYPE bind parameter '%s' has an invalid value or type
1561 QUERY_INVALID_ARITHMETIC_VALUE invalid arithmetic value
1562 QUERY_DIVISION_BY_ZERO division by zero
1563 QUERY_ARRAY_EXPECTED array expected
1568 QUERY_COLLECTION_USED_IN_EXPRESSION collection '%s' used as expression operand
1569 QUERY_FAIL_CALLED FAIL(%s) called
1570 QUERY_GEO_INDEX_MISSING no suitable geo index found for geo restriction on '%s'
1571 QUERY_FULLTEXT_INDEX_MISSING no suitable fulltext index found for fulltext query on '%s'
1572 QUERY_INVALID_DATE_VALUE invalid date value
1573 QUERY_MULTI_MODIFY multi-modify query
1574 QUERY_INVALID_AGGREGATE_EXPRESSION invalid aggregate expression
1575 QUERY_COMPILE_TIME_OPTIONS query options must be readable at query compile time
1577 QUERY_FORCED_INDEX_HINT_UNUSABLE could not use forced index hint
1578 QUERY_DISALLOWED_DYNAMIC_CALL disallowed dynamic call to '%s'
1579 QUERY_ACCESS_AFTER_MODIFICATION access after data-modification by %s
1580 QUERY_FUNCTION_INVALID_NAME invalid user function name
1581 QUERY_FUNCTION_INVALID_CODE invalid user function code
1582 QUERY_FUNCTION_NOT_FOUND user function '%s()' not found
1583 QUERY_FUNCTION_RUNTIME_ERROR user function runtime error: %s
1590 QUERY_BAD_JSON_PLAN bad execution plan JSON
1591 QUERY_NOT_FOUND query ID not found
1593 QUERY_USER_ASSERT %s
1594 QUERY_USER_WARN %s
1595 QUERY_WINDOW_AFTER_MODIFICATION window operation after data-modification
1600 CURSOR_NOT_FOUND cursor not found
1601 CURSOR_BUSY cursor is busy
1620 VALIDATION_FAILED schema validation failed
1621 VALIDATION_BAD_PARAMETER invalid schema validation parameter
1650 TRANSACTION_INTERNAL internal transaction error
1651 TRANSACTION_NESTED nested transactions detected
1652 TRANSACTION_UNREGISTERED_COLLECTION unregistered collection used in transaction
1653 TRANSACTION_DISALLOWED_OPERATION disallowed operation inside transaction
1654 TRANSACTION_ABORTED transaction aborted
1655 TRANSACTION_NOT_FOUND transaction not found
1700 USER_INVALID_NAME invalid user name
1701 USER_INVALID_PASSWORD invalid password
1702 USER_DUPLICATE duplicate user
1703 USER_NOT_FOUND user not found
1705 USER_EXTERNAL user is external
1850 TASK_INVALID_ID invalid task id
1851 TASK_DUPLICATE_ID duplicate task id
1852 TASK_NOT_FOUND task not found
1901 GRAPH_INVALID_GRAPH invalid graph
1906 GRAPH_INVALID_EDGE invalid edge
1909 GRAPH_TOO_MANY_ITERATIONS too many iterations - try increasing the value of 'maxIterations'
1910 GRAPH_INVALID_FILTER_RESULT invalid filter result
1924 GRAPH_NOT_FOUND graph '%s' not found
1925 GRAPH_DUPLICATE graph already exists
1948 GRAPH_NEGATIVE_EDGE_WEIGHT negative edge weight found
1950 SESSION_UNKNOWN unknown session
1951 SESSION_EXPIRED session expired
2001 SIMPLE_CLIENT_COULD_NOT_CONNECT could not connect to server
3100 MODULE_NOT_FOUND cannot locate module
3101 MODULE_SYNTAX_ERROR syntax error in module
3103 MODULE_FAILURE failed to invoke module
"""

# GeneralResponse::responseCode(ErrorCode): the numbers with a status other than the default 500
# (of those in the table above).
_STATUS_SETS: Final = {
    400: {600, 10, 1229, 1221, 1222, 1226, 1227, 1205, 17, 1504, 1510, 1511, 1512, 1522, 1540, 1541, 1542,
          1543, 1550, 1551, 1552, 1553, 1561, 1562, 1563, 1569, 1572, 1573, 1575, 1539, 1578, 1579, 1580,
          1581, 1232, 1233, 1235, 1237, 1218, 1220, 1213, 1208, 1214, 1216, 1501, 1502, 1651, 1652, 1653,
          1700, 1701, 1850, 1901, 1906, 1620, 1621},
    403: {1230, 1004, 11},
    404: {404, 1228, 1203, 1238, 1202, 1212, 1600, 1582, 1570, 1571, 1591, 1703, 1655, 1852, 1924},
    410: {21, 1500, 1654},
    409: {1200, 1207, 1210, 1601, 1702, 1851, 1925},
    412: {412},
    501: {501, 9, 31},
    503: {30},
}
# Numbers whose status is conventionally their own (the HTTP range) where handlers send them so.
_OWN_STATUS: Final = {400, 401, 403, 405, 406, 408, 409, 410, 412, 500, 501, 503, 504}


def status_of(error_num: int) -> int:
    """The HTTP status ArangoDB sends for ``error_num`` (``GeneralResponse::responseCode``)."""
    for status, numbers in _STATUS_SETS.items():
        if error_num in numbers:
            return status
    if error_num in _OWN_STATUS:
        return error_num
    if error_num == 601:
        return 400
    return 500


def _parse_table(text: str) -> dict[int, ErrorInfo]:
    table: dict[int, ErrorInfo] = {}
    for line in text.strip().splitlines():
        number, name, message = line.split(" ", 2)
        table[int(number)] = ErrorInfo("ERROR_" + name, message, status_of(int(number)))
    return table


#: errorNum -> :class:`ErrorInfo`, for every error the fake may send.
ERRORS: Final[dict[int, ErrorInfo]] = _parse_table(_TABLE)

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
DOCUMENT_HANDLE_BAD: Final = 1205
DUPLICATE_NAME: Final = 1207
ILLEGAL_NAME: Final = 1208
UNIQUE_CONSTRAINT_VIOLATED: Final = 1210
INDEX_NOT_FOUND: Final = 1212
COLLECTION_TYPE_INVALID: Final = 1218
DOCUMENT_KEY_BAD: Final = 1221
DOCUMENT_TYPE_INVALID: Final = 1227
DATABASE_NOT_FOUND: Final = 1228
DATABASE_NAME_INVALID: Final = 1229
USE_SYSTEM_DATABASE: Final = 1230
INVALID_EDGE_ATTRIBUTE: Final = 1233
TASK_INVALID_ID: Final = 1850
TASK_DUPLICATE_ID: Final = 1851
TASK_NOT_FOUND: Final = 1852
TRANSACTION_NESTED: Final = 1651
TRANSACTION_UNREGISTERED_COLLECTION: Final = 1652
TRANSACTION_DISALLOWED_OPERATION: Final = 1653
TRANSACTION_ABORTED: Final = 1654
TRANSACTION_NOT_FOUND: Final = 1655
INDEX_HANDLE_BAD: Final = 1214
USER_INVALID_NAME: Final = 1700
USER_DUPLICATE: Final = 1702
USER_NOT_FOUND: Final = 1703
MODULE_NOT_FOUND: Final = 3100

class FakeArangoTasksError(Exception):
    """Base of every exception fake-arango-tasks raises."""


class ArangoError(FakeArangoTasksError):
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
        info = ERRORS.get(error_num)
        if info is None and (message is None or status is None):
            raise KeyError(f"unknown errorNum {error_num}: give status and message")
        self.origin = origin
        self.error_num = error_num
        self.message: str = message if message is not None else info.message  # type: ignore[union-attr]
        self.status: int = status if status is not None else info.status  # type: ignore[union-attr]
        super().__init__(f"ArangoError {error_num}: {self.message}")

    def envelope(self) -> dict[str, object]:
        """The JSON body ArangoDB sends for this error, keys in the order its sender writes them."""
        if self.origin == "connection":
            return {"error": True, "errorNum": self.error_num, "errorMessage": self.message, "code": self.status}
        if self.origin == "javascript":
            return {"error": True, "code": self.status, "errorNum": self.error_num, "errorMessage": self.message}
        return {"code": self.status, "error": True, "errorMessage": self.message, "errorNum": self.error_num}


class OptionError(FakeArangoTasksError, ValueError):
    """A constructor option, command-line flag or API argument has a value that is not allowed;
    the message names the argument and what is allowed."""


class OptionTypeError(FakeArangoTasksError, TypeError):
    """A constructor option or API argument has the wrong type; the message names the argument
    and the types allowed."""


class ClockError(FakeArangoTasksError, ValueError):
    """The clock cannot move as asked: backwards, by a non-finite amount, or past year 9999."""


class ServerStateError(FakeArangoTasksError, RuntimeError):
    """The server is not in a state for this call (not started, or stopped)."""


class RunLimitExceeded(FakeArangoTasksError, RuntimeError):
    """One advance would make more runs than ``max_runs_per_advance`` allows (a task with a tiny
    period, or a very long advance): the runs up to the limit were made and recorded, the clock
    stopped at the last one."""


class UnexpectedRunErrors(FakeArangoTasksError, AssertionError):
    """Strict mode: task runs threw and the test neither looked at them nor said it expected
    errors; the message lists each run with its JS error and stack."""
