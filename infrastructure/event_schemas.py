"""The events the portal publishes for the vendor's other systems, as JSON Schemas under schemas/events/: the contract
a subscriber (the CRM) codes against. `python -m infrastructure.event_schemas` writes them from the models; a test
fails when a model and its committed schema differ, and the integration tests validate published events by them."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from infrastructure.local.template import ROOT
from portal.employees.events import DETAIL_TYPE as EMPLOYEE_CHANGED
from portal.employees.events import EmployeeChangedDetail

SCHEMA_DIRECTORY = ROOT / "schemas" / "events"
EVENTS: dict[str, type[BaseModel]] = {EMPLOYEE_CHANGED: EmployeeChangedDetail}


def schema_of(detail_type: str) -> dict[str, Any]:
    schema = EVENTS[detail_type].model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"kundeportal/events/{detail_type}",
        "description": f"The detail of a `{detail_type}` event (source `kundeportal`) on the portal's event bus",
        **schema,
    }


def rendered(detail_type: str) -> str:
    return json.dumps(schema_of(detail_type), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    SCHEMA_DIRECTORY.mkdir(parents=True, exist_ok=True)
    for detail_type in EVENTS:
        (SCHEMA_DIRECTORY / f"{detail_type}.json").write_text(rendered(detail_type), encoding="utf-8")


if __name__ == "__main__":
    main()
