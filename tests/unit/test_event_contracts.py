"""The events for the vendor's CRM are documented contracts: each committed schema (schemas/events/) is what its
model says, and an event the code makes validates against it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import jsonschema
import pytest

from infrastructure.event_schemas import EVENTS, SCHEMA_DIRECTORY, rendered
from portal.employees.events import EmployeeChange, employee_changed
from portal.employees.models import StoredEmployee
from portal.sealing import SealedValue


@pytest.mark.parametrize("detail_type", sorted(EVENTS))
def test_the_committed_schema_is_the_models(detail_type: str) -> None:
    committed = (SCHEMA_DIRECTORY / f"{detail_type}.json").read_text(encoding="utf-8")
    assert committed == rendered(detail_type), "run: python -m infrastructure.event_schemas"


def test_an_employee_change_validates_and_carries_no_number() -> None:
    at = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    employee = StoredEmployee(
        employee_id="01JD5X0Q8T6W0ZQ3J7R5K2M4NB",
        customer_id="01JD5X0Q8T6W0ZQ3J7R5K2M4NC",
        first_name="Donald",
        last_name="Duck",
        email="duck@testikkeibruk.no",
        birth_date=date(2018, 9, 13),
        national_id_masked="130918*****",
        national_id_sealed=SealedValue(key="a2V5", nonce="bm9uY2U=", ciphertext="c2VhbGVk"),
        national_id_index="f" * 64,
        version=1,
        created_at=at,
        updated_at=at,
    )
    event = employee_changed(employee, change=EmployeeChange.CREATED, fields=["email"], customer_number="10001", by="x")
    schema = json.loads((SCHEMA_DIRECTORY / "EmployeeChanged.json").read_text(encoding="utf-8"))
    jsonschema.validate(event.detail, schema)
    assert event.detail["national_id_registered"] is True
    assert not {"national_id", "national_id_sealed", "national_id_index", "national_id_masked"} & set(event.detail)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**event.detail, "national_id": "13091849962"}, schema)  # nothing more may be added
