"""AQL writes into the real document store (``DocumentStore.storage``): what the store keeps is its
own. The engine shares values freely (folded constants, variables, bind parameters, the documents
it read); the store's adapter copies what a write gives it, so that neither a later change of the
caller's values nor another document can reach a stored one."""

from __future__ import annotations

from fake_arango_tasks._aql import QueryContext, execute
from tests.aql.stores import StoreStorage


def _store() -> StoreStorage:
    storage = StoreStorage()
    storage.create("c")
    return storage


def test_a_stored_document_does_not_share_the_bind_parameters_values() -> None:
    storage = _store()
    given = {"_key": "a", "tags": ["x"], "address": {"city": "Cologne"}}
    execute("INSERT @doc INTO c", {"doc": given}, QueryContext(storage))
    given["tags"].append("y")
    given["address"]["city"] = "Bonn"
    assert storage.documents("c")["a"]["tags"] == ["x"]
    assert storage.documents("c")["a"]["address"] == {"city": "Cologne"}


def test_documents_made_from_one_constant_do_not_share_it() -> None:
    storage = _store()
    execute("FOR i IN 1..2 INSERT {_key: TO_STRING(i), tags: [1]} INTO c", {}, QueryContext(storage))
    docs = storage.documents("c")
    assert docs["1"]["tags"] == docs["2"]["tags"] == [1]
    assert docs["1"]["tags"] is not docs["2"]["tags"]


def test_update_and_replace_copy_what_they_are_given() -> None:
    storage = _store()
    execute("INSERT {_key: 'a'} INTO c", {}, QueryContext(storage))
    patch = {"nested": {"v": 1}}
    execute("UPDATE 'a' WITH @p IN c", {"p": patch}, QueryContext(storage))
    patch["nested"]["v"] = 2
    assert storage.documents("c")["a"]["nested"] == {"v": 1}
    body = {"list": [1]}
    execute("REPLACE 'a' WITH @b IN c", {"b": body}, QueryContext(storage))
    body["list"].append(2)
    assert storage.documents("c")["a"]["list"] == [1]


def test_overwrite_mode_ignore_gives_no_old_document() -> None:
    storage = _store()
    execute("INSERT {_key: 'a', v: 1} INTO c", {}, QueryContext(storage))
    result = execute("INSERT {_key: 'a', v: 2} INTO c OPTIONS {overwriteMode: 'ignore'} RETURN [OLD, NEW.v]", {},
                     QueryContext(storage))
    assert result.values == [[None, 1]]
