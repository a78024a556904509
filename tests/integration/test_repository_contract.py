"""The in-memory customer repository the unit tests use (tests/fakes.py) and the DynamoDB one the handlers use,
held to the same contract: each test runs against both, on moto for the real one. A fake that drifts from the
real repository fails here, not in a unit test that trusted it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from portal.clock import new_id
from portal.customers.models import (
    Customer,
    CustomerHistoryAction,
    CustomerRegisterSettings,
    CustomerSort,
    CustomerStatus,
)
from portal.customers.repository import CustomerRepository, DynamoCustomerRepository
from portal.errors import Conflict
from portal.history import FieldChange
from tests.fakes import InMemoryCustomers

AT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
VIEWER = "contract-test"


@pytest.fixture(params=["in-memory", "dynamodb"])
def repository(request: pytest.FixtureRequest) -> CustomerRepository:
    if request.param == "in-memory":
        return InMemoryCustomers()
    request.getfixturevalue("runtime")  # the embedded backend, provisioned from template.yaml
    return DynamoCustomerRepository()


@pytest.fixture
def tag() -> str:
    """A word no other customer in the shared table has, so searches see only this test's customers."""
    return f"kontrakt{uuid.uuid4().hex[:8]}"


def customer(tag: str, name: str, **fields: object) -> Customer:
    values: dict[str, object] = {
        "customer_id": new_id(),
        "name": f"{name} {tag}",
        "number": str(uuid.uuid4().int)[:9],
        "country": "NO",
        "version": 1,
        "created_at": AT,
        "updated_at": AT,
    }
    return Customer.model_validate({**values, **fields})


def all_pages(read: Callable[[str | None], tuple[list[str], str | None]]) -> list[str]:
    found: list[str] = []
    cursor: str | None = None
    while True:
        ids, cursor = read(cursor)
        found.extend(ids)
        if cursor is None:
            return found


def test_a_created_customer_is_read_back_and_unknown_ids_are_none(repository: CustomerRepository, tag: str) -> None:
    created = customer(tag, "Les AS", city="Hamar")
    repository.create(created, actor="test")
    assert repository.get(created.customer_id) == created
    assert repository.get(new_id()) is None
    assert repository.get("not-an-id") is None


def test_many_are_read_at_once_in_name_order_skipping_unknown(repository: CustomerRepository, tag: str) -> None:
    later, earlier = customer(tag, "Bø AS"), customer(tag, "Alfa AS")
    for one in (later, earlier):
        repository.create(one, actor="test")
    found = repository.get_many([later.customer_id, new_id(), earlier.customer_id])
    assert [one.customer_id for one in found] == [earlier.customer_id, later.customer_id]


def test_a_customer_number_is_used_once_whatever_its_case(repository: CustomerRepository, tag: str) -> None:
    first = customer(tag, "Først AS", number=f"K-{tag[-6:]}")
    repository.create(first, actor="test")
    with pytest.raises(Conflict):
        repository.create(customer(tag, "Andre AS", number=f"k-{tag[-6:]}"), actor="test")


def test_a_change_from_an_old_copy_is_refused_and_every_change_is_history(
    repository: CustomerRepository, tag: str
) -> None:
    before = customer(tag, "Endre AS")
    repository.create(before, actor="test")
    after = before.model_copy(update={"city": "Moss", "version": 2, "updated_at": AT + timedelta(minutes=1)})
    changes = [FieldChange(field="city", before=None, after="Moss")]
    repository.update(before, after, actor="tester", action=CustomerHistoryAction.UPDATED, changes=changes)
    assert repository.get(before.customer_id) == after
    stale = before.model_copy(update={"city": "Rygge", "version": 2})
    with pytest.raises(Conflict):
        repository.update(before, stale, actor="tester", action=CustomerHistoryAction.UPDATED, changes=changes)
    entries, _ = repository.history(before.customer_id, limit=10, cursor=None, viewer=VIEWER)
    assert [entry.action for entry in entries] == [CustomerHistoryAction.UPDATED, CustomerHistoryAction.CREATED]
    assert entries[0].changes == changes
    assert entries[0].actor == "tester"


