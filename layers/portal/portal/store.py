"""Single-table access: the only module that talks to DynamoDB.

Every repository goes through `Table`. It keeps items as plain dicts, maps `ClientError` codes to domain errors,
and hands out opaque, signed pagination cursors that can only continue the query, for the principal, they came
from (see `Cursors`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from portal.clock import Clock, iso, new_id, now
from portal.environment import table_name
from portal.errors import BadRequest, Conflict, TooManyRequests, ValidationFailed

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from pydantic import BaseModel

Item = dict[str, Any]
M = TypeVar("M", bound="BaseModel")

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


def _no_cursor(item: Mapping[str, Any]) -> str:  # pragma: no cover - a page always carries its own
    raise NotImplementedError


@dataclass(frozen=True)
class Page:
    items: list[Item]
    cursor: str | None
    items_read: int = 0
    # A cursor that continues the same query right after one of its items (for pages cut short in memory).
    cursor_after: Callable[[Mapping[str, Any]], str] = field(default=_no_cursor, repr=False, compare=False)


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

    def __init__(self, name: str | None = None, client: DynamoDBClient | None = None, cursors: Cursors | None = None):
        self.name = name or table_name()
        self._client = client
        self._cursors = cursors

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
        for attempt in range(TRANSACTION_TRIES):
            try:
                with _mapped_errors(conflict_message):
                    self.client.transact_write_items(TransactItems=operations)  # type: ignore[arg-type]
                return
            except Conflict as conflict:
                # Met another transaction on an item (a shared counter): nothing was written, so it is tried again.
                if conflict.code != TRANSACTION_CONFLICT or attempt == TRANSACTION_TRIES - 1:
                    raise
                time.sleep(random.uniform(0, 0.025 * 2**attempt))  # noqa: S311 - jitter, not a secret

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
        principal: str,
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
        bind: Mapping[str, Any] | None = None,
    ) -> Page:
        """One page of a single-partition query, for `principal` (the username the page is read for).

        The page's cursor is signed together with this query's identity (table, index, partition, key condition,
        order, filter, and `bind`: filters applied in memory) and the principal, so it continues only this query
        for this principal; any other cursor is refused as `invalid_cursor`.
        """
        request = self._query_request(
            pk=pk,
            index=index,
            sk_prefix=sk_prefix,
            sk_between=sk_between,
            ascending=ascending,
            filter_expression=filter_expression,
            values=values,
            names=names,
            consistent=consistent,
        )
        request["Limit"] = limit
        scope = cursor_scope(request, principal=principal, bind=bind)
        key_names = _key_names(index)
        if cursor:
            request["ExclusiveStartKey"] = serialize(
                self.cursors.open(cursor, scope=scope, key_names=key_names, partition=(key_names[0], pk))
            )
        items, last, items_read = self._query_once(request)

        def cursor_after(item: Mapping[str, Any]) -> str:
            return self.cursors.seal({name: item[name] for name in key_names}, scope=scope)

        return Page(
            items=items,
            cursor=self.cursors.seal(last, scope=scope) if last else None,
            items_read=items_read,
            cursor_after=cursor_after,
        )

    def query_all(
        self,
        *,
        pk: str,
        index: str | None = None,
        sk_prefix: str | None = None,
        sk_between: tuple[str, str] | None = None,
        page_size: int = 500,
    ) -> list[Item]:
        """Every item of one (small, bounded) item collection, e.g. one customer's subsidiaries. Its pages are
        followed here, so no cursor leaves this method."""
        request = self._query_request(pk=pk, index=index, sk_prefix=sk_prefix, sk_between=sk_between)
        request["Limit"] = page_size
        found: list[Item] = []
        while True:
            items, last, _ = self._query_once(request)
            found.extend(items)
            if last is None:
                return found
            request["ExclusiveStartKey"] = serialize(last)

    def each(
        self, *, pk: str, sk_between: tuple[str, str] | None = None, ascending: bool = True, page_size: int = 1000
    ) -> Iterator[list[Item]]:
        """Every item of one partition (between two sort keys), a page at a time, for work that streams what it reads
        (reports): nothing is held but the page in hand, and no cursor leaves this method."""
        request = self._query_request(pk=pk, sk_between=sk_between, ascending=ascending)
        request["Limit"] = page_size
        while True:
            items, last, _ = self._query_once(request)
            yield items
            if last is None:
                return
            request["ExclusiveStartKey"] = serialize(last)

    @property
    def cursors(self) -> Cursors:
        if self._cursors is None:
            from portal.settings import get_settings

            settings = get_settings()
            self._cursors = Cursors(
                settings.cursor_signing_key.get_secret_value().encode(),
                max_age=timedelta(minutes=settings.cursor_max_age_minutes),
            )
        return self._cursors

    def _query_request(
        self,
        *,
        pk: str,
        index: str | None = None,
        sk_prefix: str | None = None,
        sk_between: tuple[str, str] | None = None,
        ascending: bool = True,
        filter_expression: str | None = None,
        values: Mapping[str, Any] | None = None,
        names: Mapping[str, str] | None = None,
        consistent: bool = False,
    ) -> dict[str, Any]:
        pk_name, sk_name = _key_names(index)[:2]
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
        return request

    def _query_once(self, request: dict[str, Any]) -> tuple[list[Item], Item | None, int]:
        with _mapped_errors("The list"):
            response = self.client.query(**request)
        last = response.get("LastEvaluatedKey")
        return (
            [deserialize(raw) for raw in response.get("Items", [])],
            deserialize(last) if last else None,
            response.get("ScannedCount", 0),
        )


def _key_names(index: str | None) -> tuple[str, ...]:
    """The attributes of a query's LastEvaluatedKey: the index's keys first, then the table's."""
    return ("PK", "SK") if index is None else (f"{index}PK", f"{index}SK", "PK", "SK")


