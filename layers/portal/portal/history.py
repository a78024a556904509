"""Change history: what changed in a record, and the rule that a change must start from the version it read.

Every area records changes the same way: the changed fields, each with its value before and after, in an audit
item written in the same transaction as the change (`store.audit_item`). Pure rules: no storage here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel

from portal.errors import Conflict

HistoryValue = str | int | bool | None | dict[str, str | int | bool | None] | list[str]


class FieldChange(BaseModel):
    field: str
    before: HistoryValue = None
    after: HistoryValue = None


def require_version(current: int, read: int, what: str) -> None:
    """Optimistic locking: a change made from an old copy would silently undo someone else's change."""
    if read != current:
        raise Conflict(
            f"The {what} was changed by someone else meanwhile; reload and try again",
            code="version_mismatch",
            details=[{"current_version": current}],
        )


def changes_between(before: BaseModel, requested: Mapping[str, Any]) -> list[FieldChange]:
    """The requested fields whose value differs from the record's, in the record's JSON form."""
    current = before.model_dump(mode="json")
    wanted = type(before).model_validate({**current, **requested}).model_dump(mode="json")
    return [
        FieldChange(field=name, before=current.get(name), after=wanted.get(name))
        for name in requested
        if current.get(name) != wanted.get(name)
    ]


R = TypeVar("R", bound=BaseModel)


def next_version(before: R, requested: Mapping[str, Any], at: datetime) -> tuple[R, list[FieldChange]]:
    """The record after a change, validated, one version on, and what changed; the record itself if nothing did."""
    changes = changes_between(before, requested)
    if not changes:
        return before, []
    current: dict[str, Any] = before.model_dump()
    after = type(before).model_validate({**current, **requested, "version": current["version"] + 1, "updated_at": at})
    return after, changes


def before_and_after(changes: list[FieldChange]) -> tuple[dict[str, HistoryValue], dict[str, HistoryValue]]:
    """The two sides of an audit entry."""
    return ({change.field: change.before for change in changes}, {change.field: change.after for change in changes})


def recorded_changes(entry: Mapping[str, Any]) -> list[FieldChange]:
    """The changes an audit entry (as stored) records, field by field, in the order they were written."""
    before: Mapping[str, Any] = entry.get("before") or {}
    after: Mapping[str, Any] = entry.get("after") or {}
    fields = list(dict.fromkeys([*after.keys(), *before.keys()]))
    return [
        FieldChange(field=name, before=_jsonable(before.get(name)), after=_jsonable(after.get(name))) for name in fields
    ]


def stored_value(value: Any) -> Any:
    """DynamoDB returns numbers as Decimal: they come back as integers (custom field numbers, counts)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    return int(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {name: stored_value(inner) for name, inner in value.items()}
    if isinstance(value, list):
        return [str(inner) for inner in value]
    return stored_value(value)
