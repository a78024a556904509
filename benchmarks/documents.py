"""`make bench`, group statistics (DOC-4): the statistics request for a group with many subsidiaries over 24 months
reads the month counters each document's steps keep — at most one item per subsidiary and month shown — and never
a document. Printed: DynamoDB requests, items read in all (the session, the group, its subsidiaries' links and
summaries included) and counter items read, per cell shown."""

from __future__ import annotations

import os
import uuid
from datetime import date
from typing import Any

from portal.customers.repository import customer_pk
from portal.store import Table, key
from tests.support import ApiClient

SUBSIDIARIES = int(os.environ.get("BENCH_SUBSIDIARIES", "30"))
MONTHS = 24


def _months(last: str, count: int) -> list[str]:
    year, month = int(last[:4]), int(last[5:7])
    found = []
    for _ in range(count):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return found[::-1]


def statistics_figures(api: ApiClient, counter: Any, admin: str) -> None:
    group = api.post(
        "/customers", token=admin, body={"name": "Statistikk Konsern AS", "number": str(uuid.uuid4().int)[:7]}
    )
    assert group.status == 201, group.body
    group_id = group.body["customer_id"]
    children = []
    for index in range(SUBSIDIARIES):
        body = {"name": f"Datter {index:02d} AS", "number": str(uuid.uuid4().int)[:7], "parent_id": group_id}
        child = api.post("/customers", token=admin, body=body)
        assert child.status == 201, child.body
        children.append(child.body["customer_id"])
    months = _months(date.today().isoformat()[:7], MONTHS)
    # Traffic in every other month of every subsidiary: a month without documents has no counter item to read.
    Table().batch_put(
        [
            {
                "PK": customer_pk(customer_id),
                "SK": key("DOCSTATS", month),
                "customer_id": customer_id,
                "month": month,
                "outgoing": 40 + index,
                "incoming": 12,
                "stopped": index % 3,
                "channel_peppol": 30,
                "channel_email": 10 + index,
            }
            for index, customer_id in enumerate(children)
            for month in months[index % 2 :: 2]
        ]
    )
    counter.reset()
    reply = api.get(
        f"/customers/{group_id}/document-statistics", token=admin, query={"from": months[0], "to": months[-1]}
    )
    assert reply.status == 200, reply.body
    cells = len(reply.body["customers"]) * len(reply.body["months"])
    counted = len(reply.body["figures"])
    print(f"{'group statistics':<32} {'DDB req/API req':>15} {'items read':>11} {'cells shown':>12} {'per cell':>9}")
    print(
        f"{f'{SUBSIDIARIES} subsidiaries x {MONTHS} months':<32} {counter.requests:>15} {counter.items_read:>11} "
        f"{cells:>12} {counter.items_read / cells:>9.3f}"
    )
    print(
        f"(counter items read: {counted}, {counted / cells:.3f} per cell; the rest is the session, the group and its "
        f"{SUBSIDIARIES} subsidiaries' links and summaries)\n"
    )
