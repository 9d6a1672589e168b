"""``db`` and collection operations as task commands reach them (``arango-collection.js``,
``arango-database.js`` over ``v8-vocbase.cpp``, ``v8-collection.cpp``, ``v8-vocindex.cpp``),
acting as the task's owner and inside the run's JavaScript transaction when one is open.

The collection methods take an array as the first argument for one result per element, errors
in place (``arango-collection.js``). Index methods follow ``v8-vocindex.cpp``: ``ensureIndex``
answers the description with ``isNewlyCreated``; ``dropIndex`` answers ``true`` and, as of
ArangoDB 3.11, throws 1212 for an index that does not exist or cannot be dropped.
"""

from __future__ import annotations

from typing import Any, Callable

from .. import _errors as E
from .._documents import Collection, Document, DocumentStore, Transaction, WriteMode, per_element
from .._errors import ArangoError
from .._runtime import Job
from ._context import HostContext, arg, options

__all__ = ["DocumentOps"]

_MODES: dict[Any, WriteMode] = {"conflict": "conflict", "replace": "replace", "update": "update", "ignore": "ignore"}


def _selector_rev(selector: Any, opts: dict[str, Any]) -> str | None:
    """The revision a JS selector demands: its ``_rev``, unless ``ignoreRevs`` or ``overwrite``."""
    if isinstance(selector, dict) and isinstance(selector.get("_rev"), str):
        if opts.get("ignoreRevs") is True or opts.get("overwrite") is True:
            return None
        return str(selector["_rev"])
    return None


def _rewrite_result(old: Document, new: Document, opts: dict[str, Any]) -> Document:
    return DocumentStore.rewrite_answer(old, new, return_new=bool(opts.get("returnNew")),
                                        return_old=bool(opts.get("returnOld")))



