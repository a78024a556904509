"""`make bench`, reports (REP-1, DEP-2): a deposit report of 100 000 rows made by the report worker in a fresh process
against the embedded backend — its time, its peak memory (RSS; the target is under 150 MB, as the rows stream from
DynamoDB pages into S3 parts), its DynamoDB and S3 requests — and the deposit history search's items read per row
returned, on the same 100 000 rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from infrastructure.local.template import ROOT
from portal import histories
from portal.deposits.models import DepositRow, DepositStatus
from portal.money import Currency
from portal.store import Table
from tests.support import ApiClient

ROWS = int(os.environ.get("BENCH_REPORT_ROWS", "100000"))
TARGET_MB = 150

# Runs in a fresh process, as the worker function does: its memory is the worker's alone.
WORKER = """
import json, re, sys, time
from portal.store import dynamodb_client
counts = {"dynamodb": 0, "s3": 0}
def counted(service):
    def count(**_):
        counts[service] += 1
    return count
dynamodb_client().meta.events.register("after-call.dynamodb", counted("dynamodb"))
from portal import storage as s3
s3._client().meta.events.register("after-call.s3", counted("s3"))
from portal.wiring import report_service
started = time.perf_counter()
report = report_service().generate(sys.argv[1], sys.argv[2])
print(json.dumps({
    "seconds": time.perf_counter() - started,
    # VmHWM: this program's own peak (ru_maxrss would carry the forking parent's over exec).
    "peak_rss_mb": int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) / 1024,
    "rows": report.rows, "size": report.size, "status": report.status,
    "dynamodb_requests": counts["dynamodb"], "s3_requests": counts["s3"],
}))
"""


def fill_history(customer_id: str, rows: int) -> None:
    """Rows of the customer's deposit history (the partition a report without filters reads), spread over the 13
    months a report covers, written in batches as the history's own items."""
    table = Table()
    today = date.today()
    at = datetime.now(UTC)
    batch: list[dict[str, Any]] = []
    for index in range(rows):
        deposit_id = f"01BENCH{index:019d}"
        on = today - timedelta(days=index % histories.REPORT_DAYS)
        row = DepositRow(
            deposit_id=deposit_id,
            customer_id=customer_id,
            bag_number=f"{900000000000 + index}",
            deposit_date=on,
            department_name="Butikk" if index % 3 else None,
            status=DepositStatus.COUNTED if index % 2 else DepositStatus.REGISTERED,
            currency=Currency.NOK,
            total=150_000 + index,
            counted=150_000 + index - 100 if index % 2 else None,
            difference=-100 if index % 2 else None,
            registered_at=at,
            registered_by_name="Ola Hansen",
        )
        for item in histories.index_items("DEPOSIT", customer_id, deposit_id, on, {}, row.model_dump(mode="json")):
            batch.append(item)
        if len(batch) >= 1000:
            table.batch_put(batch)
            batch.clear()
    table.batch_put(batch)


def report_figures(api: ApiClient, counter: Any, customer_id: str, registrar: str) -> None:
    started = time.perf_counter()
    fill_history(customer_id, ROWS)
    print(f"deposit history: {ROWS} rows written in {time.perf_counter() - started:.1f} s")
    counter.reset()
    search = api.get(f"/customers/{customer_id}/deposit-history", token=registrar, query={"limit": 25})
    assert search.status == 200, search.body
    returned = len(search.body["items"])
    api_requests, api_items = counter.requests, counter.items_read
    # The search's own Query, apart from the point reads every API request makes (session, user, customer).
    page = Table().query(
        pk=histories.partition("DEPOSIT", customer_id, {}),
        sk_between=histories.sort_key_range(date.today() - timedelta(days=29), date.today()),
        ascending=False,
        limit=25,
        principal="bench",
    )
    print(
        f"deposit history search (25 of the last 30 days): {api_requests} DynamoDB requests per API request "
        f"({api_items} items read in all), its Query {page.items_read}/{len(page.items)} = "
        f"{page.items_read / len(page.items):.2f} items read per row returned ({returned} rows)"
    )
    asked = api.post(
        f"/customers/{customer_id}/reports",
        token=registrar,
        body={"format": "xml", "filters": {"date_from": (date.today() - timedelta(days=396)).isoformat()}},
    )
    assert asked.status == 202, asked.body
    environment = {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'layers' / 'portal'}", "POWERTOOLS_LOG_LEVEL": "ERROR"}
    output = subprocess.check_output(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", WORKER, customer_id, asked.body["report_id"]], env=environment, cwd=ROOT, text=True
    )
    figures = json.loads(output.strip().splitlines()[-1])
    verdict = "within" if figures["peak_rss_mb"] < TARGET_MB else "OVER"
    print(
        f"XML report of {figures['rows']} rows ({figures['size'] / 1e6:.1f} MB): {figures['seconds']:.1f} s, "
        f"peak RSS {figures['peak_rss_mb']:.0f} MB ({verdict} the {TARGET_MB} MB target), "
        f"{figures['dynamodb_requests']} DynamoDB requests, {figures['s3_requests']} S3 requests\n"
    )
