"""The customer CSV export writes every customer of the list, page after page, and says so when a limit stops it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from portal.customers import service
from portal.customers.models import Customer, CustomerQuery, CustomerStatus, ExportColumn
from portal.languages import Language
from tests.fakes import InMemoryCustomers
from tests.unit.test_customer_rules import ADMIN

AT = datetime(2026, 12, 1, tzinfo=UTC)
COUNT = 5150  # many pages, and more rows than the export once stopped at without saying so


@pytest.fixture
def register() -> InMemoryCustomers:
    repository = InMemoryCustomers()
    for index in range(COUNT):
        customer = Customer(
            customer_id=f"c{index:05}", name=f"Kunde {index:05} AS", number=str(10000 + index), country="NO",
            version=1, created_at=AT, updated_at=AT,
        )  # fmt: skip
        repository.customers[customer.customer_id] = customer
    return repository


def rows_of(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))


def test_every_customer_of_the_list_is_exported(register: InMemoryCustomers) -> None:
    # Given a list of many pages, longer than the 5000 rows the export once cut silently
    # When the list is exported
    export = service.export_csv(ADMIN, register, CustomerQuery())
    # Then every customer is a row, and the export says it is complete
    rows = rows_of(export.body)
    assert rows[0] == ["Kundenummer", "Navn", "Kontaktperson", "E-post", "Sted", "Status"]
    assert rows[1][5] == "aktiv"
    assert len(rows) - 1 == export.rows == COUNT
    assert {row[1] for row in rows[1:]} == {customer.name for customer in register.customers.values()}
    assert export.complete
    assert export.limit is None


def test_a_file_that_would_grow_too_large_ends_with_a_row_naming_the_limit(register: InMemoryCustomers) -> None:
    # Given a file limit the customers do not fit in
    export = service.export_csv(ADMIN, register, CustomerQuery(), language=Language.EN, max_bytes=20_000)
    # Then the file stops below the limit, and its last row says how far it got and why
    assert not export.complete
    assert len(export.body.encode()) <= 20_000 + 200
    rows = rows_of(export.body)
    assert len(rows) - 2 == export.rows < COUNT
    assert rows[-1][0].startswith(f"# Export stopped after {export.rows} customers: a file holds at most 20000 bytes")
    assert export.limit == "a file holds at most 20000 bytes"


def test_an_export_running_out_of_time_says_so(register: InMemoryCustomers) -> None:
    calls = iter(range(1_000_000))
    export = service.export_csv(
        ADMIN, register, CustomerQuery(), language=Language.EN, out_of_time=lambda: next(calls) >= 300
    )
    assert (export.rows, export.complete) == (300, False)
    assert "time of one request" in rows_of(export.body)[-1][0]


def test_the_file_holds_the_chosen_columns_in_their_order_headed_in_the_users_language(
    register: InMemoryCustomers,
) -> None:
    # Given a user who shows the name and the city, in Swedish
    columns = [ExportColumn.NAME, ExportColumn.CITY, ExportColumn.STATUS]
    export = service.export_csv(ADMIN, register, CustomerQuery(), columns=columns, language=Language.SV)
    # Then the file has those columns, in that order, headed and worded in Swedish
    rows = rows_of(export.body)
    assert rows[0] == ["Namn", "Ort", "Status"]
    assert rows[1] == ["Kunde 00000 AS", "", "aktiv"]


def test_every_column_has_a_heading_and_every_status_a_word_in_every_language() -> None:
    for language in Language:
        assert set(service.EXPORT_HEADINGS[language]) == set(ExportColumn)
        assert set(service.EXPORT_STATUSES[language]) == set(CustomerStatus)
        assert language in service.EXPORT_STOPPED
        assert language in service.EXPORT_LIMITS
