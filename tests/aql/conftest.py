"""Fixtures of the AQL engine tests: a fresh in-memory storage per test, and the few functions the
language tests call, registered only where the function library does not provide them yet."""

from __future__ import annotations

import pytest

from tests.aql.memory_storage import MemoryStorage
from tests.aql.stand_in_functions import register_test_functions

register_test_functions()


@pytest.fixture
def storage() -> MemoryStorage:
    """An empty database."""
    return MemoryStorage()