def cursor_scope(request: Mapping[str, Any], *, principal: str, bind: Mapping[str, Any] | None = None) -> str:
    """What a cursor is bound to: the query (everything but its page size and start) and the principal."""
    identity = {name: value for name, value in request.items() if name not in {"Limit", "ExclusiveStartKey"}}
    return json.dumps(
        {"query": identity, "bind": bind or {}, "principal": principal},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )


class Cursors:
    """Opaque page cursors: the last evaluated key and when it was issued, signed with HMAC-SHA256 over both and
    the query's scope (see `cursor_scope`). A cursor that was changed, is older than `max_age`, was signed with
    another key (a rotated one), or belongs to another query or principal is refused with one answer,
    400 `invalid_cursor`, and never reaches DynamoDB."""

    MAX_LENGTH = 2000

    def __init__(self, key: bytes, *, max_age: timedelta, clock: Clock = now) -> None:
        if len(key) < MIN_CURSOR_KEY_BYTES:
            raise ValueError(f"The cursor signing key must have at least {MIN_CURSOR_KEY_BYTES} bytes")
        self._key = key
        self._max_age = max_age
        self._clock = clock

    def seal(self, last_key: Mapping[str, Any], *, scope: str) -> str:
        issued = int(self._clock().timestamp())
        payload = _b64(json.dumps({"k": dict(last_key), "t": issued}, separators=(",", ":"), default=str).encode())
        return f"{payload}.{_b64(self._mac(payload, scope))}"

    def seal_position(self, position: str, *, scope: str) -> str:
        """A cursor holding a position in a list merged from several queries (the last sort key it listed)."""
        return self.seal({"position": position}, scope=scope)

    def open_position(self, cursor: str, *, scope: str) -> str:
        return self.open(cursor, scope=scope, key_names=["position"], partition=None)["position"]

    def open(
        self, cursor: str, *, scope: str, key_names: Sequence[str], partition: tuple[str, str] | None
    ) -> dict[str, str]:
        """The last evaluated key a cursor carries, if this query issued it for this principal, recently."""
        payload, _, mac = cursor.partition(".")
        if len(cursor) > self.MAX_LENGTH or not payload or not mac:
            raise _invalid_cursor()
        try:
            signature_ok = hmac.compare_digest(_unb64(mac), self._mac(payload, scope))
            plain = json.loads(_unb64(payload)) if signature_ok else None
        except (ValueError, binascii.Error, UnicodeDecodeError) as error:
            raise _invalid_cursor() from error
        if not isinstance(plain, dict) or not isinstance(plain.get("t"), int) or not isinstance(plain.get("k"), dict):
            raise _invalid_cursor()
        last_key: dict[str, Any] = plain["k"]
        age = self._clock() - datetime.fromtimestamp(plain["t"], UTC)
        if not timedelta(minutes=-5) <= age <= self._max_age:
            raise _invalid_cursor()
        if set(last_key) != set(key_names) or not all(isinstance(value, str) for value in last_key.values()):
            raise _invalid_cursor()
        if partition is not None and last_key.get(partition[0]) != partition[1]:
            raise _invalid_cursor()
        return last_key

    def _mac(self, payload: str, scope: str) -> bytes:
        return hmac.new(self._key, f"v1\n{payload}\n{scope}".encode(), hashlib.sha256).digest()


MIN_CURSOR_KEY_BYTES = 32


def _invalid_cursor() -> BadRequest:
    return BadRequest(
        "The page cursor is not valid for this list (changed, expired, or made for another list or user); "
        "start again from the first page",
        code="invalid_cursor",
    )


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode("ascii"))


TRANSACTION_CONFLICT = "transaction_conflict"
TRANSACTION_TRIES = 3


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
            raise Conflict("The change collided with another change; try again", code=TRANSACTION_CONFLICT) from exc
        if code == "ValidationException" and "size" in str(exc).lower():  # a record past DynamoDB's 400 KB
            raise ValidationFailed("The record would be too large to keep", code="record_too_large") from exc
        if code in {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"}:
            raise TooManyRequests("The service is busy; try again shortly") from exc


def failed_conditions(conflict: Conflict) -> set[int]:
    """The positions, in its transaction, of the writes whose conditions refused it: which rule the change broke."""
    return {
        int(detail["operation"])
        for detail in conflict.details
        if detail.get("reason") == "ConditionalCheckFailed" and isinstance(detail.get("operation"), int)
    }


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
