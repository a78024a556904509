"""Page cursors: signed over the last key, the query and the principal; anything else is refused (400). Transactions
that meet another one are tried again."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from portal.errors import BadRequest, Conflict
from portal.store import Cursors, Table, Transaction, _b64, _unb64, cursor_scope

KEY = b"k" * 32
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
QUERY = {"TableName": "t", "KeyConditionExpression": "#pk = :pk", "ExpressionAttributeValues": {":pk": {"S": "CUST#A"}}}
SCOPE = cursor_scope(QUERY, principal="anne")
LAST = {"PK": "CUST#A", "SK": "AUDIT#1"}
NAMES = ("PK", "SK")


def cursors(*, at: datetime = NOW, key: bytes = KEY) -> Cursors:
    return Cursors(key, max_age=timedelta(hours=24), clock=lambda: at)


def open_(cursor: str, *, scope: str = SCOPE, at: datetime = NOW, key: bytes = KEY) -> dict[str, str]:
    return cursors(at=at, key=key).open(cursor, scope=scope, key_names=NAMES, partition=("PK", "CUST#A"))


def test_a_cursor_continues_its_own_query_for_its_own_principal() -> None:
    cursor = cursors().seal(LAST, scope=SCOPE)
    assert open_(cursor) == LAST
    assert open_(cursor, at=NOW + timedelta(hours=23)) == LAST


@pytest.mark.parametrize(
    "scope",
    [
        cursor_scope(QUERY, principal="sven"),
        cursor_scope({**QUERY, "IndexName": "GSI1"}, principal="anne"),
        cursor_scope({**QUERY, "ScanIndexForward": False}, principal="anne"),
        cursor_scope(QUERY, principal="anne", bind={"terms": ["oslo"]}),
    ],
    ids=["another principal", "another index", "another order", "another in-memory filter"],
)
def test_a_cursor_of_another_query_or_principal_is_refused(scope: str) -> None:
    cursor = cursors().seal(LAST, scope=SCOPE)
    with pytest.raises(BadRequest) as refused:
        open_(cursor, scope=scope)
    assert refused.value.code == "invalid_cursor"


def test_the_page_size_is_not_part_of_the_query() -> None:
    assert cursor_scope({**QUERY, "Limit": 10}, principal="anne") == cursor_scope(
        {**QUERY, "Limit": 99}, principal="anne"
    )


def test_a_stale_cursor_and_one_signed_with_another_key_are_refused() -> None:
    cursor = cursors().seal(LAST, scope=SCOPE)
    with pytest.raises(BadRequest):
        open_(cursor, at=NOW + timedelta(hours=25))
    with pytest.raises(BadRequest):
        open_(cursor, key=b"r" * 32)  # the key was rotated


def test_a_tampered_cursor_is_refused_even_with_a_consistent_payload() -> None:
    # Given a cursor whose payload is rewritten to start elsewhere in the same partition
    cursor = cursors().seal(LAST, scope=SCOPE)
    payload, _, mac = cursor.partition(".")
    changed = json.loads(_unb64(payload))
    changed["k"]["SK"] = "AUDIT#0"
    forged = f"{_b64(json.dumps(changed).encode())}.{mac}"
    # Then the signature no longer matches
    with pytest.raises(BadRequest):
        open_(forged)


@pytest.mark.parametrize(
    "cursor", ["", ".", "abc", "abc.def", "not base64 at all!.x", "eyJQSyI6IkNVU1QjMSJ9", "a" * 3000 + ".b"]
)
def test_garbage_cursors_are_refused(cursor: str) -> None:
    with pytest.raises(BadRequest):
        open_(cursor)


def test_a_short_signing_key_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 32"):
        Cursors(b"short", max_age=timedelta(hours=1))


class CollidingClient:
    """A DynamoDB client whose first `collisions` transactions meet another one on an item, as a shared counter may."""

    def __init__(self, collisions: int, reason: str = "TransactionConflict") -> None:
        self.collisions, self.reason, self.calls = collisions, reason, 0

    def transact_write_items(self, **request: Any) -> dict[str, Any]:
        self.calls += 1
        if self.calls <= self.collisions:
            response: Any = {
                "Error": {"Code": "TransactionCanceledException", "Message": "cancelled"},
                "CancellationReasons": [{"Code": "None"}, {"Code": self.reason}],
            }
            raise ClientError(response, "TransactWriteItems")
        return {}


def one_write() -> Transaction:
    transaction = Transaction()
    transaction.put({"PK": "A", "SK": "B"})
    return transaction


def test_a_transaction_that_met_another_is_tried_again_and_a_failed_condition_is_not() -> None:
    retried = CollidingClient(collisions=2)
    Table("t", client=retried).transact(one_write())  # type: ignore[arg-type]
    assert retried.calls == 3
    lasting = CollidingClient(collisions=5)
    with pytest.raises(Conflict) as collided:
        Table("t", client=lasting).transact(one_write())  # type: ignore[arg-type]
    assert (collided.value.code, lasting.calls) == ("transaction_conflict", 3)
    refused = CollidingClient(collisions=1, reason="ConditionalCheckFailed")
    with pytest.raises(Conflict) as failed:
        Table("t", client=refused).transact(one_write(), conflict_message="Changed meanwhile")  # type: ignore[arg-type]
    assert (failed.value.code, failed.value.message, refused.calls) == ("conflict", "Changed meanwhile", 1)
