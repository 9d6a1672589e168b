"""What task commands reach through the V8 bridge: the server's services, acting as the run's owner.

The runtime (``_runtime``) knows nothing of tasks, documents or users; it hands each request of
the prelude to this :class:`Host` with the :class:`~._runtime.Job` it belongs to. Here the
requests are served with ArangoDB's JavaScript API conventions (``arango-collection.js``,
``arango-database.js``, ``v8-dispatcher.cpp``) on top of the same services HTTP uses, with the
permissions of the task's owner (``ExecContext`` of the task's user).
"""

from __future__ import annotations

import math
import random
from typing import Any, Callable

from . import _errors as E
from . import _simple as S
from ._aql import parse_info
from ._auth import Auth, Principal
from ._databases import Databases
from ._documents import Collection, Document, DocumentStore, WriteMode
from ._errors import ArangoError
from ._journal import OutgoingRequest
from ._outgoing import OutgoingHttp
from ._queries import Caller, options_from_json, query_error, run_query
from ._runtime import Job, RunnableTask
from ._tasks import TaskTable

__all__ = ["Host"]


def _principal(user: str) -> Principal:
    return Principal(user, superuser=user == "")


class Host:
    """The services of one server, as commands reach them (implements ``_runtime.Host``)."""

    def __init__(self, tasks: TaskTable, documents: DocumentStore, databases: Databases, auth: Auth,
                 outgoing: OutgoingHttp) -> None:
        self._tasks = tasks
        self._documents = documents
        self._databases = databases
        self._auth = auth
        self._outgoing = outgoing
        #: Called every few thousand rows of a command's query: stops a run past its time limit
        #: (the server sets the runtime's check here once the runtime exists).
        self.check_run_time: Callable[[], None] = lambda: None
        #: The most values a command's query may return (its memory bound).
        self.query_max_rows = 0
        self._doc_ops: dict[str, Callable[[Job, str, list[Any]], Any]] = {
            "insert": self._insert, "document": self._document, "exists": self._exists, "update": self._update,
            "replace": self._replace, "remove": self._remove, "count": self._count, "all": self._all,
            "truncate": self._truncate, "drop": self._drop, "properties": self._properties, "type": self._type,
            "describe": self._describe, "has": self._has, "names": self._names, "create": self._create,
            "databaseId": self._database_id, "documentById": self._document_by_id, "existsById": self._exists_by_id,
            "removeById": self._remove_by_id, "updateById": self._update_by_id, "replaceById": self._replace_by_id,
        }

    # -- tasks --------------------------------------------------------------------------------------

    def register(self, job: Job, now_us: int, spec: dict[str, Any]) -> dict[str, Any]:
        task = job.task
        writable = self._auth.access(_principal(task.user), task.database) == "rw"
        made, due_us = self._tasks.create_from_js(spec, database=task.database, user=task.user, now_us=now_us,
                                                  writable=writable)
        return {"task": made, "dueUs": due_us}

    def unregister(self, job: Job, task_id: str) -> None:
        task = job.task
        if self._auth.access(_principal(task.user), task.database) != "rw":
            raise ArangoError(E.FORBIDDEN, "registerTask() needs db RW permissions")
        self._tasks.remove(task_id, _principal(task.user).task_owner)

    def get_tasks(self, job: Job, task_id: str | None) -> Any:
        owner = _principal(job.task.user).task_owner
        if task_id is None:
            return [t.to_json() for t in self._tasks.list(owner)]
        return self._tasks.get(task_id, owner).to_json()

    def is_current(self, task: RunnableTask) -> bool:
        return self._tasks.is_current(task)

    # -- outgoing requests --------------------------------------------------------------------------

    def request(self, job: Job, request: OutgoingRequest, timeout: float | None) -> dict[str, Any]:
        return self._outgoing.answer(request)

    # -- documents ----------------------------------------------------------------------------------

    def documents(self, job: Job, database: str, op: str, args: list[Any]) -> Any:
        handler = self._doc_ops.get(op)
        if handler is None:
            raise ArangoError(E.NOT_IMPLEMENTED, f"not supported by fake-arango-tasks: db operation {op}")
        return handler(job, database, args)

    def _access(self, job: Job, database: str, write: bool) -> None:
        level = self._auth.access(_principal(job.task.user), database)
        if level == "none" or (write and level != "rw"):
            raise ArangoError(E.FORBIDDEN)

    def _collection(self, job: Job, database: str, name: Any, *, write: bool = False) -> Collection:
        self._access(job, database, write)
        return self._documents.collection(database, str(name))

    # The collection methods (js/server/modules/@arangodb/arango-collection.js): an array as the
    # first argument gives one result per element, errors in place.
    @staticmethod
    def _many(first: Any, one: Callable[[Any], Any]) -> Any:
        if not isinstance(first, list):
            return one(first)
        results: list[Any] = []
        for item in first:
            try:
                results.append(one(item))
            except ArangoError as exc:
                results.append({"error": True, "errorNum": exc.error_num, "errorMessage": exc.message})
        return results

    def _insert(self, job: Job, database: str, args: list[Any]) -> Any:
        name, body, options = args[0], _arg(args, 1), _options(args, 2)
        collection = self._collection(job, database, name, write=True)
        given = options.get("overwriteMode") or ("replace" if options.get("overwrite") else "conflict")
        mode = _MODES.get(given, "conflict")

        def one(doc: Any) -> Any:
            old, new = self._documents.insert(database, collection.name, doc, mode=mode,
                                              keep_null=options.get("keepNull", True) is not False,
                                              merge_objects=options.get("mergeObjects", True) is not False)
            if old is not None and mode == "ignore":
                return DocumentStore.header(collection, old)
            result = DocumentStore.header(collection, new)
            if old is not None:
                result["_oldRev"] = old["_rev"]
            if options.get("returnNew"):
                result["new"] = new
            if old is not None and options.get("returnOld"):
                result["old"] = old
            return result

        return self._many(body, one)

    def _document(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0])
        return self._many(_arg(args, 1), lambda selector: self._documents.get(database, collection.name, selector))

    def _exists(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0])
        key = DocumentStore.key_of(collection, _arg(args, 1))
        document = collection.docs.get(key)
        return False if document is None else DocumentStore.header(collection, document)

    @staticmethod
    def _selector_rev(selector: Any, options: dict[str, Any]) -> str | None:
        """The revision a JS selector demands: its ``_rev``, unless ``ignoreRevs`` or ``overwrite``."""
        if isinstance(selector, dict) and isinstance(selector.get("_rev"), str):
            if options.get("ignoreRevs") is True or options.get("overwrite") is True:
                return None
            return str(selector["_rev"])
        return None

    def _rewrite_result(self, collection: Collection, old: Document, new: Document, options: dict[str, Any]) -> Document:
        result = DocumentStore.header(collection, new)
        result["_oldRev"] = old["_rev"]
        if options.get("returnNew"):
            result["new"] = new
        if options.get("returnOld"):
            result["old"] = old
        return result

    def _update(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0], write=True)
        selector, patch, options = _arg(args, 1), _arg(args, 2), _options(args, 3)
        old, new = self._documents.update(
            database, collection.name, selector, patch, rev=self._selector_rev(selector, options),
            keep_null=options.get("keepNull", True) is not False, merge_objects=options.get("mergeObjects", True) is not False,
        )
        return self._rewrite_result(collection, old, new, options)

    def _replace(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0], write=True)
        selector, body, options = _arg(args, 1), _arg(args, 2), _options(args, 3)
        old, new = self._documents.replace(database, collection.name, selector, body,
                                           rev=self._selector_rev(selector, options))
        return self._rewrite_result(collection, old, new, options)

    def _remove(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0], write=True)
        options = _options(args, 2)

        def one(selector: Any) -> Any:
            old = self._documents.remove(database, collection.name, selector, rev=self._selector_rev(selector, options))
            result = DocumentStore.header(collection, old)
            if options.get("returnOld"):
                result["old"] = old
            return result

        return self._many(_arg(args, 1), one)

    def _count(self, job: Job, database: str, args: list[Any]) -> Any:
        return len(self._collection(job, database, args[0]).docs)

    def _all(self, job: Job, database: str, args: list[Any]) -> Any:
        return list(self._collection(job, database, args[0]).docs.values())

    def _truncate(self, job: Job, database: str, args: list[Any]) -> Any:
        self._access(job, database, True)
        self._documents.truncate(database, str(args[0]))
        return None

    def _drop(self, job: Job, database: str, args: list[Any]) -> Any:
        self._access(job, database, True)
        if self._documents.has(database, str(args[0])):
            self._documents.drop_collection(database, str(args[0]))
        return None

    def _properties(self, job: Job, database: str, args: list[Any]) -> Any:
        properties = self._collection(job, database, args[0]).properties()
        return {"waitForSync": properties["waitForSync"], "keyOptions": properties["keyOptions"]}

    def _type(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._collection(job, database, args[0]).type

    def _describe(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._collection(job, database, args[0]).describe()

    def _has(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._auth.access(_principal(job.task.user), database) != "none" and self._documents.has(database, str(args[0]))

    def _names(self, job: Job, database: str, args: list[Any]) -> Any:
        self._access(job, database, False)
        return [c.name for c in self._documents.collections(database)]

    def _create(self, job: Job, database: str, args: list[Any]) -> Any:
        self._access(job, database, True)
        name, properties, kind = args[0], _arg(args, 1), _arg(args, 2)
        is_system = isinstance(properties, dict) and properties.get("isSystem") is True
        self._documents.create_collection(database, name, edge=kind in ("edge", 3), is_system=is_system)
        return True

    def _database_id(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._databases.info(database)["id"]

    def _split_id(self, handle: Any) -> tuple[str, Any]:
        text = handle.get("_id") if isinstance(handle, dict) else handle
        if not isinstance(text, str) or "/" not in text:
            raise ArangoError(E.DOCUMENT_HANDLE_BAD)
        return text.split("/", 1)[0], text

    def _document_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, handle = self._split_id(_arg(args, 0))
        return self._document(job, database, [name, handle])

    def _exists_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, handle = self._split_id(_arg(args, 0))
        return self._exists(job, database, [name, handle])

    def _remove_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, _ = self._split_id(_arg(args, 0))
        return self._remove(job, database, [name, *args])

    def _update_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, _ = self._split_id(_arg(args, 0))
        return self._update(job, database, [name, *args])

    def _replace_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, _ = self._split_id(_arg(args, 0))
        return self._replace(job, database, [name, *args])


    # -- AQL: db._query, statements, the collections' simple queries (js/aql.js) ---------------------

    def aql(self, job: Job, database: str, request: dict[str, Any]) -> dict[str, Any]:
        """Run a command's query as its task's owner, on the run's clock.

        Args:
            request: ``{"kind": "query", "query", "bindVars", "options", "count"}``, ``{"kind":
                "parse", "query"}`` or ``{"kind": "simple", "simple": "byExample", "collection",
                ...}`` (see :func:`_simple_query`), with ``nowUs`` (the run's clock, microseconds)
                and ``seed`` (for ``RAND()``, drawn from the run's seeded stream).

        Returns:
            ``{"result": [...], "extra": {"warnings", "stats"}, "sleptUs": n}`` (``SLEEP()``'s
            fake microseconds, which the run consumes); a parse: ``POST /_api/query``'s answer.

        Raises:
            ArangoError: the query's error, as ArangoDB words it (``AQL: ... (while ...)``).
        """
        now_us = int(request.get("nowUs") or 0)
        slept = [0]
        stream = random.Random(int(request.get("seed") or 0))

        def sleep(seconds: float) -> None:
            if seconds > 0 and math.isfinite(seconds):
                slept[0] += int(seconds * 1_000_000)

        user = job.task.user
        caller = Caller(user=user or None, access=self._auth.access(_principal(user), database),
                        now_ms=lambda: (now_us + slept[0]) // 1000, random=stream.random, sleep=sleep,
                        check=self.check_run_time, max_rows=self.query_max_rows)
        kind = request.get("kind")
        if kind == "parse":
            try:
                return {"parsed": True, **parse_info(request.get("query"))}  # type: ignore[arg-type]
            except ArangoError as exc:
                exc.query_phase = "parsing"  # type: ignore[attr-defined]
                raise query_error(exc) from None
        if kind == "simple":
            self._collection(job, database, request.get("collection"))
            made = _simple_query(request)
            query: Any = made.query
            bind_vars: Any = made.bind_vars
            options = options_from_json(None)
        else:
            query, bind_vars = request.get("query"), request.get("bindVars")
            options = options_from_json(request.get("options"), count=request.get("count"))
        result = run_query(self._documents, database, query, bind_vars, options, caller)
        return {"result": result.values, "extra": result.extra, "sleptUs": slept[0]}


def _simple_query(request: dict[str, Any]) -> S.SimpleQuery:
    """The AQL of a collection's simple query (``request["simple"]`` names it)."""
    name, kind = str(request.get("collection")), request.get("simple")
    skip, limit = request.get("skip"), request.get("limit")
    if kind == "all":
        return S.all_documents(name, skip, limit)
    if kind == "byExample":
        return S.by_example(name, request.get("example"), skip, limit)
    if kind == "any":
        return S.any_document(name)
    if kind == "range":
        return S.range_query(name, request.get("attribute"), request.get("left"), request.get("right"),
                             request.get("closed") is True, skip, limit)
    if kind == "removeByExample":
        return S.remove_by_example(name, request.get("example"), limit)
    if kind == "updateByExample":
        return S.update_by_example(name, request.get("example"), request.get("newValue"),
                                   request.get("keepNull") is not False, request.get("mergeObjects") is not False, limit)
    if kind == "replaceByExample":
        return S.replace_by_example(name, request.get("example"), request.get("newValue"), limit)
    raise ArangoError(E.INTERNAL, f"internal error of fake-arango-tasks: unknown simple query {kind!r}")


_MODES: dict[Any, WriteMode] = {"conflict": "conflict", "replace": "replace", "update": "update", "ignore": "ignore"}


def _arg(args: list[Any], index: int) -> Any:
    return args[index] if index < len(args) else None


def _options(args: list[Any], index: int) -> dict[str, Any]:
    value = _arg(args, index)
    return value if isinstance(value, dict) else {}
