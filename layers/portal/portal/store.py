"""Single-table access: the only module that talks to DynamoDB.

Every repository goes through `Table`. It keeps items as plain dicts, maps `ClientError` codes to domain errors,
and hands out opaque pagination cursors that can only continue the query they came from.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError
from pydantic import BaseModel

from portal.clock import iso, new_id
from portal.errors import Conflict, TooManyRequests, ValidationFailed
from portal.settings import get_settings

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

Item = dict[str, Any]
M = TypeVar("M", bound=BaseModel)

# A delimiter that never occurs inside an id (ids are ULIDs, numbers are validated), so that one
# customer's key prefix can never match another customer's.
SEP = "#"

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def key(*parts: str) -> str:
    return SEP.join(parts)


def serialize(item: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _serializer.serialize(value) for name, value in item.items() if value is not None}


def deserialize(raw: Mapping[str, Any]) -> Item:
    return {name: _deserializer.deserialize(value) for name, value in raw.items()}


@cache
def dynamodb_client() -> DynamoDBClient:
    import boto3

    return boto3.client("dynamodb")


@dataclass(frozen=True)
class Page:
    items: list[Item]
    cursor: str | None
    items_read: int = 0


@dataclass
class Transaction:
    """Collects the writes of one business change so they commit together (with its audit entry)."""

    operations: list[dict[str, Any]] = field(default_factory=list)

    def put(
        self,
        item: Mapping[str, Any],
        *,
        condition: str | None = None,
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        operation: dict[str, Any] = {"Item": serialize(item)}
        _add_condition(operation, condition, values, names)
        self.operations.append({"Put": operation})

    def update(
        self,
        pk: str,
        sk: str,
        *,
        expression: str,
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
        condition: str | None = None,
    ) -> None:
        operation: dict[str, Any] = {"Key": serialize({"PK": pk, "SK": sk}), "UpdateExpression": expression}
        _add_condition(operation, condition, values, names)
        self.operations.append({"Update": operation})

    def delete(
        self,
        pk: str,
        sk: str,
        *,
        condition: str | None = None,
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        operation: dict[str, Any] = {"Key": serialize({"PK": pk, "SK": sk})}
        _add_condition(operation, condition, values, names)
        self.operations.append({"Delete": operation})

    def check(
        self,
        pk: str,
        sk: str,
        *,
        condition: str,
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        operation: dict[str, Any] = {"Key": serialize({"PK": pk, "SK": sk})}
        _add_condition(operation, condition, values, names)
        self.operations.append({"ConditionCheck": operation})


def _add_condition(
    operation: dict[str, Any], condition: str | None, values: Mapping[str, Any] | None, names: Mapping[str, str] | None
) -> None:
    if condition:
        operation["ConditionExpression"] = condition
    if values:
        operation["ExpressionAttributeValues"] = serialize(values)
    if names:
        operation["ExpressionAttributeNames"] = dict(names)


class Table:
    """The portal's single table. `conflict_message` explains a failed condition in the caller's words."""

    MAX_TRANSACTION_ITEMS = 100

    def __init__(self, name: str | None = None, client: DynamoDBClient | None = None):
        self.name = name or get_settings().table_name
        self._client = client

    @property
    def client(self) -> DynamoDBClient:
        return self._client or dynamodb_client()

    def get(self, pk: str, sk: str, *, consistent: bool = False) -> Item | None:
        with _mapped_errors("The record"):
            response = self.client.get_item(
                TableName=self.name, Key=serialize({"PK": pk, "SK": sk}), ConsistentRead=consistent
            )
        raw = response.get("Item")
        return deserialize(raw) if raw else None

    def batch_get(self, keys: Sequence[tuple[str, str]]) -> list[Item]:
        found: list[Item] = []
        pending = [serialize({"PK": pk, "SK": sk}) for pk, sk in dict.fromkeys(keys)]
        while pending:
            chunk, pending = pending[:100], pending[100:]
            request: dict[str, Any] = {self.name: {"Keys": chunk}}
            while request:
                with _mapped_errors("The records"):
                    response = self.client.batch_get_item(RequestItems=request)
                found.extend(deserialize(raw) for raw in response["Responses"].get(self.name, []))
                request = dict(response.get("UnprocessedKeys") or {})
        return found

    def batch_put(self, items: Sequence[Mapping[str, Any]]) -> None:
        """Unconditional bulk writes (no audit, no conditions): for loading data, never for customer changes."""
        pending = [{"PutRequest": {"Item": serialize(item)}} for item in items]
        while pending:
            chunk, pending = pending[:25], pending[25:]
            request: dict[str, Any] = {self.name: chunk}
            while request:
                with _mapped_errors("The records"):
                    response = self.client.batch_write_item(RequestItems=request)
                request = dict(response.get("UnprocessedItems") or {})

    def put(
        self,
        item: Mapping[str, Any],
        *,
        condition: str | None = None,
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
        conflict_message: str = "The record changed meanwhile",
    ) -> None:
        request: dict[str, Any] = {"TableName": self.name, "Item": serialize(item)}
        _add_condition(request, condition, values, names)
        with _mapped_errors(conflict_message):
            self.client.put_item(**request)

    def update(
        self,
        pk: str,
        sk: str,
        *,
        expression: str,
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
        condition: str | None = None,
        conflict_message: str = "The record changed meanwhile",
    ) -> Item:
        request: dict[str, Any] = {
            "TableName": self.name,
            "Key": serialize({"PK": pk, "SK": sk}),
            "UpdateExpression": expression,
            "ReturnValues": "ALL_NEW",
        }
        _add_condition(request, condition, values, names)
        with _mapped_errors(conflict_message):
            response = self.client.update_item(**request)
        return deserialize(response.get("Attributes", {}))

    def delete(
        self,
        pk: str,
        sk: str,
        *,
        condition: str | None = None,
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
        conflict_message: str = "The record changed meanwhile",
        return_old: bool = False,
    ) -> Item | None:
        request: dict[str, Any] = {"TableName": self.name, "Key": serialize({"PK": pk, "SK": sk})}
        if return_old:
            request["ReturnValues"] = "ALL_OLD"
        _add_condition(request, condition, values, names)
        with _mapped_errors(conflict_message):
            response = self.client.delete_item(**request)
        old = response.get("Attributes")
        return deserialize(old) if old else None

    def transact(self, transaction: Transaction, *, conflict_message: str = "The record changed meanwhile") -> None:
        operations = transaction.operations
        if not operations:
            return
        if len(operations) > self.MAX_TRANSACTION_ITEMS:
            raise ValidationFailed("The change touches too many records at once", code="change_too_large")
        for operation in operations:
            next(iter(operation.values()))["TableName"] = self.name
        with _mapped_errors(conflict_message):
            self.client.transact_write_items(TransactItems=operations)  # type: ignore[arg-type]

    def put_audited(
        self,
        item: Mapping[str, Any],
        audit: Mapping[str, Any],
        *,
        read_version: int | None = None,
        parent: tuple[str, str] | None = None,
        conflict_message: str,
    ) -> None:
        """A record and its audit entry in one transaction: a new record (it must not exist yet, and its `parent`
        must), or the record replacing exactly the version that was read."""
        transaction = Transaction()
        if parent is not None:
            transaction.check(*parent, condition="attribute_exists(PK)")
        if read_version is None:
            transaction.put(item, condition="attribute_not_exists(PK)")
        else:
            transaction.put(item, condition="version = :read", values={":read": read_version})
        transaction.put(audit)
        self.transact(transaction, conflict_message=conflict_message)

    def query(
        self,
        *,
        pk: str,
        index: str | None = None,
        sk_prefix: str | None = None,
        sk_between: tuple[str, str] | None = None,
        ascending: bool = True,
        limit: int = 50,
        cursor: str | None = None,
        filter_expression: str | None = None,
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
        consistent: bool = False,
    ) -> Page:
        """One page of a single-partition query. `cursor` must come from the same partition."""
        pk_name, sk_name = ("PK", "SK") if index is None else (f"{index}PK", f"{index}SK")
        condition = "#pk = :pk"
        expression_names = {"#pk": pk_name, **(names or {})}
        expression_values: dict[str, Any] = {":pk": pk, **(values or {})}
        if sk_prefix is not None:
            condition += " AND begins_with(#sk, :skp)"
            expression_names["#sk"] = sk_name
            expression_values[":skp"] = sk_prefix
        elif sk_between is not None:
            condition += " AND #sk BETWEEN :sk1 AND :sk2"
            expression_names["#sk"] = sk_name
            expression_values[":sk1"], expression_values[":sk2"] = sk_between
        request: dict[str, Any] = {
            "TableName": self.name,
            "KeyConditionExpression": condition,
            "Limit": limit,
            "ScanIndexForward": ascending,
            "ExpressionAttributeNames": expression_names,
            "ExpressionAttributeValues": serialize(expression_values),
        }
        if index is not None:
            request["IndexName"] = index
        elif consistent:
            request["ConsistentRead"] = True
        if filter_expression:
            request["FilterExpression"] = filter_expression
        if cursor:
            request["ExclusiveStartKey"] = decode_cursor(cursor, partition=pk, pk_name=pk_name)
        with _mapped_errors("The list"):
            response = self.client.query(**request)
        last = response.get("LastEvaluatedKey")
        return Page(
            items=[deserialize(raw) for raw in response.get("Items", [])],
            cursor=encode_cursor(last) if last else None,
            items_read=response.get("ScannedCount", 0),
        )

    def query_all(
        self, *, pk: str, index: str | None = None, sk_prefix: str | None = None, page_size: int = 500
    ) -> list[Item]:
        """Every item of one (small, bounded) item collection, e.g. one customer's change history."""
        items: list[Item] = []
        cursor: str | None = None
        while True:
            page = self.query(pk=pk, index=index, sk_prefix=sk_prefix, limit=page_size, cursor=cursor)
            items.extend(page.items)
            if page.cursor is None:
                return items
            cursor = page.cursor


