"""Ids that cannot exist are never looked up: the repositories answer "not found" without a database call."""

from __future__ import annotations

from typing import Any

import pytest

from portal.clock import is_id, new_id
from portal.contacts.repository import DynamoContactRepository
from portal.customers.repository import DynamoCustomerRepository
from portal.departments.repository import DynamoDepartmentRepository
from portal.objects.repository import DynamoObjectRepository
from portal.registration.repository import DynamoRegistrationRepository
from portal.store import Table

MALFORMED = [
    "",
    "x",
    "not-an-id",
    "01j0000000000000000000000a",
    "8" + "0" * 25,
    "0" * 27,
    "Z" * 3000,
    "01JNOSUCHREQUEST0000000000",
]


class NoDatabase:
    """A DynamoDB client that fails the test on any call."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"a malformed id reached DynamoDB ({name})")


@pytest.fixture
def table() -> Table:
    return Table(name="unused", client=NoDatabase())  # type: ignore[arg-type]


def test_new_ids_are_ids_and_malformed_ones_are_not() -> None:
    assert all(is_id(new_id()) for _ in range(100))
    assert not any(is_id(text) for text in MALFORMED)


@pytest.mark.parametrize("malformed", MALFORMED)
def test_repositories_report_a_malformed_id_as_missing_without_reading(table: Table, malformed: str) -> None:
    # Given repositories whose table fails on any call; When asked for records by a malformed id; Then "none"
    assert DynamoCustomerRepository(table).get(malformed) is None
    assert DynamoCustomerRepository(table).get_many([malformed]) == []
    assert DynamoContactRepository(table).get(malformed) is None
    assert DynamoObjectRepository(table).get(new_id(), malformed) is None
    assert DynamoObjectRepository(table).get(malformed, new_id()) is None
    assert DynamoObjectRepository(table).get_many([(malformed, malformed)]) == []
    assert DynamoDepartmentRepository(table).get(new_id(), malformed) is None
    assert DynamoRegistrationRepository(table).get(malformed) is None


def test_a_well_formed_id_is_looked_up(table: Table) -> None:
    # The guard lets real ids through: the failing client proves the lookup is attempted
    with pytest.raises(AssertionError, match="reached DynamoDB"):
        DynamoCustomerRepository(table).get(new_id())