def test_history_comes_a_page_at_a_time_newest_first(repository: CustomerRepository, tag: str) -> None:
    current = customer(tag, "Historikk AS")
    repository.create(current, actor="test")
    for step in range(1, 4):
        after = current.model_copy(
            update={"city": f"By {step}", "version": current.version + 1, "updated_at": AT + timedelta(minutes=step)}
        )
        change = FieldChange(field="city", before=current.city, after=after.city)
        repository.update(current, after, actor="test", action=CustomerHistoryAction.UPDATED, changes=[change])
        current = after

    def page(cursor: str | None) -> tuple[list[str], str | None]:
        entries, following = repository.history(current.customer_id, limit=2, cursor=cursor, viewer=VIEWER)
        return [
            "created" if entry.action is CustomerHistoryAction.CREATED else str(entry.changes[0].after)
            for entry in entries
        ], following

    assert all_pages(page) == ["By 3", "By 2", "By 1", "created"]


def test_a_search_finds_every_customer_with_all_the_words_a_page_at_a_time(
    repository: CustomerRepository, tag: str
) -> None:
    wanted = [customer(tag, f"Søk {index} AS") for index in range(5)]
    for one in [*wanted, customer(tag, "Passiv AS", status="inactive")]:
        repository.create(one, actor="test")

    def page(cursor: str | None) -> tuple[list[str], str | None]:
        found = repository.search_page(
            status=CustomerStatus.ACTIVE, terms=[tag, "søk"], limit=2, cursor=cursor, viewer=VIEWER
        )
        return [summary.customer_id for summary in found.items], found.cursor

    found = all_pages(page)
    assert sorted(found) == sorted(one.customer_id for one in wanted)


def test_a_list_is_in_the_order_asked_for_across_pages(repository: CustomerRepository, tag: str) -> None:
    ours = [customer(tag, name, number=f"9{tag[-5:]}{index}") for index, name in enumerate(["Cé AS", "Ab AS", "Bø AS"])]
    for one in ours:
        repository.create(one, actor="test")

    def page(cursor: str | None) -> tuple[list[str], str | None]:
        found = repository.list_page(
            status=CustomerStatus.ACTIVE,
            sort=CustomerSort.NUMBER,
            ascending=False,
            limit=50,
            cursor=cursor,
            viewer=VIEWER,
        )
        return [summary.customer_id for summary in found.items], found.cursor

    listed = [customer_id for customer_id in all_pages(page) if customer_id in {one.customer_id for one in ours}]
    assert listed == [one.customer_id for one in sorted(ours, key=lambda one: one.number, reverse=True)]


def test_assigned_customers_and_subsidiaries(repository: CustomerRepository, tag: str) -> None:
    group = customer(tag, "Konsern AS")
    child = customer(tag, "Datter AS", parent_id=group.customer_id)
    for one in (group, child):
        repository.create(one, actor="test")
    repository.assign(group, f"selger-{tag}", actor="admin", at=AT + timedelta(minutes=1))
    assigned = repository.get(group.customer_id)
    assert assigned is not None
    assert assigned.assigned_staff == [f"selger-{tag}"]
    assert [summary.customer_id for summary, _ in repository.assigned_to(f"selger-{tag}")] == [group.customer_id]
    assert repository.subsidiaries(group.customer_id) == [child.customer_id]


def test_settings_change_only_from_the_version_read(repository: CustomerRepository) -> None:
    current = repository.get_settings()
    changed = CustomerRegisterSettings.model_validate({**current.model_dump(), "version": current.version + 1})
    with pytest.raises(Conflict):
        repository.save_settings(changed, expected_version=current.version + 7, actor="test")
    repository.save_settings(changed, expected_version=current.version, actor="test")
    assert repository.get_settings().version == current.version + 1
