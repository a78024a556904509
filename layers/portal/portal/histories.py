"""History searches (ORD-4, DEP-2, REP-1): a customer's records by date, narrowed by any combination of their facets
(a deposit's status and department; an order's status, department and product group).

Each record is listed in one index partition per combination of its facets, under its date: a search reads the one
partition its filters name, between its dates, so every item read is an item returned. A record's change moves it
between partitions in the change's own transaction (`write`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from itertools import combinations
from typing import Any

from portal.errors import ValidationFailed, field_problem
from portal.store import Item, M, Table, Transaction, key, model_of

# An interactive search covers at most 92 days (seed 000); a report, 13 months.
SEARCH_DAYS = 92
REPORT_DAYS = 397
HISTORY = "HIST"


def partition(kind: str, customer_id: str, chosen: Mapping[str, str | None]) -> str:
    """The partition of one combination of facet values, e.g. HIST#DEPOSIT#<customer>#department=…#status=…; a
    facet without a value (a search that does not filter by it) is left out."""
    named = sorted((name, value) for name, value in chosen.items() if value)
    return key(HISTORY, kind, customer_id, *(f"{name}={value}" for name, value in named))


def index_items(
    kind: str, customer_id: str, record_id: str, on: date, facets: Mapping[str, str | None], row: Mapping[str, Any]
) -> list[Item]:
    """The record's row in every partition a search may read it from: one per subset of its facets."""
    present = sorted((name, value) for name, value in facets.items() if value)
    sort_key = key(on.isoformat(), record_id)
    return [
        {"PK": partition(kind, customer_id, dict(chosen)), "SK": sort_key, "type": "history_row", **row}
        for size in range(len(present) + 1)
        for chosen in combinations(present, size)
    ]


def write(transaction: Transaction, before: list[Item], after: list[Item]) -> None:
    """A record's rows in its change's transaction: the rows it leaves deleted, every other rewritten (each shows
    the record's new state). `before` is empty for a new record."""
    kept = {(item["PK"], item["SK"]) for item in after}
    for item in before:
        if (item["PK"], item["SK"]) not in kept:
            transaction.delete(item["PK"], item["SK"])
    for item in after:
        transaction.put(item)


def date_range(
    start: date | None, end: date | None, *, today: date, longest: int, reports: bool = True
) -> tuple[date, date]:
    """The dates a search covers: by default the last 30 days; never longer than `longest` days, which is refused
    with the longest allowed (and, for an interactive search whose list has reports, the way to a report)."""
    end = end or today
    start = start or end - timedelta(days=29)
    if start > end:
        raise ValidationFailed(
            "The start date is after the end date",
            code="invalid_date_range",
            details=[field_problem("date_from", "invalid_date_range", "The start date is after the end date")],
        )
    days = (end - start).days + 1
    if days > longest:
        if longest != SEARCH_DAYS:
            message = f"A report covers at most {longest} days; this one covers {days}."
        elif reports:
            message = (
                f"A search covers at most {longest} days; this one covers {days}. "
                "Generate a report for a longer period (up to 13 months)."
            )
        else:
            message = f"A search covers at most {longest} days; this one covers {days}."
        raise ValidationFailed(
            message,
            code="date_range_too_long",
            details=[field_problem("date_from", "date_range_too_long", message, max_days=longest, days=days)],
        )
    return start, end


def sort_key_range(start: date, end: date) -> tuple[str, str]:
    """The sort keys of rows dated from `start` to `end`, both included (ids sort below "~")."""
    return key(start.isoformat(), ""), key(end.isoformat(), "~")


def page(
    table: Table,
    model: type[M],
    *,
    pk: str,
    dates: tuple[date, date],
    principal: str,
    limit: int,
    cursor: str | None,
) -> tuple[list[M], str | None]:
    """One page of a history partition's rows within `dates`, newest first (a search)."""
    found = table.query(
        pk=pk, sk_between=sort_key_range(*dates), ascending=False, limit=limit, cursor=cursor, principal=principal
    )
    return [model_of(model, item) for item in found.items], found.cursor


def each_row(table: Table, model: type[M], *, pk: str, dates: tuple[date, date]) -> Iterator[M]:
    """Every row of a history partition within `dates`, oldest first, read a page at a time (a report)."""
    for items in table.each(pk=pk, sk_between=sort_key_range(*dates)):
        yield from (model_of(model, item) for item in items)
