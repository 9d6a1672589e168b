"""INSERT, UPDATE, REPLACE, REMOVE and UPSERT (docs-hugo ``aql/high-level-operations/insert.md``
... ``upsert.md``; arangod ``Aql/ModificationExecutor*.cpp``, ``ModificationOptions.cpp``,
``UpsertModifier.cpp``).

Each row performs one write through the :class:`~fake_arango_tasks._aql._storage.Collection` and
sets ``OLD``/``NEW``. A failed write fails the query unless ``ignoreErrors`` is set, in which case
it counts in ``writesIgnored`` and the row produces nothing; a collection the surrounding transaction
did not declare for writing (1652) fails the query all the same (arangod adds the query's collections
to the transaction before any row: ``ignoreErrors`` never sees it). Keys of UPDATE/REPLACE/REMOVE come
from a key string or from a document's ``_key`` (``_rev`` is checked when ``ignoreRevs: false``).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Literal

from .. import _errors as E
from .._errors import ArangoError
from ._ast import ModifyOp, UpsertOp
from ._runtime import Run
from ._storage import WriteOptions
from ._values import equals, to_bool

__all__ = ["modification_stage", "write_options"]

Frame = list[Any]


def _ignored(exc: ArangoError, options: WriteOptions) -> bool:
    """Whether ``ignoreErrors`` turns this failed write into a ``writesIgnored``."""
    return options.ignore_errors and exc.error_num != E.TRANSACTION_UNREGISTERED_COLLECTION


def write_options(value: Any) -> WriteOptions:
    """``OPTIONS {...}`` of a modification as :class:`WriteOptions` (ArangoDB's names:
    ignoreErrors, keepNull, mergeObjects, ignoreRevs, overwriteMode, overwrite, waitForSync;
    exclusive, readOwnWrites, refillIndexCaches and the index hints are accepted and ignored)."""
    if not isinstance(value, dict):
        return WriteOptions()
    given = value.get("overwriteMode")
    mode: Literal["conflict", "update", "replace", "ignore"] | None = None
    if given in ("conflict", "update", "replace", "ignore"):
        mode = given
    elif to_bool(value.get("overwrite", False)):
        mode = "replace"
    return WriteOptions(
        ignore_errors=bool(to_bool(value.get("ignoreErrors", False))),
        keep_null=bool(to_bool(value.get("keepNull", True))),
        merge_objects=bool(to_bool(value.get("mergeObjects", True))),
        ignore_revs=bool(to_bool(value.get("ignoreRevs", True))),
        overwrite_mode=mode,
        wait_for_sync=bool(to_bool(value.get("waitForSync", False))),
    )


def _key_and_rev(value: Any) -> tuple[str, str | None]:
    """The key (and revision) an UPDATE/REPLACE/REMOVE addresses.

    Raises:
        ArangoError: 1226 an object without ``_key``; 1221 a key that is not a string; 1227
            neither string nor object.
    """
    if isinstance(value, str):
        return value, None
    if isinstance(value, dict):
        if "_key" not in value:
            raise ArangoError(1226)
        key = value["_key"]
        if not isinstance(key, str):
            raise ArangoError(1221)
        rev = value.get("_rev")
        return key, rev if isinstance(rev, str) else None
    raise ArangoError(1227)


def modification_stage(pipeline: Any, operation: ModifyOp | UpsertOp) -> Callable[[Iterator[Frame], Frame], Iterator[Frame]]:
    """The stage performing ``operation`` for every row."""
    run: Run = pipeline.run
    compile_ = pipeline.expressions.compile
    target = operation.collection
    name = str(target.value if target.type == "collection" else run.bind_vars.get(target.value))
    options_value = compile_(operation.options)([]) if operation.options is not None else {}
    options = write_options(options_value)
    stats = run.stats
    old_slot = operation.old.slot if operation.old is not None else None
    new_slot = operation.new.slot if operation.new is not None else None
    if isinstance(operation, UpsertOp):
        return _upsert_stage(pipeline, operation, name, options)
    document = compile_(operation.document)
    key_fn = compile_(operation.key) if operation.key is not None else None
    kind = operation.kind

    def write(frame: Frame) -> tuple[Any, Any]:
        collection = run.collection(name)
        value = document(frame)
        if kind == "insert":
            if not isinstance(value, dict):
                raise ArangoError(1227)
            return collection.insert(value, options)
        if kind == "remove":
            key, rev = _key_and_rev(value)
            return collection.remove(key, options, rev), None
        key, rev = _key_and_rev(key_fn(frame) if key_fn is not None else value)
        if not isinstance(value, dict):
            raise ArangoError(1227)
        if kind == "update":
            return collection.update(key, value, options, rev)
        return collection.replace(key, value, options, rev)

    def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
        for frame in rows:
            try:
                old, new = write(frame)
            except ArangoError as exc:
                if _ignored(exc, options):
                    stats.writes_ignored += 1
                    continue
                raise
            stats.writes_executed += 1
            if old_slot is not None:
                frame[old_slot] = old
            if new_slot is not None:
                frame[new_slot] = new
            yield frame

    return stage


def _upsert_stage(pipeline: Any, operation: UpsertOp, name: str, options: WriteOptions
                  ) -> Callable[[Iterator[Frame], Frame], Iterator[Frame]]:
    """``UPSERT search INSERT doc UPDATE|REPLACE doc IN coll``: the first document equal to
    ``search`` on each of its attributes (or matching ``UPSERT FILTER``) is updated, else
    ``doc`` is inserted; reads see the query's own earlier writes."""
    run = pipeline.run
    compile_ = pipeline.expressions.compile
    stats = run.stats
    search = compile_(operation.search) if operation.search is not None else None
    search_filter = compile_(operation.search_filter) if operation.search_filter is not None else None
    current_slot = operation.current.slot if operation.current is not None else None
    insert = compile_(operation.insert)
    update = compile_(operation.update)
    old_slot = operation.old.slot if operation.old is not None else None
    new_slot = operation.new.slot if operation.new is not None else None
    parameter = operation.search is not None and operation.search.type == "parameter"

    def find(frame: Frame) -> Any:
        collection = run.collection(name)
        if search_filter is not None:
            for document in collection.all():
                stats.scanned_full += 1
                frame[current_slot] = document  # type: ignore[index]
                if to_bool(search_filter(frame)):
                    return document
            return None
        assert search is not None
        wanted = search(frame)
        if not isinstance(wanted, dict):
            if parameter:
                raise ArangoError(1553, f"bind parameter '{operation.search.value}' has an invalid value or type")  # type: ignore[union-attr]
            raise ArangoError(1227)
        for document in collection.all():
            stats.scanned_full += 1
            if all(equals(document.get(k), v) for k, v in wanted.items()):
                return document
        return None

    def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
        for frame in rows:
            try:
                found = find(frame)
                if old_slot is not None:
                    frame[old_slot] = found
                collection = run.collection(name)
                if found is None:
                    value = insert(frame)
                    if not isinstance(value, dict):
                        raise ArangoError(1227)
                    _, new = collection.insert(value, options)
                else:
                    value = update(frame)
                    if not isinstance(value, dict):
                        raise ArangoError(1227)
                    if operation.kind == "update":
                        _, new = collection.update(found["_key"], value, options)
                    else:
                        _, new = collection.replace(found["_key"], value, options)
            except ArangoError as exc:
                if _ignored(exc, options):
                    stats.writes_ignored += 1
                    continue
                raise
            stats.writes_executed += 1
            if new_slot is not None:
                frame[new_slot] = new
            yield frame

    return stage
