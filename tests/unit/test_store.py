import pytest

from portal.errors import ValidationFailed
from portal.store import cursor_after, decode_cursor


def test_a_cursor_continues_only_its_own_partition() -> None:
    cursor = cursor_after({"PK": "CUST#A", "SK": "AUDIT#1", "other": "x"})
    assert decode_cursor(cursor, partition="CUST#A", pk_name="PK") == {"PK": {"S": "CUST#A"}, "SK": {"S": "AUDIT#1"}}
    with pytest.raises(ValidationFailed):
        decode_cursor(cursor, partition="CUST#B", pk_name="PK")


@pytest.mark.parametrize("cursor", ["", "not base64 at all!", "bnVsbA", "W10"])
def test_garbage_cursors_are_refused(cursor: str) -> None:
    with pytest.raises(ValidationFailed):
        decode_cursor(cursor, partition="CUST#A", pk_name="PK")