def cursor_after(item: Mapping[str, Any], *, index: str | None = None) -> str:
    """A cursor that continues a query right after `item` (for pages cut short by in-memory filtering)."""
    names = ["PK", "SK"] + ([f"{index}PK", f"{index}SK"] if index else [])
    return encode_cursor(serialize({name: item[name] for name in names}))


def encode_cursor(last_evaluated_key: Mapping[str, Any]) -> str:
    plain = {name: _deserializer.deserialize(value) for name, value in last_evaluated_key.items()}
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, *, partition: str, pk_name: str) -> dict[str, Any]:
    invalid = ValidationFailed("The page cursor is not valid for this list", code="invalid_cursor")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        plain = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise invalid from error
    if not isinstance(plain, dict) or plain.get(pk_name) != partition:
        raise invalid
    if not all(isinstance(value, str) for value in plain.values()):
        raise invalid
    return serialize(plain)


class _mapped_errors:  # noqa: N801 - used as a context manager, reads like a statement
    def __init__(self, conflict_message: str):
        self.conflict_message = conflict_message

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if not isinstance(exc, ClientError):
            return
        code = exc.response.get("Error", {}).get("Code", "")
        if code == "ConditionalCheckFailedException":
            raise Conflict(self.conflict_message) from exc
        if code == "TransactionCanceledException":
            reasons = [reason.get("Code") for reason in exc.response.get("CancellationReasons", [])]
            if "ConditionalCheckFailed" in reasons:
                raise Conflict(self.conflict_message, details=_cancellation_details(reasons)) from exc
            raise Conflict("The change collided with another change; try again", code="transaction_conflict") from exc
        if code in {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"}:
            raise TooManyRequests("The service is busy; try again shortly") from exc


def _cancellation_details(reasons: Iterable[str | None]) -> list[dict[str, Any]]:
    return [
        {"operation": index, "reason": reason} for index, reason in enumerate(reasons) if reason not in {None, "None"}
    ]


def item_of(record: BaseModel, *, pk: str, sk: str, kind: str, **extra: Any) -> Item:
    """A stored item: the record in its JSON form (ISO times, plain values) under its keys."""
    return {"PK": pk, "SK": sk, "type": kind, **record.model_dump(mode="json"), **extra}


def model_of(model: type[M], item: Mapping[str, Any]) -> M:
    """The record back from an item; keys, index attributes and other storage details are left behind."""
    return model.model_validate(
        {name: value for name, value in item.items() if name in model.model_fields and value is not None}
    )


def audit_item(
    *,
    partition: str,
    actor: str,
    action: str,
    at: datetime,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    subject: str | None = None,
) -> Item:
    """One entry of a change history, written in the same transaction as the change it records."""
    entry_id = new_id()
    return {
        "PK": partition,
        "SK": key("AUDIT", entry_id),
        "type": "audit",
        "entry_id": entry_id,
        "actor": actor,
        "action": action,
        "at": iso(at),
        "before": dict(before) if before else None,
        "after": dict(after) if after else None,
        "subject": subject,
    }