class DocumentOps:
    """The ``doc`` operations of the bridge, by name (see :attr:`ops`)."""

    def __init__(self, ctx: HostContext) -> None:
        self._ctx = ctx
        self._store = ctx.documents
        self.ops: dict[str, Callable[[Job, str, list[Any]], Any]] = {
            "insert": self._insert, "document": self._document, "exists": self._exists, "update": self._update,
            "replace": self._replace, "remove": self._remove, "count": self._count, "all": self._all,
            "truncate": self._truncate, "drop": self._drop, "properties": self._properties, "type": self._type,
            "describe": self._describe, "has": self._has, "names": self._names, "create": self._create,
            "databaseId": self._database_id, "documentById": self._document_by_id, "existsById": self._exists_by_id,
            "removeById": self._remove_by_id, "updateById": self._update_by_id, "replaceById": self._replace_by_id,
            "ensureIndex": self._ensure_index, "getIndexes": self._get_indexes, "index": self._index,
            "dropIndex": self._drop_index, "indexById": self._index_by_id, "dropIndexById": self._drop_index_by_id,
            "documents": self._documents, "figures": self._figures,
        }

    def serve(self, job: Job, database: str, op: str, args: list[Any]) -> Any:
        """Run operation ``op`` of ``database`` for ``job`` (TTL expiry is made up first).

        Raises:
            ArangoError: what ArangoDB throws; 501/9 an operation the fake does not emulate.
        """
        handler = self.ops.get(op)
        if handler is None:
            raise ArangoError(E.NOT_IMPLEMENTED, f"not supported by fake-arango-tasks: db operation {op}")
        self._store.run_ttl(job.due_us)
        return handler(job, database, args)

    def _trx(self, job: Job, database: str) -> Transaction | None:
        trx = self._ctx.transactions.current(job)
        return trx if trx is not None and trx.database == database else None

    def _collection(self, job: Job, database: str, name: Any, *, write: bool = False) -> Collection:
        self._ctx.require(job, database, write)
        return self._store.collection(database, str(name))

    # -- documents ------------------------------------------------------------------------------------

    def _insert(self, job: Job, database: str, args: list[Any]) -> Any:
        name, body, opts = args[0], arg(args, 1), options(args, 2)
        collection = self._collection(job, database, name, write=True)
        trx = self._trx(job, database)
        given = opts.get("overwriteMode") or ("replace" if opts.get("overwrite") else "conflict")
        mode = _MODES.get(given, "conflict")

        def one(doc: Any) -> Any:
            old, new = self._store.insert(database, collection.name, doc, mode=mode,
                                          keep_null=opts.get("keepNull", True) is not False,
                                          merge_objects=opts.get("mergeObjects", True) is not False, trx=trx)
            if old is not None and mode == "ignore":
                return DocumentStore.header(collection, old)
            result = DocumentStore.header(collection, new)
            if old is not None:
                result["_oldRev"] = old["_rev"]
            if opts.get("returnNew"):
                result["new"] = new
            if old is not None and opts.get("returnOld"):
                result["old"] = old
            return result

        return per_element(body, one)

    def _document(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0])
        trx = self._trx(job, database)
        return per_element(arg(args, 1), lambda selector: self._store.get(database, collection.name, selector, trx))

    def _documents(self, job: Job, database: str, args: list[Any]) -> Any:
        """``collection.documents(keys)`` (``lookupByKeys``): ``{documents: [...]}``, missing keys skipped."""
        collection = self._collection(job, database, args[0])
        trx = self._trx(job, database)
        keys = arg(args, 1)
        if not isinstance(keys, list):
            raise ArangoError(E.BAD_PARAMETER, "expecting array of keys")
        found = [self._store.lookup(database, collection.name, key, trx) for key in keys]
        return {"documents": [d for d in found if d is not None]}

    def _exists(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0])
        document = self._store.lookup(database, collection.name, arg(args, 1), self._trx(job, database))
        return False if document is None else DocumentStore.header(collection, document)

    def _update(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0], write=True)
        selector, patch, opts = arg(args, 1), arg(args, 2), options(args, 3)
        old, new = self._store.update(
            database, collection.name, selector, patch, rev=_selector_rev(selector, opts),
            keep_null=opts.get("keepNull", True) is not False, merge_objects=opts.get("mergeObjects", True) is not False,
            trx=self._trx(job, database),
        )
        return _rewrite_result(old, new, opts)

    def _replace(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0], write=True)
        selector, body, opts = arg(args, 1), arg(args, 2), options(args, 3)
        old, new = self._store.replace(database, collection.name, selector, body, rev=_selector_rev(selector, opts),
                                       trx=self._trx(job, database))
        return _rewrite_result(old, new, opts)

    def _remove(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0], write=True)
        opts = options(args, 2)
        trx = self._trx(job, database)

        def one(selector: Any) -> Any:
            old = self._store.remove(database, collection.name, selector, rev=_selector_rev(selector, opts), trx=trx)
            result = DocumentStore.header(collection, old)
            if opts.get("returnOld"):
                result["old"] = old
            return result

        return per_element(arg(args, 1), one)

    def _count(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0])
        return self._store.count(database, collection.name, self._trx(job, database))

    def _all(self, job: Job, database: str, args: list[Any]) -> Any:
        collection = self._collection(job, database, args[0])
        return self._store.documents(database, collection.name, self._trx(job, database))

    def _figures(self, job: Job, database: str, args: list[Any]) -> Any:
        """``collection.figures()``: the counts a fake can tell (``RocksDBCollection::figures``)."""
        collection = self._collection(job, database, args[0])
        return {"indexes": {"count": 1 + (collection.type == 3) + len(collection.indexes), "size": 0},
                "documentsSize": 0, "cacheInUse": False, "cacheSize": 0, "cacheUsage": 0}

    def _truncate(self, job: Job, database: str, args: list[Any]) -> Any:
        self._ctx.require(job, database, True)
        self._store.truncate(database, str(args[0]), self._trx(job, database))
        return None

    # -- collections ----------------------------------------------------------------------------------

    def _drop(self, job: Job, database: str, args: list[Any]) -> Any:
        self._ctx.require(job, database, True)
        if self._store.has(database, str(args[0])):
            self._store.drop_collection(database, str(args[0]))
        return None

    def _properties(self, job: Job, database: str, args: list[Any]) -> Any:
        properties = self._collection(job, database, args[0]).properties()
        return {"waitForSync": properties["waitForSync"], "keyOptions": properties["keyOptions"]}

    def _type(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._collection(job, database, args[0]).type

    def _describe(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._collection(job, database, args[0]).describe()

    def _has(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._ctx.level(job, database) != "none" and self._store.has(database, str(args[0]))

    def _names(self, job: Job, database: str, args: list[Any]) -> Any:
        self._ctx.require(job, database, False)
        return [c.name for c in self._store.collections(database)]

    def _create(self, job: Job, database: str, args: list[Any]) -> Any:
        self._ctx.require(job, database, True)
        name, properties, kind = args[0], arg(args, 1), arg(args, 2)
        options = properties if isinstance(properties, dict) else {}
        self._store.create_collection(database, name, edge=kind in ("edge", 3), is_system=options.get("isSystem") is True,
                                      wait_for_sync=options.get("waitForSync") is True)
        return True

    def _database_id(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._ctx.databases.info(database)["id"]

    # -- db._document(id) and friends -------------------------------------------------------------------

    @staticmethod
    def _split_id(handle: Any) -> tuple[str, Any]:
        text = handle.get("_id") if isinstance(handle, dict) else handle
        if not isinstance(text, str) or "/" not in text:
            raise ArangoError(E.DOCUMENT_HANDLE_BAD)
        return text.split("/", 1)[0], text

    def _document_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, handle = self._split_id(arg(args, 0))
        return self._document(job, database, [name, handle])

    def _exists_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, handle = self._split_id(arg(args, 0))
        return self._exists(job, database, [name, handle])

    def _remove_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, _ = self._split_id(arg(args, 0))
        return self._remove(job, database, [name, *args])

    def _update_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, _ = self._split_id(arg(args, 0))
        return self._update(job, database, [name, *args])

    def _replace_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, _ = self._split_id(arg(args, 0))
        return self._replace(job, database, [name, *args])

    # -- indexes ----------------------------------------------------------------------------------------

    def _ensure_index(self, job: Job, database: str, args: list[Any]) -> Any:
        """``collection.ensureIndex(definition)``: the description, then ``isNewlyCreated``
        (``Indexes::ensureIndex`` merges it after the sorted description)."""
        collection = self._collection(job, database, args[0], write=True)
        if len(args) != 2:
            raise ArangoError(E.BAD_PARAMETER, "usage: ensureIndex(<description>)")
        description, created = self._store.ensure_index(database, collection.name, args[1])
        return {**description, "isNewlyCreated": created}

    def _get_indexes(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._store.indexes(database, self._collection(job, database, args[0]).name)

    def _index(self, job: Job, database: str, args: list[Any]) -> Any:
        return self._store.index(database, self._collection(job, database, args[0]).name, arg(args, 1))

    def _drop_index(self, job: Job, database: str, args: list[Any]) -> Any:
        self._store.drop_index(database, self._collection(job, database, args[0], write=True).name, arg(args, 1))
        return True

    @staticmethod
    def _index_handle(handle: Any) -> tuple[str, Any]:
        """``db._index(handle)`` / ``db._dropIndex(handle)``: a handle ``c/id`` or ``c/name``."""
        text = handle.get("id") if isinstance(handle, dict) else handle
        if not isinstance(text, str) or "/" not in text:
            raise ArangoError(E.INDEX_HANDLE_BAD)
        return text.split("/", 1)[0], text

    def _index_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, handle = self._index_handle(arg(args, 0))
        return self._index(job, database, [name, handle])

    def _drop_index_by_id(self, job: Job, database: str, args: list[Any]) -> Any:
        name, handle = self._index_handle(arg(args, 0))
        return self._drop_index(job, database, [name, handle])
