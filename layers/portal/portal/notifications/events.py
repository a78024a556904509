"""Events for the vendor's other systems (its CRM): written to the outbox with the change that causes them and
published to the portal's EventBridge bus when delivered. Each `detail_type` is a documented contract."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from mypy_boto3_events.client import EventBridgeClient

SOURCE = "kundeportal"


class DomainEvent(BaseModel):
    """One event: what happened (`detail_type`, e.g. "ServiceOrderPlaced") and its facts (`detail`)."""

    source: str = SOURCE
    detail_type: str = Field(max_length=128)
    detail: dict[str, Any]


class EventPublisher(Protocol):
    def publish(self, event: DomainEvent) -> None: ...


def _stored_number(value: object) -> int | str:
    """DynamoDB gives numbers back as Decimal: whole ones (counts, minor units) go out as numbers, others as exact
    text, never as a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


@cache
def _client() -> EventBridgeClient:
    import boto3

    return boto3.client("events")


class EventBridgePublisher:
    def __init__(self, bus_name: str) -> None:
        self.bus_name = bus_name

    def publish(self, event: DomainEvent) -> None:
        answer = _client().put_events(
            Entries=[
                {
                    "Source": event.source,
                    "DetailType": event.detail_type,
                    "Detail": json.dumps(event.detail, default=_stored_number),
                    "EventBusName": self.bus_name,
                }
            ]
        )
        # PutEvents answers 200 with failed entries: a refused event must fail its delivery, to be retried.
        if answer.get("FailedEntryCount"):
            entry = answer["Entries"][0]
            raise RuntimeError(f"EventBridge refused the event: {entry.get('ErrorCode')} {entry.get('ErrorMessage')}")
