"""Fixtures of the AQL engine tests: a fresh, empty database per test.

The storage is the real document store (``DocumentStore.storage``), the one HTTP and task commands
use; ``AQL_STORAGE=memory`` runs the same tests against the second implementation of the
engine's ``Storage`` protocol, ``tests/aql/memory_storage.py``."""

from __future__ import annotations

import pytest

from tests.aql.stores import TestStorage, new_storage


@pytest.fixture
def storage() -> TestStorage:
    """An empty database ``_system``."""
    return new_storage()
