"""Registration requests in the single table; the workflow's task token is stored on the request."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from portal.clock import is_id, iso, parse_iso
from portal.notifications.email import EmailMessage
from portal.notifications.repository import enqueue
from portal.registration.models import RegistrationRequest, RegistrationStatus
from portal.store import Item, Table, Transaction, key


def request_key(request_id: str) -> dict[str, dict[str, str]]:
    """The request's key in DynamoDB's typed form, as the state machine's service integration needs it."""
    return {"PK": {"S": key("REGREQ", request_id)}, "SK": {"S": "REGREQ"}}


class RegistrationRepository(Protocol):
    def add(self, request: RegistrationRequest, *, emails: Sequence[EmailMessage]) -> None: ...
    def get(self, request_id: str) -> tuple[RegistrationRequest, str | None] | None: ...
    def list_by_status(
        self, status: RegistrationStatus, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[RegistrationRequest], str | None]: ...
    def decide(
        self,
        request_id: str,
        *,
        status: RegistrationStatus,
        by: str,
        at: datetime,
        customer_number: str | None,
        reason: str | None,
        emails: Sequence[EmailMessage],
    ) -> None: ...
    def set_status(
        self,
        request_id: str,
        status: RegistrationStatus,
        *,
        expected: RegistrationStatus,
        customer_id: str | None = None,
        reason: str | None = None,
        failure: str | None = None,
    ) -> None: ...


class DynamoRegistrationRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def add(self, request: RegistrationRequest, *, emails: Sequence[EmailMessage]) -> None:
        data = request.model_dump(mode="json", exclude={"ready_for_decision"})
        transaction = Transaction()
        transaction.put(
            {
                "PK": key("REGREQ", request.request_id),
                "SK": "REGREQ",
                "type": "registration_request",
                **data,
                **_status_keys(request.status, request.created_at, request.request_id),
            },
            condition="attribute_not_exists(PK)",
        )
        enqueue(transaction, emails, at=request.created_at)
        self.table.transact(transaction, conflict_message="This request was already received")

    def get(self, request_id: str) -> tuple[RegistrationRequest, str | None] | None:
        if not is_id(request_id):
            return None
        item = self.table.get(key("REGREQ", request_id), "REGREQ", consistent=True)
        if item is None:
            return None
        return _from_item(item), item.get("task_token")

    def list_by_status(
        self, status: RegistrationStatus, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[RegistrationRequest], str | None]:
        page = self.table.query(
            pk=key("REGREQ", status.value),
            index="GSI1",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=viewer,
        )
        return [_from_item(item) for item in page.items], page.cursor

    def decide(
        self,
        request_id: str,
        *,
        status: RegistrationStatus,
        by: str,
        at: datetime,
        customer_number: str | None,
        reason: str | None,
        emails: Sequence[EmailMessage],
    ) -> None:
        """Once only: the condition makes a second, concurrent decision fail."""
        optional = {"customer_number": customer_number, "reason": reason}
        assignments = ", ".join(f"{name} = :{name}" for name, value in optional.items() if value is not None)
        transaction = Transaction()
        transaction.update(
            key("REGREQ", request_id),
            "REGREQ",
            expression="SET #status = :status, decided_by = :by, decided_at = :at, GSI1PK = :gsi"
            + (f", {assignments}" if assignments else ""),
            names={"#status": "status"},
            values={
                ":status": status.value,
                ":by": by,
                ":at": iso(at),
                ":pending": RegistrationStatus.PENDING.value,
                ":failed": RegistrationStatus.FAILED.value,
                ":gsi": key("REGREQ", status.value),
                **{f":{name}": value for name, value in optional.items() if value is not None},
            },
            condition="#status IN (:pending, :failed) AND attribute_exists(task_token)",
        )
        enqueue(transaction, emails, at=at)
        self.table.transact(
            transaction, conflict_message="This request has already been decided, or is not ready for a decision yet"
        )

    def set_status(
        self,
        request_id: str,
        status: RegistrationStatus,
        *,
        expected: RegistrationStatus,
        customer_id: str | None = None,
        reason: str | None = None,
        failure: str | None = None,
    ) -> None:
        values: dict[str, Any] = {
            ":status": status.value,
            ":expected": expected.value,
            ":gsi": key("REGREQ", status.value),
        }
        expression = "SET #status = :status, GSI1PK = :gsi"
        if customer_id:
            expression += ", customer_id = :customer"
            values[":customer"] = customer_id
        if reason:
            expression += ", reason = :reason"
            values[":reason"] = reason
        if failure:
            # The failed attempt's task token is spent; the workflow stores a new one when it waits again.
            expression += ", failure = :failure REMOVE task_token"
            values[":failure"] = failure
        self.table.update(
            key("REGREQ", request_id),
            "REGREQ",
            expression=expression,
            names={"#status": "status"},
            values=values,
            condition="#status = :expected",
            conflict_message="The request changed meanwhile",
        )


def _status_keys(status: RegistrationStatus, created_at: datetime, request_id: str) -> Item:
    return {"GSI1PK": key("REGREQ", status.value), "GSI1SK": key(iso(created_at), request_id)}


def _from_item(item: Item) -> RegistrationRequest:
    fields = set(RegistrationRequest.model_fields)
    data = {name: value for name, value in item.items() if name in fields and value is not None}
    data["created_at"] = parse_iso(item["created_at"])
    if item.get("decided_at"):
        data["decided_at"] = parse_iso(item["decided_at"])
    data["ready_for_decision"] = "task_token" in item and item.get("status") in {
        RegistrationStatus.PENDING.value,
        RegistrationStatus.FAILED.value,
    }
    return RegistrationRequest.model_validate(data)
